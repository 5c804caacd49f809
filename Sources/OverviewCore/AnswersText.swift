import Yams

/// The answers file's text, made again after each change from the parts that
/// changed: the draft is written after every key, and with a large catalog
/// (a thousand sections of a company's own) emitting the whole file each time
/// cost more than the key's frame.
///
/// The text is byte for byte `AnswersFile.serialize`'s (a test holds it to
/// that over many edits). Each section's lines are emitted by libyaml in the
/// same place of the same tree as in the whole file (`sections:` at the top,
/// the section as its only key) and kept with the answers they came from;
/// only a section whose answers differ is emitted again. The head (version,
/// company, profile) and the tail (review date, outputs, history) are a few
/// lines and are emitted each time.
public struct AnswersText {
    /// The catalog, asked for only once the answers hold a section: a first
    /// run's first answers (the company's name) need none, and its catalog may
    /// still be loading.
    private let loadCatalog: () -> Catalog
    /// Each section's lines under `sections:` (empty when it records
    /// nothing), with the answers they were made from.
    private var sections: [String: (given: SectionAnswers, text: String)] = [:]
    /// The same for the section that ends the file (no tail after it): its
    /// text differs only when a block scalar that keeps its line breaks ends
    /// the document, where libyaml adds `...`.
    private var last: (id: String, given: SectionAnswers, text: String)?

    public init(catalog: Catalog) {
        self.loadCatalog = { catalog }
    }

    public init(loader: CatalogLoader) {
        self.loadCatalog = { loader.catalog }
    }

    /// A root key that follows what is emitted, so that nothing emitted ends
    /// the document; its line is cut off again.
    private static var follower: (Node, Node) { (AnswersFile.key("z"), AnswersFile.plain("z")) }
    private static let followerLine = "z: z\n"

    /// The answers file's text for `answers`.
    public mutating func text(_ answers: Answers) -> String {
        let head = Self.cut(AnswersFile.emit(AnswersFile.map(AnswersFile.headPairs(answers) + [Self.follower])))
        let tailPairs = AnswersFile.tailPairs(answers)
        var body = ""
        let catalog = answers.sections.isEmpty ? Catalog(sections: []) : loadCatalog()
        // The last section that records anything ends the document when no tail follows.
        var lastID: String?
        if tailPairs.isEmpty {
            lastID = catalog.sections.last { section in
                answers.sections[section.id].map { AnswersFile.sectionEntry(section, $0) != nil } ?? false
            }?.id
        }
        for section in catalog.sections {
            guard let given = answers.sections[section.id] else { continue }
            if section.id == lastID {
                if let last, last.id == section.id, last.given == given {
                    body += last.text
                } else {
                    let text = Self.sectionText(section, given, followed: false)
                    last = (section.id, given, text)
                    body += text
                }
                continue
            }
            if let kept = sections[section.id], kept.given == given {
                body += kept.text
                continue
            }
            let text = Self.sectionText(section, given, followed: true)
            sections[section.id] = (given, text)
            body += text
        }
        var text = head
        if !body.isEmpty { text += "sections:\n" + body }
        if !tailPairs.isEmpty { text += AnswersFile.emit(AnswersFile.map(tailPairs)) }
        return text
    }

    /// The section's lines as they stand under `sections:` in the whole file.
    static func sectionText(_ section: Section, _ given: SectionAnswers, followed: Bool) -> String {
        guard let entry = AnswersFile.sectionEntry(section, given) else { return "" }
        var root = [(AnswersFile.key("sections"), AnswersFile.map([(AnswersFile.key(section.id), entry)]))]
        if followed { root.append(follower) }
        let text = AnswersFile.emit(AnswersFile.map(root))
        let body = String(text.dropFirst("sections:\n".count))
        return followed ? cut(body) : body
    }

    /// `text` without the follower's line at its end.
    static func cut(_ text: String) -> String {
        precondition(text.hasSuffix(followerLine), "the answers' YAML did not end as emitted")
        return String(text.dropLast(followerLine.count))
    }
}
