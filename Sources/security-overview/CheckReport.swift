import ArgumentParser
import Foundation
import OverviewCore

/// How `check` tells what it found: lines for a person, or workflow
/// annotations that GitHub Actions shows on the file and line.
struct CheckReport {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, github }
    var format: Format

    /// A problem that does not fail the check.
    func note(_ note: InputError) {
        let note = readable(note)
        switch format {
        case .text: Console.err("note: \(note)\n")
        case .github: Console.err(annotation("notice", note))
        }
    }

    /// Reports `problems` and exits 1.
    func fail(_ problems: [InputError]) throws -> Never {
        let problems = problems.map(readable)
        switch format {
        case .text: throw Failure(problems)
        case .github:
            // On standard output, where the runner reads workflow commands.
            for problem in problems { try Console.out(annotation("error", problem)) }
            throw ExitCode(1)
        }
    }


    /// `::error file=…,line=…,col=…::message`, escaped as the runner's
    /// workflow-command parser expects (properties also escape `:` and `,`).
    func annotation(_ level: String, _ error: InputError) -> String {
        func data(_ text: String) -> String {
            TerminalSafe.oneLine(text).replacingOccurrences(of: "%", with: "%25")
        }
        func property(_ text: String) -> String {
            data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var properties = "file=\(property(error.file))"
        if let line = error.line {
            properties += ",line=\(line)"
            if let column = error.column { properties += ",col=\(column)" }
        }
        return "::\(level) \(properties)::\(data(error.message))\n"
    }

    /// The unified diff of each generated page or security.txt on disk that
    /// differs from what the answers produce, by `diff -u`, on standard output.
    func diffs(_ answers: Answers, catalog: Catalog, targets: Export.Targets, today: ReviewDate) throws {
        var expected: [(path: String, text: String)] = [(targets.page, PageRenderer(catalog: catalog).page(answers, format: targets.format))]
        if let path = targets.securityTxt, answers.outputs.securityTxtSigningKey == nil,
           let text = try? SecurityTxt.text(answers, catalog: catalog, file: targets.answers, today: today) {
            expected.append((path, text))
        }
        for (path, text) in expected where FileStore.exists(path) {
            guard let onDisk = try? FileStore.read(path), onDisk != text else { continue }
            let shown = FileStore.display(path)
            let diff = try Self.unifiedDiff(path: path, label: shown, expected: text)
            try Console.out(format == .github ? "::group::\(shown) differs from what the answers produce\n\(diff)::endgroup::\n" : diff)
        }
    }

    /// `diff -u FILE EXPECTED` (the core's, which the wizard shows too).
    static func unifiedDiff(path: String, label: String, expected: String) throws -> String {
        do { return try UnifiedDiff.of(path: path, label: label, expected: expected) } catch {
            throw Failure(lines: [error.description])
        }
    }
}
