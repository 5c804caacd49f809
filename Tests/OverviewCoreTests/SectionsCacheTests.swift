import Foundation
import Testing
@testable import OverviewCore

/// The sections cache may spare a start the parse and the checks of files
/// that passed them before, must give back exactly the sections the files
/// make, and must never let a file through that did not pass.
struct SectionsCacheTests {
    /// A custom folder holding `files` and an empty cache folder beside it.
    /// `settle` 0: files just written are remembered (the tests write files
    /// of another size when they change one, which the stamp tells apart).
    func setUp(_ files: [String: String], settle: Double = 0) throws -> (TemporaryFolder, TemporaryFolder, SectionsCache) {
        let sections = try TemporaryFolder(), cacheFolder = try TemporaryFolder()
        for (name, text) in files { try sections.write(name, text) }
        return (sections, cacheFolder, SectionsCache(folder: cacheFolder.path + "/sections", toolVersion: "test", settle: settle))
    }

    func stamp(_ sections: TemporaryFolder, _ cache: SectionsCache) throws -> SectionsCache.Stamp {
        try #require(cache.stamp(try FileStore.listMarkdown(in: sections.path)))
    }

    func remembered(_ sections: TemporaryFolder, _ cache: SectionsCache) throws -> [Section]? {
        cache.sections(in: sections.path, try stamp(sections, cache))
    }

    func problems(_ sections: TemporaryFolder, _ cache: SectionsCache) -> [String] {
        do {
            _ = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: sections.path + "/", with: "") }
        }
    }

    let good = sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it.\n{{/ok}}\n")
    let misspelled = sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it for {{company.nam}}.\n{{/ok}}\n")

    @Test func filesThatPassedAreRememberedAndReadBack() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(try remembered(sections, cache) == nil)
        #expect(problems(sections, cache) == [])
        let kept = try #require(try remembered(sections, cache))
        let parsed = try SectionParser(file: sections.path + "/custom.md").parse(good)
        #expect(kept.map(CompiledCatalogTests.canonical) == [CompiledCatalogTests.canonical(parsed)])
        // A start with the files as they were takes the sections from the
        // cache: an entry made to say otherwise is what it gets.
        var altered = kept
        altered[0].title = "Read from the cache"
        cache.record(altered, in: sections.path, try stamp(sections, cache))
        let catalog = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        #expect(catalog.section("custom")?.title == "Read from the cache")
        // And its template, compiled when first used, renders as the checked one does.
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
        #expect(try remembered(sections, cache) == nil)
        #expect(problems(sections, cache) == found)
        // A broken template (not only a wrong name) the same way, with its line.
        try sections.write("custom.md", sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it.\n"))
        #expect(problems(sections, cache).first?.hasPrefix("custom.md:") == true)
        #expect(problems(sections, cache).first?.contains("template error") == true)
    }

    @Test func aFileChangedToTheSameSizeIsParsedAgain() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(problems(sections, cache) == [])
        let before = try stamp(sections, cache)
        // Another title of the same length, written a moment later: the
        // file's times moved, though its size did not.
        Thread.sleep(forTimeInterval: 0.05)
        try sections.write("custom.md", good.replacingOccurrences(of: "title: Custom", with: "title: Kustom"))
        #expect(try stamp(sections, cache) != before)
        let catalog = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        #expect(catalog.section("custom")?.title == "Kustom")
    }

    @Test func filesJustSavedAreNotRememberedUntilTheySettle() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good], settle: 3600)
        defer { sections.remove(); cacheFolder.remove() }
        #expect(try stamp(sections, cache).settled == false)
        #expect(problems(sections, cache) == [])
        #expect(try remembered(sections, cache) == nil)
        #expect(!FileManager.default.fileExists(atPath: cache.folder))
    }

    @Test func aFileAddedBesideCheckedOnesIsChecked() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        #expect(problems(sections, cache) == [])
        try sections.write("other.md", misspelled.replacingOccurrences(of: "id: custom", with: "id: other")
            .replacingOccurrences(of: "order: 500", with: "order: 501"))
        #expect(problems(sections, cache).first?.hasPrefix("other.md:14: unknown name 'company.nam'") == true)
        // And a file removed: the others are parsed again, not read from an entry of three.
        try FileManager.default.removeItem(atPath: sections.path + "/other.md")
        #expect(problems(sections, cache) == [])
        #expect(try remembered(sections, cache)?.count == 1)
    }

    @Test func anEntryThatIsNotWhatItShouldBeIsIgnored() throws {
        let (sections, cacheFolder, cache) = try setUp(["custom.md": misspelled])
        defer { sections.remove(); cacheFolder.remove() }
        let stamp = try stamp(sections, cache)
        let path = try #require(CacheEntry.path(in: cache.folder, for: sections.path))
        try FileManager.default.createDirectory(atPath: cache.folder, withIntermediateDirectories: true)
        // What a good entry for these files would be, if the file had passed.
        let body = try #require(StoredSections.encode([try SectionParser(file: sections.path + "/custom.md").parse(good)]))
        let entry = SectionsCache.entry(stamp, body: body)
        #expect(SectionsCache.sections(inEntry: entry, stamp)?.count == 1)
        // A bit changed in the template's text: "We do it." becomes "Ve do it.".
        var flipped = entry
        let sentence = try #require(flipped.firstRange(of: Data("We do it.".utf8)))
        flipped[sentence.lowerBound] ^= 0x01
        let otherStamp = try #require(SectionsCache(folder: cache.folder, toolVersion: "other", settle: 0)
            .stamp(try FileStore.listMarkdown(in: sections.path)))
        for garbage in [Data(), Data(SectionsCache.prefix(stamp).utf8), Data("\u{0}\u{1}not an entry".utf8),
                        // A bit changed in the body, which still decodes: its digest tells.
                        flipped,
                        entry.prefix(entry.count / 2), entry.prefix(entry.count - 1),
                        SectionsCache.entry(otherStamp, body: body),
                        SectionsCache.entry(stamp, body: Data([0xff, 0xff, 0xff]))] {
            try garbage.write(to: URL(fileURLWithPath: path))
            #expect(try remembered(sections, cache) == nil)
            #expect(problems(sections, cache).first?.hasPrefix("custom.md:14: unknown name 'company.nam'") == true)
        }
        // Read before the files are stamped: the key an entry names is known
        // at once, and an entry for other files gives nothing for these.
        let other = try #require(SectionsCache.reading(entry: SectionsCache.entry(otherStamp, body: body)))
        #expect(other.key == otherStamp.key && other.key != stamp.key)
        #expect(other.remembered(stamp) == nil)
        #expect(other.remembered(otherStamp)?.sections.count == 1)
        let changed = try #require(StoredSections.decode(flipped.suffix(body.count)), "the changed body still decodes")
        #expect(changed.first?.body.contains("Ve do it.") == true)
    }

    @Test func aCacheThatCannotBeWrittenIsNoError() throws {
        let (sections, cacheFolder, _) = try setUp(["custom.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        // The cache's folder is a file: nothing can be written under it.
        try cacheFolder.write("blocked", "")
        let cache = SectionsCache(folder: cacheFolder.path + "/blocked/sections", toolVersion: "test", settle: 0)
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
        // Put right, all twelve load, in their order, and load so again from the cache.
        for n in [0, 3, 6, 9] { try sections.write(String(format: "%02d.md", n), files[String(format: "%02d.md", n)]!.replacingOccurrences(of: "id: custom", with: "title: Custom\nid: custom")) }
        for _ in 0..<2 {
            let catalog = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
            #expect(catalog.sections.filter(\.isCustom).map(\.id) == (0..<12).map { "custom-\($0)" })
        }
        #expect(try remembered(sections, cache)?.count == 12)
    }

    @Test func theStampTellsEveryInputApart() throws {
        let (sections, cacheFolder, cache) = try setUp(["a.md": good, "b.md": good])
        defer { sections.remove(); cacheFolder.remove() }
        let a = sections.path + "/a.md", b = sections.path + "/b.md"
        let stamp = try #require(cache.stamp([a]))
        #expect(cache.stamp([a]) == stamp)
        #expect(SectionsCache(folder: cache.folder, toolVersion: "other", settle: 0).stamp([a]) != stamp)
        #expect(cache.stamp([b]) != stamp)
        #expect(cache.stamp([a, b]) != cache.stamp([b, a]))
        #expect(cache.stamp([a, a]) != stamp)
        #expect(cache.stamp([sections.path + "/missing.md"]) == nil)
        try sections.write("a.md", good + " ")
        #expect(cache.stamp([a]) != stamp)
    }

    /// A start that reads sections back does not check them across the
    /// catalog again (one order each, one section for each security.txt
    /// field): sections that fail those checks are never stored, so each
    /// start reports them, from the files.
    @Test func problemsAcrossTheCatalogAreNeverStored() throws {
        let sameOrder = good.replacingOccurrences(of: "id: custom", with: "id: other")
        let feedsPolicy = "---\nid: extra\ntitle: Extra\norder: 900\nguidance: {who: All, why: Because}\n"
            + "questions:\n  - {id: key, kind: text, validate: url, label: Key}\nsecurity_txt: {Policy: key}\n---\n{{#key}}\nKey.\n{{/key}}\n"
        for (files, problem) in [(["a.md": good, "b.md": sameOrder], "a.md:4: order 500 is also the order of section 'other'"),
                                 (["extra.md": feedsPolicy], "extra.md:8: security_txt.Policy is already fed by section 'responsible-disclosure'")] {
            let (sections, cacheFolder, cache) = try setUp(files)
            defer { sections.remove(); cacheFolder.remove() }
            for _ in 0..<2 {
                #expect(problems(sections, cache).first?.hasPrefix(problem) == true, "\(problems(sections, cache))")
            }
            #expect(try remembered(sections, cache) == nil)
        }
    }

    /// Files are looked up from their folder, opened once: paths from two
    /// folders in turn are each their own file.
    @Test func theStampLooksEachFileUpInItsOwnFolder() throws {
        let (sections, cacheFolder, cache) = try setUp(["a.md": good])
        let other = try TemporaryFolder()
        defer { sections.remove(); cacheFolder.remove(); other.remove() }
        try other.write("a.md", good)
        let a = sections.path + "/a.md", otherA = other.path + "/a.md"
        let mixed = try #require(cache.stamp([a, otherA, a]))
        #expect(cache.stamp([a, otherA, a]) == mixed)
        #expect(cache.stamp([a, a, a]) != mixed)
        // The second folder's file changes, and nothing else: the stamp does.
        try other.write("a.md", good + " ")
        #expect(cache.stamp([a, otherA, a]) != mixed)
        #expect(cache.stamp([a, other.path + "/missing.md"]) == nil)
    }

    /// The folder's `*.md` files, sorted by name, and nothing else; a folder
    /// that is not there, or a file in its place, is "no such folder".
    @Test func theListingHoldsTheFolderMarkdownFilesInOrder() throws {
        let (sections, cacheFolder, _) = try setUp(["b.md": good, "a.md": good, ".hidden.md": good, "notes.txt": "x", "c.md.bak": "x"])
        defer { sections.remove(); cacheFolder.remove() }
        try FileManager.default.createDirectory(atPath: sections.path + "/sub", withIntermediateDirectories: false)
        try sections.write("sub/d.md", good)
        #expect(try FileStore.listMarkdown(in: sections.path) == [".hidden.md", "a.md", "b.md"].map { sections.path + "/" + $0 })
        #expect(try FileStore.listMarkdown(in: sections.path + "/") == [".hidden.md", "a.md", "b.md"].map { sections.path + "/" + $0 })
        for missing in [sections.path + "/none", sections.path + "/notes.txt"] {
            #expect(throws: InputError(file: missing, "no such folder")) { try FileStore.listMarkdown(in: missing) }
        }
    }

    /// Every stored value of every built-in section, and of a custom one with
    /// what the built-in ones lack, comes back as it went in.
    @Test func sectionsComeBackAsTheyWentIn() throws {
        let builtin = try BuiltinCatalog.parsed(BuiltinCatalog.files)
        let custom = try SectionParser(file: "custom/everything.md").parse(Self.everything)
        let sections = builtin + [custom]
        // In parts read at once, in order, however many the parts.
        for parts in [1, 4, 7, sections.count, sections.count + 3] {
            let bytes = try #require(StoredSections.encode(sections, parts: parts))
            let back = try #require(StoredSections.decode(bytes))
            #expect(back.map(CompiledCatalogTests.canonical) == sections.map(CompiledCatalogTests.canonical), "\(parts) parts")
        }
        #expect(StoredSections.decode(try #require(StoredSections.encode([])))?.isEmpty == true)
        // One part that does not decode leaves the whole entry unread.
        var damaged = try SecurityOverview_Cache_SectionParts(serializedBytes: try #require(StoredSections.encode(sections)))
        damaged.parts[1] = Data([0xff, 0xff, 0xff])
        #expect(StoredSections.decode(try damaged.serializedData()) == nil)
        // What they hold between them, so that the comparison covers it.
        let questions = sections.flatMap(\.questions)
        #expect(sections.contains { $0.anchor != nil } && sections.contains { $0.anchor == nil })
        #expect(sections.contains { $0.glance != nil } && sections.contains { !$0.conflicts.isEmpty })
        #expect(sections.contains { !$0.retired.isEmpty } && sections.contains(where: \.fixedText))
        #expect(sections.contains { $0.securityTxt?.fields.values.contains { $0.contains(.onPage) } == true })
        #expect(sections.contains { $0.securityTxt != nil && $0.securityTxt?.pageLink == nil })
        #expect(questions.contains { $0.record != nil } && questions.contains { $0.format != nil })
        #expect(questions.contains { $0.choices.contains { $0.url != nil } && $0.choices.contains { !$0.affirms } })
        #expect(questions.contains { $0.choices.contains(where: \.exclusive) })
        // Every kind of profile condition (the nine of ProfileCondition), and one as a question's `when`.
        #expect(Set(sections.flatMap(\.rule.anyOf).map { "\($0)".prefix { $0 != "(" } }).count == 9)
        #expect(questions.contains { if case .profile? = $0.when { true } else { false } })
        #expect(questions.contains { if case .answerIs(_, .bool)? = $0.when { true } else { false } })
        #expect(questions.contains { if case .answerIs(_, .choice)? = $0.when { true } else { false } })
        #expect(questions.contains { if case .answerIncludes? = $0.when { true } else { false } })
    }

    /// The catalog a start reads back from the cache is the one parsed
    /// from the files: the same sections in the same order, a built-in one
    /// replaced where a custom file takes its id, and no problem found in
    /// the parsed one lost on the way.
    @Test func aCatalogReadBackIsTheOneParsed() throws {
        let overview = "---\nid: overview\ntitle: About us\norder: 10\nguidance: {who: All, why: Because}\n"
            + "questions:\n  - {id: intro, kind: yesno, label: Intro}\nsecurity_txt: {}\n---\n{{#intro}}\nHello.\n{{/intro}}\n"
        // File names out of page order, and an order between built-in ones.
        let (sections, cacheFolder, cache) = try setUp([
            "a-late.md": sectionFile(minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: late")
                .replacingOccurrences(of: "order: 500", with: "order: 990")),
            "b-early.md": sectionFile(minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: early")
                .replacingOccurrences(of: "order: 500", with: "order: 26")),
            "c-overview.md": overview,
        ])
        defer { sections.remove(); cacheFolder.remove() }
        let parsed = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        #expect(try remembered(sections, cache) != nil)
        let readBack = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        #expect(readBack.sections.map(CompiledCatalogTests.canonical) == parsed.sections.map(CompiledCatalogTests.canonical))
        #expect(readBack.identity == parsed.identity && readBack.identity != nil)
        let builtin = try Catalog.builtin()
        #expect(readBack.sections.count == builtin.sections.count + 2)
        #expect(readBack.section("overview")?.title == "About us")
        let orders = readBack.sections.map(\.order)
        #expect(orders == orders.sorted())
        for id in ["early", "late", "overview"] { #expect(readBack.place(of: id).map { readBack.sections[$0].id } == id) }
        // A file added is a new stamp: parsed, and two files with one id are an error.
        try sections.write("d-twin.md", sectionFile(minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: late")
            .replacingOccurrences(of: "order: 500", with: "order: 991")))
        #expect(problems(sections, cache) == ["d-twin.md:2: duplicate section id 'late' (also in a-late.md)"])
    }

    /// Details stored by this executable decode; should they not (a word it
    /// does not know), the section's file gives them, as a start without the
    /// entry would have. Bytes that are not sections leave the entry unread.
    @Test func detailsThatDoNotDecodeAreReadFromTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("custom.md", good)
        let parsed = try SectionParser(file: path).parse(good)
        var stored = try StoredSections.stored(parsed)
        var details = try SecurityOverview_Cache_SectionDetails(serializedBytes: stored.details)
        details.questions[0].kind = "essay"
        details.who = "Not what the file says."
        stored.details = try details.serializedData()
        var part = SecurityOverview_Cache_Sections()
        part.sections = [stored]
        var parts = SecurityOverview_Cache_SectionParts()
        parts.parts = [try part.serializedData()]
        let back = try #require(StoredSections.decode(try parts.serializedData()))
        #expect(back.count == 1 && back[0].detailsStored)
        #expect(back[0].questions.map(\.kind) == parsed.questions.map(\.kind))
        #expect(back[0].guidance == parsed.guidance)
        #expect(!back[0].detailsStored)
        #expect(back.map(CompiledCatalogTests.canonical) == [CompiledCatalogTests.canonical(parsed)])
        #expect(StoredSections.decode(Data([0x0a, 0xff])) == nil)
    }

    /// A start with many sections of a company's own decodes the details of
    /// none of them on its way to the review: the first frame shows each
    /// one's title, and the facts the answers cache keeps.
    @Test func sectionsReadBackDecodeTheirDetailsWhenFirstNeeded() throws {
        var files: [String: String] = [:]
        for n in 0..<40 {
            files["s\(n).md"] = sectionFile(minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: custom-\(n)")
                .replacingOccurrences(of: "order: 500", with: "order: \(500 + n)"), body: "{{#ok}}\nWe do it.\n{{/ok}}\n")
        }
        let (sections, cacheFolder, cache) = try setUp(files)
        defer { sections.remove(); cacheFolder.remove() }
        let parsed = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        #expect(parsed.sections.allSatisfy { !$0.detailsStored })
        let readBack = try Catalog.loadReporting(customDirectory: sections.path, cache: cache)
        let custom = readBack.sections.filter(\.isCustom)
        #expect(custom.count == 40 && custom.allSatisfy(\.detailsStored))
        // Asked for, one section's details are decoded, and no other's.
        #expect(readBack.section("custom-7")?.questions.map(\.id) == ["ok"])
        #expect(custom.filter(\.detailsStored).count == 39)
        #expect(readBack.sections.map(CompiledCatalogTests.canonical) == parsed.sections.map(CompiledCatalogTests.canonical))
        #expect(custom.allSatisfy { !$0.detailsStored })
        // A copy changed is changed alone: sections are values.
        var changed = custom[0]
        changed.body = "Changed."
        changed.questions[0].label = "Relabelled"
        #expect(changed.body == "Changed." && changed.questions[0].label == "Relabelled")
        #expect(custom[0].body == "{{#ok}}\nWe do it.\n{{/ok}}\n" && custom[0].questions[0].label == "It is so")
    }

    /// A section with what no built-in one has.
    static let everything = sectionFile("""
        id: everything
        title: Everything
        order: 900
        recommended_for:
          - stage_at_least: seed
          - data_is: personal
          - enterprise_customers: false
          - accepts_payments: true
          - availability_critical: true
          - hosting: [cloud, both]
          - ai_customer_data: false
        guidance:
          who: Everyone.
          why: Because.
        security_txt:
          Policy: [policy_url, on-page]
        anchor: everything
        questions:
          - id: ok
            kind: yesno
            label: It is so
          - id: how
            kind: single
            label: How
            choices:
              - {id: well, label: Well, url: "https://example.com/well"}
              - {id: not, label: Not yet, affirms: false}
          - id: policy_url
            kind: text
            label: Policy
            validate: url
            when: {answer: how, is: well}
          - id: tools
            kind: multiple
            label: Tools
            choices:
              - {id: a, label: A}
              - {id: none, label: None, exclusive: true}
            when: {answer: ok, is: true}
          - id: more
            kind: text
            label: More
            when: {answer: tools, includes: a}
          - id: dc
            kind: text
            label: Data center
            when: {hosting: [data-center]}
        """, body: "{{#ok}}\nIt is so.\n{{/ok}}\n")
}
