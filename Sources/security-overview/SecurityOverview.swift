import ArgumentParser
import CSystem
import Foundation
import OverviewCore

@main
struct SecurityOverview: ParsableCommand {
    /// The version `--version` prints; also part of the sections cache's key.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "security-overview",
        abstract: "Write and maintain your company's public Security Overview page.",
        discussion: """
        Keeps your answers in an answers file (security-overview.yml, reviewed in \
        git) and generates the page and security.txt from it.
        """,
        version: SecurityOverview.version,
        subcommands: [WizardCommand.self, RenderCommand.self, ExportCommand.self, SecurityTxtCommand.self, SectionsCommand.self, CheckCommand.self, DiffCommand.self],
        defaultSubcommand: WizardCommand.self
    )

    static func main() {
        // The allocator grows its heaps 8 MiB at a time, not a page at a
        // time: a thread's arena asked the kernel to widen it (mprotect) for
        // every page it grew by, and a thousand sections read back on two
        // threads made over a thousand such calls, each one waiting on the
        // lock that page faults take too. Pages are only backed once used.
        _ = csystem_set_top_pad(8 << 20)
        // A bare `security-overview` (a first run, or a revision of the answers
        // file in this folder), or one with nothing but the wizard's own
        // options (`--answers FILE`, a security lead's revise), opens the wizard
        // without ArgumentParser reflecting over every command: that was half
        // of the instructions before the wizard's first frame. Anything else
        // goes through the parser.
        guard let launch = WizardLaunch(plainArguments: CommandLine.arguments.dropFirst()) else {
            return runParsing(Array(CommandLine.arguments.dropFirst()))
        }
        do {
            try launch.run()
        } catch {
            finish(error)
        }
    }

    /// ArgumentParser's `main`, except for how it ends: see `finish`.
    static func runParsing(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            finish(error)
        }
        Foundation.exit(0)
    }

    /// Ends the process for `error` as ArgumentParser would, but with every
    /// message made safe for a terminal (an argument can hold escape
    /// sequences, and the parser echoes it), and with help and the version
    /// written with `write(2)`: when standard output cannot take them (a full
    /// disk), that is an error and the exit status says so.
    static func finish(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in TerminalSafe.oneLine(String(line)) }
            .joined(separator: "\n")
        if code == .success {
            if !message.isEmpty {
                do { try Console.out(message + "\n") } catch {
                    Console.err("error: \(error)\n")
                    Foundation.exit(1)
                }
            }
        } else if !message.isEmpty {
            Console.err(message + "\n")
        }
        Foundation.exit(code.rawValue)
    }
}

/// Options every command that reads the catalog takes.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("sections"), help: ArgumentHelp(
        "A folder of your own section files (*.md) to add to the built-in catalog.", valueName: "dir"))
    var directory: String?

    func load() throws -> Catalog {
        try Self.load(directory)
    }

    /// `cache`: where custom sections that passed every check are kept (the wizard's start).
    static func load(_ directory: String?, cache: SectionsCache? = nil) throws -> Catalog {
        do throws(InputErrors) {
            return try Catalog.loadReporting(customDirectory: directory, cache: cache)
        } catch { throw Failure(error.errors) }
    }

    /// The catalog, and the answers file at `path` checked against it.
    func load(answers path: String) throws -> (Catalog, Answers) {
        let (catalog, text) = try load(answersText: path)
        return (catalog, try AnswersFile.parse(text, file: path, catalog: catalog))
    }

    /// The catalog for the answers file at `path` (its `custom_sections`
    /// folder unless `--sections` names one), and the file's text.
    func load(answersText path: String) throws -> (Catalog, String) {
        let text: String
        do throws(InputError) { text = try FileStore.read(path) } catch { throw Failure([error]) }
        return (try Self.load(directory ?? AnswersFile.customSections(in: text, file: path)), text)
    }
}

/// Problems to report: one line each on standard error, then exit 1.
struct Failure: Error, CustomStringConvertible {
    var lines: [String]
    init(_ errors: [InputError]) { lines = errors.map { readable($0).description } }
    init(lines: [String]) { self.lines = lines }
    var description: String { lines.joined(separator: "\n") }
}

/// `error` with its file named as a person would write it (`content/security.md`,
/// not `security/../content/security.md`).
func readable(_ error: InputError) -> InputError {
    var error = error
    error.file = FileStore.display(error.file)
    return error
}

/// Runs `body`, turning our errors into plain lines on stderr and exit 1.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Failure {
        for line in failure.lines { Console.err("error: \(line)\n") }
        throw ExitCode(1)
    } catch let errors as InputErrors {
        for error in errors.errors { Console.err("error: \(readable(error))\n") }
        throw ExitCode(1)
    } catch let error as InputError {
        Console.err("error: \(readable(error))\n")
        throw ExitCode(1)
    }
}

/// Writes a command's result to `output` (`-` for standard output); never over
/// the answers file it came from, and never over a generated file edited by
/// hand (or one we did not write) without `force`: the rule `export` follows.
func writeOutput(_ text: String, to output: String, answers: String, force: Bool) throws {
    if output.isEmpty {
        throw Failure(lines: ["--output is empty: give a file name, or - for standard output"])
    }
    if output != "-" && FileStore.sameFile(output, answers) {
        throw Failure([InputError(file: output, "is the answers file; nothing was written. Write the output to another file")])
    }
    if output != "-" && FileStore.sameFile(output, answers + ".draft") {
        throw Failure([InputError(file: output, "is the answers file's draft; nothing was written. Write the output to another file")])
    }
    if output == "-" {
        try Console.out(text)
    } else {
        // A device or a pipe is not a generated file: the write says what it is.
        var info = stat()
        if stat(output, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
            try Export.checkNotClobbering([(output, text)], force: force)
        }
        try FileStore.write(text, to: output)
    }
}

struct RenderCommand: ParsableCommand {
    // Every command names itself: deriving a name from the type costs a
    // String(describing:) of the metatype at each start, about a third of
    // the instructions of `--version`.
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Write the Security Overview page from an answers file.")

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the page; - for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: "Format: markdown, hugo (front matter for Hugo), jekyll, html (a standalone page), html-fragment (to paste into a site builder), or json (the trust file).")
    var format: RenderFormat?

    @Flag(help: "Overwrite the output even if it was edited by hand.")
    var force = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let (catalog, answers) = try catalog.load(answers: self.answers)
            let page = format == .json ? TrustData.text(answers, catalog: catalog)
                : PageRenderer(catalog: catalog).page(answers, format: format?.page ?? answers.outputs.format ?? .markdown)
            try writeOutput(page, to: output, answers: self.answers, force: force)
        }
    }
}

extension PageFormat: ExpressibleByArgument {}

struct SectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sections",
        abstract: "List the catalog's sections; with answers, which are recommended and why.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: ArgumentHelp("An answers file whose profile decides what is recommended.", valueName: "file"))
    var answers: String?

    @Option(help: "text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Print the file of the section with this id, to fork it into your own sections folder.", valueName: "id"))
    var show: String?

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let catalog: Catalog
            var answers: Answers?
            if let path = self.answers {
                let (loaded, text) = try self.catalog.load(answersText: path)
                catalog = loaded
                answers = try AnswersFile.parse(text, file: path, catalog: catalog)
            } else {
                catalog = try self.catalog.load()
            }
            if let id = show {
                guard let text = try SectionListing.file(of: id, in: catalog) else {
                    throw Failure(lines: ["no section '\(id)' (see 'security-overview sections' for the ids)"])
                }
                return try Console.out(text)
            }
            switch format {
            case .json: try Console.out(try SectionListing.json(catalog, answers: answers) + "\n")
            case .text: try Console.out(SectionListing.text(catalog, answers: answers))
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 0 if the answers are complete, valid and fresh; otherwise list the problems and exit 1.",
        discussion: """
        Fails on missing or unknown answers, answers last reviewed more than 12 \
        months ago, a security.txt that expires within 30 days, a page on disk \
        that differs from what the answers produce, and catalog sections or \
        questions the answers have never seen. Meant for a scheduled CI job.
        """)

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Option(help: ArgumentHelp("The page to compare (default: outputs.page, or security-overview.md beside the answers).", valueName: "file"))
    var page: String?

    @Option(help: ArgumentHelp("Check as of this day instead of today (UTC).", valueName: "yyyy-mm-dd"))
    var today: ReviewDay?

    @Option(help: "text (FILE:LINE: problem) or github (workflow annotations for GitHub Actions).")
    var format: CheckReport.Format = .text

    @Flag(name: .customLong("diff"), help: "Show the unified diff of a page or security.txt that differs from what the answers produce.")
    var showDiff = false

    @Flag(help: "Fail on notes too: recommended sections that are left out.")
    var strict = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            // Read once: the answers, and the line of each key for the problems.
            let report = CheckReport(format: format)
            // A mistake in a custom section or in the answers file is reported as the other
            // problems are: as annotations on its file and line with --format github.
            let catalog: Catalog, text: String, answers: Answers
            do {
                do throws(InputError) { text = try FileStore.read(self.answers) } catch { throw InputErrors([error]) }
                catalog = try Catalog.loadReporting(
                    customDirectory: self.catalog.directory ?? AnswersFile.customSections(in: text, file: self.answers))
                answers = try AnswersFile.parse(text, file: self.answers, catalog: catalog)
            } catch let errors as InputErrors {
                try report.fail(errors.errors)
            }
            let lines = AnswersFile.keyLines(text)
            var targets = Export.Targets.from(answers, answersPath: self.answers)
            if let page { targets.page = page }
            let day = today?.date ?? .today()
            var problems = Completeness.problems(answers, catalog: catalog, file: self.answers, lines: lines)
                + Reminders.problems(answers, catalog: catalog, targets: targets, today: day,
                                     lines: lines, pageNamed: page != nil)
            var notes = Completeness.skippedRecommendations(answers, catalog: catalog, file: self.answers, lines: lines)
            if strict { problems += notes; notes = [] }
            if showDiff { try report.diffs(answers, catalog: catalog, targets: targets, today: day) }
            for note in notes { report.note(note) }
            if !problems.isEmpty { try report.fail(problems) }
            try Console.out(TerminalSafe.oneLine("\(FileStore.display(self.answers)): complete and up to date") + "\n")
        }
    }
}

/// A `YYYY-MM-DD` command-line value.
struct ReviewDay: ExpressibleByArgument {
    var date: ReviewDate
    init?(argument: String) {
        guard let date = ReviewDate(argument) else { return nil }
        self.date = date
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every output the answers file names (page, security.txt) in one go.",
        discussion: """
        Paths in the answers file's 'outputs' are relative to the answers file; \
        the page defaults to security-overview.md beside it (security-overview.html \
        for the html forms). A generated file \
        that was edited by hand is never overwritten without --force, and \
        either every file is written or none is.
        """)

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Flag(help: "Overwrite generated files even if they were edited by hand.")
    var force = false

    @Flag(help: "Let 'outputs' name files outside the answers file's folder.")
    var allowOutputsOutside = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let (catalog, answers) = try self.catalog.load(answers: self.answers)
            if !allowOutputsOutside { try Export.checkOutputsInside(answers, answersPath: self.answers) }
            let targets = Export.Targets.from(answers, answersPath: self.answers)
            let incomplete = Completeness.problems(answers, catalog: catalog, file: self.answers).map(\.message)
            let written = try Export.write(answers, catalog: catalog, targets: targets,
                                                        writeAnswers: false, force: force)
            for path in written { try Console.out(TerminalSafe.oneLine("wrote \(FileStore.display(path))") + "\n") }
            // What `check` will fail on in the answers themselves, in one line, with
            // the files written (a refused write is one line of error, alone):
            // questions new in the catalog ask for different work than ones left open.
            if !incomplete.isEmpty {
                let unseen = incomplete.filter { $0.contains("never seen") }.count
                let open = incomplete.filter { $0.contains("seen and left unanswered") }.count
                var parts: [String] = []
                if unseen > 0 { parts.append("\(unseen) question\(unseen == 1 ? "" : "s") never seen (new in the catalog)") }
                if open > 0 { parts.append("\(open) required question\(open == 1 ? "" : "s") seen and left unanswered") }
                let other = incomplete.count - unseen - open
                if other > 0 { parts.append("\(other) other problem\(other == 1 ? "" : "s")") }
                Console.err(TerminalSafe.oneLine("warning: 'check' will fail: \(parts.joined(separator: ", ")); run 'security-overview check --answers \(FileStore.display(self.answers))' for the list") + "\n")
            }
            if targets.securityTxt != nil {
                for note in SecurityTxt.notes(answers, catalog: catalog) { Console.err(TerminalSafe.oneLine("note: \(note)") + "\n") }
            }
        }
    }
}

struct SecurityTxtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security-txt",
        abstract: "Write security.txt (RFC 9116) from the answers file.",
        discussion: "Publish it at https://<your domain>/.well-known/security.txt.")

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it; - for standard output.", valueName: "file"))
    var output: String = "-"

    @Flag(help: "Overwrite the output even if it was edited by hand.")
    var force = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let (catalog, answers) = try catalog.load(answers: self.answers)
            var text = try SecurityTxt.text(answers, catalog: catalog, file: self.answers)
            if let key = answers.outputs.securityTxtSigningKey {
                let existing = output != "-" && FileStore.exists(output) ? try? FileStore.read(output) : nil
                text = try SecurityTxtSigning.signed(text, key: key, existing: existing, file: self.answers)
            }
            try writeOutput(text, to: output, answers: self.answers, force: force)
            // Written to a file, it says so, as `export` does.
            if output != "-" { try Console.out(TerminalSafe.oneLine("wrote \(output)") + "\n") }
            for note in SecurityTxt.notes(answers, catalog: catalog) { Console.err(TerminalSafe.oneLine("note: \(note)") + "\n") }
        }
    }
}
