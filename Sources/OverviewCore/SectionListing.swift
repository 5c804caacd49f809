import Foundation

/// The `sections` command's output.
public enum SectionListing {
    struct Item: Encodable {
        var id: String
        var title: String
        var order: Int
        var recommended: Bool
        var reason: String
        var who: String
        var questions: [QuestionItem]
    }

    struct QuestionItem: Encodable {
        var id: String
        var kind: String
        var label: String
        var required: Bool
        var validate: String?
        var choices: [ChoiceItem]?
    }

    struct ChoiceItem: Encodable {
        var id: String
        var label: String
    }

    static func items(_ catalog: Catalog, answers: Answers?) -> [Item] {
        catalog.sections.map { section in
            // Without answers the profile is empty: only what every company needs is recommended.
            let recommendation = section.rule.evaluate(answers?.profile ?? Profile())
            return Item(
                id: section.id, title: section.title, order: section.order,
                recommended: recommendation.recommended, reason: recommendation.reason,
                who: section.guidance.who,
                questions: section.questions.map { question in
                    QuestionItem(id: question.id, kind: question.kind.rawValue, label: question.label,
                                 required: question.required, validate: question.format?.rawValue,
                                 choices: question.choices.isEmpty ? nil
                                     : question.choices.map { ChoiceItem(id: $0.id, label: $0.label) })
                })
        }
    }

    /// A JSON array, keys sorted, for tools.
    public static func json(_ catalog: Catalog, answers: Answers?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(items(catalog, answers: answers)), as: UTF8.self)
    }

    /// One line per section: id, title and, with answers, the recommendation.
    public static func text(_ catalog: Catalog, answers: Answers?) -> String {
        let idWidth = catalog.sections.map(\.id.count).max() ?? 0
        var out = ""
        for section in catalog.sections {
            var line = section.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0) + section.title
            if let answers {
                line += "  (\(section.rule.evaluate(answers.profile).reason))"
            }
            out += line + "\n"
        }
        return out
    }
}
