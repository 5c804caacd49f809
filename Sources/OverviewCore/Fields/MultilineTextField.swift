import Yams

/// Several lines of typed text; a template can also loop over its lines
/// (`{{#id_lines}}`).
struct MultilineTextField: FieldKind {

    var input: FieldInput { .text(multiline: true) }

    func definitionProblem(_ question: Question) -> String? {
        if !question.choices.isEmpty { return "question '\(question.id)' is multiline and cannot have choices" }
        // A format checks each line on its own (one contact per line).
        if let format = question.format, format != .contact && format != .url {
            return "question '\(question.id)': 'validate' is for text questions (a multiline question takes contact or url, checked on each line)"
        }
        return nil
    }

    func problem(with text: String, of question: Question) -> String? {
        guard let format = question.format else { return nil }
        return Self.lines(text).lazy.compactMap { format.problem(with: $0) }.first
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        var unchecked = question
        unchecked.format = nil
        let value = try TextField.checked(try reader.string(node, what()), unchecked, what(), node, reader)
        if case .text(let text) = value, let problem = problem(with: text, of: question) {
            throw reader.error(node, "\(what()): \(problem)")
        }
        return value
    }

    /// The lines that say something, trimmed.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        guard case .text(let text) = value else { return YAMLNode.plain("~") }
        return YAMLNode.string(text)
    }

    // The plain form: lines, ended by a line holding only a dot.

    func plainHow(of question: Question) -> String { "Lines of text, then a line holding only ." }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        guard case .text(let text) = value else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 1 ? "\(lines[0]) … (\(lines.count) lines)" : text
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        TextField.plainText(typed, question, problem(with: typed, of: question), layout: true)
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .text(let text) = value else { return [:] }
        let clean = TerminalSafe.sanitize(text, allowNewlines: true)
        guard !clean.isBlankText else { return [:] }
        // One item per line, for templates that list them.
        let lines = clean.split(separator: "\n")
            .map { $0.trimmingBlanks() }
            .filter { !$0.isEmpty }
        return [question.id: clean, question.id + "_lines": TemplateList(lines.map { TemplateValue([:], text: $0) })]
    }
}
