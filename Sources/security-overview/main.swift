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
        subcommands: [Render.self, Sections.self, Check.self]
    )
}

/// Options every command that reads the catalog takes.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("sections"), help: ArgumentHelp(
        "A folder of your own section files (*.md) to add to the built-in catalog.", valueName: "dir"))
    var directory: String?

    func load() throws -> Catalog {
        do { return try Catalog.load(customDirectory: directory) } catch { throw Failure([error]) }
    }
}

/// Problems to report: one line each on standard error, then exit 1.
struct Failure: Error, CustomStringConvertible {
    var lines: [String]
    init(_ errors: [InputError]) { lines = errors.map(\.description) }
    init(lines: [String]) { self.lines = lines }
    var description: String { lines.joined(separator: "\n") }
}

extension ParsableCommand {
    /// Runs `body`, turning our errors into plain lines on stderr and exit 1.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            for line in failure.lines { FileHandle.standardError.write(Data("error: \(line)\n".utf8)) }
            throw ExitCode(1)
        } catch let errors as InputErrors {
            for error in errors.errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            throw ExitCode(1)
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

func writeOutput(_ text: String, to output: String) throws {
    if output == "-" {
        FileHandle.standardOutput.write(Data(text.utf8))
    } else {
        try FileStore.write(text, to: output)
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the Security Overview page from an answers file.")

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the page; - for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: "Page format: markdown, hugo (front matter for Hugo) or jekyll.")
    var format: PageFormat?

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let catalog = try catalog.load()
            let answers = try AnswersFile.load(self.answers, catalog: catalog)
            let page = PageRenderer(catalog: catalog).page(answers, format: format ?? answers.outputs.format ?? .markdown)
            try writeOutput(page, to: output)
        }
    }
}

extension PageFormat: ExpressibleByArgument {}

struct Sections: ParsableCommand {
    static let configuration = CommandConfiguration(
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
            case .json: print(try SectionListing.json(catalog, answers: answers))
            case .text: print(SectionListing.text(catalog, answers: answers), terminator: "")
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 if the answers are complete and valid; otherwise list the problems and exit 1.")

    @Option(help: ArgumentHelp("The answers file.", valueName: "file"))
    var answers: String

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try reporting {
            let catalog = try catalog.load()
            let answers = try AnswersFile.load(self.answers, catalog: catalog)
            let problems = Completeness.problems(answers, catalog: catalog, file: self.answers)
            if !problems.isEmpty {
                throw Failure(lines: problems.map { "\(self.answers): \($0)" })
            }
            print("\(self.answers): complete")
        }
    }
}
