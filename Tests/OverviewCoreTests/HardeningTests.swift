import Foundation
import Testing
@testable import OverviewCore

/// Input built to hang, crash or mislead the parsers: each is refused at once
/// with one located line.
@Suite struct HardeningTests {
    let catalog = Fixtures.catalog

    /// The errors `text` gives as an answers file, as the user sees them.
    func answersError(_ text: String) -> String? {
        do {
            _ = try AnswersFile.parse(text, file: "answers.yml", catalog: catalog)
            return nil
        } catch {
            return error.errors.map(\.description).joined(separator: "\n")
        }
    }

    func sectionError(_ text: String) -> String? {
        do {
            _ = try Catalog.section(parsing: text, file: "custom.md")
            return nil
        } catch {
            return error.description
        }
    }

    /// `levels` of nine aliases of the level below, the last one used as a key.
    static func aliasKeyBomb(levels: Int) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append("? *a\(levels - 1)\n: 1")
        return lines.joined(separator: "\n") + "\n"
    }

    func expectQuick(_ body: () -> String?, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let clock = ContinuousClock()
        var message: String?
        let elapsed = clock.measure { message = body() }
        #expect(message?.contains(expected) == true, "\(message ?? "no error")", sourceLocation: sourceLocation)
        #expect(elapsed < .seconds(2), "took \(elapsed)", sourceLocation: sourceLocation)
        #expect(message.map { !$0.contains("\n") } ?? false, "one line", sourceLocation: sourceLocation)
    }

    // MARK: - Aliases, tags, depth, size

    @Test("An alias used as a map key is refused at once, in an answers file and in front matter")
    func aliasKeys() {
        let bomb = Self.aliasKeyBomb(levels: 8)
        expectQuick({ answersError("version: 1\n" + bomb) }, "answers.yml:3:")
        expectQuick({ answersError("version: 1\n" + bomb) }, "a YAML alias (*name) is not allowed here")
        expectQuick({ sectionError(sectionFile(minimalFrontMatter + "\n" + bomb)) }, "custom.md:")
        expectQuick({ sectionError(sectionFile(minimalFrontMatter + "\n" + bomb)) }, "a YAML alias (*name) is not allowed here")
    }

    @Test("An alias of a map in a value is refused too (walking it would expand it)")
    func aliasValues() {
        #expect(answersError("version: 1\ncompany: &c {name: A}\nprofile: *c\n")?.contains("answers.yml:3:10: a YAML alias") == true)
    }

    @Test("YAML tags are refused, not silently ignored", arguments: [
        "!!binary aGk=", "!!python/object/apply:os.system [ls]", "!custom x", "!!str Acme",
    ])
    func tags(_ value: String) {
        let message = answersError("version: 1\ncompany:\n  name: \(value)\n")
        #expect(message?.hasPrefix("answers.yml:3:9: the YAML tag '") == true, "\(message ?? "accepted")")
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        expectQuick({ answersError("version: 1\ncompany: \(deep)\n") }, "nested more than 32 deep")
    }

    @Test("Size: a huge answer, millions of keys or a huge file are refused before parsing")
    func sizes() {
        let longAnswer = "version: 1\ncompany:\n  name: " + String(repeating: "x", count: 70_000) + "\n"
        expectQuick({ answersError(longAnswer) }, "answers.yml:3:9: a value of more than 64 KB")
        let manyKeys = "version: 1\nx: {" + (0..<60_000).map { "k\($0): 1" }.joined(separator: ", ") + "}\n"
        expectQuick({ answersError(manyKeys) }, "more than 100000 values")
        let huge = "version: 1\n# " + String(repeating: "x", count: InputLimits.answersFileBytes) + "\n"
        expectQuick({ answersError(huge) }, "answers.yml:1: the file is 1024 KB, more than the 1024 KB")
        let hugeSection = sectionFile(minimalFrontMatter, body: String(repeating: "x", count: InputLimits.sectionFileBytes))
        expectQuick({ sectionError(hugeSection) }, "custom.md:1: the file is 256 KB")
    }

    @Test("A file too large is refused before it is read")
    func largeFileUnread() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/big.yml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: InputLimits.answersFileBytes + 1)))
        #expect(throws: InputErrors.self) { try AnswersFile.load(path, catalog: catalog) }
        do { _ = try AnswersFile.load(path, catalog: catalog) } catch {
            #expect(error.description == "\(path): is 1024 KB, more than the 1024 KB this file may have")
        }
    }

    // MARK: - Templates

    @Test("A template nested thousands of levels deep is refused with its line, not a crash")
    func deepTemplate() {
        let body = "Intro\n" + String(repeating: "{{#ok}}", count: 3000) + "x" + String(repeating: "{{/ok}}", count: 3000) + "\n"
        let message = sectionError(sectionFile(minimalFrontMatter, body: body))
        #expect(message?.contains("template error: blocks are nested more than 24 deep") == true, "\(message ?? "accepted")")
        let line = minimalFrontMatter.split(separator: "\n", omittingEmptySubsequences: false).count + 4
        #expect(message?.hasPrefix("custom.md:\(line):") == true, "\(message ?? "")")
    }

    @Test("Engine settings and delimiter changes cannot switch the page's escaping off", arguments: [
        "{{% CONTENT_TYPE: TEXT}}", "{{%CONTENT_TYPE:HTML}}", "{{ %CONTENT_TYPE: TEXT}}", "{{=<% %>=}}",
    ])
    func pragmas(_ tag: String) {
        let message = sectionError(sectionFile(minimalFrontMatter, body: "Text\n\(tag)\n{{#ok}}Yes.{{/ok}}\n"))
        #expect(message?.contains("template error: ") == true && message?.contains(" are not allowed in a section") == true,
                "\(message ?? "accepted")")
    }

    @Test func theBuiltInTemplatesPassTheTagCheck() throws {
        for section in catalog.sections {
            try SectionParser.checkTags(section.body, file: section.source, firstLine: 1)
        }
    }

    // MARK: - Values

    @Test("Only YYYY-MM-DD with real calendar days", arguments: [
        "2026-+1-+1", "+202-01-01", "2026-02-30", "2026-1-01", "20261-01-01", "2026-00-10", "２０２６-01-01",
    ])
    func badDates(_ date: String) {
        #expect(ReviewDate(date) == nil)
        #expect(answersError("version: 1\nreviewed: '\(date)'\n")?.contains("is not a date like") == true)
    }

    @Test func goodDates() {
        #expect(ReviewDate("2028-02-29")?.description == "2028-02-29")
        #expect(ReviewDate("2026-12-31") != nil)
        // Written as the C formatter writes it, padding and sign included.
        for (year, month, day) in [(2026, 1, 9), (999, 10, 31), (5, 3, 1), (0, 12, 25), (12345, 6, 7), (-4, 2, 28)] {
            let date = ReviewDate(year: year, month: month, day: day)
            #expect(date.description == String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
        }
    }

    @Test("Today is the UTC calendar's day, counted from 1970")
    func today() {
        func calendarToday() -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: Date())
            return ReviewDate(year: parts.year!, month: parts.month!, day: parts.day!).description
        }
        // Either side of the call, in case midnight passes in between.
        let before = calendarToday()
        let today = ReviewDate.today().description
        #expect([before, calendarToday()].contains(today))
        #expect(ReviewDate(year: 1970, month: 1, day: 1).adding(days: 20_454).description == "2026-01-01")
    }

    @Test("Numbers have no sign and no leading zeros", arguments: ["+90", "0090", "-5", "9 0", "0x10", "٩٠"])
    func badDays(_ days: String) {
        #expect(TextFormat.days.problem(with: days) != nil)
    }

    @Test func versionNumbersAreWrittenPlainly() {
        #expect(answersError("version: +1\n")?.contains("version must be a whole number") == true)
        #expect(answersError("version: 01\n")?.contains("version must be a whole number") == true)
        #expect(answersError("version: 1\n") == nil)
    }

    @Test("A document with nothing in it is called empty", arguments: ["---\n", "---", "# only a comment\n", "---\n...\n"])
    func emptyDocuments(_ text: String) {
        #expect(answersError(text) == "answers.yml:1: the file is empty: expected 'version: 1' and the answers")
    }

    @Test("Line and paragraph separators are refused in one-line answers", arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\u{0B}"])
    func lineSeparators(_ separator: String) throws {
        let escaped = separator.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined()
        let name = answersError("version: 1\ncompany:\n  name: \"Acme\(escaped)Contact: x\"\n")
        #expect(name?.contains("answers.yml:3:9: company.name contains a control character or a line break") == true, "\(name ?? "accepted")")
        let section = try #require(catalog.sections.first { $0.questions.contains { $0.kind == .text && $0.format == nil } })
        let question = try #require(section.questions.first { $0.kind == .text && $0.format == nil })
        let text = answersError("version: 1\nsections:\n  \(section.id):\n    answers:\n      \(question.id): \"a\(escaped)b\"\n")
        #expect(text?.contains("answers.yml:5:") == true && text?.contains("one-line answer") == true || text?.contains("control character") == true,
                "\(text ?? "accepted")")
        #expect(!TerminalSafe.oneLine("a\(separator)b").unicodeScalars.contains { TerminalSafe.isLineBreak($0) })
    }

    @Test("Text with nothing to remove is drawn as it is; any other is cleaned as a scalar at a time would, over the whole BMP")
    func sanitizeFastPath() {
        var differ: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "ab\(scalar)cd", "\(scalar)é\n日本\(scalar)"] {
                for allowNewlines in [false, true] where TerminalSafe.sanitize(text, allowNewlines: allowNewlines)
                    != TerminalSafe.sanitizingScalars(text, allowNewlines: allowNewlines) {
                    differ.append("\(String(value, radix: 16)) in \(text.debugDescription), newlines \(allowNewlines)")
                }
            }
        }
        #expect(differ.isEmpty, "\(differ.prefix(20))")
        // The loop does change these: the fast path must not skip them.
        #expect(TerminalSafe.sanitize("a\tb\u{2028}c\u{202E}d\u{9B}e", allowNewlines: false) == "a b cde")
        #expect(TerminalSafe.sanitize("a\nb\u{2029}c", allowNewlines: true) == "a\nb\nc")
        #expect(TerminalSafe.sanitize("a\nb", allowNewlines: false) == "ab")
    }

    @Test("Raw control characters are reported at their line and column")
    func rawControlCharacters() {
        let message = answersError("version: 1\ncompany:\n  name: Ac\u{01}me\n")
        #expect(message == "answers.yml:3:11: malformed YAML: control characters are not allowed", "\(message ?? "accepted")")
    }

    // MARK: - Files

    @Test("Invalid UTF-8 is located")
    func invalidUTF8() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/a.yml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("version: 1\ncompany:\n  name: Ac".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)))
        do { _ = try FileStore.read(path); Issue.record("read invalid UTF-8") } catch {
            #expect(error.description == "\(path):3:11: is not UTF-8 text: an invalid byte here")
        }
    }

    @Test("A byte order mark before UTF-8 text is dropped, as Foundation drops it")
    func byteOrderMark() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/a.yml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF]) + Data("version: 1\n".utf8)))
        #expect(try FileStore.read(path) == "version: 1\n")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("é\u{FEFF}".utf8)))
        #expect(try FileStore.read(path) == "é\u{FEFF}", "only a leading one")
    }

    @Test("A symbolic link loop is named as such, reading and writing")
    func symlinkLoop() throws {
        let folder = try TemporaryFolder()
        let a = folder.path + "/a.yml", b = folder.path + "/b.yml"
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        do { _ = try FileStore.read(a); Issue.record("read a loop") } catch {
            #expect(error.description == "\(a): is a symbolic link loop (the links lead back to themselves)")
        }
        do { try FileStore.write("x", to: a); Issue.record("wrote through a loop") } catch {
            #expect(error.description == "\(a): cannot write: it is a symbolic link loop (the links lead back to themselves)")
        }
    }

    @Test func anEmptyPathIsNamedAsOne() {
        do { try FileStore.write("x", to: ""); Issue.record("wrote to ''") } catch {
            #expect(error.description == "'': cannot write: an empty path names no file")
        }
    }
}

/// The draft's write, after every key: the new file swapped with the old one.
@Suite struct UnflushedWriteTests {
    func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test("A file written unflushed replaces the one there in one step and keeps its mode; the old one goes when removed")
    func replacesInOneStep() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("a.yml.draft")
        #expect(try FileStore.writeUnflushed(["one"], to: path) == nil)  // none there yet: renamed into place
        #expect(folder.read("a.yml.draft") == "one")
        chmod(path, 0o640)
        let first = inode(path)
        let replaced = try FileStore.writeUnflushed(["two", " parts"], to: path)
        #expect(folder.read("a.yml.draft") == "two parts")
        // A new file took the name (a reader never sees one half written), with the old one's mode.
        #expect(inode(path) != first)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #if os(Linux)
        // Swapped: the old file is beside it, under a temporary name, until removed.
        let old = try #require(replaced)
        #expect(inode(old) == first)
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "one")
        FileStore.remove(old)
        #endif
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.yml.draft"], "the old file is gone")
        // Through a link: the link stays, its file gets the contents.
        let link = folder.file("link.draft")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        try FileStore.writeUnflushed("three", to: link)
        #expect(folder.read("a.yml.draft") == "three")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.yml.draft", "link.draft"])
    }

    /// What a SIGKILL between the swap and the removal leaves: removed at
    /// the next start; other files that look alike are not touched.
    @Test("Replaced files left by a killed process are removed, and nothing else")
    func leftovers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let draft = try folder.write("a.yml.draft", "draft")
        for name in [".a.yml.draft.Ab3xY9", ".a.yml.draft.000000", ".a.yml.draft.toolong7", ".a.yml.XyZ123",
                     ".b.yml.draft.Ab3xY9", "a.yml", ".a.yml.draft.lock"] {
            try folder.write(name, "x")
        }
        FileStore.removeLeftovers(of: draft)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [".a.yml.XyZ123", ".a.yml.draft.lock", ".a.yml.draft.toolong7", ".b.yml.draft.Ab3xY9", "a.yml", "a.yml.draft"])
    }

    #if os(Linux)
    /// The swap itself, which the write above falls back from silently.
    @Test("Two files swap names in one step")
    func swap() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("a", "A"), b = try folder.write("b", "B")
        #expect(FileStore.exchange(a, b))
        #expect(folder.read("a") == "B" && folder.read("b") == "A")
        #expect(!FileStore.exchange(a, folder.file("missing")))
    }
    #endif
}
