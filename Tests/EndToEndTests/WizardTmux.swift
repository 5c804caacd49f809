import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One tmux server on a private socket running the wizard: a real terminal the
/// tests type into and read from. Always `kill()` it (use `defer`).
final class TmuxWizard {
    /// tmux tests run when tmux is installed, and always in CI (where a missing
    /// tmux must fail, not skip).
    static var enabled: Bool { Run.onPath("tmux") || ProcessInfo.processInfo.environment["CI"] == "true" }

    let socket = "so-wizard-\(UUID().uuidString.prefix(8))"
    let folder: String

    /// Starts `security-overview` with `arguments` in `folder`, in a `width`x`height` window.
    /// `environment` is set (or, with an empty value, unset) for the program.
    init(in folder: String, arguments: [String] = [], width: Int = 80, height: Int = 24,
         environment: [String: String] = [:]) throws {
        self.folder = folder
        do {
            try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-c", folder,
                      commandLine(arguments, environment),
                      ";", "set-option", "-g", "remain-on-exit", "on"])
        } catch {
            kill()  // a half-started server must not outlive the test either
            throw error
        }
    }

    /// Where the shell in the pane writes the program's exit status (tmux's own
    /// `pane_dead_status` sometimes stays empty).
    var statusFile: String { (folder as NSString).appendingPathComponent(".wizard-exit-status") }

    /// `env ... security-overview ARGS; echo $? > status file`, for tmux's shell.
    func commandLine(_ arguments: [String], _ environment: [String: String]) -> String {
        unlink(statusFile)
        return Self.programLine(arguments, environment) + "; echo $? > " + Self.quote(statusFile)
    }

    static func programLine(_ arguments: [String], _ environment: [String: String]) -> String {
        // The wizard's cache of checked sections goes to a folder of the tests', not the user's ~/.cache.
        let cache = (NSTemporaryDirectory() as NSString).appendingPathComponent("security-overview-test-cache")
        var env = ["LANG": "C.UTF-8", "LC_ALL": "", "XDG_CACHE_HOME": cache].merging(environment) { $1 }
        let unset = env.filter { $0.value.isEmpty }.map(\.key).sorted()
        env = env.filter { !$0.value.isEmpty }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(quote($0.value))" }
        return (["env"] + unset.map { "-u \($0)" } + assignments + [quote(Run.binary)] + arguments.map(quote))
            .joined(separator: " ")
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> RunResult {
        let result = try Run.command("tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
        if result.status != 0 {
            throw WizardTestFailure("tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result
    }

    /// Named keys (`Down`, `Enter`, `Space`, `Escape`, `BTab`, `C-s`) sent as typed.
    func keys(_ names: String...) throws { try tmux(["send-keys"] + names) }

    /// Text sent literally, as if typed or pasted.
    func type(_ text: String) throws { try tmux(["send-keys", "-l", text]) }

    /// Text pasted as a terminal pastes it: inside bracketed-paste marks when
    /// the program asked for them (tmux's `paste-buffer -p`).
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "--", text])
        try tmux(["paste-buffer", "-p", "-d"])
    }

    /// The screen as text.
    func screen() throws -> String { try tmux(["capture-pane", "-p"]).stdout }

    /// The screen with the lines scrolled off above it (what a program printed
    /// after leaving the full screen may have scrolled up).
    func output() throws -> String { try tmux(["capture-pane", "-p", "-J", "-S", "-"]).stdout }

    /// Waits until the screen (or, with `history`, what scrolled off it too)
    /// shows `text`: polling, never a fixed sleep. The screen returned is a
    /// settled one: ncurses writes a frame in many small writes, and tmux can
    /// be captured between two of them, with a label of the new frame drawn
    /// and the answer beside it not yet. So once `text` shows, the screen is
    /// captured again until two captures 30 ms apart agree (for at most a
    /// second), and the last capture that still shows `text` is returned.
    @discardableResult
    func waitFor(_ text: String, history: Bool = false, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try history ? output() : screen()
            if last.contains(text) { return try settled(last, showing: text, history: history) }
            usleep(50_000)
        }
        throw WizardTestFailure("timed out waiting for \"\(text)\"; the screen was:\n\(last)")
    }

    /// `shown` captured again until two captures agree, for at most a second.
    private func settled(_ shown: String, showing text: String, history: Bool) throws -> String {
        var previous = shown
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline {
            usleep(30_000)
            let now = try history ? output() : screen()
            guard now.contains(text) else { return previous }
            if now == previous { return now }
            previous = now
        }
        return previous
    }

    /// Waits until `condition` holds for something outside the screen (a file).
    func waitUntil(_ what: String, timeout: Double = 20, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return }
            usleep(50_000)
        }
        throw WizardTestFailure("timed out waiting for \(what); the screen was:\n\((try? screen()) ?? "")")
    }

    /// The process id of the program: the child of the pane's shell.
    func pid(timeout: Double = 20) throws -> pid_t {
        let shell = try tmux(["display-message", "-p", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            if let first = children.split(separator: " ").first, let pid = pid_t(first) { return pid }
            usleep(50_000)
        }
        throw WizardTestFailure("no program running in the pane")
    }

    /// The program's exit status once it has ended (128 + N for signal N).
    func exitStatus(timeout: Double = 20) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(50_000)
        }
        throw WizardTestFailure("the wizard did not exit; the screen was:\n\((try? screen()) ?? "")")
    }

    /// Runs the program again in the same pane (after it exited).
    func restart(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        try tmux(["respawn-pane", "-k", "-c", folder, commandLine(arguments, environment)])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// Ends the server and removes its socket file (tmux leaves it behind).
    func kill() {
        _ = try? Run.command("tmux", ["-L", socket, "-f", "/dev/null", "kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }
}

struct WizardTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
