import ArgumentParser
import Foundation
import OverviewCore

@main
struct SecurityOverview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security-overview",
        abstract: "Write and maintain your company's public Security Overview page.",
        discussion: """
        Keeps your answers in an answers file (security-overview.yml, reviewed in \
        git) and generates the page and security.txt from it.
        """,
        version: "0.1.0",
        subcommands: [Wizard.self, Render.self, Export.self, SecurityTxtCommand.self, Sections.self, Check.self],
        defaultSubcommand: Wizard.self
    )

    static func main() {
        // A bare `security-overview` (a first run, or a revision of the answers
        // file in this folder), or one with nothing but the wizard's own
        // options (`--answers FILE`, a security lead's revise), opens the wizard
        // without ArgumentParser reflecting over every command: that was half
        // of the instructions before the wizard's first frame. Anything else
        // goes through the parser.
        guard let launch = WizardLaunch(plainArguments: CommandLine.arguments.dropFirst()) else { return main(nil) }
        do {
            try launch.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads the catalog takes.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("sections"), help: ArgumentHelp(
        "A folder of your own section files (*.md) to add to the built-in catalog.", valueName: "dir"))
    var directory: String?

    func load() throws -> Catalog {
        do { return try Catalog.load(customDirectory: directory) } catch { throw Failure([error]) }
    }

    /// The catalog, and the answers file at `path` checked against it.
    func load(answers path: String) throws -> (Catalog, Answers) {
        let catalog = try load()
        return (catalog, try AnswersFile.load(path, catalog: catalog))
    }
}

/// Problems to report: one line each on standard error, then exit 1.
struct Failure: Error, CustomStringConvertible {
    var lines: [String]
    init(_ errors: [InputError]) { lines = errors.map(\.description) }
    init(lines: [String]) { self.lines = lines }
    var description: String { lines.joined(separator: "\n") }
}

/// Runs `body`, turning our errors into plain lines on stderr and exit 1.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Failure {
        for line in failure.lines { Console.err("error: \(line)\n") }
        throw ExitCode(1)
    } catch let errors as InputErrors {
        for error in errors.errors { Console.err("error: \(error)\n") }
        throw ExitCode(1)
    } catch let error as InputError {
        Console.err("error: \(error)\n")
        throw ExitCode(1)
    }
}

/// Writes a command's result to `output` (`-` for standard output); never over
/// the answers file it came from, and never over a generated file edited by
/// hand (or one we did not write) without `force`: the rule `export` follows.
func writeOutput(_ text: String, to output: String, answers: String, force: Bool) throws {
    if output != "-" && FileStore.sameFile(output, answers) {
        throw Failure([InputError(file: output, "is the answers file; nothing was written. Write the output to another file")])
    }
    if output == "-" {
        try Console.out(text)
    } else {
        // A device or a pipe is not a generated file: the write says what it is.
        var info = stat()
        if stat(output, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
            try OverviewCore.Export.checkNotClobbering([(output, text)], force: force)
        }
        try FileStore.write(text, to: output)
    }
}

struct Render: ParsableCommand {
    // Every command names itself: deriving a name from the type costs a
    // String(describing:) of the metatype at each start, about a third of
    // the instructions of `--version`.
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Write the Security Overview page from an answers file.")

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the page; - for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: "Page format: markdown, hugo (front matter for Hugo) or jekyll.")
    var format: PageFormat?

    @Flag(help: "Overwrite the output even if it was edited by hand.")
    var force = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let (catalog, answers) = try catalog.load(answers: self.answers)
            let page = PageRenderer(catalog: catalog).page(answers, format: format ?? answers.outputs.format ?? .markdown)
            try writeOutput(page, to: output, answers: self.answers, force: force)
        }
    }
}

extension PageFormat: ExpressibleByArgument {}

struct Sections: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sections",
        abstract: "List the catalog's sections; with answers, which are recommended and why.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: ArgumentHelp("An answers file whose profile decides what is recommended.", valueName: "file"))
    var answers: String?

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let catalog = try catalog.load()
            let answers = try self.answers.map { path throws in try AnswersFile.load(path, catalog: catalog) }
            switch format {
            case .json: try Console.out(try SectionListing.json(catalog, answers: answers) + "\n")
            case .text: try Console.out(SectionListing.text(catalog, answers: answers))
            }
        }
    }
}

struct Check: ParsableCommand {
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

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            // Read once: the answers, and the line of each key for the problems.
            let catalog = try catalog.load()
            let text = try FileStore.read(self.answers)
            let answers = try AnswersFile.parse(text, file: self.answers, catalog: catalog)
            let lines = AnswersFile.keyLines(text)
            var targets = OverviewCore.Export.Targets.from(answers, answersPath: self.answers)
            if let page { targets.page = page }
            let problems = Completeness.problems(answers, catalog: catalog, file: self.answers, lines: lines)
                + Reminders.problems(answers, catalog: catalog, targets: targets, today: today?.date ?? .today(),
                                     lines: lines, pageNamed: page != nil)
            if !problems.isEmpty { throw Failure(problems) }
            try Console.out(TerminalSafe.oneLine("\(self.answers): complete and up to date") + "\n")
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

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every output the answers file names (page, security.txt) in one go.",
        discussion: """
        Paths in the answers file's 'outputs' are relative to the answers file; \
        the page defaults to security-overview.md beside it. A generated file \
        that was edited by hand is never overwritten without --force, and \
        either every file is written or none is.
        """)

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Flag(help: "Overwrite generated files even if they were edited by hand.")
    var force = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let (catalog, answers) = try catalog.load(answers: self.answers)
            let targets = OverviewCore.Export.Targets.from(answers, answersPath: self.answers)
            let written = try OverviewCore.Export.write(answers, catalog: catalog, targets: targets,
                                                        writeAnswers: false, force: force)
            for path in written { try Console.out(TerminalSafe.oneLine("wrote \(path)") + "\n") }
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
            try writeOutput(try SecurityTxt.text(answers, catalog: catalog, file: self.answers), to: output,
                            answers: self.answers, force: force)
            for note in SecurityTxt.notes(answers, catalog: catalog) { Console.err(TerminalSafe.oneLine("note: \(note)") + "\n") }
        }
    }
}
