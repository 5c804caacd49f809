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
        try parse(text, file: file, catalog: catalog, composed: nil)
    }

    /// An answers file's text composed once: the start reads its
    /// `custom_sections` before the catalog loads and its answers after,
    /// and composing it twice was a fifth of a revise's start.
    public struct Composed: @unchecked Sendable {
        let text: String
        let file: String
        /// The tree, or the problem composing it. Two fields, not a `Result`:
        /// that type's first use looks its error's conformance up among every
        /// one in the binary.
        let root: Node?
        let problem: InputError?

        public init(_ text: String, file: String) {
            self.text = text
            self.file = file
            var root: Node?, problem: InputError?
            do throws(InputError) { root = try YAMLReader(file: file).compose(text) } catch { problem = error }
            self.root = root
            self.problem = problem
        }

        /// The tree, or the problem composing it thrown.
        func tree() throws(InputError) -> Node? {
            if let problem { throw problem }
            return root
        }

        /// The custom sections folder the text names, as `customSections(in:file:)` finds it.
        public var customSections: String? {
            let reader = YAMLReader(file: file)
            guard let node = root, let pairs = try? reader.mapping(node, "the answers file"),
                  let value = pairs.first(where: { $0.key == "custom_sections" })?.value,
                  let path = try? customSectionsPath(value, reader) else { return nil }
            return Export.Targets.resolve(path, besides: file)
        }
    }

    /// `parse`, taking the tree from `composed` when it was made of this text.
    static func parse(_ text: String, file: String, catalog: Catalog, composed: Composed?) throws(InputErrors) -> Answers {
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
            let tree: Node?
            if let composed, composed.file == file, composed.text == text { tree = try composed.tree() } else { tree = try reader.compose(text) }
            guard let node = tree, !YAMLReader.isNull(node) else {
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
                    case "custom_sections":
                        if !YAMLReader.isNull(value) { answers.customSections = try customSectionsPath(value, reader) }
                    default:
                        throw reader.error(keyNode,
                            "unknown key '\(key)' (expected version, custom_sections, company, profile, sections, reviewed, outputs, history)")
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
        try parse(read(path), file: path, catalog: catalog, composed: nil)
    }

    /// The text of the answers file (or its draft) at `path`, as `load` reads it.
    public static func read(_ path: String) throws(InputErrors) -> String {
        do { return try FileStore.read(path, maxBytes: InputLimits.answersFileBytes) } catch { throw InputErrors([error]) }
    }

    /// Parses the answers file whose text was read and composed before
    /// (`Composed`), without reading the file again.
    public static func parse(_ composed: Composed, catalog: Catalog) throws(InputErrors) -> Answers {
        try parse(composed.text, file: composed.file, catalog: catalog, composed: composed)
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
                    throw reader.error(keyNode, "unknown key '\(key)' in company (\(CompanyField.allCases.map(\.key).joined(separator: ", ")))")
                }
                let what = "company.\(key)"
                if field == .name {
                    let text = try reader.string(value, what)
                    if text.isBlankText { throw reader.error(value, "company.name is empty") }
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
        // Each section's answers are read against its own section alone, so
        // the sections are read on every core, a run each; their problems are
        // then reported in file order.
        let entries = try reader.mapping(node, "sections")
        let read = entries.mapOnEveryCore(whenAtLeast: 2, parts: entries.count) { entry -> (answers: SectionAnswers?, errors: [InputError]) in
            var found: [InputError] = []
            let (id, keyNode, value) = entry
            let answers = parseSection(id, keyNode, value, reader, catalog, &found)
            return (answers, found)
        }
        var result: [String: SectionAnswers] = [:]
        for (entry, section) in zip(entries, read) {
            errors += section.errors
            if let answers = section.answers { result[entry.key] = answers }
        }
        return result
    }

    /// One section's entry of `sections:`; nil for a section the catalog does not have.
    static func parseSection(_ id: String, _ keyNode: Node, _ value: Node, _ reader: YAMLReader, _ catalog: Catalog,
                             _ errors: inout [InputError]) -> SectionAnswers? {
        guard let section = catalog.section(id) else {
            let looked = catalog.customDirectory.map { "not built in and not in \(FileStore.display($0))" }
                ?? "not built in, and no custom sections folder was given"
            errors.append(reader.error(keyNode, "unknown section '\(id)' (\(looked)): name the folder of your own sections with --sections DIR or 'custom_sections:' in this file"))
            return nil
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
                case "note": sectionAnswers.note = try note(value, reader, "sections.\(id).note")
                case "notes": sectionAnswers.notes = try notes(value, section, reader, &errors)
                default:
                    throw reader.error(keyNode, "unknown key '\(key)' in section '\(id)' (include, answers, note, notes)")
                }
            }
        } catch { errors.append(error) }
        return sectionAnswers
    }

    /// A note: text for people, never printed; no control characters. Blank is no note.
    static func note(_ node: Node, _ reader: YAMLReader, _ what: String) throws(InputError) -> String? {
        if YAMLReader.isNull(node) { return nil }
        let text = try reader.string(node, what)
        if TerminalSafe.hasControlCharacters(text, allowingLayout: true) { throw reader.error(node, "\(what) contains a control character") }
        return text.isBlankText ? nil : text
    }

    /// `notes:` of a section: a note per question id, one a line.
    static func notes(_ node: Node, _ section: Section, _ reader: YAMLReader,
                      _ errors: inout [InputError]) throws(InputError) -> [String: String] {
        var notes: [String: String] = [:]
        if YAMLReader.isNull(node) { return notes }
        for (questionID, questionKey, value) in try reader.mapping(node, "sections.\(section.id).notes") {
            if section.retired.contains(questionID) { continue }
            guard section.question(questionID) != nil else {
                errors.append(reader.error(questionKey, "notes: unknown question '\(questionID)' in section '\(section.id)' (a note on the whole section is 'note:')"))
                continue
            }
            do throws(InputError) {
                if let text = try note(value, reader, "sections.\(section.id).notes.\(questionID)") { notes[questionID] = text }
            } catch { errors.append(error) }
        }
        return notes
    }

    static func parseValue(_ node: Node, _ question: Question, _ sectionID: String,
                           _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        try question.field.read(node, of: question, as: "sections.\(sectionID).answers.\(question.id)", reader)
    }

    /// `custom_sections:` a folder path: not empty, no control characters.
    static func customSectionsPath(_ node: Node, _ reader: YAMLReader) throws(InputError) -> String {
        let path = try reader.string(node, "custom_sections")
        if path.trimmingBlanks().isEmpty { throw reader.error(node, "custom_sections is empty") }
        if TerminalSafe.hasControlCharacters(path, allowingLayout: false) { throw reader.error(node, "custom_sections contains a control character") }
        return path
    }

    /// The custom sections folder an answers file names, resolved against the
    /// file's folder; read before the catalog loads, since the answers are
    /// checked against it. Nil when the text does not name one (or does not
    /// parse: the full load then says what is wrong).
    public static func customSections(in text: String, file: String) -> String? {
        Composed(text, file: file).customSections
    }

    /// The custom sections folder `answers` (read from the file at `file`)
    /// names, resolved against the file's folder.
    public static func customSections(of answers: Answers, file: String) -> String? {
        answers.customSections.map { Export.Targets.resolve($0, besides: file) }
    }

    /// A file path: not empty, no control characters, not a folder's.
    static func path(_ node: Node, _ reader: YAMLReader, _ what: String) throws(InputError) -> String {
        let path = try reader.string(node, what)
        if path.trimmingBlanks().isEmpty { throw reader.error(node, "\(what) is empty") }
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
                if key.trimmingBlanks().isEmpty || key.hasPrefix("-")
                    || TerminalSafe.hasControlCharacters(key, allowingLayout: false) {
                    throw reader.error(value, "outputs.security_txt_signing_key '\(key)' is not a key id, fingerprint or email address")
                }
                outputs.securityTxtSigningKey = key
            case "page_url":
                let url = try reader.string(value, "outputs.page_url")
                if let problem = TextFormat.url.problem(with: url) { throw reader.error(value, "outputs.page_url: \(problem)") }
                outputs.pageURL = url
            case "front_matter": outputs.frontMatter = try frontMatter(value, reader)
            case "format":
                let word = try reader.string(value, "outputs.format")
                guard let format = PageFormat(rawValue: word) else {
                    throw reader.error(value, "outputs.format '\(word)' is not one of \(PageFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                outputs.format = format
            default:
                throw reader.error(keyNode, "unknown key '\(key)' in outputs (page, format, security_txt, page_url, json, feed, feed_url, show_changes, security_txt_signing_key, front_matter)")
            }
        }
        return outputs
    }

    /// `outputs.front_matter`: a mapping of the site's own keys for a Hugo or
    /// Jekyll page, kept as YAML (written back through the same emitter). A
    /// key the tool writes itself is refused at its line: two `title:` keys
    /// would leave the site to pick one.
    static func frontMatter(_ node: Node, _ reader: YAMLReader) throws(InputError) -> String? {
        guard case .mapping(let mapping) = node else {
            throw reader.error(node, "outputs.front_matter must be a mapping of front matter keys, such as 'menu: main' or 'weight: 20'")
        }
        if mapping.isEmpty { return nil }
        for (key, _) in mapping {
            guard case .scalar(let scalar) = key, !scalar.string.trimmingBlanks().isEmpty else {
                throw reader.error(key, "outputs.front_matter: a key must be a plain word, such as menu or weight")
            }
            if TerminalSafe.hasControlCharacters(scalar.string, allowingLayout: false) {
                throw reader.error(key, "outputs.front_matter: a key contains a control character")
            }
            if FrontMatter.ownKeys.contains(scalar.string) {
                throw reader.error(key, "outputs.front_matter: '\(scalar.string)' is written by security-overview itself "
                    + "(\(FrontMatter.ownKeys.sorted().joined(separator: ", "))); remove it here")
            }
        }
        do {
            return try Yams.serialize(node: node, width: -1, allowUnicode: true)
        } catch {
            throw reader.error(node, "outputs.front_matter cannot be written back as YAML: \(error)")
        }
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
        if let folder = answers.customSections { root.append((key("custom_sections"), string(folder))) }

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
        // Notes after the answers, the section's first, then by question in catalog order.
        if let note = given.note { entry.append((key("note"), string(note))) }
        let notes = section.questions.compactMap { question in given.notes[question.id].map { (key(question.id), string($0)) } }
        if !notes.isEmpty { entry.append((key("notes"), map(notes))) }
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
        if let extra = answers.outputs.frontMatter, let node = try? Yams.compose(yaml: extra) { outputs.append((key("front_matter"), node)) }
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
