import Foundation

/// The trust file (`render --format json`, `outputs.json`): every claim the
/// page makes, as data, for procurement tools and registers of trust pages.
///
/// It holds exactly the claims of `ClaimSet` (nothing that was not affirmed)
/// and is written the same way every time: keys sorted, dates from the
/// answers, never from the clock. Its shape is `docs/trust-data.schema.json`;
/// `schemaVersion` changes when that shape does in a way a reader must know.
///
/// Room to grow: a later catalog that records compliance status per framework
/// or a list of subprocessors adds top-level `compliance` and `subprocessors`
/// keys, which the schema already describes, without changing what is here.
public enum TrustData {
    public static let schemaVersion = 1

    /// The file's text, ending in a newline, with the generated-by digest.
    public static func text(_ answers: Answers, catalog: Catalog) -> String {
        var root: [String: JSONValue] = [
            "schema_version": .int(schemaVersion),
            "answers_version": .int(Answers.currentVersion),
            "company": .object(company(answers)),
            "sections": .object(sections(answers, catalog: catalog)),
        ]
        if let reviewed = answers.reviewed { root["reviewed"] = .string(reviewed) }
        if let url = answers.outputs.pageURL { root["page_url"] = .string(url) }
        return GeneratedMark.applyJSON(to: root)
    }

    static func company(_ answers: Answers) -> [String: JSONValue] {
        var company: [String: JSONValue] = [:]
        for claim in ClaimSet(answers, catalog: Catalog(sections: [])).claims where claim.section == Claim.companySection {
            if case .text(let text) = claim.value { company[claim.question] = .string(text) }
        }
        return company
    }

    /// Each section on the page, by id, with its claims grouped by question.
    static func sections(_ answers: Answers, catalog: Catalog) -> [String: JSONValue] {
        let claims = ClaimSet(answers, catalog: catalog).claims
        var result: [String: JSONValue] = [:]
        for section in catalog.sections {
            let own = claims.filter { $0.section == section.id }
            guard !own.isEmpty else { continue }
            var questions: [String: JSONValue] = [:]
            for question in section.questions {
                let about = own.filter { $0.question == question.id }
                guard !about.isEmpty, let entry = answer(question, about, answers.sections[section.id]?.answers[question.id]) else { continue }
                questions[question.id] = .object(entry)
            }
            var entry: [String: JSONValue] = [
                "title": .string(section.title),
                "order": .int(section.order),
                "answers": .object(questions),
            ]
            if let anchor = section.anchor { entry["anchor"] = .string(anchor) }
            result[section.id] = .object(entry)
        }
        return result
    }

    /// One question's claims: its kind, its label, the value and, for choices,
    /// what each picked choice says.
    static func answer(_ question: Question, _ claims: [Claim], _ value: AnswerValue? = nil) -> [String: JSONValue]? {
        var entry: [String: JSONValue] = ["kind": .string(question.kind.rawValue), "question": .string(question.label)]
        func described(_ id: String) -> JSONValue {
            var choice: [String: JSONValue] = ["id": .string(id)]
            if let known = question.choice(id) {
                choice["label"] = .string(known.label)
                if let url = known.url { choice["url"] = .string(url) }
            }
            return .object(choice)
        }
        switch question.kind {
        case .yesno:
            entry["value"] = .bool(true)
        case .single:
            guard case .choice(let id)? = claims.first?.value else { return nil }
            entry["value"] = .string(id)
            entry["choices"] = .array([described(id)])
        case .multiple:
            let ids = claims.compactMap(\.choice)
            entry["value"] = .array(ids.map(JSONValue.string))
            entry["choices"] = .array(ids.map(described))
        case .text, .multiline:
            guard case .text(let text)? = claims.first?.value else { return nil }
            entry["value"] = .string(text)
            if question.kind == .multiline {
                let lines = text.split(separator: "\n").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
                entry["lines"] = .array(lines.map(JSONValue.string))
            }
        case .records:
            // Every record, its fields by id, in the order the answers keep.
            guard case .records(let records)? = value, !records.isEmpty else { return nil }
            entry["value"] = .array(records.map { record in
                .object(record.mapValues { JSONValue.string(TerminalSafe.oneLine($0)) })
            })
        }
        return entry
    }
}

/// A JSON document as Foundation's encoder writes it.
public indirect enum JSONValue: Encodable, Equatable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Pretty-printed, keys sorted, slashes as they are: the same bytes for the same value.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            // Strings, integers, booleans, lists and maps only: the encoder cannot refuse them.
            preconditionFailure("could not encode JSON: \(error)")
        }
    }
}
