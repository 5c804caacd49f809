import Foundation
import SwiftProtobuf

/// An answers file's answers as they were read, with no problem, against one
/// catalog, kept between the wizard's starts: the next start on the same
/// text and catalog reads them back instead of composing the file's YAML and
/// checking every answer again (most of a revise's way to its first frame).
///
/// An entry is made only of a text that parsed without a problem, and read
/// back only for the same text (its SHA-256), the same program (version and
/// executable) and the same catalog (`Catalog.identity`): anything else
/// changed, and the file is parsed as before, so the answers are the ones
/// `AnswersFile.parse` makes of that text, with its checks, or its errors.
/// Like `SectionsCache`'s, an entry carries the digest of its body and one
/// that does not match, does not decode, or names a word this program does
/// not know is ignored.
///
/// The entry holds a copy of the file's answers, notes included (never more
/// than the file, which the company keeps in its repository). There is one
/// entry per answers file (named by the SHA-256 of its real path), replaced
/// when the file changes, in `$XDG_CACHE_HOME/security-overview/answers`
/// (or `~/.cache/...`), a folder only its owner can read. Deleting it is safe.
public struct AnswersCache: Sendable {
    /// The folder of the entries.
    public let folder: String
    let toolVersion: String

    public init(folder: String, toolVersion: String) {
        self.folder = folder
        self.toolVersion = toolVersion
    }

    /// The cache in the user's cache folder; nil when there is no home to find it in.
    public static func standard(toolVersion: String) -> AnswersCache? {
        CacheEntry.folder("answers").map { AnswersCache(folder: $0, toolVersion: toolVersion) }
    }

    /// The answers an entry holds, not yet matched to a catalog.
    public struct Remembered: Sendable {
        /// The answers, as `AnswersFile.parse` made them.
        public let answers: Answers
        /// The `Catalog.identity` they were checked against.
        let catalog: String
        /// What the wizard's start found new to the file in that catalog
        /// (`Wizard.unseenQuestions(in:)`), when the entry keeps it.
        let unseenInFile: [String: [String]]?
        /// Every section's `ReviewFacts` as that start found them, in catalog order.
        let reviewFacts: [ReviewFacts]?

        /// The answers, when `catalog` is the one they were checked against.
        public func answers(for catalog: Catalog) -> Answers? {
            catalog.identity == self.catalog ? answers : nil
        }

        /// The questions each section of the file never saw, by section id,
        /// when `catalog` is the one they were found in and the entry keeps them.
        public func unseenInFile(for catalog: Catalog) -> [String: [String]]? {
            catalog.identity == self.catalog ? unseenInFile : nil
        }

        /// Every section's review facts as the start found them, when
        /// `catalog` is the one they were found in and the entry keeps them
        /// for each of its sections.
        public func reviewFacts(for catalog: Catalog) -> [ReviewFacts]? {
            guard catalog.identity == self.catalog, let reviewFacts, reviewFacts.count == catalog.sections.count else { return nil }
            return reviewFacts
        }
    }

    /// What is remembered of `text`, the text of the answers file at `file`;
    /// nil when nothing is (or the entry cannot be read).
    public func remembered(_ file: String, text: String) -> Remembered? {
        entry(for: file)?.remembered(forKey: key(text))
    }

    /// An entry read back whole, before the text it was made of is known.
    public struct Entry: Sendable {
        /// The key (`key(_:)`) of the text it was made of.
        let key: String
        let remembered: Remembered

        /// What the entry remembers, when it was made of the text (and the
        /// program) whose key is `key`.
        public func remembered(forKey key: String) -> Remembered? {
            key == self.key ? remembered : nil
        }
    }

    /// The entry kept for the answers file at `file`, read back and decoded
    /// whatever text it was made of; nil when there is none, or it cannot
    /// be read. Nothing in it is used until `Entry.remembered(forKey:)`
    /// finds it was made of the file's text as read, and it needs no text:
    /// a revise reads it on another thread while this one reads the file.
    public func entry(for file: String) -> Entry? {
        guard let path = CacheEntry.path(in: folder, for: file),
              let data = FileManager.default.contents(atPath: path),
              let key = Self.key(ofEntry: data),
              let remembered = Self.remembered(inEntry: data, key: key) else { return nil }
        return Entry(key: key, remembered: remembered)
    }

    /// Remembers `answers`, which `AnswersFile.parse` made of `text` (the
    /// text of the answers file at `file`) against `catalog`, without a
    /// problem, and what the wizard's start found new to them in that
    /// catalog and its review facts, when given. Nothing is remembered for
    /// a catalog of unknown identity.
    public func record(_ answers: Answers, _ file: String, text: String, catalog: Catalog,
                       unseenInFile: [String: [String]]? = nil, reviewFacts: [ReviewFacts]? = nil) {
        guard let identity = catalog.identity, !identity.contains("\n"),
              let path = CacheEntry.path(in: folder, for: file),
              let body = StoredAnswers.encode(answers, unseenInFile: unseenInFile, reviewFacts: reviewFacts) else { return }
        CacheEntry.write(Self.entry(key: key(text), catalog: identity, body: body), to: path, in: folder)
    }

    /// A digest of the program and the file's text.
    public func key(_ text: String) -> String {
        var input = SHA256Input()
        // 2: answers kept by kind (SectionEntry in scripts/answers-cache.proto).
        input.add("security-overview answers 2")
        input.add(toolVersion)
        input.add(CacheEntry.executableIdentity)
        input.add(text)
        return input.digest().hexDigits
    }

    /// An entry: the key and the catalog's identity on one line, then a
    /// `CacheEntry` headed by the key.
    static func entry(key: String, catalog: String, body: Data) -> Data {
        Data("\(catalog)\n".utf8) + CacheEntry.make(head: prefix(key), body: body).entry
    }

    static func remembered(inEntry entry: Data, key: String) -> Remembered? {
        guard let lineEnd = entry.firstIndex(of: UInt8(ascii: "\n")),
              let (body, _) = CacheEntry.body(of: entry[(lineEnd + 1)...], head: prefix(key)),
              let read = StoredAnswers.read(body) else { return nil }
        return Remembered(answers: read.answers, catalog: String(decoding: entry[..<lineEnd], as: UTF8.self),
                          unseenInFile: read.unseenInFile, reviewFacts: read.reviewFacts)
    }

    /// The key an entry's second line names; nil for an entry not shaped as `entry` makes one.
    static func key(ofEntry entry: Data) -> String? {
        let head = Array(headStart.utf8)
        guard let lineEnd = entry.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let keyStart = lineEnd + 1 + head.count
        let keyEnd = keyStart + 2 * SHA256Input.byteCount
        guard keyEnd < entry.endIndex, entry[(lineEnd + 1)...].starts(with: head),
              entry[keyEnd] == UInt8(ascii: " ") else { return nil }
        return String(decoding: entry[keyStart..<keyEnd], as: UTF8.self)
    }

    /// The entry's second line up to the body's digest.
    static func prefix(_ key: String) -> String { headStart + key + " " }

    /// The entry's second line up to its key.
    static let headStart = "security-overview answers "
}

// MARK: - The entry's body: the answers as protocol buffers

/// Answers written as `scripts/answers-cache.proto` describes them, and read
/// back; nil for bytes that are not such answers, or name a word this
/// program does not know.
enum StoredAnswers {
    typealias Stored = SecurityOverview_Cache_StoredAnswers

    static func encode(_ answers: Answers, unseenInFile: [String: [String]]? = nil,
                       reviewFacts: [ReviewFacts]? = nil) -> Data? {
        var stored = Stored()
        if let reviewFacts {
            var kept = SecurityOverview_Cache_StartFacts()
            kept.missing = reviewFacts.map { Int32(clamping: $0.missing) }
            kept.contradicting = reviewFacts.map(\.contradicting)
            kept.newQuestions = reviewFacts.map { UInt32(clamping: $0.newQuestions) }
            stored.startFacts = kept
        }
        if let unseenInFile {
            // Present even when nothing is new: "none" is kept, not "not known".
            var kept = SecurityOverview_Cache_UnseenInFile()
            kept.sections = unseenInFile.sorted { $0.key < $1.key }.map { section, questions in
                var unseen = SecurityOverview_Cache_UnseenQuestions()
                unseen.section = section
                unseen.questions = questions
                return unseen
            }
            stored.unseenInFile = kept
        }
        var company = SecurityOverview_Cache_Company()
        if let name = answers.company.name { company.name = name }
        if let domain = answers.company.domain { company.domain = domain }
        if let contact = answers.company.securityContact { company.securityContact = contact }
        if let contact = answers.company.privacyContact { company.privacyContact = contact }
        stored.company = company
        var profile = SecurityOverview_Cache_Profile()
        let given = answers.profile
        if let stage = given.stage { profile.stage = stage.rawValue }
        if let data = given.data { profile.data = data.rawValue }
        if let value = given.enterpriseCustomers { profile.enterpriseCustomers = value }
        if let value = given.acceptsPayments { profile.acceptsPayments = value }
        if let value = given.availabilityCritical { profile.availabilityCritical = value }
        if let hosting = given.hosting { profile.hosting = hosting.rawValue }
        if let value = given.aiCustomerData { profile.aiCustomerData = value }
        stored.profile = profile
        stored.sections = answers.sections.sorted { $0.key < $1.key }.map { id, section in
            var entry = SecurityOverview_Cache_SectionEntry()
            entry.id = id
            if let include = section.include { entry.include = include }
            for (question, value) in section.answers.sorted(by: { $0.key < $1.key }) {
                switch value {
                case .bool(let yes):
                    entry.yesNoQuestions.append(question)
                    entry.yesNoAnswers.append(yes)
                case .choice(let id):
                    entry.choiceQuestions.append(question)
                    entry.choiceAnswers.append(id)
                case .text(let text):
                    entry.textQuestions.append(question)
                    entry.textAnswers.append(text)
                case .choices(let ids):
                    var choices = SecurityOverview_Cache_QuestionChoices()
                    choices.question = question
                    choices.choices = ids
                    entry.choices.append(choices)
                case .records:
                    var answer = SecurityOverview_Cache_QuestionAnswer()
                    answer.question = question
                    answer.value = StoredSections.stored(value)
                    entry.otherAnswers.append(answer)
                }
            }
            entry.open = section.open.sorted()
            if let note = section.note { entry.note = note }
            entry.notes = section.notes.sorted { $0.key < $1.key }.map { question, text in
                var note = SecurityOverview_Cache_QuestionNote()
                note.question = question
                note.note = text
                return note
            }
            return entry
        }
        if let reviewed = answers.reviewed { stored.reviewed = reviewed }
        var outputs = SecurityOverview_Cache_Outputs()
        let paths = answers.outputs
        if let value = paths.page { outputs.page = value }
        if let value = paths.format { outputs.format = value.rawValue }
        if let value = paths.securityTxt { outputs.securityTxt = value }
        if let value = paths.pageURL { outputs.pageURL = value }
        if let value = paths.json { outputs.json = value }
        if let value = paths.feed { outputs.feed = value }
        if let value = paths.feedURL { outputs.feedURL = value }
        if let value = paths.showChanges { outputs.showChanges = value }
        if let value = paths.securityTxtSigningKey { outputs.securityTxtSigningKey = value }
        if let value = paths.frontMatter { outputs.frontMatter = value }
        stored.outputs = outputs
        var history = SecurityOverview_Cache_History()
        history.claims = answers.history.claims.map { claim in
            var snapshot = SecurityOverview_Cache_Snapshot()
            snapshot.key = claim.key
            snapshot.value = claim.value
            return snapshot
        }
        history.entries = answers.history.entries.map { entry in
            var stored = SecurityOverview_Cache_HistoryEntry()
            stored.reviewed = entry.reviewed
            if let since = entry.since { stored.since = since }
            stored.added = entry.changes.added
            stored.removed = entry.changes.removed
            stored.changed = entry.changes.changed
            return stored
        }
        stored.history = history
        if let path = answers.customSections { stored.customSections = path }
        return try? stored.serializedData()
    }

    static func decode(_ bytes: Data) -> Answers? {
        read(bytes)?.answers
    }

    /// The answers, what the wizard's start found new to them, and its
    /// review facts, each of the last two when the entry keeps it whole (nil
    /// when not, when a section is named twice, or the lists of facts differ
    /// in length).
    static func read(_ bytes: Data) -> (answers: Answers, unseenInFile: [String: [String]]?, reviewFacts: [ReviewFacts]?)? {
        guard let stored = try? Stored(serializedBytes: bytes), let answers = try? answers(stored) else { return nil }
        return (answers, unseenInFile(stored), reviewFacts(stored))
    }

    static func unseenInFile(_ stored: Stored) -> [String: [String]]? {
        guard stored.hasUnseenInFile else { return nil }
        var unseen: [String: [String]] = [:]
        unseen.reserveCapacity(stored.unseenInFile.sections.count)
        for entry in stored.unseenInFile.sections {
            guard unseen.updateValue(entry.questions, forKey: entry.section) == nil else { return nil }
        }
        return unseen
    }

    static func reviewFacts(_ stored: Stored) -> [ReviewFacts]? {
        guard stored.hasStartFacts else { return nil }
        let kept = stored.startFacts
        guard kept.contradicting.count == kept.missing.count, kept.newQuestions.count == kept.missing.count,
              kept.missing.allSatisfy({ $0 >= -1 }) else { return nil }
        return kept.missing.indices.map {
            ReviewFacts(missing: Int(kept.missing[$0]), contradicting: kept.contradicting[$0], newQuestions: Int(kept.newQuestions[$0]))
        }
    }

    static func answers(_ stored: Stored) throws(StoredSections.Unknown) -> Answers {
        typealias Unknown = StoredSections.Unknown
        var answers = Answers()
        let company = stored.company
        answers.company = Company(name: company.hasName ? company.name : nil,
                                  domain: company.hasDomain ? company.domain : nil,
                                  securityContact: company.hasSecurityContact ? company.securityContact : nil,
                                  privacyContact: company.hasPrivacyContact ? company.privacyContact : nil)
        let profile = stored.profile
        answers.profile = Profile(
            stage: profile.hasStage ? try StoredSections.word(profile.stage) : nil,
            data: profile.hasData ? try StoredSections.word(profile.data) : nil,
            enterpriseCustomers: profile.hasEnterpriseCustomers ? profile.enterpriseCustomers : nil,
            acceptsPayments: profile.hasAcceptsPayments ? profile.acceptsPayments : nil,
            availabilityCritical: profile.hasAvailabilityCritical ? profile.availabilityCritical : nil,
            hosting: profile.hasHosting ? try StoredSections.word(profile.hosting) : nil,
            aiCustomerData: profile.hasAiCustomerData ? profile.aiCustomerData : nil)
        var sections: [String: SectionAnswers] = [:]
        sections.reserveCapacity(stored.sections.count)
        for entry in stored.sections {
            guard entry.yesNoQuestions.count == entry.yesNoAnswers.count,
                  entry.choiceQuestions.count == entry.choiceAnswers.count,
                  entry.textQuestions.count == entry.textAnswers.count else { throw Unknown() }
            var values: [String: AnswerValue] = [:]
            values.reserveCapacity(entry.yesNoQuestions.count + entry.choiceQuestions.count + entry.textQuestions.count
                                   + entry.choices.count + entry.otherAnswers.count)
            // A question answered twice makes the entry unread.
            func add(_ value: AnswerValue, _ question: String) throws(Unknown) {
                guard values.updateValue(value, forKey: question) == nil else { throw Unknown() }
            }
            for place in entry.yesNoQuestions.indices { try add(.bool(entry.yesNoAnswers[place]), entry.yesNoQuestions[place]) }
            for place in entry.choiceQuestions.indices { try add(.choice(entry.choiceAnswers[place]), entry.choiceQuestions[place]) }
            for place in entry.textQuestions.indices { try add(.text(entry.textAnswers[place]), entry.textQuestions[place]) }
            for choices in entry.choices { try add(.choices(choices.choices), choices.question) }
            for answer in entry.otherAnswers { try add(try StoredSections.answer(answer.value), answer.question) }
            var notes: [String: String] = [:]
            for note in entry.notes {
                guard notes.updateValue(note.note, forKey: note.question) == nil else { throw Unknown() }
            }
            let section = SectionAnswers(include: entry.hasInclude ? entry.include : nil, answers: values,
                                         open: Set(entry.open), note: entry.hasNote ? entry.note : nil, notes: notes)
            guard sections.updateValue(section, forKey: entry.id) == nil else { throw Unknown() }
        }
        answers.sections = sections
        answers.reviewed = stored.hasReviewed ? stored.reviewed : nil
        let outputs = stored.outputs
        answers.outputs = Outputs(page: outputs.hasPage ? outputs.page : nil,
                                  format: outputs.hasFormat ? try StoredSections.word(outputs.format) : nil,
                                  securityTxt: outputs.hasSecurityTxt ? outputs.securityTxt : nil,
                                  pageURL: outputs.hasPageURL ? outputs.pageURL : nil,
                                  json: outputs.hasJson ? outputs.json : nil,
                                  feed: outputs.hasFeed ? outputs.feed : nil,
                                  feedURL: outputs.hasFeedURL ? outputs.feedURL : nil,
                                  showChanges: outputs.hasShowChanges ? outputs.showChanges : nil,
                                  securityTxtSigningKey: outputs.hasSecurityTxtSigningKey ? outputs.securityTxtSigningKey : nil)
        answers.outputs.frontMatter = outputs.hasFrontMatter ? outputs.frontMatter : nil
        answers.history = History(
            claims: stored.history.claims.map { History.Snapshot(key: $0.key, value: $0.value) },
            entries: stored.history.entries.map { entry in
                History.Entry(reviewed: entry.reviewed, since: entry.hasSince ? entry.since : nil,
                              changes: ChangeList(added: entry.added, removed: entry.removed, changed: entry.changed))
            })
        answers.customSections = stored.hasCustomSections ? stored.customSections : nil
        return answers
    }
}
