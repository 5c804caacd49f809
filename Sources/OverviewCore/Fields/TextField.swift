import Yams

/// One line of typed text, optionally checked against a format (`validate:`).
struct TextField: FieldKind {

    var input: FieldInput { .text(multiline: false) }

    func definitionProblem(_ question: Question) -> String? {
        if !question.choices.isEmpty { return "question '\(question.id)' is text and cannot have choices" }
        return nil
    }

    func problem(with text: String, of question: Question) -> String? {
        if text.contains("\n") { return "one line only" }
        return question.format?.problem(with: text)
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        let text = try reader.string(node, what())
        if text.unicodeScalars.contains(where: TerminalSafe.isLineBreak) {
            throw reader.error(node, "\(what()) is a one-line answer, found several lines (or a line or paragraph separator)")
        }
        return try Self.checked(text, question, what(), node, reader)
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        guard case .text(let text) = value else { return YAMLNode.plain("~") }
        // A number of days is written as a number.
        return [.days, .hours, .percent].contains(question.format) ? YAMLNode.plain(text) : YAMLNode.string(text)
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .text(let text) = value else { return [:] }
        let clean = TerminalSafe.sanitize(text, allowNewlines: false)
        guard !clean.isBlankText else { return [:] }
        var values: [String: Any] = [question.id: clean]
        if question.format == .days, let days = Int(clean.trimmingBlanks()) {
            // "1 day", "30 days": a template never has to pluralize.
            values[question.id + "_days"] = days == 1 ? "1 day" : "\(days) days"
        }
        if question.format == .hours, let hours = Int(clean.trimmingBlanks()) {
            values[question.id + "_hours"] = hours == 1 ? "1 hour" : "\(hours) hours"
        }
        if question.format == .quarter, let quarter = Quarter(clean.trimmingBlanks()) {
            // "Q2 2027", as a sentence says it.
            values[question.id + "_quarter"] = quarter.spoken
        }
        return values
    }

    // The plain form: the line as typed, checked as the wizard checks it.

    func plainHow(of question: Question) -> String { "Answer" }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        guard case .text(let text) = value else { return "" }
        return text
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        Self.plainText(typed, question, problem(with: typed, of: question), layout: false)
    }

    /// Typed text as an answer, or the first thing wrong with it: a control
    /// character (an arrow key in a terminal that cannot move the cursor
    /// types one), then the kind's own check.
    static func plainText(_ typed: String, _ question: Question, _ problem: String?, layout: Bool) -> PlainAnswer {
        if TerminalSafe.hasControlCharacters(typed, allowingLayout: layout) {
            return .rejected("the answer holds a control character (an arrow or function key?): type it again")
        }
        if let problem { return .rejected(problem) }
        return .answer(.text(typed))
    }

    /// Typed text as an answer must be: no control characters, the format's shape.
    static func checked(_ text: String, _ question: Question, _ what: @autoclosure () -> String, _ node: Node,
                        _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        if TerminalSafe.hasControlCharacters(text, allowingLayout: true) {
            throw reader.error(node, "\(what()) contains a control character")
        }
        // Only spaces is no answer, not a wrong one: it loads as left open.
        if let format = question.format, !AnswerValue.text(text).isBlank, let problem = format.problem(with: text) {
            throw reader.error(node, "\(what()): \(problem)")
        }
        return .text(text)
    }
}
