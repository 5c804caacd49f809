import Foundation

/// Whether answers are complete for the catalog: what `check` reports and the
/// wizard's review screen marks as incomplete.
public enum Completeness {
    /// One problem per line, in page order, located at the answers file: at
    /// the line of the nearest key that holds it when `lines` (from
    /// `AnswersFile.keyLines`) has one.
    public static func problems(_ answers: Answers, catalog: Catalog, file: String,
                                lines: [String: Int] = [:]) -> [InputError] {
        problemLines(answers, catalog: catalog).map { problem in
            InputError(file: file, line: problem.near.lazy.compactMap { lines[$0] }.first, problem.message)
        }
    }

    /// Each problem, with the key paths it belongs to, the closest first.
    static func problemLines(_ answers: Answers, catalog: Catalog) -> [(message: String, near: [String])] {
        var problems: [(message: String, near: [String])] = []
        for (field, value) in [("name", answers.company.name), ("domain", answers.company.domain),
                               ("security_contact", answers.company.securityContact)] where value == nil {
            problems.append(("company.\(field) is missing", ["company"]))
        }
        for field in answers.profile.missingFields { problems.append(("profile.\(field) is missing", ["profile"])) }
        if answers.reviewed == nil {
            problems.append(("'reviewed' is missing: the date someone last confirmed these answers", ["reviewed"]))
        }
        for section in catalog.sections {
            let path = "sections.\(section.id)"
            guard let given = answers.sections[section.id] else {
                let recommendation = section.rule.evaluate(answers.profile)
                let status = recommendation.recommended ? recommendation.reason : "optional"
                problems.append(("section '\(section.id)' was never answered (\(status)); decide whether to include it", ["sections"]))
                continue
            }
            guard answers.isIncluded(section) else {
                // Answers in a section that is left out by default: the page
                // would drop them without a word.
                if given.include == nil && !given.answers.isEmpty {
                    problems.append(("section '\(section.id)' has answers but is not on the page: it is not recommended for this profile and has no 'include'; add include: true (or false)", [path]))
                }
                continue
            }
            for question in section.questions where (given.answers[question.id]?.isBlank ?? true) && answers.applies(question, in: section) {
                let near = ["\(path).answers.\(question.id)", "\(path).answers", path]
                // "Never seen" (new in the catalog since the last export) and
                // "seen and left unanswered" (`id: ~`) ask for different work.
                let seen = given.open.contains(question.id)
                if question.required {
                    problems.append(("section '\(section.id)': required question '\(question.id)' has no answer"
                        + (seen ? " (seen and left unanswered)" : " (never seen: new in the catalog?)"), near))
                } else if isUnseen(question, in: given) {
                    problems.append(("section '\(section.id)': question '\(question.id)' was never seen (new in the catalog?)", near))
                }
            }
            for contradiction in Contradictions.problems(in: section, answers) {
                problems.append((contradiction.message,
                                 contradiction.questions.map { "\(path).answers.\($0)" } + ["\(path).answers", path]))
            }
        }
        return problems
    }

    /// Recommended sections the answers leave out (`include: false`): a note,
    /// not a failure, unless `check --strict`.
    public static func skippedRecommendations(_ answers: Answers, catalog: Catalog, file: String,
                                              lines: [String: Int] = [:]) -> [InputError] {
        catalog.sections.compactMap { section in
            let recommendation = section.rule.evaluate(answers.profile)
            guard recommendation.recommended, answers.sections[section.id]?.include == false else { return nil }
            let path = "sections.\(section.id)"
            return InputError(file: file, line: lines["\(path).include"] ?? lines[path],
                              "section '\(section.id)' is left out (\(recommendation.reason))")
        }
    }

    /// Whether the answers have never seen `question`: it has no answer and was
    /// not recorded as left open (`id: ~`), which an export records for every
    /// question it showed. A question the catalog added since the last export
    /// is such a question; `check` reports it, and the wizard's review marks it
    /// new and walks it ("answer what is new").
    public static func isUnseen(_ question: Question, in given: SectionAnswers) -> Bool {
        (given.answers[question.id]?.isBlank ?? true) && !given.open.contains(question.id)
    }

    /// The questions of a section the answers have an entry for that apply and
    /// that the answers have never seen (see `isUnseen`), in page order. A
    /// section with no entry at all is new as a whole (`check` says so of it).
    public static func unseenQuestions(_ section: Section, _ answers: Answers) -> [Question] {
        guard let given = answers.sections[section.id] else { return [] }
        return section.questions.filter { isUnseen($0, in: given) && answers.applies($0, in: section) }
    }

    /// Required questions that apply and have no answer.
    public static func missingRequired(_ section: Section, _ answers: Answers) -> [Question] {
        let given = answers.sections[section.id]?.answers ?? [:]
        return section.questions.filter { $0.required && (given[$0.id]?.isBlank ?? true) && answers.applies($0, in: section) }
    }
}

/// What has gone stale since the answers were last reviewed and exported:
/// what a scheduled CI job in the website repo should fail on.
public enum Reminders {
    public static let reviewIntervalMonths = 12
    public static let expiryWarningDays = 30

    /// `pageNamed`: the page was named on the command line, so it must exist
    /// even when the answers file names no page.
    public static func problems(_ answers: Answers, catalog: Catalog, targets: Export.Targets,
                                today: ReviewDate, lines: [String: Int] = [:], pageNamed: Bool = false) -> [InputError] {
        var problems: [InputError] = []
        if let text = answers.reviewed, let reviewed = ReviewDate(text) {
            let due = reviewed.adding(months: reviewIntervalMonths)
            // A date in the future (a mistyped year) would keep this check quiet for good.
            if today.days(until: reviewed) > 1 {
                problems.append(InputError(file: targets.answers, line: lines["reviewed"], "reviewed \(reviewed) is in the future: set it to the day someone last confirmed these answers"))
            } else if due < today {
                problems.append(InputError(file: targets.answers, line: lines["reviewed"], "the answers were last reviewed on \(reviewed), more than \(reviewIntervalMonths) months ago: review them and update 'reviewed'"))
            }
        }
        problems += expiredQuarters(answers, catalog: catalog, file: targets.answers, today: today, lines: lines)
        if let path = targets.securityTxt {
            // security.txt is checked like the page: it must be there and be
            // what the answers produce (unless it cannot be produced at all,
            // which export reports).
            if let expected = try? SecurityTxt.text(answers, catalog: catalog, file: targets.answers, today: today) {
                problems.append(contentsOf: securityTxtProblems(path, expected: expected, answers: answers, file: targets.answers))
            }
            if let expires = securityTxtExpiry(path) ?? answers.reviewed.flatMap(ReviewDate.init).map(SecurityTxt.expiry) {
                let left = today.days(until: expires)
                if left <= 0 {
                    problems.append(InputError(file: path, "security.txt expired on \(expires): review the answers and export again"))
                } else if left < expiryWarningDays {
                    problems.append(InputError(file: path, "security.txt expires in \(left) day\(left == 1 ? "" : "s") (\(expires)): review the answers and export again"))
                }
            }
        }
        if pageNamed || FileStore.exists(targets.page) || answers.outputs.page != nil {
            let expected = PageRenderer(catalog: catalog).page(answers, format: targets.format)
            if let problem = compare(targets.page, with: expected,
                                     missing: pageNamed ? "the page does not exist" : "the page does not exist: run 'security-overview export'",
                                     differs: "the page differs from what the answers produce: run 'security-overview export' (or move hand edits into the answers)") {
                problems.append(problem)
            }
        }
        problems.append(contentsOf: trustOutputProblems(answers, catalog: catalog, targets: targets, lines: lines))
        return problems
    }

    /// Answers that expect something by a quarter (`validate: quarter`, such as
    /// the end of an audit under way) whose quarter is over: the page would go
    /// on saying "we expect the report in Q2 2027" in 2028.
    public static func expiredQuarters(_ answers: Answers, catalog: Catalog, file: String,
                                       today: ReviewDate, lines: [String: Int] = [:]) -> [InputError] {
        lateQuarters(answers, catalog: catalog, today: today).map { late in
            let path = "sections.\(late.section.id).answers.\(late.question.id)"
            let line = lines[path] ?? lines["sections.\(late.section.id)"]
            return InputError(file: file, line: line, "\(path): the expected quarter \(late.quarter) ended on \(late.quarter.lastDay): update the status (held, a later quarter, or no longer under way)")
        }
    }

    /// Every expected quarter that is over, in the sections on the page, for
    /// questions that apply: what `check` fails on and the wizard's export step names.
    public static func lateQuarters(_ answers: Answers, catalog: Catalog, today: ReviewDate)
        -> [(section: Section, question: Question, quarter: Quarter)] {
        var late: [(section: Section, question: Question, quarter: Quarter)] = []
        for section in catalog.sections where answers.isIncluded(section) {
            for (question, value) in answers.effectiveAnswers(for: section) where question.format == .quarter {
                guard case .text(let text) = value, let quarter = Quarter.over(text, on: today) else { continue }
                late.append((section, question, quarter))
            }
        }
        return late
    }

    /// A generated file on disk against what it should hold: missing, unreadable
    /// (a folder, a device: the read error says which) or different.
    static func compare(_ path: String, with expected: String, missing: String, differs: String) -> InputError? {
        do {
            return try FileStore.read(path) == expected ? nil : InputError(file: path, differs)
        } catch {
            return FileStore.exists(path) ? error : InputError(file: path, missing)
        }
    }

    /// The day of the `Expires` field of a security.txt on disk, if readable.
    static func securityTxtExpiry(_ path: String) -> ReviewDate? {
        guard let text = try? FileStore.read(path) else { return nil }
        for line in text.split(separator: "\n") where line.lowercased().hasPrefix("expires:") {
            let value = line.dropFirst("expires:".count).trimmingBlanks()
            return ReviewDate(String(value.prefix(10)))
        }
        return nil
    }
}
