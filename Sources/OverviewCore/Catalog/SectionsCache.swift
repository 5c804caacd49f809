import Foundation
import SwiftProtobuf

/// A company's own sections as they were parsed and found to pass every
/// check, kept between starts: the next start whose files are as they were
/// reads the sections back instead of parsing and checking every file again.
///
/// Parsing a thousand section files (their YAML front matter, on both cores)
/// was most of a revise's way to its first frame, and hashing their texts to
/// know them again cost more than reading the cache back.
///
/// Files are known again by what the file system says of them, as git's index
/// does: for each file in load order its path, device, inode, size, and the
/// times its content (mtime) and its inode (ctime) last changed, to the
/// nanosecond. Writing to a file, replacing it or renaming another over it
/// moves its ctime, which no program can set back. The key also holds this
/// program (its version and its executable's size and time) and the built-in
/// sections' fingerprint, which the checks read.
///
/// A file's times tick with the kernel's clock, in steps of a few
/// milliseconds: a file changed twice within one step, to the same size,
/// would look unchanged. So an entry is written only when every file last
/// changed at least `settle` seconds before its times were read (a file just
/// saved is parsed again at the next start, and remembered then), and the
/// times are read before the texts are.
///
/// One entry per folder (named by the SHA-256 of its real path), replaced when
/// its files change, and written (atomically, by rename) only after every
/// check passed. An entry that cannot be read, names another key, does not
/// match the digest of its body written with it, or does not decode is
/// ignored: the files are parsed and checked. The cache lives in
/// `$XDG_CACHE_HOME/security-overview/sections` (or `~/.cache/...`).
public struct SectionsCache: Sendable {
    /// The folder of the entries.
    public let folder: String
    let toolVersion: String
    /// Seconds a file must have been left alone for its sections to be remembered.
    let settle: Double

    public init(folder: String, toolVersion: String, settle: Double = 2) {
        self.folder = folder
        self.toolVersion = toolVersion
        self.settle = settle
    }

    /// The cache in the user's cache folder; nil when there is no home to find it in.
    public static func standard(toolVersion: String) -> SectionsCache? {
        CacheEntry.folder("sections").map { SectionsCache(folder: $0, toolVersion: toolVersion) }
    }

    /// What the file system says of a folder's files at one moment.
    public struct Stamp: Sendable, Equatable {
        /// A digest of every input the sections were made from; an entry's
        /// first line names it.
        let key: String
        /// Whether every file was left alone for `settle` seconds before.
        let settled: Bool
        /// The files, in load order: the sections read back must come from them.
        let paths: [String]
    }

    /// The stamp of the section files `paths` (in load order); nil when one
    /// of them cannot be looked at (the parse then says why).
    public func stamp(_ paths: [String]) -> Stamp? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let settledBefore = Self.seconds(now) - settle
        var input = SHA256Input()
        input.add("security-overview sections 3")
        input.add(toolVersion)
        input.add(CacheEntry.executableIdentity)
        input.add(Catalog.builtinIdentity)
        input.add("custom \(paths.count)")
        var settled = true
        // Each file looked up from its folder, opened once, not from the
        // root: a thousand full paths took 1.8 ms here against 1.25 ms.
        var folder: (path: String, descriptor: Int32)?
        defer { if let folder { close(folder.descriptor) } }
        for path in paths {
            var info = stat()
            let found = path.withCString { whole -> Int32 in
                guard let slash = strrchr(whole, Int32(UInt8(ascii: "/"))) else { return stat(whole, &info) }
                let length = UnsafePointer(slash) - whole + 1
                if folder.map({ $0.path.utf8.count != length || memcmp($0.path, whole, length) != 0 }) ?? true {
                    if let folder { close(folder.descriptor) }
                    let path = String(decoding: UnsafeRawBufferPointer(start: whole, count: length), as: UTF8.self)
                    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    folder = descriptor < 0 ? nil : (path, descriptor)
                }
                guard let folder else { return stat(whole, &info) }
                return fstatat(folder.descriptor, slash + 1, &info, 0)
            }
            guard found == 0 else { return nil }
            input.add(path)
            // As numbers, not as text: formatting them was most of the stamp's time.
            // In a tuple, laid out as an array of them is, without allocating one per file.
            var numbers = (UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size),
                           UInt64(bitPattern: Int64(info.st_mtim.tv_sec)), UInt64(info.st_mtim.tv_nsec),
                           UInt64(bitPattern: Int64(info.st_ctim.tv_sec)), UInt64(info.st_ctim.tv_nsec))
            withUnsafeBytes(of: &numbers) { input.add($0) }
            if max(Self.seconds(info.st_mtim), Self.seconds(info.st_ctim)) > settledBefore { settled = false }
        }
        return Stamp(key: input.digest().hexDigits, settled: settled, paths: paths)
    }

    /// A time as seconds since 1970.
    static func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 }

    /// The sections remembered for `directory` with this stamp, one for each
    /// of its files; nil when there are none.
    public func sections(in directory: String, _ stamp: Stamp) -> [Section]? {
        remembered(in: directory, stamp)?.sections
    }

    /// `sections(in:_:)`, with the SHA-256 of the entry's body: the sections'
    /// identity (`Catalog.identity`).
    func remembered(in directory: String, _ stamp: Stamp) -> (sections: [Section], digest: String)? {
        reading(directory)?.remembered(stamp)
    }

    /// The entry for `directory`, read now and decoded on another thread,
    /// whatever files it was made from; nil when there is none to read.
    ///
    /// Read before the folder's files are listed and looked at: a thousand
    /// sections are decoded on the other core while this one makes their
    /// stamp (one after the other, one core idled for the stamp's time on
    /// the way to a revise's first frame).
    func reading(_ directory: String) -> Reading? {
        guard let path = CacheEntry.path(in: folder, for: directory),
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return Self.reading(entry: data)
    }

    /// An entry as it was read: the key its first line names, known at
    /// once, and its sections, decoded in the background when its body is
    /// whole.
    struct Reading: Sendable {
        let key: String
        let decoded: InBackground<(sections: [Section], digest: String)?>

        /// The sections when the entry is the one for `stamp`, with one
        /// section for each of its files, in order. An entry for other
        /// files is not waited for. Once only: the sections are handed
        /// over, not shared (the catalog puts them in order where they are).
        func remembered(_ stamp: Stamp) -> (sections: [Section], digest: String)? {
            guard key == stamp.key, let read = decoded.take(), read.sections.count == stamp.paths.count else { return nil }
            // Each source read where it is: no array of them made, no section copied.
            for place in read.sections.indices where read.sections[place].source != stamp.paths[place] { return nil }
            return read
        }
    }

    /// `entry` read: nil when its first line names no key.
    static func reading(entry: Data) -> Reading? {
        let head = Array(keyPrefix.utf8)
        // A stamp's key is a SHA-256 in hex, and a blank follows it.
        let keyEnd = head.count + 2 * SHA256Input.byteCount
        guard entry.count > keyEnd, entry.starts(with: head),
              entry[entry.startIndex + keyEnd] == UInt8(ascii: " ") else { return nil }
        let key = String(decoding: entry[(entry.startIndex + head.count)..<(entry.startIndex + keyEnd)], as: UTF8.self)
        return Reading(key: key, decoded: InBackground {
            guard let (body, digest) = CacheEntry.body(of: entry, head: prefix(key: key)),
                  let sections = StoredSections.decode(body) else { return nil }
            return (sections, digest)
        })
    }

    /// Remembers `sections`, made from files with this stamp, which passed
    /// every check. A cache that cannot be written is no error: the next
    /// start parses the files again. Returns the SHA-256 of what it stored
    /// (nil when the files had not settled, and nothing was stored).
    @discardableResult
    public func record(_ sections: [Section], in directory: String, _ stamp: Stamp) -> String? {
        guard stamp.settled, let path = CacheEntry.path(in: folder, for: directory),
              let body = StoredSections.encode(sections) else { return nil }
        let (entry, digest) = CacheEntry.make(head: Self.prefix(stamp), body: body)
        CacheEntry.write(entry, to: path, in: folder)
        return digest
    }

    /// An entry (`CacheEntry`) for `stamp`.
    static func entry(_ stamp: Stamp, body: Data) -> Data {
        CacheEntry.make(head: prefix(stamp), body: body).entry
    }

    /// The sections of `entry` when it is one for `stamp`, whole, with one
    /// section for each of the stamp's files, in order.
    static func sections(inEntry entry: Data, _ stamp: Stamp) -> [Section]? {
        reading(entry: entry)?.remembered(stamp)?.sections
    }

    /// The entry's first line up to the body's digest.
    static func prefix(_ stamp: Stamp) -> String { prefix(key: stamp.key) }
    static func prefix(key: String) -> String { keyPrefix + key + " " }
    static let keyPrefix = "security-overview sections "
}

// MARK: - The entry's body: the sections as protocol buffers

/// Sections written as `scripts/sections-cache.proto` describes them, and
/// read back; nil for bytes that are not such sections. A section read back
/// keeps its details as bytes until they are first needed.
enum StoredSections {
    typealias Stored = SecurityOverview_Cache_Section

    /// The sections in (up to) `parts` parts of about the same size.
    static func encode(_ sections: [Section], parts: Int = 4) -> Data? {
        var message = SecurityOverview_Cache_SectionParts()
        let size = max(1, (sections.count + parts - 1) / parts)
        for start in stride(from: 0, to: sections.count, by: size) {
            var part = SecurityOverview_Cache_Sections()
            do {
                part.sections = try sections[start..<min(start + size, sections.count)].map(stored)
                message.parts.append(try part.serializedData())
            } catch {
                return nil
            }
        }
        return try? message.serializedData()
    }

    /// The parts read at once, each on a core of its own (reading a thousand
    /// sections back took one core 50M instructions while the other waited).
    static func decode(_ bytes: Data) -> [Section]? {
        guard let message = try? SecurityOverview_Cache_SectionParts(serializedBytes: bytes) else { return nil }
        let parts = message.parts.mapOnEveryCore(whenAtLeast: 2, parts: message.parts.count) { bytes -> [Section]? in
            guard let part = try? SecurityOverview_Cache_Sections(serializedBytes: bytes) else { return nil }
            return part.sections.map(section)
        }
        var sections: [Section] = []
        // Room for all of them at once, not grown part by part.
        sections.reserveCapacity(parts.reduce(0) { $0 + ($1?.count ?? 0) })
        for part in parts {
            guard let part else { return nil }
            sections += part
        }
        return sections
    }

    /// A stored value that names nothing this program knows.
    struct Unknown: Error {}

    static func word<Word: RawRepresentable<String>>(_ text: String) throws(Unknown) -> Word {
        guard let word = Word(rawValue: text) else { throw Unknown() }
        return word
    }

    /// A section's name, place and file, and its details as bytes of their own.
    static func stored(_ section: Section) throws -> Stored {
        var stored = Stored()
        stored.id = section.id
        stored.title = section.title
        if let anchor = section.anchor { stored.anchor = anchor }
        stored.order = Int64(section.order)
        stored.source = section.source
        stored.details = try storedDetails(section).serializedData()
        return stored
    }

    static func storedDetails(_ section: Section) -> SecurityOverview_Cache_SectionDetails {
        var stored = SecurityOverview_Cache_SectionDetails()
        stored.recommendedFor = section.rule.anyOf.map(Self.stored)
        stored.who = section.guidance.who
        stored.why = section.guidance.why
        stored.how = section.guidance.how
        stored.questions = section.questions.map(Self.stored)
        stored.body = section.body
        if let contract = section.securityTxt {
            var txt = SecurityOverview_Cache_SecurityTxt()
            if let pageLink = contract.pageLink { txt.pageLink = pageLink }
            txt.fields = SecurityTxtContract.Field.allCases.compactMap { field in
                contract.fields[field].map { sources in
                    var entry = SecurityOverview_Cache_SecurityTxtField()
                    entry.field = field.rawValue
                    entry.sources = sources.map { source in
                        var stored = SecurityOverview_Cache_SecurityTxtSource()
                        switch source {
                        case .answer(let id): stored.kind = .answer(id)
                        case .onPage: stored.kind = .onPage(true)
                        }
                        return stored
                    }
                    return entry
                }
            }
            if let line = contract.line { txt.line = Int64(line) }
            stored.securityTxt = txt
        }
        stored.retired = section.retired.sorted()
        stored.fixedText = section.fixedText
        stored.conflicts = section.conflicts.map { conflict in
            var stored = SecurityOverview_Cache_Conflict()
            stored.first = Self.stored(conflict.first)
            stored.second = Self.stored(conflict.second)
            return stored
        }
        stored.bodyLine = Int64(section.bodyLine)
        if let glance = section.glance {
            var groups = SecurityOverview_Cache_Glance()
            groups.groups = glance.templates.map { group, template in
                var stored = SecurityOverview_Cache_GlanceGroup()
                stored.group = group.rawValue
                stored.template = template.body
                return stored
            }
            stored.glance = groups
        }
        return stored
    }

    /// A section read back: its details stay bytes until first asked for.
    static func section(_ stored: Stored) -> Section {
        Section(id: stored.id, title: stored.title, anchor: stored.hasAnchor ? stored.anchor : nil, order: Int(stored.order),
                source: stored.source, details: SectionDetailsBox(stored: stored.details, source: stored.source))
    }

    /// The details stored for the section of `source`. They were written by
    /// this executable (an entry's key names it) and read back whole (its
    /// digest says so), so they decode; should they not, the file is read and
    /// parsed again for them, as a start without the entry would have.
    static func details(_ bytes: Data, source: String) -> SectionDetails {
        if let stored = try? SecurityOverview_Cache_SectionDetails(serializedBytes: bytes),
           let details = try? details(stored) {
            return details
        }
        do {
            let text = try FileStore.read(source, maxBytes: InputLimits.sectionFileBytes)
            return try SectionParser(file: source).parse(text).detailsNow
        } catch {
            // The file passed every check when the entry was written, and the
            // key holds its times and size: it cannot fail unless removed since.
            fatalError("\(source): the section's details could not be read back (\(error)); start again")
        }
    }

    static func details(_ stored: SecurityOverview_Cache_SectionDetails) throws(Unknown) -> SectionDetails {
        var securityTxt: SecurityTxtContract?
        if stored.hasSecurityTxt {
            let txt = stored.securityTxt
            var fields: [SecurityTxtContract.Field: [SecurityTxtContract.Source]] = [:]
            for entry in txt.fields {
                let field: SecurityTxtContract.Field = try word(entry.field)
                fields[field] = try entry.sources.map { source throws(Unknown) in
                    switch source.kind {
                    case .answer(let id)?: .answer(id)
                    case .onPage?: .onPage
                    case nil: throw Unknown()
                    }
                }
            }
            securityTxt = SecurityTxtContract(pageLink: txt.hasPageLink ? txt.pageLink : nil, fields: fields)
            if txt.hasLine { securityTxt?.line = Int(txt.line) }
        }
        var glance: AtAGlance?
        if stored.hasGlance {
            glance = AtAGlance(templates: try stored.glance.groups.map { group throws(Unknown) in
                (try word(group.group), SectionTemplate(body: group.template))
            })
        }
        return SectionDetails(
            rule: RecommendationRule(anyOf: try stored.recommendedFor.map(condition)),
            guidance: Guidance(who: stored.who, why: stored.why, how: stored.how),
            questions: try stored.questions.map(question),
            body: stored.body,
            securityTxt: securityTxt,
            retired: Set(stored.retired),
            fixedText: stored.fixedText,
            conflicts: stored.conflicts.map { ChoiceConflict(first: pick($0.first), second: pick($0.second)) },
            bodyLine: Int(stored.bodyLine),
            template: SectionTemplate(body: stored.body),
            glance: glance)
    }

    static func stored(_ condition: ProfileCondition) -> SecurityOverview_Cache_ProfileCondition {
        var stored = SecurityOverview_Cache_ProfileCondition()
        switch condition {
        case .always: stored.kind = .always(true)
        case .stageAtLeast(let stage): stored.kind = .stageAtLeast(stage.rawValue)
        case .dataAtLeast(let data): stored.kind = .dataAtLeast(data.rawValue)
        case .dataIs(let data): stored.kind = .dataIs(data.rawValue)
        case .enterpriseCustomers(let value): stored.kind = .enterpriseCustomers(value)
        case .acceptsPayments(let value): stored.kind = .acceptsPayments(value)
        case .availabilityCritical(let value): stored.kind = .availabilityCritical(value)
        case .hosting(let values): stored.kind = .hosting(words(values.map(\.rawValue)))
        case .aiCustomerData(let value): stored.kind = .aiCustomerData(value)
        }
        return stored
    }

    static func condition(_ stored: SecurityOverview_Cache_ProfileCondition) throws(Unknown) -> ProfileCondition {
        switch stored.kind {
        case .always?: .always
        case .stageAtLeast(let stage)?: .stageAtLeast(try word(stage))
        case .dataAtLeast(let data)?: .dataAtLeast(try word(data))
        case .dataIs(let data)?: .dataIs(try word(data))
        case .enterpriseCustomers(let value)?: .enterpriseCustomers(value)
        case .acceptsPayments(let value)?: .acceptsPayments(value)
        case .availabilityCritical(let value)?: .availabilityCritical(value)
        case .hosting(let values)?: .hosting(try values.words.map { text throws(Unknown) in try word(text) })
        case .aiCustomerData(let value)?: .aiCustomerData(value)
        case nil: throw Unknown()
        }
    }

    static func words(_ words: [String]) -> SecurityOverview_Cache_Words {
        var stored = SecurityOverview_Cache_Words()
        stored.words = words
        return stored
    }

    static func stored(_ question: Question) -> SecurityOverview_Cache_Question {
        var stored = SecurityOverview_Cache_Question()
        stored.id = question.id
        stored.kind = question.kind.rawValue
        stored.label = question.label
        if let help = question.help { stored.help = help }
        stored.required = question.required
        stored.choices = question.choices.map { choice in
            var stored = SecurityOverview_Cache_Choice()
            stored.id = choice.id
            stored.label = choice.label
            if let url = choice.url { stored.url = url }
            stored.affirms = choice.affirms
            stored.exclusive = choice.exclusive
            return stored
        }
        if let format = question.format { stored.format = format.rawValue }
        if let when = question.when {
            var condition = SecurityOverview_Cache_Condition()
            switch when {
            case .profile(let profile): condition.kind = .profile(Self.stored(profile))
            case .answerIs(let id, let value):
                var answerIs = SecurityOverview_Cache_AnswerIs()
                answerIs.question = id
                answerIs.value = Self.stored(value)
                condition.kind = .answerIs(answerIs)
            case .answerIncludes(let id, let choice):
                condition.kind = .answerIncludes(Self.stored(ChoicePick(question: id, choice: choice)))
            }
            stored.when = condition
        }
        if let record = question.record {
            var shape = SecurityOverview_Cache_RecordShape()
            shape.noun = record.noun
            shape.fields = record.fields.map { field in
                var stored = SecurityOverview_Cache_RecordField()
                stored.id = field.id
                stored.label = field.label
                stored.required = field.required
                if let format = field.format { stored.format = format.rawValue }
                return stored
            }
            stored.record = shape
        }
        return stored
    }

    static func question(_ stored: SecurityOverview_Cache_Question) throws(Unknown) -> Question {
        var when: QuestionCondition?
        if stored.hasWhen {
            switch stored.when.kind {
            case .profile(let profile)?: when = .profile(try condition(profile))
            case .answerIs(let answerIs)?: when = .answerIs(question: answerIs.question, value: try answer(answerIs.value))
            case .answerIncludes(let pick)?: when = .answerIncludes(question: pick.question, choice: pick.choice)
            case nil: throw Unknown()
            }
        }
        var record: RecordShape?
        if stored.hasRecord {
            record = RecordShape(noun: stored.record.noun, fields: try stored.record.fields.map { field throws(Unknown) in
                RecordField(id: field.id, label: field.label, required: field.required,
                            format: field.hasFormat ? try word(field.format) : nil)
            })
        }
        return Question(
            id: stored.id,
            kind: try word(stored.kind),
            label: stored.label,
            help: stored.hasHelp ? stored.help : nil,
            required: stored.required,
            choices: stored.choices.map { Choice(id: $0.id, label: $0.label, url: $0.hasURL ? $0.url : nil,
                                                 affirms: $0.affirms, exclusive: $0.exclusive) },
            format: stored.hasFormat ? try word(stored.format) : nil,
            when: when,
            record: record)
    }

    static func stored(_ value: AnswerValue) -> SecurityOverview_Cache_Answer {
        var stored = SecurityOverview_Cache_Answer()
        switch value {
        case .bool(let value): stored.kind = .yesNo(value)
        case .choice(let id): stored.kind = .choice(id)
        case .choices(let ids): stored.kind = .choices(words(ids))
        case .text(let text): stored.kind = .text(text)
        case .records(let records):
            var list = SecurityOverview_Cache_Records()
            list.records = records.map { record in
                var stored = SecurityOverview_Cache_Record()
                let fields = record.sorted { $0.key < $1.key }
                stored.ids = fields.map(\.key)
                stored.values = fields.map(\.value)
                return stored
            }
            stored.kind = .records(list)
        }
        return stored
    }

    static func answer(_ stored: SecurityOverview_Cache_Answer) throws(Unknown) -> AnswerValue {
        switch stored.kind {
        case .yesNo(let value)?: return .bool(value)
        case .choice(let id)?: return .choice(id)
        case .choices(let ids)?: return .choices(ids.words)
        case .text(let text)?: return .text(text)
        case .records(let list)?:
            return .records(try list.records.map { record throws(Unknown) in
                guard record.ids.count == record.values.count else { throw Unknown() }
                return Dictionary(zip(record.ids, record.values)) { first, _ in first }
            })
        case nil: throw Unknown()
        }
    }

    static func stored(_ pick: ChoicePick) -> SecurityOverview_Cache_ChoicePick {
        var stored = SecurityOverview_Cache_ChoicePick()
        stored.question = pick.question
        stored.choice = pick.choice
        return stored
    }

    static func pick(_ stored: SecurityOverview_Cache_ChoicePick) -> ChoicePick {
        ChoicePick(question: stored.question, choice: stored.choice)
    }
}
