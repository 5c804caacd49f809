import Yams

/// Several lines of typed text; a template can also loop over its lines
/// (`{{#id_lines}}`).
struct MultilineTextField: FieldKind {

    var input: FieldInput { .text(multiline: true) }

    func definitionProblem(_ question: Question) -> String? {
        if !question.choices.isEmpty { return "question '\(question.id)' is multiline and cannot have choices" }
        if question.format != nil { return "question '\(question.id)': 'validate' is for text questions" }
        return nil
    }

    func read(_ node: Node, of question: Question, as what: String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        try TextField.checked(try reader.string(node, what), question, what, node, reader)
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        guard case .text(let text) = value else { return YAMLNode.plain("~") }
        return YAMLNode.string(text)
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .text(let text) = value else { return [:] }
        let clean = TerminalSafe.sanitize(text, allowNewlines: true)
        guard !clean.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [:] }
        // One item per line, for templates that list them.
        let lines = clean.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return [question.id: clean, question.id + "_lines": TemplateList(lines.map { TemplateValue([:], text: $0) })]
    }
}
