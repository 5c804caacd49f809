import Yams

/// One choice of one question of a section: `underway.iso-27001`.
public struct ChoicePick: Equatable, Hashable, Sendable {
    public var question: String
    public var choice: String
}

/// Two choices a section's answers may not hold at once (`conflicts:` in the
/// front matter): the page would print a sentence for each, and they say
/// opposite things ("is under way" and "has not started yet").
public struct ChoiceConflict: Equatable, Sendable {
    public var first: ChoicePick
    public var second: ChoicePick
}

extension SectionParser {
    /// `conflicts:`, a list of pairs `[question.choice, question.choice]`,
    /// each naming a choice question of this section and one of its choices.
    func parseConflicts(_ node: Node, _ reader: YAMLReader, questions: [Question]) throws(InputError) -> [ChoiceConflict] {
        var conflicts: [ChoiceConflict] = []
        for pairNode in try reader.sequence(node, "conflicts") {
            let paths = try reader.stringList(pairNode, "a conflict")
            guard paths.count == 2 else {
                throw reader.error(pairNode, "a conflict names two choices, like [underway.iso-27001, planned.iso-27001]; found \(paths.count)")
            }
            var picks: [ChoicePick] = []
            for path in paths {
                let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    throw reader.error(pairNode, "'\(path)' in a conflict is not question.choice, like planned.iso-27001")
                }
                guard let question = questions.first(where: { $0.id == parts[0] }) else {
                    throw reader.error(pairNode, "'\(path)' in a conflict: '\(parts[0])' is not a question of this section")
                }
                guard question.kind == .single || question.kind == .multiple else {
                    throw reader.error(pairNode, "'\(path)' in a conflict: '\(parts[0])' is a \(question.kind.rawValue) question, not a choice question")
                }
                guard question.choice(parts[1]) != nil else {
                    throw reader.error(pairNode, "'\(path)' in a conflict: '\(parts[1])' is not a choice of '\(parts[0])'")
                }
                picks.append(ChoicePick(question: parts[0], choice: parts[1]))
            }
            if picks[0] == picks[1] { throw reader.error(pairNode, "a conflict names '\(paths[0])' twice") }
            conflicts.append(ChoiceConflict(first: picks[0], second: picks[1]))
        }
        return conflicts
    }
}

/// Answers that contradict each other: two choices a section declares in
/// conflict, or an `exclusive` choice ("None of these yet") ticked with
/// others. The wizard and the plain mode refuse to make them; an answers file
/// that holds them loads (nothing is lost) and `check` fails on it.
public enum Contradictions {
    /// Whether the answers pick `pick` in `section`: its question applies and
    /// its answer is, or includes, the choice.
    static func isPicked(_ pick: ChoicePick, in section: Section, _ answers: Answers) -> Bool {
        guard let question = section.question(pick.question), answers.applies(question, in: section) else { return false }
        return value(answers.sections[section.id]?.answers[pick.question], includes: pick.choice)
    }

    static func value(_ value: AnswerValue?, includes choice: String) -> Bool {
        switch value {
        case .choice(let id)?: return id == choice
        case .choices(let ids)?: return ids.contains(choice)
        default: return false
        }
    }

    /// What contradicts in `section`'s answers, one message each, with the
    /// question ids to locate it in the answers file.
    public static func problems(in section: Section, _ answers: Answers) -> [(message: String, questions: [String])] {
        var problems: [(message: String, questions: [String])] = []
        let given = answers.sections[section.id]?.answers ?? [:]
        // Read in place, the cheap tests first: a copy of every question was
        // most of this on a thousand sections' review.
        for index in section.questions.indices where section.questions[index].kind == .multiple {
            guard case .choices(let ids)? = given[section.questions[index].id], ids.count > 1,
                  answers.applies(section.questions[index], in: section) else { continue }
            let question = section.questions[index]
            for choice in question.choices where choice.exclusive && ids.contains(choice.id) {
                problems.append(("section '\(section.id)': '\(question.id)' has \(choice.id) (\"\(choice.label)\") with other choices: \(choice.id) stands alone", [question.id]))
            }
        }
        for conflict in section.conflicts
        where isPicked(conflict.first, in: section, answers) && isPicked(conflict.second, in: section, answers) {
            problems.append(("section '\(section.id)': '\(conflict.first.question)' has \(conflict.first.choice) and '\(conflict.second.question)' has \(conflict.second.choice), which contradict each other: keep one",
                             [conflict.first.question, conflict.second.question]))
        }
        return problems
    }

    /// Why picking `choice` of `question` (while the rest of the section's
    /// answers stay as they are) would contradict an answer already given, in
    /// the words of the screen; `nil` when it would not.
    public static func refusal(picking choice: String, of question: Question, in section: Section,
                               _ answers: Answers) -> String? {
        for conflict in section.conflicts {
            let other: ChoicePick
            if conflict.first == ChoicePick(question: question.id, choice: choice) { other = conflict.second }
            else if conflict.second == ChoicePick(question: question.id, choice: choice) { other = conflict.first }
            else { continue }
            guard isPicked(other, in: section, answers), let otherQuestion = section.question(other.question),
                  let otherChoice = otherQuestion.choice(other.choice) else { continue }
            let label = question.choice(choice)?.label ?? choice
            var under = otherQuestion.label
            if under.hasSuffix(" (optional)") { under.removeLast(" (optional)".count) }
            return "'\(label)' contradicts '\(otherChoice.label)', picked under '\(under)': change that answer first"
        }
        return nil
    }

    /// `refusal` for every choice `value` picks that `old` did not.
    public static func refusal(answering value: AnswerValue?, was old: AnswerValue?, of question: Question,
                               in section: Section, _ answers: Answers) -> String? {
        let picked: [String]
        switch value {
        case .choice(let id)?: picked = [id]
        case .choices(let ids)?: picked = ids
        default: return nil
        }
        for id in picked where !Self.value(old, includes: id) {
            if let why = refusal(picking: id, of: question, in: section, answers) { return why }
        }
        return nil
    }
}
