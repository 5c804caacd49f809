import Yams

/// A yes/no question: two options, Yes and No; Space on the picked one un-picks it.
struct YesNoField: FieldKind {

    var input: FieldInput { .options(picked: "(•)", unpicked: "( )", verb: "pick") }

    func definitionProblem(_ question: Question) -> String? {
        if !question.choices.isEmpty { return "question '\(question.id)' is yesno and cannot have choices" }
        if question.format != nil { return "question '\(question.id)': 'validate' is for text questions" }
        return nil
    }

    func options(of question: Question) -> [String] { ["Yes", "No"] }

    func isPicked(_ index: Int, in value: AnswerValue?, of question: Question) -> Bool {
        value == .bool(index == 0)
    }

    func picking(_ index: Int, in value: AnswerValue?, of question: Question) -> AnswerValue? {
        let picked = AnswerValue.bool(index == 0)
        return value == picked ? nil : picked
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        .bool(try reader.bool(node, "\(what()) (a yes/no question)"))
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        if case .bool(let flag) = value { return YAMLNode.bool(flag) }
        return YAMLNode.plain("~")
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .bool(let flag) = value else { return [:] }
        return [question.id: flag]
    }

    // The plain form: `y` or `n`, no numbered options.

    func plainHow(of question: Question) -> String { "y or n" }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        value == .bool(true) ? "yes" : "no"
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        switch typed.trimmingBlanks().lowercased() {
        case "y", "yes": .answer(.bool(true))
        case "n", "no": .answer(.bool(false))
        default: .rejected("'\(typed)' is not an answer to a yes/no question: type y or n")
        }
    }

    /// `when: {answer: id, is: true}`
    func condition(_ test: String, _ value: Node, of question: Question,
                          _ reader: YAMLReader) throws(InputError) -> QuestionCondition? {
        guard test == "is" else { return nil }
        return .answerIs(question: question.id, value: .bool(try reader.bool(value, "when.is")))
    }
}
