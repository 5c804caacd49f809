import Yams

/// What one kind of question means, in one place.
///
/// Each kind is a type in a file of its own beside this one (yes/no, single
/// choice, multiple choice, one line of text, several lines), and owns all of
/// it: the rows a form shows for it and what focusing each means, what Space
/// or typing does to its value, its checks, how its value is read from and
/// written to the answers file, and what a section template sees. The company
/// and profile questions are questions of the same kinds (`ProfileField`,
/// `CompanyField`). `QuestionKind.field` is the one place that names them all,
/// so a new kind is a new file and one line there.
protocol FieldKind: Sendable {
    /// How the field is answered: by picking among options, or by typing.
    var input: FieldInput { get }

    /// Checks the question as a section file defines it (its choices, its
    /// validator); the problem in words, or nil.
    func definitionProblem(_ question: Question) -> String?

    /// The labels of the options a person picks from (empty for a typed field).
    func options(of question: Question) -> [String]
    /// Whether option `index` is picked in `value`.
    func isPicked(_ index: Int, in value: AnswerValue?, of question: Question) -> Bool
    /// The value after Space on option `index` (nil: no answer).
    func picking(_ index: Int, in value: AnswerValue?, of question: Question) -> AnswerValue?

    /// What is wrong with typed text, in words; nil when it fits.
    func problem(with text: String, of question: Question) -> String?

    /// Reads the answer from its node in the answers file; `what` names its key.
    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue
    /// The answer as the answers file writes it.
    func yaml(_ value: AnswerValue, of question: Question) -> Node

    /// The names a section template sees for the answer (empty: nothing to print).
    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any]

    /// A later question's `when: {answer: <this question>, <test>: <value>}`:
    /// the condition, or nil when the kind has no such test.
    func condition(_ test: String, _ value: Node, of question: Question,
                   _ reader: YAMLReader) throws(InputError) -> QuestionCondition?

    // MARK: - The plain form (the line-by-line mode)

    /// The lines under the question that list what can be picked (`1) Seed`,
    /// `2) [x] Logs`); empty for a field answered by typing.
    func plainOptions(_ value: AnswerValue?, of question: Question) -> [String]
    /// What to type, as the prompt says it ("A number from 1 to 5", "y or n").
    func plainHow(of question: Question) -> String
    /// The answer as the prompt quotes it: `[Enter: keep "Seed"]`.
    func plainValue(_ value: AnswerValue, of question: Question) -> String
    /// A typed line (for several lines, all of them joined by line breaks) as
    /// an answer, or what is wrong with it in one line. An empty line and `-`
    /// never get here: they keep and clear the answer, whatever the kind.
    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer
}

/// A line typed in the plain mode, read as an answer.
public enum PlainAnswer: Equatable, Sendable {
    case answer(AnswerValue)
    /// Not an answer to this question: why, in one line.
    case rejected(String)
}

/// How a field is answered.
public enum FieldInput: Equatable, Sendable {
    /// One option row per choice, each marked picked or not (`(•)` or `[x]`);
    /// `verb` says on the key bar what Space does ("pick", "tick").
    case options(picked: String, unpicked: String, verb: String)
    /// A text box of one line, or of several.
    case text(multiline: Bool)
    /// A list of records with named fields (`Question.record`), each one line
    /// of text per field.
    case records
}

extension FieldKind {
    var isTyped: Bool {
        if case .text = input { return true }
        return false
    }

    var isMultiline: Bool { input == .text(multiline: true) }

    // Typed fields have no options; picked fields take no text. Each kind
    // implements the half that applies to it.
    func options(of question: Question) -> [String] { [] }
    func isPicked(_ index: Int, in value: AnswerValue?, of question: Question) -> Bool { false }
    func picking(_ index: Int, in value: AnswerValue?, of question: Question) -> AnswerValue? { value }
    func problem(with text: String, of question: Question) -> String? { nil }
    func condition(_ test: String, _ value: Node, of question: Question,
                          _ reader: YAMLReader) throws(InputError) -> QuestionCondition? { nil }
    func plainOptions(_ value: AnswerValue?, of question: Question) -> [String] { [] }

    /// Picked fields: the numbered options, each with its mark when `marked`.
    func numberedOptions(_ value: AnswerValue?, of question: Question, marked: Bool) -> [String] {
        guard case .options(let picked, let unpicked, _) = input else { return [] }
        return options(of: question).enumerated().map { index, label in
            let mark = marked ? (isPicked(index, in: value, of: question) ? picked : unpicked) + " " : ""
            return "\(index + 1)) \(mark)\(label)"
        }
    }

    /// Picked fields: the index of the option a typed word names: its number,
    /// its id or its label (any case); nil when it names none.
    func optionIndex(_ word: String, of question: Question) -> Int? {
        let word = word.trimmingBlanks()
        let labels = options(of: question)
        if let number = Int(word), labels.indices.contains(number - 1) { return number - 1 }
        if let index = question.choices.firstIndex(where: { $0.id == word }) { return index }
        return labels.firstIndex { $0.lowercased() == word.lowercased() }
    }

    /// Picked fields: "A number from 1 to 5".
    func numberRange(of question: Question) -> String {
        "a number from 1 to \(options(of: question).count)"
    }
}

extension QuestionKind {
    /// What the kind means: the one place every kind is named.
    var field: any FieldKind {
        switch self {
        case .yesno: YesNoField()
        case .single: SingleChoiceField()
        case .multiple: MultipleChoiceField()
        case .text: TextField()
        case .multiline: MultilineTextField()
        case .records: RecordListField()
        }
    }
}

extension Question {
    /// What this question's kind means.
    var field: any FieldKind { kind.field }

    // What the wizard's screens ask of a question, as its kind answers.

    /// How it is answered: options to pick, or a text box.
    public var input: FieldInput { field.input }
    public var isTyped: Bool { field.isTyped }
    public var isMultiline: Bool { field.isMultiline }
    /// The labels of its options (empty for a typed question).
    public var options: [String] { field.options(of: self) }
    /// Whether option `index` is picked in `value`.
    public func isPicked(_ index: Int, in value: AnswerValue?) -> Bool { field.isPicked(index, in: value, of: self) }
    /// The value after Space on option `index`.
    public func picking(_ index: Int, in value: AnswerValue?) -> AnswerValue? { field.picking(index, in: value, of: self) }
    /// What is wrong with typed text, or nil.
    public func problem(with text: String) -> String? { field.problem(with: text, of: self) }

    // The plain mode asks a question as its kind has it.

    /// The lines listing its options (`1) Seed`), picked ones marked where a kind marks them.
    public func plainOptions(_ value: AnswerValue?) -> [String] { field.plainOptions(value, of: self) }
    /// The prompt: what to type, the answer Enter keeps, and how to skip.
    public func plainPrompt(_ value: AnswerValue?) -> String {
        let how = field.plainHow(of: self)
        guard let value else { return "\(how) [Enter: skip]: " }
        return "\(how) [Enter: keep \"\(field.plainValue(value, of: self))\"; -: skip]: "
    }
    /// A typed line as an answer, or why it is not one.
    public func plainAnswer(_ typed: String) -> PlainAnswer { field.plainAnswer(typed, of: self) }

    /// A question of `kind` that no section asks: the plain mode's own menus
    /// (the plan, the review, yes or no), listed and read by the kind's plain
    /// form like any question.
    public static func menu(_ kind: QuestionKind, _ choices: [(id: String, label: String)] = []) -> Question {
        Question(id: "menu", kind: kind, label: "", help: nil, required: false,
                 choices: choices.map { Choice(id: $0.id, label: $0.label, url: nil, affirms: true) }, format: nil, when: nil)
    }
}

/// Builds the answers file's YAML nodes: plain words, and a user's strings
/// quoted where plain YAML would read them as something else.
enum YAMLNode {
    // One tag of each kind for every node: a key typed in a section emits
    // that section's dozens of nodes for the draft, and every file read is
    // composed into nodes with these tags. A tag's resolver is asked only of
    // a node whose tag is left implicit, never of these, so it is the basic
    // one: the default resolver compiles seven regular expressions (8.8M
    // instructions) the first time it is touched. The built-in catalog's
    // trees are built with the same tags.
    nonisolated(unsafe) static let stringTag = Tag(.str, .basic, constructor)
    nonisolated(unsafe) static let mapTag = Tag(.map, .basic, constructor)
    nonisolated(unsafe) static let sequenceTag = Tag(.seq, .basic, constructor)
    /// Nothing reads a value through its tag (the readers take the text), so
    /// the tags' constructor has no tables: Yams' default one builds its
    /// tables the first time it is touched, and looks up the conformances
    /// of their types among every one in the binary.
    nonisolated(unsafe) static let constructor = Constructor([:], [:], [:])

    static func plain(_ text: String) -> Node { .scalar(.init(text, stringTag, .plain)) }
    static func bool(_ value: Bool) -> Node { plain(value ? "true" : "false") }
    static func map(_ pairs: [(Node, Node)]) -> Node { .mapping(.init(pairs, mapTag, .block)) }
    static func flowList(_ words: [String]) -> Node { .sequence(.init(words.map(plain), sequenceTag, .flow)) }

    /// A user's string: quoted where plain YAML would read it as something else,
    /// a literal block where it has several lines.
    static func string(_ text: String) -> Node {
        if text.contains("\n") { return .scalar(.init(text, stringTag, .literal)) }
        // What `represented()` gives a string, without its resolver when none is needed.
        if PlainScalar.isString(text) { return .scalar(.init(text, stringTag, .any)) }
        return .scalar(text.represented())
    }
}

extension String {
    /// The text with its first letter upper case ("A number from 1 to 5").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
