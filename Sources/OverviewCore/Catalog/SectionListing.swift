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
        /// A company's own section (`--sections` or `custom_sections`).
        var custom: Bool
        /// With answers: on the plan (the answers' choice, or the recommendation when they make none), and
        /// complete: the section was answered and every question that applies is answered or seen.
        var included: Bool?
        var complete: Bool?
        var questions: [QuestionItem]
    }

    struct QuestionItem: Encodable {
        var id: String
        var kind: String
        var label: String
        var required: Bool
        var validate: String?
        var choices: [ChoiceItem]?
        /// When the question applies (`when:`), in words; nil: always.
        var condition: String?
        /// With answers: whether the question applies, and whether it has an answer.
        var applies: Bool?
        var answered: Bool?
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
                who: section.guidance.who, custom: section.isCustom,
                included: answers?.isIncluded(section),
                // A section the answers never mention is not complete, included or not: `check` fails on it
                // ("was never answered"), and a tool reading this must not be told otherwise.
                complete: answers.map { answers in
                    answers.sections[section.id] != nil && (!answers.isIncluded(section)
                        || !Completeness.problemLines(answers, catalog: catalog)
                            .contains { $0.message.hasPrefix("section '\(section.id)':") })
                },
                questions: section.questions.map { question in
                    let given = answers?.sections[section.id]?.answers[question.id]
                    return QuestionItem(id: question.id, kind: question.kind.rawValue, label: question.label,
                                        required: question.required, validate: question.format?.rawValue,
                                        choices: question.choices.isEmpty ? nil
                                            : question.choices.map { ChoiceItem(id: $0.id, label: $0.label) },
                                        condition: question.when.map(describe),
                                        applies: answers?.applies(question, in: section),
                                        answered: answers.map { _ in given.map { !$0.isBlank } ?? false })
                })
        }
    }

    /// A question's `when:` in words.
    static func describe(_ condition: QuestionCondition) -> String {
        switch condition {
        case .profile(let condition): "profile: \(condition)"
        case let .answerIs(question, .bool(flag)): "\(question) is \(flag ? "yes" : "no")"
        case let .answerIs(question, .choice(id)): "\(question) is \(id)"
        case let .answerIs(question, value): "\(question) is \(value)"
        case let .answerIncludes(question, choice): "\(question) includes \(choice)"
        }
    }

    /// The text of a section's file: a built-in one as shipped, to fork.
    public static func file(of id: String, in catalog: Catalog) throws(InputError) -> String? {
        guard let section = catalog.section(id) else { return nil }
        if let builtin = BuiltinCatalog.files.first(where: { $0.name == section.source }) { return builtin.text }
        return try FileStore.read(section.source)
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
