import Yams

/// Any number of choices: Space ticks or unticks one; the answer lists the
/// ticked ones in catalog order, so the same set always reads the same.
struct MultipleChoiceField: FieldKind {

    var input: FieldInput { .options(picked: "[x]", unpicked: "[ ]", verb: "tick") }

    func definitionProblem(_ question: Question) -> String? {
        if question.choices.isEmpty { return "question '\(question.id)' is multiple choice but has no choices" }
        if question.format != nil { return "question '\(question.id)': 'validate' is for text questions" }
        return nil
    }

    func options(of question: Question) -> [String] { question.choices.map(\.label) }

    func isPicked(_ index: Int, in value: AnswerValue?, of question: Question) -> Bool {
        guard question.choices.indices.contains(index), case .choices(let ids)? = value else { return false }
        return ids.contains(question.choices[index].id)
    }

    func picking(_ index: Int, in value: AnswerValue?, of question: Question) -> AnswerValue? {
        guard question.choices.indices.contains(index) else { return value }
        var ids: [String] = []
        if case .choices(let existing)? = value { ids = existing }
        let choice = question.choices[index]
        if ids.contains(choice.id) {
            ids.removeAll { $0 == choice.id }
        } else if choice.exclusive {
            // "None of these yet" ticked: the others go, as it says.
            ids = [choice.id]
        } else {
            ids.removeAll { question.choice($0)?.exclusive == true }
            ids.append(choice.id)
        }
        let ordered = question.choices.map(\.id).filter(ids.contains)
        return ordered.isEmpty ? nil : .choices(ordered)
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        guard case .sequence = node else {
            throw reader.error(node, "\(what()) takes a list of choices like [\(question.choices.first?.id ?? "")], found \(YAMLReader.kind(node))")
        }
        let ids = try reader.stringList(node, what())
        for id in ids where question.choice(id) == nil { throw question.unknownChoice(id, what(), node, reader) }
        return .choices(question.choices.map(\.id).filter(ids.contains))
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        if case .choices(let ids) = value { return YAMLNode.flowList(ids) }
        return YAMLNode.plain("~")
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .choices(let ids) = value else { return [:] }
        var picked: [String: Any] = [:]
        var items: [TemplateValue] = []
        for choice in question.choices where ids.contains(choice.id) {
            picked[choice.id] = true
            if choice.affirms { items.append(TemplateValue.choice(choice)) }
        }
        // Nothing affirmed, nothing to print: the key stays out, so a
        // `{{#question}}` block with a lead-in sentence stays silent.
        guard !items.isEmpty else { return [:] }
        let list = TemplateList(items)
        picked["items"] = list
        return [question.id: TemplateValue(picked, text: list.renderText)]
    }

    // The plain form: numbered options marked [x] or [ ]; the numbers of
    // every choice that applies, separated by commas, replace the ticks.

    func plainOptions(_ value: AnswerValue?, of question: Question) -> [String] {
        numberedOptions(value, of: question, marked: true)
    }

    func plainHow(of question: Question) -> String {
        "Numbers of all that apply, separated by commas (1 to \(question.choices.count))"
    }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        guard case .choices(let ids) = value else { return "" }
        return ids.map { id in question.choice(id)?.label ?? id }.joined(separator: ", ")
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        let words = typed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !words.isEmpty else { return .rejected("type the numbers of all that apply, such as 1,3") }
        var ids: Set<String> = []
        for word in words {
            guard let index = optionIndex(word, of: question) else {
                return .rejected("'\(word)' is not one of the choices: type numbers from 1 to \(question.choices.count)")
            }
            ids.insert(question.choices[index].id)
        }
        if ids.count > 1, let alone = question.choices.first(where: { $0.exclusive && ids.contains($0.id) }) {
            let number = question.choices.firstIndex { $0.id == alone.id }! + 1
            return .rejected("'\(alone.label)' (\(number)) goes alone: type \(number) by itself, or the others without it")
        }
        return .answer(.choices(question.choices.map(\.id).filter(ids.contains)))
    }

    /// `when: {answer: id, includes: choice}`
    func condition(_ test: String, _ value: Node, of question: Question,
                          _ reader: YAMLReader) throws(InputError) -> QuestionCondition? {
        guard test == "includes" else { return nil }
        return .answerIncludes(question: question.id, choice: try question.knownChoice(value, "when.includes", reader))
    }
}
