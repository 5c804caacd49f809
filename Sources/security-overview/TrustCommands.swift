import ArgumentParser
import Foundation
import OverviewCore

/// `render --format`: a page format, or the trust file.
enum RenderFormat: String, ExpressibleByArgument {
    case markdown, hugo, jekyll, html, json
    case htmlFragment = "html-fragment"

    /// The page format, or nil for the trust file.
    var page: PageFormat? { PageFormat(rawValue: rawValue) }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say what the outputs claim now that they did not, and what they no longer claim.",
        discussion: """
        Compares two answers files (OLD NEW), or with --since REV the answers \
        file as committed at a git revision with the file as it is now. Exit \
        status: 0 when the claims are the same, 1 when something changed, 2 on \
        an error (as diff(1) does), so CI can ask for a note when claims change.
        """)

    @Option(help: ArgumentHelp("Compare with the answers file as committed at this git revision.", valueName: "rev"))
    var since: String?

    @Argument(help: ArgumentHelp("OLD NEW, or with --since only the answers file (default: security-overview.yml).", valueName: "file"))
    var files: [String] = []

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        var changed = false
        do {
            try reporting {
                let catalog = try catalog.load()
                let old: Answers, new: Answers
                if let since {
                    guard files.count <= 1 else { throw Failure(lines: ["diff --since takes one answers file, not \(files.count)"]) }
                    let path = files.first ?? "security-overview.yml"
                    new = try AnswersFile.load(path, catalog: catalog)
                    let committed = try GitRevision.file(path, at: since)
                    old = try AnswersFile.parse(committed, file: "\(since):\(path)", catalog: catalog)
                } else {
                    guard files.count == 2 else {
                        throw Failure(lines: ["diff needs two answers files (OLD NEW), or --since REV and one file; got \(files.count)"])
                    }
                    old = try AnswersFile.load(files[0], catalog: catalog)
                    new = try AnswersFile.load(files[1], catalog: catalog)
                }
                let changes = ChangeList(from: old, to: new, catalog: catalog)
                try Console.out(TerminalSafe.sanitize(changes.text, allowNewlines: true))
                changed = !changes.isEmpty
            }
        } catch let exit as ExitCode where exit.rawValue == 1 {
            throw ExitCode(2)
        }
        if changed { throw ExitCode(1) }
    }
}

/// A file as committed at a git revision, read with `git show` in the file's folder.
enum GitRevision {
    static func file(_ path: String, at revision: String) throws -> String {
        guard !revision.hasPrefix("-") else { throw Failure(lines: ["--since '\(revision)' is not a git revision"]) }
        let folder = FileStore.folder(of: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let git = run(["git", "-C", folder.isEmpty ? "." : folder, "rev-parse", "--is-inside-work-tree"])
        guard git.status == 0 else {
            if git.status == 127 { throw Failure(lines: ["diff --since needs git, and git is not installed"]) }
            throw Failure(lines: ["\(path): not in a git repository (diff --since reads the file as committed in one)"])
        }
        let show = run(["git", "-C", folder.isEmpty ? "." : folder, "show", "\(revision):./\(name)"])
        guard show.status == 0 else {
            let why = show.stderr.split(separator: "\n").first.map(String.init) ?? "git show failed"
            throw Failure(lines: [TerminalSafe.oneLine("\(path): cannot read it at revision '\(revision)': \(why)")])
        }
        return show.stdout
    }

    static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        // Files, not pipes: nothing to pump on other threads while git runs.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("security-overview-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
            try Data().write(to: out)
            try Data().write(to: err)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self),
                    String(decoding: try Data(contentsOf: err), as: UTF8.self))
        } catch {
            return (127, "", "\(error)")
        }
    }
}
