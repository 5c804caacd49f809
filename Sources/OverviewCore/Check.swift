/// Whether answers are complete for the catalog: what `check` reports and the
/// wizard's review screen marks as incomplete.
public enum Completeness {
    /// One line per problem, in page order. Empty when complete.
    public static func problems(_ answers: Answers, catalog: Catalog, file: String) -> [String] {
        var problems: [String] = []
        if answers.company.name == nil { problems.append("company.name is missing") }
        if answers.company.domain == nil { problems.append("company.domain is missing") }
        if answers.company.securityContact == nil { problems.append("company.security_contact is missing") }
        for field in answers.profile.missingFields { problems.append("profile.\(field) is missing") }
        for section in catalog.sections {
            let recommendation = section.rule.evaluate(answers.profile)
            guard let given = answers.sections[section.id], given.include != nil || !given.answers.isEmpty else {
                if recommendation.recommended {
                    problems.append("section '\(section.id)' is \(recommendation.reason) but was never answered (set include: true or false)")
                }
                continue
            }
            guard answers.isIncluded(section) else { continue }
            for question in missingRequired(section, answers) {
                problems.append("section '\(section.id)': required question '\(question.id)' has no answer")
            }
        }
        return problems
    }

    /// Required questions that apply and have no answer.
    public static func missingRequired(_ section: Section, _ answers: Answers) -> [Question] {
        let given = answers.sections[section.id]?.answers ?? [:]
        return section.questions.filter { $0.required && given[$0.id] == nil && answers.applies($0, in: section) }
    }
}
