import Mustache
import Yams

/// One named field of a `records` question's records, as a section file
/// defines it: `{id: name, label: Name, required: true, validate: url}`.
public struct RecordField: Equatable, Sendable {
    public var id: String
    public var label: String
    /// A record without it is refused (in the answers file and, later, the wizard).
    public var required: Bool
    /// The shape its text must have, as a text question's `validate`.
    public var format: TextFormat?

    public init(id: String, label: String, required: Bool = false, format: TextFormat? = nil) {
        self.id = id
        self.label = label
        self.required = required
        self.format = format
    }
}

/// What a `records` question's records are: the noun ("subprocessor", for
/// "Add a subprocessor") and the fields, in the order they are written and shown.
public struct RecordShape: Equatable, Sendable {
    public var noun: String
    public var fields: [RecordField]

    public init(noun: String, fields: [RecordField]) {
        self.noun = noun
        self.fields = fields
    }

    public func field(_ id: String) -> RecordField? { fields.first { $0.id == id } }

    /// What is wrong with `value` in field `id`, in words, after the field's
    /// label (`labelled`: a form that shows the label above the box leaves it
    /// out); nil when it fits. Every field is one line of text without
    /// control characters: a record is printed as one row of a table.
    public func problem(with value: String, in id: String, labelled: Bool = true) -> String? {
        guard let field = field(id) else { return "no field '\(id)'" }
        let problem: String?
        if value.contains("\n") || value.contains("\r") {
            problem = "one line only"
        } else if TerminalSafe.hasControlCharacters(value, allowingLayout: false) {
            problem = "contains a control character"
        } else if value.trimmingBlanks().isEmpty {
            problem = nil
        } else {
            problem = field.format?.problem(with: value)
        }
        return problem.map { labelled ? "\(field.label): \($0)" : $0 }
    }

    /// What is wrong with a whole record, in words: the first field that does
    /// not fit, or a required field left empty; nil when it can be saved.
    public func problem(with record: [String: String]) -> String? {
        for field in fields {
            let value = record[field.id] ?? ""
            if let problem = problem(with: value, in: field.id) { return problem }
            if field.required && value.trimmingBlanks().isEmpty { return "\(field.label) is required" }
        }
        if let unknown = record.keys.sorted().first(where: { field($0) == nil }) { return "no field '\(unknown)'" }
        return nil
    }

    /// The record as it is kept: fields trimmed, empty ones left out.
    public func normalized(_ record: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for field in fields {
            let value = (record[field.id] ?? "").trimmingBlanks()
            if !value.isEmpty { out[field.id] = value }
        }
        return out
    }
}

/// A list of records with named fields (the subprocessors a company uses:
/// name, purpose, where, link). The answers file writes one record per line,
/// a flow map with the fields in the catalog's order and empty ones left out,
/// so a pull request that adds a subprocessor adds one line:
///
/// ```yaml
/// subprocessors:
///   - {name: Acme Mail, purpose: Email delivery, location: EU}
/// ```
///
/// A template loops over the records (`{{#subprocessors}}| {{name}} |{{/subprocessors}}`);
/// each field is one line of text, printed escaped, so a `|` in a name stays
/// inside its cell of a table.
struct RecordListField: FieldKind {

    var input: FieldInput { .records }

    // The plain form: one record a line, its fields in order separated by
    // " ; ", then a line holding only a dot (as a multi-line answer).

    func plainOptions(_ value: AnswerValue?, of question: Question) -> [String] {
        guard case .records(let records)? = value, let shape = question.record else { return [] }
        return records.map { record in shape.fields.compactMap { record[$0.id] }.joined(separator: " ; ") }
    }

    func plainHow(of question: Question) -> String {
        let fields = question.record?.fields.map { $0.label + ($0.required ? "" : " (optional)") }.joined(separator: " ; ") ?? ""
        return "One \(question.record?.noun ?? "record") a line: \(fields); then a line holding only ."
    }

    func plainValue(_ value: AnswerValue, of question: Question) -> String {
        guard case .records(let records) = value else { return "" }
        return "\(records.count) \(question.record?.noun ?? "record")\(records.count == 1 ? "" : "s")"
    }

    func plainAnswer(_ typed: String, of question: Question) -> PlainAnswer {
        guard let shape = question.record else { return .rejected("this question takes no typed answer") }
        if TerminalSafe.hasControlCharacters(typed, allowingLayout: true) {
            return .rejected("the answer holds a control character (an arrow or function key?): type it again")
        }
        var records: [[String: String]] = []
        for (number, line) in typed.split(separator: "\n").enumerated() {
            let parts = line.components(separatedBy: ";").map { $0.trimmingBlanks() }
            if parts.count > shape.fields.count {
                return .rejected("line \(number + 1) has \(parts.count) fields; a \(shape.noun) has \(shape.fields.count), separated by ;")
            }
            var record: [String: String] = [:]
            for (field, part) in zip(shape.fields, parts) where !part.isEmpty { record[field.id] = part }
            if let problem = shape.problem(with: record) { return .rejected("line \(number + 1): \(problem)") }
            records.append(shape.normalized(record))
        }
        return .answer(.records(records))
    }


    func definitionProblem(_ question: Question) -> String? {
        if !question.choices.isEmpty { return "question '\(question.id)' is records and cannot have choices" }
        if question.format != nil { return "question '\(question.id)': 'validate' goes on each of its fields" }
        guard let shape = question.record else {
            return "question '\(question.id)' is records: give it 'record' (the noun) and 'fields'"
        }
        if shape.noun.trimmingBlanks().isEmpty || shape.noun.contains("\n") {
            return "question '\(question.id)': 'record' must be a noun on one line, like subprocessor"
        }
        if shape.fields.isEmpty { return "question '\(question.id)' is records but has no fields" }
        var seen: Set<String> = []
        for field in shape.fields {
            if !SectionParser.isQuestionID(field.id) {
                return "question '\(question.id)': field id '\(field.id)' must be lowercase letters, digits and '_'"
            }
            if !seen.insert(field.id).inserted { return "question '\(question.id)': duplicate field id '\(field.id)'" }
            if field.label.contains("\n") { return "question '\(question.id)': the label of field '\(field.id)' must be one line" }
        }
        if !shape.fields.contains(where: \.required) {
            return "question '\(question.id)': at least one field must be required, so that no record is empty"
        }
        return nil
    }

    func read(_ node: Node, of question: Question, as what: @autoclosure () -> String, _ reader: YAMLReader) throws(InputError) -> AnswerValue {
        guard let shape = question.record else { throw reader.error(node, "\(what()) is not a records question") }
        // The wording of an error is made only for an error.
        func example() -> String { shape.fields.filter(\.required).map { "\($0.id): ..." }.joined(separator: ", ") }
        guard case .sequence = node else {
            throw reader.error(node, "\(what()) takes a list of \(shape.noun) records, one a line like - {\(example())}; found \(YAMLReader.kind(node))")
        }
        var records: [[String: String]] = []
        for (index, item) in try reader.sequence(node, what()).enumerated() {
            func itemWhat() -> String { "\(what()) (\(shape.noun) \(index + 1))" }
            guard case .mapping = item else {
                throw reader.error(item, "\(itemWhat()) must be a map like {\(example())}, found \(YAMLReader.kind(item))")
            }
            // Made at its size: grown, it was the first of its kind to grow,
            // and that first growth looked its type up at run time.
            var record = [String: String](minimumCapacity: shape.fields.count)
            for (key, keyNode, valueNode) in try reader.mapping(item, itemWhat()) {
                guard let field = shape.field(key) else {
                    throw reader.error(keyNode, "unknown field '\(key)' in \(itemWhat()) (one of \(shape.fields.map(\.id).joined(separator: ", ")))")
                }
                if YAMLReader.isNull(valueNode) { continue }
                let value = try reader.string(valueNode, "\(itemWhat()).\(key)")
                if value.contains("\n") || value.contains("\r") {
                    throw reader.error(valueNode, "\(itemWhat()).\(key) is one line, found a line break: a record is one row of a table")
                }
                if TerminalSafe.hasControlCharacters(value, allowingLayout: false) {
                    throw reader.error(valueNode, "\(itemWhat()).\(key) contains a control character")
                }
                let trimmed = value.trimmingBlanks()
                if trimmed.isEmpty { continue }
                if let problem = field.format?.problem(with: trimmed) {
                    throw reader.error(valueNode, "\(itemWhat()).\(key): \(problem)")
                }
                record[key] = trimmed
            }
            for field in shape.fields where field.required && record[field.id] == nil {
                throw reader.error(item, "\(itemWhat()) has no \(field.id) (\(field.label.lowercased()) is required)")
            }
            records.append(record)
        }
        return .records(records)
    }

    func yaml(_ value: AnswerValue, of question: Question) -> Node {
        guard case .records(let records) = value, let shape = question.record else { return YAMLNode.plain("~") }
        let items: [Node] = records.map { record in
            let pairs: [(Node, Node)] = shape.fields.compactMap { field in
                guard let text = record[field.id], !text.isEmpty else { return nil }
                return (YAMLNode.plain(field.id), YAMLNode.string(text))
            }
            return .mapping(.init(pairs, YAMLNode.mapTag, .flow))
        }
        return .sequence(.init(items, YAMLNode.sequenceTag, .block))
    }

    func templateValues(_ value: AnswerValue, of question: Question) -> [String: Any] {
        guard case .records(let records) = value, let shape = question.record, !records.isEmpty else { return [:] }
        let items: [TemplateValue] = records.map { record in
            var children: [String: Any] = [:]
            for field in shape.fields {
                // One line whatever it holds: a record is a row of a table.
                let text = TerminalSafe.oneLine(record[field.id] ?? "").trimmingBlanks()
                // An empty field is there and empty: never looked up in the
                // section's answers, where a question may have the same id.
                children[field.id] = text.isEmpty ? EmptyField() as Any : text
            }
            let first = shape.fields.first.flatMap { children[$0.id] as? String } ?? ""
            return TemplateValue(children, text: first)
        }
        return [question.id: TemplateList(items),
                question.id + "_count": records.count == 1 ? "1 \(shape.noun)" : "\(records.count) \(shape.noun)s"]
    }
}

/// A record's empty field: prints nothing, and `{{#field}}` is false.
struct EmptyField: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
