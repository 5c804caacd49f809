import Foundation
import Testing
@testable import OverviewCore

/// The checked-sections cache may spare a start the template checks of files
/// that passed them before, and must never let a file through that did not.
struct CheckedSectionsCacheTests {
    /// A custom folder holding `files` and an empty cache folder beside it.
    func setUp(_ files: [String: String]) throws -> (TemporaryFolder, TemporaryFolder, CheckedSectionsCache) {
        let sections = try TemporaryFolder(), cacheFolder = try TemporaryFolder()
        for (name, text) in files { try sections.write(name, text) }
        return (sections, cacheFolder, CheckedSectionsCache(folder: cacheFolder.path + "/checked", toolVersion: "test"))
    }

    func key(_ sections: TemporaryFolder, _ cache: CheckedSectionsCache) throws -> String {
        let paths = try FileStore.listMarkdown(in: sections.path)
        return cache.key(try paths.map { (path: $0, text: try FileStore.read($0)) })
    }

    func problems(_ sections: TemporaryFolder, _ cache: CheckedSectionsCache) -> [String] {
        do {
            _ = try Catalog.loadReporting(customDirectory: sections.path, checked: cache)
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: sections.path + "/", with: "") }
        }
    }

    let good = sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it.\n{{/ok}}\n")
    let misspelled = sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it for {{company.nam}}.\n{{/ok}}\n")

    @Test func filesThatPassedAreRememberedAndLoadAgain() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(!cache.passed(try key(sections, cache)))
        #expect(problems(sections, cache) == [])
        #expect(cache.passed(try key(sections, cache)))
        // Loaded from the cache, the section renders as it does checked.
        let catalog = try Catalog.loadReporting(customDirectory: sections.path, checked: cache)
        #expect(catalog.section("custom")?.template.render(["ok": true]).contains("We do it.") == true)
    }

    @Test func aFileChangedAfterPassingIsCheckedAgainAndItsErrorHasItsLine() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(problems(sections, cache) == [])
        try sections.write("custom.md", misspelled)
        let found = problems(sections, cache)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("custom.md:14: unknown name 'company.nam' in the template") == true)
        // A failed check is not remembered: the next start reports it again.
        #expect(!cache.passed(try key(sections, cache)))
        #expect(problems(sections, cache) == found)
        // A broken template (not only a wrong name) the same way, with its line.
        try sections.write("custom.md", sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it.\n"))
        #expect(problems(sections, cache).first?.hasPrefix("custom.md:") == true)
        #expect(problems(sections, cache).first?.contains("template error") == true)
    }

    @Test func aFileAddedBesideCheckedOnesIsChecked() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(problems(sections, cache) == [])
        try sections.write("other.md", misspelled.replacingOccurrences(of: "id: custom", with: "id: other")
            .replacingOccurrences(of: "order: 500", with: "order: 501"))
        #expect(problems(sections, cache).first?.hasPrefix("other.md:14: unknown name 'company.nam'") == true)
    }

    @Test func anEntryThatIsNotWhatItShouldBeIsIgnored() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": misspelled])
        defer { sections.remove(); cacheFolder.remove() }
        let key = try key(sections, cache)
        try FileManager.default.createDirectory(atPath: cache.folder, withIntermediateDirectories: true)
        for garbage in ["", "security-overview: every check passed\n", "\u{0}\u{1}not an entry", cache.contents(key) + "more"] {
            try garbage.write(toFile: cache.path(key), atomically: true, encoding: .utf8)
            #expect(!cache.passed(key))
            #expect(problems(sections, cache).first?.hasPrefix("custom.md:14: unknown name 'company.nam'") == true)
        }
    }

    @Test func aCacheThatCannotBeWrittenIsNoError() throws {
        let (sections, cacheFolder, _) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        // The cache's folder is a file: nothing can be written under it.
        try cacheFolder.write("blocked", "")
        let cache = CheckedSectionsCache(folder: cacheFolder.path + "/blocked/checked", toolVersion: "test")
        #expect(problems(sections, cache) == [])
        #expect(problems(sections, cache) == [])
    }

    @Test func aFileChangedAfterPassingHasItsYAMLLimitsCheckedAgain() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(problems(sections, cache) == [])
        // An alias, which the YAML's first pass refuses before any tree is built.
        try sections.write("custom.md", good.replacingOccurrences(of: "who: Everyone.", with: "who: &a Everyone.\n  how: *a"))
        #expect(problems(sections, cache).first?.contains("a YAML alias (*name) is not allowed here") == true, "\(problems(sections, cache))")
    }

    @Test func filesParsedAtOnceReportTheirProblemsInFileOrder() throws {
        var files: [String: String] = [:]
        for n in 0..<12 {
            let text = good.replacingOccurrences(of: "id: custom", with: "id: custom-\(n)")
                .replacingOccurrences(of: "order: 500", with: "order: \(500 + n)")
            // Every third file lacks its title.
            files[String(format: "%02d.md", n)] = n % 3 == 0 ? text.replacingOccurrences(of: "title: Custom\n", with: "") : text
        }
        let (sections, cacheFolder, cache) = try setUp(files)
        defer { sections.remove(); cacheFolder.remove() }
        let found = problems(sections, cache)
        #expect(found.map { String($0.prefix(5)) } == ["00.md", "03.md", "06.md", "09.md"], "\(found)")
        #expect(found.allSatisfy { $0.contains("title") })
        // Put right, all twelve load, in their order.
        for n in [0, 3, 6, 9] { try sections.write(String(format: "%02d.md", n), files[String(format: "%02d.md", n)]!.replacingOccurrences(of: "id: custom", with: "title: Custom\nid: custom")) }
        let catalog = try Catalog.loadReporting(customDirectory: sections.path, checked: cache)
        #expect(catalog.sections.filter(\.isCustom).map(\.id) == (0..<12).map { "custom-\($0)" })
    }

    @Test func theKeyTellsEveryInputApart() throws {
        let cache = CheckedSectionsCache(folder: "/nonexistent", toolVersion: "1")
        let files = [(path: "a.md", text: good)]
        #expect(cache.key(files) == cache.key(files))
        #expect(cache.key(files) != CheckedSectionsCache(folder: "/nonexistent", toolVersion: "2").key(files))
        #expect(cache.key(files) != cache.key([(path: "b.md", text: good)]))
        #expect(cache.key(files) != cache.key([(path: "a.md", text: good + " ")]))
        #expect(cache.key(files) != cache.key(files + files))
        #expect(cache.key([(path: "ab", text: "c")]) != cache.key([(path: "a", text: "bc")]))
    }
}
