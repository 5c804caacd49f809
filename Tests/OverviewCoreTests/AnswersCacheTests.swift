import Crypto
import Foundation
import Testing
@testable import OverviewCore

/// The answers cache may spare a start the answers file's YAML and checks,
/// must give back exactly the answers `AnswersFile.parse` makes of the same
/// text against the same catalog, and nothing for any other text or catalog.
struct AnswersCacheTests {
    let catalog = Fixtures.catalog

    /// An answers file holding `text` and an empty cache folder.
    func setUp(_ text: String) throws -> (TemporaryFolder, AnswersCache, String) {
        let folder = try TemporaryFolder()
        let file = try folder.write("security-overview.yml", text)
        return (folder, AnswersCache(folder: folder.path + "/cache/answers", toolVersion: "test"), file)
    }

    /// Answers with every field the file can hold given, none left at its default.
    static let everyField: Answers = {
        var answers = Answers()
        answers.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example",
                                  privacyContact: "privacy@acme.example")
        answers.profile = Profile(stage: .seed, data: .personal, enterpriseCustomers: true, acceptsPayments: false,
                                  availabilityCritical: true, hosting: .cloud, aiCustomerData: false)
        answers.sections = [
            "a": SectionAnswers(include: false, answers: ["yes": .bool(true), "no": .bool(false), "one": .choice("x"),
                                                         "some": .choices(["x", "y"]), "none": .choices([]), "text": .text("line one\nline two"),
                                                         "blank": .text(""),
                                                         "records": .records([["name": "Vendor", "url": "https://v.example"], [:]])],
                                open: ["one", "text"], note: "Only for the auditors.", notes: ["yes": "Checked in March.", "no": ""]),
            "b": SectionAnswers(),
            "c": SectionAnswers(include: true, answers: ["records": .records([])]),
        ]
        answers.reviewed = "2026-11-29"
        answers.outputs = Outputs(page: "content/security.md", format: .hugo, securityTxt: "static/.well-known/security.txt",
                                  pageURL: "https://acme.example/security", json: "static/trust.json", feed: "static/trust.atom",
                                  feedURL: "https://acme.example/trust.atom", showChanges: true, securityTxtSigningKey: "security@acme.example")
        answers.outputs.frontMatter = "menu: main\nweight: 40\n"
        answers.history = History(claims: [.init(key: "a.yes", value: "true"), .init(key: "a.one", value: "x")],
                                  entries: [.init(reviewed: "2026-11-29", since: "2025-11-20",
                                                  changes: ChangeList(added: ["A"], removed: ["B"], changed: ["C: x → y"])),
                                            .init(reviewed: "2025-11-20")])
        answers.customSections = "sections"
        return answers
    }()

    @Test func digestsAreWrittenInLowerCaseHex() {
        #expect([UInt8]([0x00, 0x0f, 0xa5, 0xff]).hexDigits == "000fa5ff")
        #expect([UInt8]().hexDigits == "")
        #expect(SHA256.hash(data: Data("abc".utf8)).hexDigits == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func piecesOfAKeyAreKeptApartByTheirLengths() {
        func digest(_ pieces: [String]) -> String {
            var input = SHA256Input()
            for piece in pieces { input.add(piece) }
            return input.digest().hexDigits
        }
        // The same bytes cut in other places, or with an empty piece more, are another key.
        let keys = [["ab", "c"], ["a", "bc"], ["abc"], ["abc", ""], ["", "abc"], ["a", "b", "c"], ["é", "c"]].map(digest)
        #expect(Set(keys).count == keys.count)
        #expect(digest(["ab", "c"]) == digest(["ab", "c"]))
        // Each piece is its length (eight bytes, least significant first), then its
        // UTF-8: the digest swift-crypto's SHA256 gives of those bytes.
        var hash = SHA256()
        hash.update(data: [2, 0, 0, 0, 0, 0, 0, 0] + Array("ab".utf8))
        #expect(digest(["ab"]) == hash.finalize().hexDigits)
    }

    @Test func everyFieldIsStoredAndReadBack() throws {
        let body = try #require(StoredAnswers.encode(Self.everyField))
        #expect(StoredAnswers.decode(body) == Self.everyField)
        #expect(StoredAnswers.decode(try #require(StoredAnswers.encode(Answers()))) == Answers())
    }

    /// A field added to the answers must be added to the cache too: these
    /// are the fields `StoredAnswers` stores, and `everyField` sets.
    @Test func theStoredFieldsAreEveryFieldTheAnswersHave() {
        func fields(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(fields(Answers()) == ["company", "profile", "sections", "reviewed", "outputs", "history", "customSections"])
        #expect(fields(Company()) == ["name", "domain", "securityContact", "privacyContact"])
        #expect(fields(Profile()) == ["stage", "data", "enterpriseCustomers", "acceptsPayments", "availabilityCritical", "hosting", "aiCustomerData"])
        #expect(fields(SectionAnswers()) == ["include", "answers", "open", "note", "notes"])
        #expect(fields(Outputs()) == ["page", "format", "securityTxt", "pageURL", "json", "feed", "feedURL", "showChanges",
                                      "securityTxtSigningKey", "frontMatter"])
        #expect(fields(History()) == ["claims", "entries"])
        #expect(fields(History.Entry(reviewed: "")) == ["reviewed", "since", "changes"])
        #expect(fields(History.Snapshot(key: "", value: "")) == ["key", "value"])
        #expect(fields(ChangeList()) == ["added", "removed", "changed"])
    }

    @Test(arguments: ["pre-seed.yml", "seed-saas.yml", "seed-saas-next.yml", "later-health.yml",
                      "written-before-16.yml", "written-before-split.yml"])
    func anAnswersFileIsReadBackAsItsParseIs(_ name: String) throws {
        let text = try Fixtures.text(name)
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        let parsed = try AnswersFile.parse(text, file: file, catalog: catalog)
        #expect(cache.remembered(file, text: text) == nil)
        cache.record(parsed, file, text: text, catalog: catalog)
        let remembered = try #require(cache.remembered(file, text: text))
        #expect(remembered.answers(for: catalog) == parsed)
    }

    /// What a revise's start finds new to the file (a look through every
    /// section) is kept with its answers, and a start given it is the start
    /// that finds it again.
    @Test func whatTheStartFoundNewIsKeptWithTheAnswers() throws {
        let text = try Fixtures.text("later-health.yml")
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        let parsed = try AnswersFile.parse(text, file: file, catalog: catalog)
        let wizard = Wizard(catalog: catalog)
        let paths = WizardPaths(answers: file)
        let found = wizard.start(paths: paths, fileAnswers: parsed, draft: nil, today: "2026-12-05")
        // The fixture was exported under an older catalog: some of today's questions are new to it.
        #expect(!found.unseenInFile.isEmpty)
        cache.record(parsed, file, text: text, catalog: catalog, unseenInFile: found.unseenInFile)
        let remembered = try #require(cache.remembered(file, text: text))
        let known = try #require(remembered.unseenInFile(for: catalog))
        #expect(known == found.unseenInFile)
        #expect(wizard.start(paths: paths, fileAnswers: parsed, draft: nil, today: "2026-12-05", unseenInFile: known) == found)
        // Found in another catalog: not this one's.
        var otherCatalog = catalog
        otherCatalog.identity = catalog.identity.map { $0 + " custom 00" }
        #expect(remembered.unseenInFile(for: otherCatalog) == nil)
        // A start given a map uses it, not its own look.
        let given = wizard.start(paths: paths, fileAnswers: parsed, draft: nil, today: "2026-12-05", unseenInFile: ["x": ["y"]])
        #expect(given.unseenInFile == ["x": ["y"]])
        // The review's facts of every section, kept and read back the same.
        let facts = wizard.reviewFacts(found)
        #expect(found.startFacts == facts)
        #expect(facts.count == catalog.sections.count && facts.contains { $0.newQuestions > 0 } && facts.contains { $0.missing == 0 })
        cache.record(parsed, file, text: text, catalog: catalog, unseenInFile: found.unseenInFile, reviewFacts: facts)
        let withFacts = try #require(cache.remembered(file, text: text))
        #expect(withFacts.reviewFacts(for: catalog) == facts)
        #expect(withFacts.reviewFacts(for: otherCatalog) == nil)
        cache.record(parsed, file, text: text, catalog: catalog, reviewFacts: Array(facts.dropLast()))
        #expect(cache.remembered(file, text: text)?.reviewFacts(for: catalog) == nil, "not one for each section")
        // Nothing new is kept as nothing new; an entry written without the map has none.
        cache.record(parsed, file, text: text, catalog: catalog, unseenInFile: [:])
        #expect(cache.remembered(file, text: text)?.unseenInFile(for: catalog) == [:])
        cache.record(parsed, file, text: text, catalog: catalog)
        #expect(try #require(cache.remembered(file, text: text)).unseenInFile(for: catalog) == nil)
        #expect(cache.remembered(file, text: text)?.answers(for: catalog) == parsed)
    }

    @Test func aSectionNamedTwiceInWhatWasNewKeepsTheAnswersOnly() throws {
        var stored = SecurityOverview_Cache_StoredAnswers()
        var unseen = SecurityOverview_Cache_UnseenQuestions()
        unseen.section = "a"
        unseen.questions = ["q"]
        stored.unseenInFile.sections = [unseen, unseen]
        let read = try #require(StoredAnswers.read(try stored.serializedData()))
        #expect(read.answers == Answers())
        #expect(read.unseenInFile == nil)
        stored.unseenInFile.sections = [unseen]
        #expect(StoredAnswers.read(try stored.serializedData())?.unseenInFile == ["a": ["q"]])
    }

    @Test func reviewFactsInListsOfOtherLengthsAreNotRead() throws {
        var stored = SecurityOverview_Cache_StoredAnswers()
        stored.startFacts.missing = [-1, 0, 2]
        stored.startFacts.contradicting = [false, true, false]
        stored.startFacts.newQuestions = [0, 0, 1]
        #expect(StoredAnswers.read(try stored.serializedData())?.reviewFacts
            == [ReviewFacts(missing: -1, contradicting: false, newQuestions: 0),
                ReviewFacts(missing: 0, contradicting: true, newQuestions: 0),
                ReviewFacts(missing: 2, contradicting: false, newQuestions: 1)])
        stored.startFacts.newQuestions = [0, 0]
        let read = try #require(StoredAnswers.read(try stored.serializedData()))
        #expect(read.reviewFacts == nil)
        #expect(read.answers == Answers())
        stored.startFacts.newQuestions = [0, 0, 1]
        stored.startFacts.missing = [-2, 0, 2]
        #expect(StoredAnswers.read(try stored.serializedData())?.reviewFacts == nil)
    }

    @Test func onlyTheSameTextProgramAndCatalogGetTheAnswers() throws {
        let text = try Fixtures.text("seed-saas.yml")
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        // An entry that says otherwise is what a start on the same text gets:
        // the answers come from the cache, not from the file.
        var altered = try AnswersFile.parse(text, file: file, catalog: catalog)
        altered.company.name = "Read from the cache"
        cache.record(altered, file, text: text, catalog: catalog)
        #expect(cache.remembered(file, text: text)?.answers(for: catalog)?.company.name == "Read from the cache")
        // Another text (one space added), another program, another catalog: nothing.
        #expect(cache.remembered(file, text: text + " ") == nil)
        #expect(AnswersCache(folder: cache.folder, toolVersion: "other").remembered(file, text: text) == nil)
        var otherCatalog = catalog
        otherCatalog.identity = catalog.identity.map { $0 + " custom 00" }
        #expect(cache.remembered(file, text: text)?.answers(for: otherCatalog) == nil)
        // A catalog whose sections are not known by identity is never remembered against.
        let (otherFolder, otherCache, otherFile) = try setUp(text)
        defer { otherFolder.remove() }
        var unknown = catalog
        unknown.identity = nil
        otherCache.record(altered, otherFile, text: text, catalog: unknown)
        #expect(otherCache.remembered(otherFile, text: text) == nil)
        #expect(!FileManager.default.fileExists(atPath: otherCache.folder))
    }

    /// A revise reads the entry on another thread before the file's text is
    /// known: it is used only for the text (and program) it was made of.
    @Test func anEntryReadBeforeTheTextIsUsedOnlyForItsOwnText() throws {
        let text = try Fixtures.text("seed-saas.yml")
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        #expect(cache.entry(for: file) == nil)
        let parsed = try AnswersFile.parse(text, file: file, catalog: catalog)
        cache.record(parsed, file, text: text, catalog: catalog)
        let entry = try #require(cache.entry(for: file))
        #expect(entry.remembered(forKey: cache.key(text))?.answers(for: catalog) == parsed)
        #expect(entry.remembered(forKey: cache.key(text + " ")) == nil)
        #expect(entry.remembered(forKey: AnswersCache(folder: cache.folder, toolVersion: "other").key(text)) == nil)
        // The key is the one the entry's second line names.
        let identity = try #require(catalog.identity)
        let body = try #require(StoredAnswers.encode(parsed))
        #expect(AnswersCache.key(ofEntry: AnswersCache.entry(key: cache.key(text), catalog: identity, body: body)) == cache.key(text))
        for garbage in [Data(), Data("no line".utf8), Data("\(identity)\n".utf8),
                        Data("\(identity)\nsecurity-overview answers short \n".utf8),
                        Data("\(identity)\nsecurity-overview answers \(cache.key(text))".utf8),
                        Data("\(identity)\nsecurity-overview answer \(cache.key(text)) ".utf8)] {
            #expect(AnswersCache.key(ofEntry: garbage) == nil)
        }
        // A body changed after it was written is not read, whatever key its entry names.
        let path = try #require(CacheEntry.path(in: cache.folder, for: file))
        var changed = try Data(contentsOf: URL(fileURLWithPath: path))
        changed[changed.count - 1] ^= 1
        try changed.write(to: URL(fileURLWithPath: path))
        #expect(cache.entry(for: file) == nil)
    }

    @Test func anEntryChangedOrCutShortIsIgnored() throws {
        let text = try Fixtures.text("seed-saas.yml")
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        let parsed = try AnswersFile.parse(text, file: file, catalog: catalog)
        let key = cache.key(text)
        let identity = try #require(catalog.identity)
        let body = try #require(StoredAnswers.encode(parsed))
        let entry = AnswersCache.entry(key: key, catalog: identity, body: body)
        #expect(AnswersCache.remembered(inEntry: entry, key: key)?.answers == parsed)
        // One letter of an answer changed: the body still decodes, to other
        // answers, and is not read because its digest no longer matches.
        var changed = entry
        let name = try #require(changed.firstRange(of: Data("Acme Analytics".utf8)))
        changed[name.upperBound - 1] = UInt8(ascii: "a")
        #expect(StoredAnswers.decode(Data(changed.suffix(body.count)))?.company.name == "Acme Analytica")
        #expect(AnswersCache.remembered(inEntry: changed, key: key) == nil)
        for garbage in [Data(), entry.prefix(entry.count - 1), Data("\(identity)\n".utf8), Data("\u{0}\u{1}not an entry".utf8),
                        AnswersCache.entry(key: cache.key(text + " "), catalog: identity, body: body),
                        AnswersCache.entry(key: key, catalog: identity, body: Data([0xff, 0xff, 0xff]))] {
            #expect(AnswersCache.remembered(inEntry: garbage, key: key) == nil)
        }
        // A word this program does not know (a stage from a newer one).
        var unknownStage = SecurityOverview_Cache_StoredAnswers()
        unknownStage.profile.stage = "series-z"
        #expect(StoredAnswers.decode(try unknownStage.serializedData()) == nil)
        // The same section or answer twice.
        var twice = SecurityOverview_Cache_StoredAnswers()
        var section = SecurityOverview_Cache_SectionEntry()
        section.id = "a"
        twice.sections = [section, section]
        #expect(StoredAnswers.decode(try twice.serializedData()) == nil)
        var one = SecurityOverview_Cache_StoredAnswers()
        section.yesNoQuestions = ["q"]
        section.yesNoAnswers = [true]
        one.sections = [section]
        #expect(StoredAnswers.decode(try one.serializedData())?.sections["a"]?.answers == ["q": .bool(true)])
        // One question answered as two kinds.
        var answeredTwice = one
        answeredTwice.sections[0].textQuestions = ["q"]
        answeredTwice.sections[0].textAnswers = ["Yes."]
        #expect(StoredAnswers.decode(try answeredTwice.serializedData()) == nil)
        // A kind's questions and answers that do not pair up.
        var unpaired = one
        unpaired.sections[0].yesNoAnswers = [true, false]
        #expect(StoredAnswers.decode(try unpaired.serializedData()) == nil)
    }

    @Test func theFolderIsItsOwnersAlone() throws {
        let text = try Fixtures.text("seed-saas.yml")
        let (folder, cache, file) = try setUp(text)
        defer { folder.remove() }
        cache.record(try AnswersFile.parse(text, file: file, catalog: catalog), file, text: text, catalog: catalog)
        let attributes = try FileManager.default.attributesOfItem(atPath: cache.folder)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
        // One entry per file: a changed text replaces it.
        cache.record(Answers(), file, text: "version: 1\n", catalog: catalog)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
        #expect(cache.remembered(file, text: text) == nil)
        #expect(cache.remembered(file, text: "version: 1\n")?.answers(for: catalog) == Answers())
    }

    /// The catalog's identity: known for the built-in catalog and for custom
    /// sections stored in (or read from) the sections cache, and the same
    /// for both; unknown for custom sections parsed and not stored.
    @Test func aCatalogsIdentityNamesItsSections() throws {
        #expect(catalog.identity == Catalog.builtinIdentity)
        let sections = try TemporaryFolder(), cacheFolder = try TemporaryFolder()
        defer { sections.remove(); cacheFolder.remove() }
        try sections.write("custom.md", sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it.\n{{/ok}}\n"))
        #expect(try Catalog.loadReporting(customDirectory: sections.path).identity == nil)
        let unsettled = SectionsCache(folder: cacheFolder.path + "/sections", toolVersion: "test", settle: 3600)
        #expect(try Catalog.loadReporting(customDirectory: sections.path, cache: unsettled).identity == nil)
        let cache = SectionsCache(folder: cacheFolder.path + "/sections", toolVersion: "test", settle: 0)
        let parsed = try #require(try Catalog.loadReporting(customDirectory: sections.path, cache: cache).identity)
        #expect(parsed.hasPrefix(Catalog.builtinIdentity + " custom "))
        let readBack = try Catalog.loadReporting(customDirectory: sections.path, cache: cache).identity
        #expect(readBack == parsed)
        // Another section: another identity.
        try sections.write("custom.md", sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe do it daily.\n{{/ok}}\n"))
        let changed = try Catalog.loadReporting(customDirectory: sections.path, cache: cache).identity
        #expect(changed != nil && changed != parsed)
    }
}
