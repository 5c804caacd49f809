import Foundation
import Mustache
import Yams

/// A choice of a single- or multiple-choice question.
public struct Choice: Equatable, Sendable {
    public var id: String
    public var label: String
    public var url: String?
    /// False for a choice that claims nothing ("not yet", "none").
    public var affirms: Bool
    /// `exclusive: true` (multiple choice only): ticked on its own or not at
    /// all, as "None of these yet" is; ticking it unticks the others.
    public var exclusive = false
}

public enum QuestionKind: String, CaseIterable, Sendable {
    case single, multiple, yesno, text, multiline, records
}

/// How a text answer must look.
public enum TextFormat: String, CaseIterable, Sendable {
    /// `contact`: an email address or an https:// URL, as a security contact is.
    case email, domain, url, days, contact
    /// Language tags (RFC 5646) separated by commas, as security.txt's Preferred-Languages takes them.
    case languages
    /// A calendar quarter, `2027-Q2`: when an audit under way is expected to end.
    case quarter
    /// A whole number of hours from 1 to 8760 (a year), as a notice deadline.
    case hours
    /// A percentage such as `99.9`, written without the `%` sign, above 0 and at most 100.
    case percent
}

/// When a question applies: a profile condition, or an earlier answer.
public enum QuestionCondition: Equatable, Sendable {
    case profile(ProfileCondition)
    /// A yes/no answered yes (`value == nil`) or a single choice equal to `value`.
    case answerIs(question: String, value: AnswerValue)
    /// A multiple choice that includes `choice`.
    case answerIncludes(question: String, choice: String)
}

public struct Question: Equatable, Sendable {
    public var id: String
    public var kind: QuestionKind
    public var label: String
    public var help: String?
    public var required: Bool
    public var choices: [Choice]
    public var format: TextFormat?
    public var when: QuestionCondition?
    /// `records` only: the noun and the fields of its records.
    public var record: RecordShape? = nil

    public func choice(_ id: String) -> Choice? { choices.first { $0.id == id } }
}

public struct Guidance: Equatable, Sendable {
    public var who: String
    public var why: String
    public var how: String
}

/// One section of the page: data from a section file.
public struct Section: Sendable {
    public var id: String
    public var title: String
    /// The heading's id on the page, kept when the title changes (links such
    /// as security.txt's Policy point at it); `nil` leaves it to the site.
    public var anchor: String?
    public var order: Int
    /// Where it came from: `sections/30-infrastructure.md` or a user's file.
    public var source: String
    /// The rest, which a section read back from `SectionsCache` decodes when
    /// first asked for (see `SectionDetailsBox`).
    private var details: SectionDetailsBox

    init(id: String, title: String, anchor: String?, order: Int, rule: RecommendationRule, guidance: Guidance,
         questions: [Question], body: String, source: String, securityTxt: SecurityTxtContract?,
         retired: Set<String> = [], fixedText: Bool = false, conflicts: [ChoiceConflict] = [], bodyLine: Int = 1,
         template: SectionTemplate, glance: AtAGlance? = nil) {
        self.init(id: id, title: title, anchor: anchor, order: order, source: source, details: SectionDetailsBox(SectionDetails(
            rule: rule, guidance: guidance, questions: questions, body: body, securityTxt: securityTxt, retired: retired,
            fixedText: fixedText, conflicts: conflicts, bodyLine: bodyLine, template: template, glance: glance)))
    }

    init(id: String, title: String, anchor: String?, order: Int, source: String, details: SectionDetailsBox) {
        self.id = id
        self.title = title
        self.anchor = anchor
        self.order = order
        self.source = source
        self.details = details
    }

    /// Changes the details: this section's own from then on. The accessors
    /// below pass closures, not key paths: key paths are made at their first
    /// use, 80K more instructions on the way to a revise's first frame.
    private mutating func change(_ apply: (inout SectionDetails) -> Void) {
        var changed = details.read { $0 }
        apply(&changed)
        details = SectionDetailsBox(changed)
    }

    /// Whether the details are still to be decoded or built (not yet needed).
    var detailsStored: Bool { details.isStored }

    /// The details, decoded or built if they were not yet.
    var detailsNow: SectionDetails { details.read { $0 } }

    /// Decodes or builds the details now if they were not yet.
    func decodeDetails() { details.read { _ in } }

    public var rule: RecommendationRule { get { details.read { $0.rule } } set { change { $0.rule = newValue } } }
    public var guidance: Guidance { get { details.read { $0.guidance } } set { change { $0.guidance = newValue } } }
    public var questions: [Question] { get { details.read { $0.questions } } set { change { $0.questions = newValue } } }
    /// The Mustache body, as written (without the escaping pragma).
    public var body: String { get { details.read { $0.body } } set { change { $0.body = newValue } } }
    /// What the section's answers give security.txt; `nil` when the front
    /// matter does not say (it gives nothing).
    public var securityTxt: SecurityTxtContract? { get { details.read { $0.securityTxt } } set { change { $0.securityTxt = newValue } } }
    /// Question ids the section once had: an answers file that still holds
    /// them loads, and their answers count for nothing.
    public var retired: Set<String> { get { details.read { $0.retired } } set { change { $0.retired = newValue } } }
    /// `fixed_text: true`: the section prints text outside any answer's block
    /// on purpose (a fixed sentence). Without it, such text is an error.
    public var fixedText: Bool { get { details.read { $0.fixedText } } set { change { $0.fixedText = newValue } } }
    /// `conflicts:`: pairs of choices the answers may not hold at once.
    public var conflicts: [ChoiceConflict] { get { details.read { $0.conflicts } } set { change { $0.conflicts = newValue } } }
    /// The line of the file where the body starts, for problems found in it.
    public var bodyLine: Int { get { details.read { $0.bodyLine } } set { change { $0.bodyLine = newValue } } }
    var template: SectionTemplate { details.read { $0.template } }
    /// What the section adds to the page's "At a glance" block (`at_a_glance`).
    var glance: AtAGlance? { get { details.read { $0.glance } } set { change { $0.glance = newValue } } }

    public func question(_ id: String) -> Question? { details.read { $0.questions.first { $0.id == id } } }

    /// Whether the section is a company's own (not compiled into the binary).
    public var isCustom: Bool { !BuiltinCatalog.files.contains { $0.name == source } }
}

/// A section reflects as the values it was made from, in its initializer's
/// order, whether its details are at hand or still stored.
extension Section: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "id": id, "title": title, "anchor": anchor as Any, "order": order, "rule": rule, "guidance": guidance,
            "questions": questions, "body": body, "source": source, "securityTxt": securityTxt as Any,
            "retired": retired, "fixedText": fixedText, "conflicts": conflicts, "bodyLine": bodyLine,
            "template": template, "glance": glance as Any,
        ] as KeyValuePairs<String, Any>, displayStyle: .struct)
    }
}

/// Every section, in page order.
public struct Catalog: Sendable {
    public private(set) var sections: [Section]
    private var index: [String: Int]
    /// The folder the company's own sections came from, if any: named when an
    /// answers file holds a section the catalog does not know.
    public internal(set) var customDirectory: String?
    /// What the catalog's sections are, as one line, when that is known
    /// without reading them all: the built-in sections' fingerprint, and the
    /// SHA-256 of the custom sections as `SectionsCache` stores them. Nil for
    /// custom sections parsed and not stored (files saved within the cache's
    /// `settle` seconds, or no cache). `AnswersCache` reads answers back only
    /// for the catalog they were checked against.
    public internal(set) var identity: String?
    static let builtinIdentity = "built-in \(String(BuiltinCatalog.filesFingerprint, radix: 16))"

    public init(sections: consuming [Section]) {
        // The ids compared only when the orders tie, and no (order, id) pair
        // made per comparison: a thousand sections' sort was 4.9M instructions.
        // Sorted where they are when the array is the caller's to give: no
        // copy of every section made, and none of the old array let go.
        sections.sort { $0.order != $1.order ? $0.order < $1.order : $0.id < $1.id }
        self.sections = sections
        var index = [String: Int](minimumCapacity: sections.count)
        for place in self.sections.indices { index[self.sections[place].id] = place }
        self.index = index
    }

    public func section(_ id: String) -> Section? { index[id].map { sections[$0] } }

    /// The section's place in `sections`.
    public func place(of id: String) -> Int? { index[id] }

    /// A section's question, read in place: no copy of the section is made
    /// (a field asks for its question several times a key).
    public func question(_ questionID: String, in sectionID: String) -> Question? {
        guard let place = index[sectionID] else { return nil }
        return sections[place].question(questionID)
    }

    /// The catalog compiled into the binary from `sections/`.
    public static func builtin() throws(InputError) -> Catalog {
        try load(customDirectory: nil)
    }

    /// The built-in catalog with a company's own sections from `directory`
    /// (`*.md`, sorted by name): a file whose id is built in replaces that
    /// section, the others are added.
    public static func load(customDirectory directory: String?) throws(InputError) -> Catalog {
        do throws(InputErrors) { return try loadReporting(customDirectory: directory) } catch { throw error.errors[0] }
    }

    /// `load`, reporting every problem in the custom sections, not only the
    /// first: each file's front matter, then what its template names and prints.
    ///
    /// `cache`: where custom sections that passed every check are kept; files
    /// as they were then are read back from it, not parsed and checked again.
    public static func loadReporting(customDirectory directory: String?,
                                     cache: SectionsCache? = nil) throws(InputErrors) -> Catalog {
        let builtin: [Section]
        do throws(InputError) { builtin = try BuiltinCatalog.sections() } catch { throw InputErrors([error]) }
        var custom: [Section] = []
        var errors: [InputError] = []
        // The custom files' stamp, and whether their sections came from the cache.
        var stamp: SectionsCache.Stamp?
        var fromCache = false
        // The SHA-256 of the custom sections as the cache stores them.
        var customDigest: String?
        if let directory {
            // The cache's entry for the folder is decoded on another thread
            // while this one lists and stamps the files, and used if it was
            // made from them as they are.
            let reading = cache?.reading(directory)
            let paths: [String]
            do throws(InputError) { paths = try FileStore.listMarkdown(in: directory) } catch { throw InputErrors([error]) }
            // Taken before the texts are read: a file changed after it is
            // parsed under a stamp that no longer matches it.
            stamp = cache?.stamp(paths)
            if let stamp, let remembered = reading?.remembered(stamp) {
                custom = remembered.sections
                customDigest = remembered.digest
                fromCache = true
            } else {
                (custom, errors) = parse(paths)
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        var catalog: Catalog
        // Sections read back from the cache passed the checks across the
        // catalog when they were stored, against these same built-in
        // sections (the cache's key holds them and this program): they are
        // not made again (5M instructions for a thousand sections, on the
        // way to a revise's first frame).
        if fromCache {
            // Nothing below needs them apart: the catalog takes the sections
            // themselves, not a copy of each.
            do throws(InputError) { catalog = try merging(builtin: builtin, custom: consume custom, checked: true) } catch { throw InputErrors([error]) }
        } else {
            do throws(InputError) { catalog = try merging(builtin: builtin, custom: custom) } catch { throw InputErrors([error]) }
            // A custom section's template against the whole catalog (it may name
            // another section's answers); built-in ones are checked by the tests.
            if !custom.isEmpty {
                let shapes = TemplateCheck.Shapes(catalog)
                for section in custom { errors += TemplateCheck.problems(section, shapes: shapes) }
            }
            errors += sameOrderProblems(custom, in: catalog)
            if !errors.isEmpty { throw InputErrors(errors) }
            if let cache, let directory, let stamp { customDigest = cache.record(custom, in: directory, stamp) }
        }
        catalog.customDirectory = directory
        if directory == nil {
            catalog.identity = Self.builtinIdentity
        } else if let customDigest {
            catalog.identity = Self.builtinIdentity + " custom " + customDigest
        }
        return catalog
    }

    /// The custom section files at `paths`, read and parsed on every core,
    /// each into its own slot (one after the other, a thousand of them kept
    /// one core waiting on the disk and were most of a revise's way to its
    /// first frame); their sections in order, and every problem in file order.
    static func parse(_ paths: [String]) -> (sections: [Section], errors: [InputError]) {
        // A run of its own for each file: they differ in size.
        let parsed = paths.mapOnEveryCore(whenAtLeast: 2, parts: paths.count) { path in
            Result { () throws(InputErrors) in
                let text: String
                do throws(InputError) { text = try FileStore.read(path, maxBytes: InputLimits.sectionFileBytes) } catch { throw InputErrors([error]) }
                return try SectionParser(file: path).parseReporting(text)
            }
        }
        var sections: [Section] = []
        var errors: [InputError] = []
        for result in parsed {
            switch result {
            case .success(let section): sections.append(section)
            case .failure(let found): errors += found.errors
            }
        }
        return (sections, errors)
    }

    /// Two sections with one `order` would be placed by their ids, which no
    /// one chose: a custom section that shares its order with another says so.
    static func sameOrderProblems(_ custom: [Section], in catalog: Catalog) -> [InputError] {
        if custom.isEmpty { return [] }
        // The catalog's places by order, in page order: one pass, not one per custom section.
        var byOrder: [Int: [Int]] = [:]
        for (place, section) in catalog.sections.enumerated() { byOrder[section.order, default: []].append(place) }
        return custom.compactMap { section in
            guard let other = byOrder[section.order]?.lazy.map({ catalog.sections[$0] }).first(where: { $0.id != section.id }) else { return nil }
            let line = SectionParser.frontMatterLine(of: "order", in: section)
            return InputError(file: section.source, line: line,
                              "order \(section.order) is also the order of section '\(other.id)' (\(other.source)): give each section an order of its own")
        }
    }

    /// `checked`: the custom sections were merged with these built-in ones
    /// before (no two with one id) and passed `SecurityTxtContract.checkCatalog`;
    /// neither check is made again.
    static func merging(builtin: [Section], custom: consuming [Section], checked: Bool = false) throws(InputError) -> Catalog {
        var place = [String: Int](minimumCapacity: builtin.count)
        for index in builtin.indices {
            let id = builtin[index].id
            if let other = place[id] {
                throw InputError(file: builtin[index].source, line: 2,
                                 "duplicate section id '\(id)' (also in \(builtin[other].source))")
            }
            place[id] = index
        }
        // The built-in sections a custom one replaces, by place.
        var replaced = [Bool](repeating: false, count: builtin.count)
        var seenCustom = [String: Int](minimumCapacity: checked ? 0 : custom.count)
        for index in custom.indices {
            let id = custom[index].id
            if !checked {
                if let other = seenCustom[id] {
                    throw InputError(file: custom[index].source, line: 2,
                                     "duplicate section id '\(id)' (also in \(custom[other].source))")
                }
                seenCustom[id] = index
            }
            if let builtinPlace = place[id] { replaced[builtinPlace] = true }
        }
        // The custom sections as they came, with the built-in ones they do
        // not replace after them; `Catalog` puts them in page order. A
        // thousand custom sections were copied in here, then again into
        // their order, each copy let go of after.
        let hasCustom = !custom.isEmpty
        var merged = consume custom
        merged.reserveCapacity(merged.count + builtin.count)
        for index in builtin.indices where !replaced[index] { merged.append(builtin[index]) }
        let catalog = Catalog(sections: consume merged)
        // The built-in sections alone are checked by a test, not at every
        // start (3% of a revise's way to its first frame).
        if hasCustom && !checked {
            let builtinByID = Dictionary(uniqueKeysWithValues: builtin.map { ($0.id, $0) })
            try SecurityTxtContract.checkCatalog(builtin: builtinByID, merged: catalog.sections)
        }
        return catalog
    }
}

/// A section's Mustache template, compiled once, when first needed: parsing
/// every template is most of the cost of starting, and a screen or a page
/// often needs only a few.
final class SectionTemplate: @unchecked Sendable {
    let body: String
    private let lock = NSLock()
    private var compiled: MustacheTemplate?

    init(body: String) { self.body = body }

    /// Compiles now; throws the parser's error.
    @discardableResult
    func compile() throws -> MustacheTemplate {
        try lock.withLock {
            if let compiled { return compiled }
            // The pragma names the Markdown escaping, which the engine knows once it is registered.
            _ = MarkdownText.registerContentType
            // Everything a template prints from `{{value}}` is escaped for Markdown.
            // The pragma stands on a line of its own: on the body's first line it
            // made the first tag not standalone, and the parser then took every
            // later top-level tag for one inside a line, keeping its line break
            // (a blank line between two blocks the author wrote on adjacent lines).
            let template = try MustacheTemplate(string: MarkdownText.pragma + "\n" + body)
            compiled = template
            return template
        }
    }

    /// Renders `context`. A template that does not compile renders nothing:
    /// only two kinds are compiled late, built-in ones (a test compiles them
    /// all) and custom ones read back from `SectionsCache` (they compiled when
    /// they were checked).
    func render(_ context: Any) -> String {
        (try? compile())?.render(context) ?? ""
    }
}

// MARK: - Reading section files

/// Reads one section file: `---`, YAML front matter, `---`, Mustache body.
struct SectionParser {
    let file: String
    /// Built-in sections compile their template on first use (tests check they
    /// all compile); a user's section compiles at load, so its errors show then.
    /// (One read back from `SectionsCache` compiled when it was checked.)
    var lazyTemplate = false

    /// The first problem of `parseReporting`. `composed`: the front matter's
    /// tree, when it was parsed already (at build time).
    func parse(_ rawText: String, composed: Node? = nil) throws(InputError) -> Section {
        do throws(InputErrors) { return try parseReporting(rawText, composed: composed) } catch { throw error.errors[0] }
    }

    /// The section, or every problem found in its file, in file order.
    func parseReporting(_ rawText: String, composed: Node? = nil) throws(InputErrors) -> Section {
        var errors: [InputError] = []
        do throws(InputError) {
            if let section = try parseCollecting(rawText, composed: composed, &errors), errors.isEmpty { return section }
        } catch {
            errors.append(error)
        }
        throw InputErrors(errors)
    }

    /// Parses, adding the problems of one key after another to `errors`; nil
    /// when a key the section needs is missing or wrong.
    private func parseCollecting(_ rawText: String, composed: Node?, _ errors: inout [InputError]) throws(InputError) -> Section? {
        if rawText.utf8.count > InputLimits.sectionFileBytes {
            throw InputError(file: file, line: 1,
                "the file is \(rawText.utf8.count / 1024) KB, more than the \(InputLimits.sectionFileBytes / 1024) KB a section file may have")
        }
        let hasCR = rawText.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\r")) }
            ?? rawText.utf8.contains(UInt8(ascii: "\r"))
        let text = hasCR ? rawText.replacingOccurrences(of: "\r\n", with: "\n") : rawText
        guard let (yaml, body, closingLine) = Self.splitFrontMatter(text) else {
            if !text.hasPrefix("---\n") && text != "---" {
                throw InputError(file: file, line: 1, "no front matter: a section file starts with a line '---'")
            }
            throw InputError(file: file, line: 1, "front matter is not closed: add a line '---' after it")
        }
        let end = closingLine - 1
        let reader = YAMLReader(file: file, lineOffset: 1)
        let parsed: Node?
        if let composed { parsed = composed } else { parsed = try reader.compose(yaml) }
        guard let root = parsed else {
            throw InputError(file: file, line: 2, "front matter is empty")
        }

        var id: String?, title: String?, order: Int?, rule = RecommendationRule(anyOf: [])
        var guidance: Guidance?, questions: [Question] = []
        var securityTxtNode: Node?, retiredNode: Node?, conflictsNode: Node?, anchor: String?, glance: AtAGlance?, fixedText = false
        var given: Set<String> = []
        for (key, keyNode, value) in try reader.mapping(root, "the front matter") {
            given.insert(key)
            // Each key on its own: a problem in one does not hide the next.
            do throws(InputError) { switch key {
            case "id":
                let value = try reader.string(value, "id")
                guard Self.isSectionID(value) else {
                    throw reader.error(keyNode, "id '\(value)' must be lowercase letters, digits and '-'")
                }
                id = value
            case "title":
                let text = try catalogText(value, reader, "title")
                if text.contains("\n") { throw reader.error(value, "title must be one line") }
                title = text
            case "order": order = try reader.int(value, "order")
            case "anchor":
                let value = try reader.string(value, "anchor")
                guard Self.isSectionID(value) else {
                    throw reader.error(keyNode, "anchor '\(value)' must be lowercase letters, digits and '-'")
                }
                anchor = value
            case "recommended_for":
                rule = RecommendationRule(anyOf: try reader.sequence(value, "recommended_for").map {
                    node throws(InputError) in try parseCondition(node, reader, "a recommended_for rule")
                })
            case "guidance": guidance = try parseGuidance(value, reader)
            case "security_txt": securityTxtNode = value
            case "retired": retiredNode = value
            case "conflicts": conflictsNode = value
            case "at_a_glance": glance = try AtAGlance.parse(value, reader, self)
            case "fixed_text": fixedText = try reader.bool(value, "fixed_text")
            case "questions":
                for node in try reader.sequence(value, "questions") {
                    let question = try parseQuestion(node, reader, earlier: questions)
                    if questions.contains(where: { $0.id == question.id }) {
                        throw reader.error(node, "duplicate question id '\(question.id)'")
                    }
                    questions.append(question)
                }
            default:
                throw reader.error(keyNode, "unknown key '\(key)' in the front matter")
            } } catch { errors.append(error) }
        }
        // A key given but wrong has said so already.
        for key in ["id", "title", "order", "guidance"] where !given.contains(key) {
            errors.append(reader.error(root, "the front matter has no '\(key)' (required: id, title, order, guidance)"))
        }
        guard let id, let title, let order, let guidance else { return nil }
        var securityTxt: SecurityTxtContract?
        if let securityTxtNode {
            securityTxt = try SecurityTxtContract.parse(securityTxtNode, reader, questions: questions)
            if anchor == nil, securityTxt?.fields.values.contains(where: { $0.contains(.onPage) }) == true {
                throw reader.error(securityTxtNode, "security_txt.Policy: on-page links to the section's heading: give the section an 'anchor'")
            }
        }
        var retired: Set<String> = []
        if let retiredNode {
            for node in try reader.sequence(retiredNode, "retired") {
                let retiredID = try reader.string(node, "a retired question id")
                guard Self.isQuestionID(retiredID) else {
                    throw reader.error(node, "retired question id '\(retiredID)' must be lowercase letters, digits and '_'")
                }
                if questions.contains(where: { $0.id == retiredID }) {
                    throw reader.error(node, "'\(retiredID)' is retired and a question: a retired id is never used again")
                }
                retired.insert(retiredID)
            }
        }

        var conflicts: [ChoiceConflict] = []
        if let conflictsNode { conflicts = try parseConflicts(conflictsNode, reader, questions: questions) }

        // One pass over the body; split into lines (slow) only to say where.
        if TerminalSafe.hasControlCharacters(body, allowingLayout: true) {
            for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let column = line.unicodeScalars.firstIndex(where: { TerminalSafe.isUnsafe($0) && $0 != "\n" && $0 != "\t" }) {
                    throw InputError(file: file, line: end + 2 + offset,
                                     column: line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: column) + 1,
                                     "the text contains a control character")
                }
            }
        }
        if !lazyTemplate { try Self.checkTags(body, file: file, firstLine: end + 2) }
        let template = SectionTemplate(body: body)
        do {
            if !lazyTemplate { try template.compile() }
        } catch let error as MustacheTemplate.ParserError {
            // The parser counts the pragma's line: the body's first line is its second.
            throw InputError(file: file, line: end + error.context.lineNumber,
                             column: error.context.columnNumber,
                             "template error: \(Self.describe(error.error))")
        } catch {
            throw InputError(file: file, line: end + 2, "template error: \(error)")
        }
        return Section(id: id, title: title, anchor: anchor, order: order, rule: rule, guidance: guidance,
                       questions: questions, body: body, source: file, securityTxt: securityTxt,
                       retired: retired, fixedText: fixedText, conflicts: conflicts, bodyLine: end + 2,
                       template: template, glance: glance)
    }

    /// The line of a top-level front-matter key of `section`'s file (the body's
    /// line count tells where the front matter ends), or 2 when it is not found.
    static func frontMatterLine(of key: String, in section: Section) -> Int {
        guard let text = try? FileStore.read(section.source) else { return 2 }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            if line.hasPrefix("---") { break }
            if line.hasPrefix(key + ":") { return offset + 1 }
        }
        return 2
    }

    /// The YAML between the opening and closing `---` lines, the body after
    /// them, and the closing line's number. Works on UTF-8 bytes: this runs for
    /// every section at every start.
    static func splitFrontMatter(_ text: String) -> (yaml: String, body: String, closingLine: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.starts(with: Array("---\n".utf8)) else { return nil }
        var line = 2
        var start = 4
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var content = bytes[start..<end]
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { content = content.dropLast() }
            if content.elementsEqual("---".utf8) {
                let yaml = String(decoding: bytes[4..<start], as: UTF8.self)
                let body = end < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : ""
                return (yaml, body, line)
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    /// Reads the body's tags before the template engine does, and refuses:
    ///
    /// - blocks (`{{#name}}`, `{{^name}}`) nested deeper than
    ///   `InputLimits.templateDepth`: the engine's parser recurses once per
    ///   level, and a few thousand levels overflow the stack;
    /// - engine settings (`{{% CONTENT_TYPE: TEXT}}` and the like), which can
    ///   switch off the escaping that keeps answers from becoming Markdown or
    ///   HTML on the page;
    /// - delimiter changes (`{{=<% %>=}}`), after which the tags above could
    ///   hide under other delimiters.
    static func checkTags(_ body: String, file: String, firstLine: Int) throws(InputError) {
        let bytes = Array(body.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        var index = 0, line = firstLine, lineStart = 0, depth = 0
        func problem(at position: Int, _ message: String) -> InputError {
            let column = String(decoding: bytes[lineStart..<position], as: UTF8.self).unicodeScalars.count + 1
            return InputError(file: file, line: line, column: column, "template error: \(message)")
        }
        /// Moves `index` past the next `marker`, counting lines; to the end if there is none.
        func skip(past marker: [UInt8]) {
            while index < bytes.count {
                if bytes[index] == newline { line += 1; lineStart = index + 1 }
                if bytes[index...].starts(with: marker) { index += marker.count; return }
                index += 1
            }
        }
        while index < bytes.count {
            if bytes[index] == newline { line += 1; lineStart = index + 1; index += 1; continue }
            guard bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open else { index += 1; continue }
            let start = index
            index += 2
            if index < bytes.count && bytes[index] == open {
                skip(past: [close, close, close])
                continue
            }
            var sigil = index
            while sigil < bytes.count && (bytes[sigil] == UInt8(ascii: " ") || bytes[sigil] == UInt8(ascii: "\t")) { sigil += 1 }
            switch sigil < bytes.count ? bytes[sigil] : 0 {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > InputLimits.templateDepth {
                    throw problem(at: start, "blocks are nested more than \(InputLimits.templateDepth) deep")
                }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "%"):
                throw problem(at: start, "engine settings ({{% ...}}) are not allowed in a section: the page's escaping is fixed")
            case UInt8(ascii: "="):
                throw problem(at: start, "delimiter changes ({{=...=}}) are not allowed in a section: use {{ and }}")
            default:
                break
            }
            skip(past: [close, close])
        }
    }

    /// A template error in words a section's author can act on.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            // The parser's own errors are not public; 'overflow' is the one an author meets.
            return "\(error)" == "overflow" ? "a tag or comment runs to the end of the template: close it with }}" : "\(error)"
        }
        return switch error {
        case .sectionCloseNameIncorrect: "this {{/name}} closes a block that was not opened with the same name"
        case .unfinishedName: "a tag is not finished: close it with }}"
        case .expectedSectionEnd: "a {{#name}} or {{^name}} block is never closed: add {{/name}}"
        case .invalidSetDelimiter: "a {{=...=}} delimiter change is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "partials and inheritance are not supported in section templates"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "a {{% ...}} setting is not one the templates use"
        }
    }

    /// Text the wizard shows and the page prints: no control characters (a
    /// double-quoted YAML string can hold "\\e"), which would reach the
    /// terminal as commands. Line breaks and tabs are text.
    func catalogText(_ node: Node, _ reader: YAMLReader, _ what: String) throws(InputError) -> String {
        let value = try reader.string(node, what)
        if TerminalSafe.hasControlCharacters(value, allowingLayout: true) {
            throw reader.error(node, "\(what) contains a control character")
        }
        return value
    }

    static func isSectionID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isQuestionID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    func parseGuidance(_ node: Node, _ reader: YAMLReader) throws(InputError) -> Guidance {
        var who: String?, why: String?, how: String?
        for (key, keyNode, value) in try reader.mapping(node, "guidance") {
            switch key {
            case "who": who = try catalogText(value, reader, "guidance.who")
            case "why": why = try catalogText(value, reader, "guidance.why")
            case "how": how = try catalogText(value, reader, "guidance.how")
            default: throw reader.error(keyNode, "unknown key '\(key)' in guidance (who, why, how)")
            }
        }
        guard let who, let why else { throw reader.error(node, "guidance needs 'who' and 'why'") }
        return Guidance(who: who, why: why, how: how ?? "")
    }

    func parseCondition(_ node: Node, _ reader: YAMLReader, _ what: String) throws(InputError) -> ProfileCondition {
        let pairs = try reader.mapping(node, what)
        guard pairs.count == 1, let (key, keyNode, value) = pairs.first else {
            throw reader.error(node, "\(what) must have exactly one condition, found \(pairs.count)")
        }
        func level<L: ProfileLevel>(_ type: L.Type) throws(InputError) -> L where L.AllCases.Index == Int {
            let word = try reader.string(value, key)
            guard let level = L(rawValue: word) else {
                throw reader.error(value, "'\(word)' is not a value of \(key) (one of \(L.allWords))")
            }
            return level
        }
        switch key {
        case "always":
            guard try reader.bool(value, key) else { throw reader.error(value, "'always' can only be true") }
            return .always
        case "stage_at_least": return .stageAtLeast(try level(Stage.self))
        case "data_at_least": return .dataAtLeast(try level(DataHeld.self))
        case "data_is": return .dataIs(try level(DataHeld.self))
        case "enterprise_customers": return .enterpriseCustomers(try reader.bool(value, key))
        case "accepts_payments": return .acceptsPayments(try reader.bool(value, key))
        case "availability_critical": return .availabilityCritical(try reader.bool(value, key))
        case "ai_customer_data": return .aiCustomerData(try reader.bool(value, key))
        case "hosting":
            var values: [Hosting] = []
            for word in try reader.stringList(value, key) {
                guard let hosting = Hosting(rawValue: word) else {
                    throw reader.error(value, "'\(word)' is not a value of hosting (one of \(Hosting.allWords))")
                }
                values.append(hosting)
            }
            return .hosting(values)
        default:
            throw reader.error(keyNode, "unknown condition '\(key)' in \(what)")
        }
    }

    func parseQuestion(_ node: Node, _ reader: YAMLReader, earlier: [Question]) throws(InputError) -> Question {
        var id: String?, kind: QuestionKind?, label: String?, help: String?, required = false
        var choices: [Choice] = [], format: TextFormat?, whenNode: Node?
        var noun: String?, fields: [RecordField]?
        for (key, keyNode, value) in try reader.mapping(node, "a question") {
            switch key {
            case "id":
                let value = try reader.string(value, "a question id")
                guard Self.isQuestionID(value) else {
                    throw reader.error(keyNode, "question id '\(value)' must be lowercase letters, digits and '_'")
                }
                id = value
            case "kind":
                let word = try reader.string(value, "kind")
                guard let parsed = QuestionKind(rawValue: word) else {
                    throw reader.error(value, "unknown question kind '\(word)' (one of \(QuestionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                kind = parsed
            case "label": label = try catalogText(value, reader, "label")
            case "help": help = try catalogText(value, reader, "help")
            case "required": required = try reader.bool(value, "required")
            case "validate": format = try parseFormat(value, reader)
            case "choices":
                for choiceNode in try reader.sequence(value, "choices") {
                    let choice = try parseChoice(choiceNode, reader)
                    if choices.contains(where: { $0.id == choice.id }) {
                        throw reader.error(choiceNode, "duplicate choice id '\(choice.id)'")
                    }
                    choices.append(choice)
                }
            case "when": whenNode = value
            case "record": noun = try catalogText(value, reader, "record")
            case "fields": fields = try parseRecordFields(value, reader)
            default: throw reader.error(keyNode, "unknown key '\(key)' in a question")
            }
        }
        guard let id else { throw reader.error(node, "a question has no 'id'") }
        guard let kind else { throw reader.error(node, "question '\(id)' has no 'kind'") }
        guard let label else { throw reader.error(node, "question '\(id)' has no 'label'") }
        var question = Question(id: id, kind: kind, label: label, help: help, required: required,
                                choices: choices, format: format, when: nil)
        if noun != nil || fields != nil {
            guard kind == .records else { throw reader.error(node, "question '\(id)': 'record' and 'fields' are for records questions") }
            question.record = RecordShape(noun: noun ?? "", fields: fields ?? [])
        }
        if let problem = question.field.definitionProblem(question) { throw reader.error(node, problem) }
        if let whenNode { question.when = try parseWhen(whenNode, reader, earlier: earlier) }
        return question
    }

    /// A `validate:` word: one of the text formats.
    func parseFormat(_ value: Node, _ reader: YAMLReader) throws(InputError) -> TextFormat {
        let word = try reader.string(value, "validate")
        guard let format = TextFormat(rawValue: word) else {
            throw reader.error(value, "unknown validator '\(word)' (one of \(TextFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return format
    }

    func parseChoice(_ node: Node, _ reader: YAMLReader) throws(InputError) -> Choice {
        var id: String?, label: String?, url: String?, affirms = true, exclusive = false
        for (key, keyNode, value) in try reader.mapping(node, "a choice") {
            switch key {
            case "id":
                let value = try reader.string(value, "a choice id")
                guard Self.isSectionID(value) || Self.isQuestionID(value) else {
                    throw reader.error(keyNode, "choice id '\(value)' must be lowercase letters, digits, '-' or '_'")
                }
                id = value
            case "label": label = try catalogText(value, reader, "label")
            case "url": url = try catalogText(value, reader, "url")
            case "affirms": affirms = try reader.bool(value, "affirms")
            case "exclusive": exclusive = try reader.bool(value, "exclusive")
            default: throw reader.error(keyNode, "unknown key '\(key)' in a choice")
            }
        }
        guard let id, let label else { throw reader.error(node, "a choice needs 'id' and 'label'") }
        return Choice(id: id, label: label, url: url, affirms: affirms, exclusive: exclusive)
    }

    func parseWhen(_ node: Node, _ reader: YAMLReader, earlier: [Question]) throws(InputError) -> QuestionCondition {
        let pairs = try reader.mapping(node, "when")
        guard let answerPair = pairs.first(where: { $0.key == "answer" }) else {
            return .profile(try parseCondition(node, reader, "when"))
        }
        let questionID = try reader.string(answerPair.value, "when.answer")
        guard let target = earlier.first(where: { $0.id == questionID }) else {
            throw reader.error(answerPair.value, "when.answer '\(questionID)' is not an earlier question of this section")
        }
        guard pairs.count == 2, let test = pairs.first(where: { $0.key != "answer" }) else {
            throw reader.error(node, "when with 'answer' needs one of 'is' or 'includes'")
        }
        guard let condition = try target.field.condition(test.key, test.value, of: target, reader) else {
            throw reader.error(test.keyNode, "when.\(test.key) does not fit '\(questionID)', a \(target.kind.rawValue) question")
        }
        return condition
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

extension Catalog {
    /// One section file's text read as `--sections` reads it, its template
    /// compiled: for tools that check a file on its own (and the fuzz targets).
    public static func section(parsing text: String, file: String) throws(InputError) -> Section {
        try SectionParser(file: file).parse(text)
    }
}

extension SectionParser {
    /// A records question's `fields`: `{id, label, required?, validate?}` each.
    func parseRecordFields(_ node: Node, _ reader: YAMLReader) throws(InputError) -> [RecordField] {
        var fields: [RecordField] = []
        for fieldNode in try reader.sequence(node, "fields") {
            var id: String?, label: String?, required = false, format: TextFormat?
            for (key, keyNode, value) in try reader.mapping(fieldNode, "a field") {
                switch key {
                case "id": id = try reader.string(value, "a field id")
                case "label": label = try catalogText(value, reader, "label")
                case "required": required = try reader.bool(value, "required")
                case "validate": format = try parseFormat(value, reader)
                default: throw reader.error(keyNode, "unknown key '\(key)' in a field (id, label, required, validate)")
                }
            }
            guard let id, let label else { throw reader.error(fieldNode, "a field needs 'id' and 'label'") }
            fields.append(RecordField(id: id, label: label, required: required, format: format))
        }
        return fields
    }
}
