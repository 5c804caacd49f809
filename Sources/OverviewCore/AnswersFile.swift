import Foundation
import Yams

/// Reads and writes the answers file (`security-overview.yml`).
///
/// The file is reviewed in git like code, so it is written the same way every
/// time: fixed key order (catalog order for sections and questions), one fact
/// per line, choice lists on one line, no empty maps. Saving what was loaded
/// gives back the same bytes.
public enum AnswersFile {

    // MARK: - Loading

    /// Parses an answers file and checks every id and value against the catalog.
    /// Throws `InputErrors` listing every problem found, each located.
    public static func parse(_ text: String, file: String, catalog: Catalog) throws(InputErrors) -> Answers {
        let reader = YAMLReader(file: file)
        var errors: [InputError] = []
        var answers = Answers()
        let root: Node
        do throws(InputError) {
            if text.utf8.count > InputLimits.answersFileBytes {
                throw InputError(file: file, line: 1,
                    "the file is \(text.utf8.count / 1024) KB, more than the \(InputLimits.answersFileBytes / 1024) KB an answers file may have")
            }
            // `---` alone, or only comments, is a document holding nothing.
            guard let node = try reader.compose(text), !YAMLReader.isNull(node) else {
                throw InputError(file: file, line: 1, "the file is empty: expected 'version: 1' and the answers")
            }
            root = node
            let pairs = try reader.mapping(root, "the answers file")
            guard let versionPair = pairs.first(where: { $0.key == "version" }) else {
                throw reader.error(root, "no 'version': add 'version: \(Answers.currentVersion)' at the top")
            }
            let version = try reader.int(versionPair.value, "version")
            if version > Answers.currentVersion {
                throw reader.error(versionPair.value,
                    "version \(version) is newer than this program knows (\(Answers.currentVersion)): update security-overview")
            }
            if version < 1 { throw reader.error(versionPair.value, "version \(version) is not valid: use \(Answers.currentVersion)") }
            for (key, keyNode, value) in pairs {
                do throws(InputError) {
                    switch key {
                    case "version": break
                    case "company": answers.company = try parseCompany(value, reader, &errors)
                    case "profile": answers.profile = try parseProfile(value, reader, &errors)
                    case "sections": answers.sections = try parseSections(value, reader, catalog, &errors)
                    case "reviewed":
                        if YAMLReader.isNull(value) { break }
                        let date = try reader.string(value, "reviewed")
                        guard ReviewDate(date) != nil else {
                            throw reader.error(value, "reviewed '\(date)' is not a date like 2026-11-29")
                        }
                        answers.reviewed = date
                    case "outputs": answers.outputs = try parseOutputs(value, reader)
                    case "history": if !YAMLReader.isNull(value) { answers.history = try History.parse(value, reader) }
                    default:
                        throw reader.error(keyNode,
                            "unknown key '\(key)' (expected version, company, profile, sections, reviewed, outputs, history)")
                    }
                } catch {
                    errors.append(error)
                }
            }
        } catch {
            throw InputErrors([error])
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return answers
    }

    /// Reads and parses the file at `path`.
    public static func load(_ path: String, catalog: Catalog) throws(InputErrors) -> Answers {
        let text: String
        do { text = try FileStore.read(path, maxBytes: InputLimits.answersFileBytes) } catch { throw InputErrors([error]) }
        return try parse(text, file: path, catalog: catalog)
    }

    /// The line of every key in an answers file, by dotted path
    /// (`sections.overview.answers.intro`), so that a problem found later in
    /// the answers can point at its place. Empty for text that does not parse.
    public static func keyLines(_ text: String) -> [String: Int] {
        guard let root = try? YAMLReader(file: "").compose(text) else { return [:] }
        var lines: [String: Int] = [:]
        func walk(_ node: Node, _ prefix: String) {
            guard case let .mapping(mapping) = node else { return }
            for (key, value) in mapping {
                guard case let .scalar(scalar) = key, let mark = key.mark else { continue }
                let path = prefix + scalar.string
                lines[path] = mark.line
                walk(value, path + ".")
            }
        }
        walk(root, "")
        return lines
    }

    static func parseCompany(_ node: Node, _ reader: YAMLReader, _ errors: inout [InputError]) throws(InputError) -> Company {
        var company = Company()
        for (key, keyNode, value) in try reader.mapping(node, "company") {
            if YAMLReader.isNull(value) { continue }
            do throws(InputError) {
                guard let field = CompanyField.named(key) else {
                    throw reader.error(keyNode, "unknown key '\(key)' in company (name, domain, security_contact)")
                }
                let what = "company.\(key)"
                if field == .name {
                    let text = try reader.string(value, what)
                    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw reader.error(value, "company.name is empty") }
                    if TerminalSafe.hasControlCharacters(text, allowingLayout: false) {
                        throw reader.error(value, "company.name contains a control character or a line break")
                    }
                }
                let question = field.question
                if case .text(let text) = try question.field.read(value, of: question, as: what, reader) {
                    field.set(text, in: &company)
                }
            } catch { errors.append(error) }
        }
        return company
    }

    static func parseProfile(_ node: Node, _ reader: YAMLReader, _ errors: inout [InputError]) throws(InputError) -> Profile {
        var profile = Profile()
        for (key, keyNode, value) in try reader.mapping(node, "profile") {
            if YAMLReader.isNull(value) { continue }
            do throws(InputError) {
                guard let field = ProfileField.named(key) else {
                    throw reader.error(keyNode, "unknown key '\(key)' in profile (\(ProfileField.allCases.map(\.key).joined(separator: ", ")))")
                }
                field.set(try field.read(value, reader), in: &profile)
            } catch { errors.append(error) }
        }
        return profile
    }

    static func parseSections(_ node: Node, _ reader: YAMLReader, _ catalog: Catalog,
                              _ errors: inout [InputError]) throws(InputError) -> [String: SectionAnswers] {
        var result: [String: SectionAnswers] = [:]
        for (id, keyNode, value) in try reader.mapping(node, "sections") {
            guard let section = catalog.section(id) else {
                errors.append(reader.error(keyNode, "unknown section '\(id)'"))
                continue
            }
            var sectionAnswers = SectionAnswers()
            do throws(InputError) {
                for (key, keyNode, value) in try reader.mapping(value, "section '\(id)'") {
                    switch key {
                    case "include":
                        if !YAMLReader.isNull(value) { sectionAnswers.include = try reader.bool(value, "sections.\(id).include") }
                    case "answers":
                        if YAMLReader.isNull(value) { continue }
                        for (questionID, questionKey, answerNode) in try reader.mapping(value, "sections.\(id).answers") {
                            // An answer to a question the catalog has since split or
                            // renamed: it loads and means nothing; `check` asks for the new one.
                            if section.retired.contains(questionID) { continue }
                            guard let question = section.question(questionID) else {
                                errors.append(reader.error(questionKey, "unknown question '\(questionID)' in section '\(id)'"))
                                continue
                            }
                            if YAMLReader.isNull(answerNode) {
                                sectionAnswers.open.insert(questionID)
                                continue
                            }
                            do throws(InputError) {
                                let value = try parseValue(answerNode, question, id, reader)
                                // Only spaces or line breaks: left open, not an answer.
                                if value.isBlank { sectionAnswers.open.insert(questionID) } else { sectionAnswers.answers[questionID] = value }
                            } catch { errors.append(error) }
                        }
                    default:
                        throw reader.error(keyNode, "unknown key '\(key)' in section '\(id)' (include, answers)")
                    }
                }
            } catch { errors.append(error) }
            result[id] = sectionAnswers
        }
        return result
    }

    static func parseValue(_ node: Node, _ question: Question, _ sectionID: String,
                           _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        try question.field.read(node, of: question, as: "sections.\(sectionID).answers.\(question.id)", reader)
    }

    /// A file path: not empty, no control characters, not a folder's.
    static func path(_ node: Node, _ reader: YAMLReader, _ what: String) throws(InputError) -> String {
        let path = try reader.string(node, what)
        if path.trimmingCharacters(in: .whitespaces).isEmpty { throw reader.error(node, "\(what) is empty") }
        if TerminalSafe.hasControlCharacters(path, allowingLayout: false) { throw reader.error(node, "\(what) contains a control character") }
        if path.hasSuffix("/") { throw reader.error(node, "\(what) '\(path)' names a folder: give the file's name too") }
        return path
    }

    static func parseOutputs(_ node: Node, _ reader: YAMLReader) throws(InputError) -> Outputs {
        var outputs = Outputs()
        for (key, keyNode, value) in try reader.mapping(node, "outputs") {
            if YAMLReader.isNull(value) { continue }
            switch key {
            case "page": outputs.page = try path(value, reader, "outputs.page")
            case "security_txt": outputs.securityTxt = try path(value, reader, "outputs.security_txt")
            case "json": outputs.json = try path(value, reader, "outputs.json")
            case "feed": outputs.feed = try path(value, reader, "outputs.feed")
            case "feed_url":
                let url = try reader.string(value, "outputs.feed_url")
                if let problem = TextFormat.url.problem(with: url) { throw reader.error(value, "outputs.feed_url: \(problem)") }
                outputs.feedURL = url
            case "show_changes": outputs.showChanges = try reader.bool(value, "outputs.show_changes")
            case "security_txt_signing_key":
                let key = try reader.string(value, "outputs.security_txt_signing_key")
                if key.trimmingCharacters(in: .whitespaces).isEmpty || key.hasPrefix("-")
                    || TerminalSafe.hasControlCharacters(key, allowingLayout: false) {
                    throw reader.error(value, "outputs.security_txt_signing_key '\(key)' is not a key id, fingerprint or email address")
                }
                outputs.securityTxtSigningKey = key
            case "page_url":
                let url = try reader.string(value, "outputs.page_url")
                if let problem = TextFormat.url.problem(with: url) { throw reader.error(value, "outputs.page_url: \(problem)") }
                outputs.pageURL = url
            case "format":
                let word = try reader.string(value, "outputs.format")
                guard let format = PageFormat(rawValue: word) else {
                    throw reader.error(value, "outputs.format '\(word)' is not one of \(PageFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                outputs.format = format
            default:
                throw reader.error(keyNode, "unknown key '\(key)' in outputs (page, format, security_txt, page_url, json, feed, feed_url, show_changes, security_txt_signing_key)")
            }
        }
        return outputs
    }

    // MARK: - Saving

    /// The answers as YAML text, in the file's stable form.
    public static func serialize(_ answers: Answers, catalog: Catalog) -> String {
        var root = headPairs(answers)
        var sections: [(Node, Node)] = []
        for section in catalog.sections {
            guard let given = answers.sections[section.id], let entry = sectionEntry(section, given) else { continue }
            sections.append((key(section.id), entry))
        }
        if !sections.isEmpty { root.append((key("sections"), map(sections))) }
        root += tailPairs(answers)
        return emit(map(root))
    }

    /// The keys before `sections:`: the version, the company and the profile.
    static func headPairs(_ answers: Answers) -> [(Node, Node)] {
        var root: [(Node, Node)] = [(key("version"), plain(String(Answers.currentVersion)))]

        var company: [(Node, Node)] = []
        for field in CompanyField.allCases {
            if let text = field.value(in: answers.company) { company.append((key(field.key), string(text))) }
        }
        if !company.isEmpty { root.append((key("company"), map(company))) }

        var profile: [(Node, Node)] = []
        for field in ProfileField.allCases {
            if let value = field.value(in: answers.profile) {
                profile.append((key(field.key), field.question.field.yaml(value, of: field.question)))
            }
        }
        if !profile.isEmpty { root.append((key("profile"), map(profile))) }
        return root
    }

    /// One section's entry under `sections:`, or nil when it records nothing.
    static func sectionEntry(_ section: Section, _ given: SectionAnswers) -> Node? {
        var entry: [(Node, Node)] = []
        if let include = given.include { entry.append((key("include"), bool(include))) }
        var values: [(Node, Node)] = []
        for question in section.questions {
            if let value = given.answers[question.id], !value.isBlank {
                values.append((key(question.id), question.field.yaml(value, of: question)))
            } else if given.open.contains(question.id) || given.answers[question.id] != nil {
                values.append((key(question.id), plain("~")))
            }
        }
        if !values.isEmpty { entry.append((key("answers"), map(values))) }
        return entry.isEmpty ? nil : map(entry)
    }

    /// The keys after `sections:`: the review date, the outputs and the history.
    static func tailPairs(_ answers: Answers) -> [(Node, Node)] {
        var root: [(Node, Node)] = []
        if let reviewed = answers.reviewed { root.append((key("reviewed"), plain(reviewed))) }

        var outputs: [(Node, Node)] = []
        if let page = answers.outputs.page { outputs.append((key("page"), string(page))) }
        if let format = answers.outputs.format { outputs.append((key("format"), plain(format.rawValue))) }
        if let txt = answers.outputs.securityTxt { outputs.append((key("security_txt"), string(txt))) }
        if let url = answers.outputs.pageURL { outputs.append((key("page_url"), string(url))) }
        if let json = answers.outputs.json { outputs.append((key("json"), string(json))) }
        if let feed = answers.outputs.feed { outputs.append((key("feed"), string(feed))) }
        if let url = answers.outputs.feedURL { outputs.append((key("feed_url"), string(url))) }
        if let show = answers.outputs.showChanges { outputs.append((key("show_changes"), bool(show))) }
        if let signingKey = answers.outputs.securityTxtSigningKey { outputs.append((key("security_txt_signing_key"), string(signingKey))) }
        if !outputs.isEmpty { root.append((key("outputs"), map(outputs))) }
        // Last, so that export can replace it without touching the rest.
        if let history = answers.history.node() { root.append((key("history"), history)) }
        return root
    }

    static func emit(_ node: Node) -> String {
        do {
            return try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true, sortKeys: false)
        } catch {
            // Only scalars, maps and lists of strings are built above; libyaml
            // cannot refuse them. Should it ever, fail loudly rather than save garbage.
            preconditionFailure("could not write answers as YAML: \(error)")
        }
    }

    static func key(_ text: String) -> Node { YAMLNode.plain(text) }
    static func plain(_ text: String) -> Node { YAMLNode.plain(text) }
    private static func bool(_ value: Bool) -> Node { YAMLNode.bool(value) }
    static func map(_ pairs: [(Node, Node)]) -> Node { YAMLNode.map(pairs) }
    private static func string(_ text: String) -> Node { YAMLNode.string(text) }
}

/// A `YYYY-MM-DD` day, compared and shifted by the calendar, never by the clock.
public struct ReviewDate: Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        // Exactly `YYYY-MM-DD` in ASCII digits: Int("+1") would take a sign.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= ReviewDate.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = min(day, ReviewDate.days(inMonth: month, year: year))
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: ReviewDate, b: ReviewDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The same day `months` later (the last day of the month where it has fewer days).
    public func adding(months: Int) -> ReviewDate {
        let index = year * 12 + (month - 1) + months
        return ReviewDate(year: index / 12, month: index % 12 + 1, day: day)
    }

    /// Whole days from `self` to `other` (proleptic Gregorian day numbers).
    public func days(until other: ReviewDate) -> Int { other.dayNumber - dayNumber }

    var dayNumber: Int {
        // Days since 0000-03-01, the usual civil-from-days arithmetic.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Today in UTC, for commands that default `--today` to the clock.
    public static func today() -> ReviewDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return ReviewDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
