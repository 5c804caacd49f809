import Foundation

/// A section's Markdown while one of its one-line answers is being typed: the
/// live preview after every key, without running the template every time.
///
/// Running a long section's template was the largest part of a key typed in
/// it (1.3M of 3.2M instructions in Compliance). While only the answer typed
/// changes, the template's output around it stays the same. So the template
/// runs once with a stand-in for the answer, and each key then puts the
/// answer, escaped as the template would have printed it, where the stand-in
/// stood. The page itself is always rendered in full (`sectionMarkdown`).
///
/// It is used only when that is exact:
/// - the question is a one-line text question without a format, whose
///   template value is the text alone (no `_days`-style second value), and no
///   other question of the section depends on its answer (`when`);
/// - the answer, as typed now, gives the template that one value (blank
///   text gives it none, and the template may say something else then);
/// - the template runs twice at the start, with two stand-ins of different
///   length, case and letters, each holding a character Markdown escapes.
///   The first output, with the second stand-in put in place of the first,
///   must be the second output to the character: a template that does more
///   with the answer than print it escaped (prints it raw with `{{{ }}}`,
///   runs a transform on it, counts it) fails that, and is rendered in full.
/// Everything else in the answers (the section's other answers, the company,
/// the profile, the rest of the file) is compared with what the stand-in ran
/// with; the other sections' answers, which `{{sections.…}}` reads, are the
/// caller's to watch (`ScreenMemory` drops the memo when another section
/// changes): comparing them all on every key would cost what a thousand
/// sections' answers cost.
public struct TypedAnswerMarkdown: Sendable {
    public let section: String
    let question: String
    /// The section's answers but the typed one, as the stand-in ran with.
    let rest: SectionAnswers
    /// The answers but every section's, as the stand-in ran with.
    let outside: Answers
    /// The template's raw output split at the stand-in; nil when the template
    /// did not pass the check above.
    let pieces: [String]?

    static let standIns = ("Qs*tand-in*sQ", "zZ*another_stand-in*Zz")

    /// The section's Markdown with `questionID`'s answer being typed, as
    /// `PageRenderer.sectionMarkdown` makes it; `memo` keeps the template's
    /// output around the answer from one key to the next.
    public static func sectionMarkdown(_ renderer: PageRenderer, _ section: Section, _ answers: Answers,
                                       typing questionID: String, memo: inout TypedAnswerMarkdown?) -> String? {
        guard answers.isAffirmed(section) else { return nil }
        guard let question = section.question(questionID), let given = answers.sections[section.id],
              case .text(let text)? = given.answers[questionID], answers.applies(question, in: section),
              let printed = printedText(.text(text), question), isUsable(question, in: section)
        else { return renderer.sectionMarkdown(section, answers) }
        var rest = given
        rest.answers[questionID] = nil
        var outside = answers
        outside.sections = [:]
        if let kept = memo, kept.section == section.id, kept.question == questionID, kept.rest == rest,
           kept.outside == outside {
            // Kept from the last key.
        } else {
            memo = make(renderer, section, question, answers, rest: rest, outside: outside)
        }
        guard let pieces = memo?.pieces else { return renderer.sectionMarkdown(section, answers) }
        return PageRenderer.body(ofOutput: pieces.separated(by: MarkdownText.escape(printed)))
    }

    /// What the template would get for `value`: its one text, or nil when it
    /// gets anything else (nothing, or more than one value).
    static func printedText(_ value: AnswerValue, _ question: Question) -> String? {
        let values = question.field.templateValues(value, of: question)
        guard values.count == 1, let text = values[question.id] as? String else { return nil }
        return text
    }

    /// A one-line text question without a format, that no other question's
    /// `when` looks at.
    static func isUsable(_ question: Question, in section: Section) -> Bool {
        guard question.kind == .text, question.format == nil else { return false }
        return !section.questions.contains { other in
            switch other.when {
            case .answerIs(let id, _)?, .answerIncludes(let id, _)?: id == question.id
            case .profile?, nil: false
            }
        }
    }

    static func make(_ renderer: PageRenderer, _ section: Section, _ question: Question, _ answers: Answers,
                     rest: SectionAnswers, outside: Answers) -> TypedAnswerMarkdown {
        func raw(_ standIn: String) -> String? {
            guard printedText(.text(standIn), question) == standIn else { return nil }
            var withStandIn = answers
            withStandIn.sections[section.id]?.answers[question.id] = .text(standIn)
            return renderer.templateOutput(section, withStandIn)
        }
        var pieces: [String]?
        let (first, second) = standIns
        if let one = raw(first), let other = raw(second) {
            let split = one.components(separatedBy: MarkdownText.escape(first))
            if split.separated(by: MarkdownText.escape(second)) == other { pieces = split }
        }
        return TypedAnswerMarkdown(section: section.id, question: question.id, rest: rest, outside: outside, pieces: pieces)
    }
}
