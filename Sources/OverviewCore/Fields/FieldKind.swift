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
    func read(_ node: Node, of question: Question, as what: String, _ reader: YAMLReader) throws(InputError) -> AnswerValue
    /// The answer as the answers file writes it.
    func yaml(_ value: AnswerValue, of question: Question) -> Node

    /// The names a section template sees for the answer (empty: nothing to print).
    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any]

    /// A later question's `when: {answer: <this question>, <test>: <value>}`:
    /// the condition, or nil when the kind has no such test.
    func condition(_ test: String, _ value: Node, of question: Question,
                   _ reader: YAMLReader) throws(InputError) -> QuestionCondition?
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
}

/// Builds the answers file's YAML nodes: plain words, and a user's strings
/// quoted where plain YAML would read them as something else.
enum YAMLNode {
    static func plain(_ text: String) -> Node { .scalar(.init(text, Tag(.str), .plain)) }
    static func bool(_ value: Bool) -> Node { plain(value ? "true" : "false") }
    static func map(_ pairs: [(Node, Node)]) -> Node { .mapping(.init(pairs, Tag(.map), .block)) }
    static func flowList(_ words: [String]) -> Node { .sequence(.init(words.map(plain), Tag(.seq), .flow)) }

    /// A user's string: quoted where plain YAML would read it as something else,
    /// a literal block where it has several lines.
    static func string(_ text: String) -> Node {
        if text.contains("\n") { return .scalar(.init(text, Tag(.str), .literal)) }
        return .scalar(text.represented())
    }
}
