import Yams

/// One choice of several: Space picks it (or, on the picked one, un-picks it).
struct SingleChoiceField: FieldKind {

    var input: FieldInput { .options(picked: "(•)", unpicked: "( )", verb: "pick") }

    func definitionProblem(_ question: Question) -> String? {
        if question.choices.isEmpty { return "question '\(question.id)' is single choice but has no choices" }
        if question.format != nil { return "question '\(question.id)': 'validate' is for text questions" }
        if let choice = question.choices.first(where: \.exclusive) {
            return "question '\(question.id)': choice '\(choice.id)' is 'exclusive', which is for multiple-choice questions (a single choice is always alone)"
        }
        return nil
    }

    func options(of question: Question) -> [String] { question.choices.map(\.label) }

    func isPicked(_ index: Int, in value: AnswerValue?, of question: Question) -> Bool {
        question.choices.indices.contains(index) && value == .choice(question.choices[index].id)
    }

    func picking(_ index: Int, in value: AnswerValue?, of question: Question) -> AnswerValue? {
        guard question.choices.indices.contains(index) else { return value }
        let picked = AnswerValue.choice(question.choices[index].id)
        return value == picked ? nil : picked
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        if case .sequence = node { throw reader.error(node, "\(what()) takes one choice, found a list") }
        let id = try reader.string(node, what())
        guard question.choice(id) != nil else { throw question.unknownChoice(id, what(), node, reader) }
        return .choice(id)
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        if case .choice(let id) = value { return YAMLNode.plain(id) }
        return YAMLNode.plain("~")
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .choice(let id) = value, let choice = question.choice(id) else { return [:] }
        var entry = TemplateValue.choice(choice)
        entry.children[id] = true
        // `{{question}}` prints the label of a choice that claims something.
        if !choice.affirms { entry.text = "" }
        return [question.id: entry]
    }

    // The plain form: numbered options; the number (or the id) picks one.

    func plainOptions(_ value: AnswerValue?, of question: Question) -> [String] {
        numberedOptions(value, of: question, marked: false)
    }

    func plainHow(of question: Question) -> String { numberRange(of: question).capitalizedFirst }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        guard case .choice(let id) = value else { return "" }
        return question.choice(id)?.label ?? id
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        guard let index = optionIndex(typed, of: question) else {
            return .rejected("'\(typed)' is not one of the choices: type \(numberRange(of: question))")
        }
        return .answer(.choice(question.choices[index].id))
    }

    /// `when: {answer: id, is: choice}`
    func condition(_ test: String, _ value: Node, of question: Question,
                          _ reader: YAMLReader) throws(InputError) -> QuestionCondition? {
        guard test == "is" else { return nil }
        return .answerIs(question: question.id, value: .choice(try question.knownChoice(value, "when.is", reader)))
    }
}

extension Question {
    /// The error for a choice id the question does not have.
    func unknownChoice(_ id: String, _ what: @autoclosure () -> String, _ node: Node, _ reader: YAMLReader) -> InputError {
        reader.error(node, "unknown choice '\(id)' for \(what()) (one of \(choices.map(\.id).joined(separator: ", ")))")
    }

    /// A choice id named in a section file's condition, checked.
    func knownChoice(_ node: Node, _ what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> String {
        let choice = try reader.string(node, what())
        guard self.choice(choice) != nil else { throw reader.error(node, "'\(choice)' is not a choice of '\(id)'") }
        return choice
    }
}
