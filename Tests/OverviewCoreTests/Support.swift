import Foundation
import Testing
@testable import OverviewCore

/// Shared test helpers: fixtures, the catalog, golden files.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    static let catalog: Catalog = {
        do { return try Catalog.builtin() } catch { fatalError("the built-in catalog does not load: \(error)") }
    }()

    static func answers(_ name: String) throws -> Answers {
        try AnswersFile.parse(text(name), file: name, catalog: catalog)
    }

    /// The three companies of the golden tests.
    static let companies = ["pre-seed", "seed-saas", "later-health"]

    /// Compares `actual` with the golden file `name`; with `UPDATE_GOLDENS=1`
    /// in the environment it rewrites the file instead (review the diff!).
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = path("golden/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
            Issue.record("""
                \(name) differs from its golden file at line \(line + 1):
                  expected: \(line < e.count ? String(e[line]) : "<end>")
                  actual:   \(line < a.count ? String(a[line]) : "<end>")
                Run with UPDATE_GOLDENS=1 to accept the new output.
                """, sourceLocation: sourceLocation)
        }
    }
}

/// A section file in memory, for catalog tests.
func sectionFile(_ frontMatter: String, body: String = "{{#ok}}\nYes.\n{{/ok}}\n") -> String {
    "---\n" + frontMatter + "\n---\n" + body
}

/// A minimal valid front matter to vary in tests.
let minimalFrontMatter = """
id: custom
title: Custom
order: 500
guidance:
  who: Everyone.
  why: Because.
questions:
  - id: ok
    kind: yesno
    label: It is so
"""
