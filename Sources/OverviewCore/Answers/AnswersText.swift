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
///
/// One thing libyaml writes depends on the whole document: it ends it with
/// `...` when the last block scalar written anywhere in it kept its final
/// line breaks (`|+`). Each part records whether it sets that mark, clears it
/// (another block scalar) or leaves it, and the parts' marks are folded in order.
public struct AnswersText {
    /// The catalog, asked for only once the answers hold a section: a first
    /// run's first answers (the company's name) need none, and its catalog may
    /// still be loading.
    private let loadCatalog: () -> Catalog
    /// Each catalog section's answers, by its place in the catalog, as its
    /// part was last made from them (nil: the section had no answers).
    private var given: [SectionAnswers?] = []
    /// The sections' parts joined, as last made, with each part's length in
    /// it (UTF-8 bytes; 0 for a section without answers) and what it does to
    /// the end mark. A key that changes one section's answers replaces that
    /// part in the joined text: appending a thousand parts again on every key
    /// was a large catalog's cost.
    private var body = ""
    private var lengths: [Int] = []
    private var ends: [OpenEnd] = []
    /// The head's part (version, company, profile) and the tail's (review
    /// date, outputs, history) with what they were made from: a key typed in
    /// a section changes neither, and emitting them through libyaml on every
    /// key cost more than comparing them.
    private var head: (answers: Answers, part: Part)?
    private var tail: (answers: Answers, part: Part?)?

    public init(catalog: Catalog) {
        self.loadCatalog = { catalog }
    }

    public init(loader: CatalogLoader) {
        self.loadCatalog = { loader.catalog }
    }

    /// What emitting a part leaves of libyaml's end-of-document mark.
    enum OpenEnd { case leaves, sets, clears }

    struct Part {
        var text: String
        var end: OpenEnd
    }

    /// The answers file's text for `answers`. `changed`: what changed of them
    /// since the last call, when the caller knows (the reducer does); the
    /// sections it does not name are taken as they were, unread.
    public mutating func text(_ answers: Answers, changed: AnswerChanges = .anything) -> String {
        parts(answers, changed: changed).joined()
    }

    /// `text`, in the pieces it is kept in: the sections' joined text is one
    /// of them, not copied into a whole (the draft is written piece by piece).
    public mutating func parts(_ answers: Answers, changed: AnswerChanges = .anything) -> [String] {
        let head = headPart(answers)
        var parts = [head.text]
        var ended = head.end == .sets
        if !answers.sections.isEmpty || !given.isEmpty {
            let catalog = loadCatalog()
            let sections = catalog.sections
            var only = changed.sections
            if given.count != sections.count {
                given = Array(repeating: nil, count: sections.count)
                lengths = Array(repeating: 0, count: sections.count)
                ends = Array(repeating: .leaves, count: sections.count)
                body = ""
                only = nil
            }
            // Read in place: copying each section out of the catalog on every
            // key was a large catalog's cost; and with the changed sections
            // named, only those are looked up.
            let indices = only.map { $0.compactMap(catalog.place).sorted() } ?? Array(sections.indices)
            var changes: [(index: Int, part: Part)] = []
            for index in indices {
                let now = answers.sections[sections[index].id]
                if given[index] == now { continue }
                given[index] = now
                changes.append((index, now.map { Self.sectionPart(sections[index], $0) } ?? Part(text: "", end: .leaves)))
            }
            if !changes.isEmpty { replace(changes) }
            for end in ends { Self.fold(end, into: &ended) }
            if !body.isEmpty {
                parts += ["sections:\n", body]
            }
        }
        if let tail = tailPart(answers) {
            parts.append(tail.text)
            Self.fold(tail.end, into: &ended)
        }
        if ended { parts.append("...\n") }
        return parts
    }

    /// Puts each changed section's new part (in catalog order) in place of
    /// its old one in the joined text, copying the parts between as they are.
    private mutating func replace(_ changes: [(index: Int, part: Part)]) {
        var joined = ""
        joined.reserveCapacity(body.utf8.count + changes.reduce(0) { $0 + $1.part.text.utf8.count })
        let old = body.utf8
        func copy(_ from: Int, _ to: Int) {
            joined += body[old.index(old.startIndex, offsetBy: from)..<old.index(old.startIndex, offsetBy: to)]
        }
        // `start`: where section `scanned` starts in the old text.
        var start = 0, scanned = 0, copied = 0
        for (index, part) in changes {
            while scanned < index { start += lengths[scanned]; scanned += 1 }
            copy(copied, start)
            joined += part.text
            start += lengths[index]
            scanned = index + 1
            copied = start
            lengths[index] = part.text.utf8.count
            ends[index] = part.end
        }
        copy(copied, old.count)
        body = joined
    }

    /// The head's part, emitted again only when what it holds changed.
    mutating func headPart(_ answers: Answers) -> Part {
        var inputs = Answers()
        inputs.customSections = answers.customSections
        inputs.company = answers.company
        inputs.profile = answers.profile
        if let head, head.answers == inputs { return head.part }
        let part = Self.part(AnswersFile.headPairs(answers), dropping: "")
        head = (inputs, part)
        return part
    }

    /// The tail's part (nil: the file has no tail), emitted again only when
    /// what it holds changed.
    mutating func tailPart(_ answers: Answers) -> Part? {
        var inputs = Answers()
        inputs.reviewed = answers.reviewed
        inputs.outputs = answers.outputs
        inputs.history = answers.history
        if let tail, tail.answers == inputs { return tail.part }
        let pairs = AnswersFile.tailPairs(answers)
        let part = pairs.isEmpty ? nil : Self.part(pairs, dropping: "")
        tail = (inputs, part)
        return part
    }

    static func fold(_ end: OpenEnd, into ended: inout Bool) {
        switch end {
        case .leaves: break
        case .sets: ended = true
        case .clears: ended = false
        }
    }

    /// The section's lines as they stand under `sections:` in the whole file.
    static func sectionPart(_ section: Section, _ given: SectionAnswers) -> Part {
        guard let entry = AnswersFile.sectionEntry(section, given) else { return Part(text: "", end: .leaves) }
        return part([(AnswersFile.key("sections"), AnswersFile.map([(AnswersFile.key(section.id), entry)]))],
                    dropping: "sections:\n")
    }

    /// A root key that follows what is emitted, so that nothing emitted ends
    /// the document; its line is cut off again.
    private static var follower: (Node, Node) { (AnswersFile.key("z"), AnswersFile.plain("z")) }
    private static let followerLine = "z: z\n"
    /// A root key before what is emitted whose block scalar sets the end mark.
    private static var opener: (Node, Node) { (AnswersFile.key("a"), .scalar(.init("a\n\n", YAMLNode.stringTag, .literal))) }

    /// `pairs` as root keys of the whole file, without the `dropping` line
    /// that leads them, and what they do to the end mark.
    static func part(_ pairs: [(Node, Node)], dropping lead: String) -> Part {
        var text = AnswersFile.emit(AnswersFile.map(pairs + [follower]))
        var end = OpenEnd.leaves
        if text.hasSuffix(followerLine + "...\n") {
            end = .sets
            text.removeLast((followerLine + "...\n").count)
        } else {
            precondition(text.hasSuffix(followerLine), "the answers' YAML did not end as emitted")
            text.removeLast(followerLine.count)
            // A block scalar that does not keep its breaks clears the mark
            // set before it: seen only by emitting after one that sets it.
            if pairs.contains(where: { hasBlock($0.0) || hasBlock($0.1) }) {
                let probe = AnswersFile.emit(AnswersFile.map([opener] + pairs + [follower]))
                if !probe.hasSuffix("...\n") { end = .clears }
            }
        }
        precondition(text.hasPrefix(lead), "the answers' YAML did not start as emitted")
        text.removeFirst(lead.count)
        return Part(text: text, end: end)
    }

    /// Whether `node` holds a scalar to be written as a block (`|`).
    static func hasBlock(_ node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): scalar.style == .literal || scalar.style == .folded
        case .mapping(let mapping): mapping.contains { hasBlock($0.key) || hasBlock($0.value) }
        case .sequence(let sequence): sequence.contains(where: hasBlock)
        case .alias: false
        }
    }
}
