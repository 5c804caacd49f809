import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left behind.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Running programs from tests.
///
/// `Foundation.Process` passes on the blocked signal mask of Swift Testing's
/// worker thread, and a child such as tmux then hangs for good. We spawn with
/// `posix_spawn`, an empty signal mask and default signal handlers instead.
enum Run {
    /// The folder holding the built products (`security-overview` among them):
    /// the one this test binary was built into.
    static let productsDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("security-overview").path) {
                return url
            }
        }
        return URL(fileURLWithPath: ".build/debug")
    }()

    /// The binary under test: the one built beside this test binary, or the one
    /// `SECURITY_OVERVIEW_BINARY` names (CI runs these tests once more against
    /// the static release build that the README installs).
    static var binary: String {
        if let other = ProcessInfo.processInfo.environment["SECURITY_OVERVIEW_BINARY"], !other.isEmpty { return other }
        return productsDirectory.appendingPathComponent("security-overview").path
    }

    /// Runs `executable` with `arguments` to completion and collects its output.
    /// `stdin` is /dev/null unless `input` is given; standard output goes to the
    /// file `stdout` names instead of being collected, when given.
    @discardableResult
    static func command(_ executable: String, _ arguments: [String], input: String? = nil,
                        stdout: String? = nil, environment: [String: String]? = nil) throws -> RunResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path
        let errPath = folder.appendingPathComponent("err").path
        let inPath = folder.appendingPathComponent("in").path
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var given = environment ?? ProcessInfo.processInfo.environment
        // The wizard's cache of checked sections: the tests' folder, not the user's ~/.cache.
        if given["XDG_CACHE_HOME"] == nil {
            given["XDG_CACHE_HOME"] = (NSTemporaryDirectory() as NSString).appendingPathComponent("security-overview-test-cache")
        }
        let env = given.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw NSError(domain: "Run", code: Int(spawned),
                          userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable): \(String(cString: strerror(spawned)))"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return RunResult(status: exitStatus, stdout: out, stderr: err)
    }

    /// Runs the built `security-overview` with `arguments`.
    @discardableResult
    /// `in`: the folder to run it in (through `sh -c 'cd ... && exec ...'`).
    static func tool(_ arguments: [String], input: String? = nil, stdout: String? = nil,
                     in directory: String? = nil) throws -> RunResult {
        guard let directory else { return try command(binary, arguments, input: input, stdout: stdout) }
        return try command("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory, binary] + arguments,
                           input: input, stdout: stdout)
    }

    /// Whether `name` is on the PATH.
    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}

/// A fresh temporary folder for one test, removed by `remove()`.
struct Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("so-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
