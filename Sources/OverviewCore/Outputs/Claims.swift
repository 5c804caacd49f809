import Foundation

/// One thing the published outputs claim because an answer affirms it.
///
/// Claims are what the trust file lists, what `diff` compares and what the
/// answers file's history remembers. They are derived from the answers by the
/// same rule as the page: only sections on the plan with something affirmed,
/// only questions that apply, and of each answer only what affirms (a yes, a
/// choice marked `affirms`, typed text). A "no" or a "not yet" is no claim.
public struct Claim: Equatable, Sendable {
    /// What is claimed, by kind of answer.
    public enum Value: Equatable, Sendable {
        /// A yes/no answered yes, or one ticked choice of a multiple choice (`Claim.choice`).
        case yes
        /// The picked choice of a single choice.
        case choice(String)
        /// Typed text (one line, or several).
        case text(String)
    }

    /// `company`, or a section id.
    public var section: String
    /// A question id (for `company`: `name`, `domain`, `security_contact`).
    public var question: String
    /// For a multiple choice: the ticked choice this claim is about.
    public var choice: String?
    public var value: Value

    public init(section: String, question: String, choice: String? = nil, value: Value) {
        self.section = section
        self.question = question
        self.choice = choice
        self.value = value
    }

    /// A stable name for the claim: `section.question`, or
    /// `section.question.choice` for a ticked choice. Two claims with one key
    /// are the same claim, perhaps with a different value.
    public var key: String { [section, question, choice].compactMap { $0 }.joined(separator: ".") }

    /// The section id used for the company's own facts.
    public static let companySection = "company"
}

/// Every claim a set of answers makes, in page order (company first).
public struct ClaimSet: Equatable, Sendable {
    public var claims: [Claim]

    public init(_ claims: [Claim]) { self.claims = claims }

    /// The claims of `answers` against `catalog`.
    public init(_ answers: Answers, catalog: Catalog) {
        var claims: [Claim] = []
        let company = answers.company
        for (question, value) in [("name", company.name.map(TerminalSafe.oneLine)), ("domain", company.domain),
                                  ("security_contact", company.securityContact)] {
            if let value, !value.trimmingBlanks().isEmpty {
                claims.append(Claim(section: Claim.companySection, question: question, value: .text(value)))
            }
        }
        for section in catalog.sections where answers.isAffirmed(section) {
            for (question, value) in answers.effectiveAnswers(for: section) {
                claims.append(contentsOf: Self.claims(of: value, question, in: section.id))
            }
        }
        self.claims = claims
    }

    /// What one answer claims, if anything.
    static func claims(of value: AnswerValue, _ question: Question, in section: String) -> [Claim] {
        switch value {
        case .bool(let yes):
            return yes ? [Claim(section: section, question: question.id, value: .yes)] : []
        case .choice(let id):
            guard question.choice(id)?.affirms == true else { return [] }
            return [Claim(section: section, question: question.id, value: .choice(id))]
        case .choices(let ids):
            // In the catalog's order, as the page lists them.
            return question.choices.filter { $0.affirms && ids.contains($0.id) }
                .map { Claim(section: section, question: question.id, choice: $0.id, value: .yes) }
        case .text(let text):
            let clean = TerminalSafe.sanitize(text, allowNewlines: question.kind == .multiline)
                .trimmingWhitespace()
            return clean.isEmpty ? [] : [Claim(section: section, question: question.id, value: .text(clean))]
        case .records(let records):
            // One claim a record, named by its first field ("Acme Mail"), saying
            // all of it: "Acme Mail (Email delivery, EU)".
            guard let shape = question.record, let first = shape.fields.first else { return [] }
            return records.compactMap { record in
                guard let name = record[first.id].map(TerminalSafe.oneLine), !name.isEmpty else { return nil }
                let rest = shape.fields.dropFirst().compactMap { record[$0.id].map(TerminalSafe.oneLine) }
                let text = rest.isEmpty ? name : "\(name) (\(rest.joined(separator: ", ")))"
                return Claim(section: section, question: question.id, choice: name, value: .text(text))
            }
        }
    }

    /// The claims by key.
    public var byKey: [String: Claim] {
        Dictionary(claims.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - As the answers file's history keeps them

    /// The claims as `key: value` pairs: `true` for a yes or a ticked choice,
    /// the choice id for a single choice, the text for text.
    public var snapshot: [(key: String, value: String)] {
        claims.map { claim in
            switch claim.value {
            case .yes: (claim.key, "true")
            case .choice(let id): (claim.key, id)
            case .text(let text): (claim.key, text)
            }
        }
    }

    /// Claims read back from a snapshot; the catalog tells a single choice
    /// from text, and a record from a ticked choice. A key whose question the catalog no longer has is kept as text.
    public init(snapshot: [(key: String, value: String)], catalog: Catalog) {
        claims = snapshot.map { key, value in
            let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
            let section = parts.first ?? key
            let question = parts.count > 1 ? parts[1] : ""
            let choice = parts.count > 2 ? parts[2] : nil
            let kind = catalog.section(section)?.question(question)?.kind
            let claimValue: Claim.Value
            if kind == .records {
                claimValue = .text(value)  // a record, named by its first field
            } else if choice != nil || (kind == .yesno && value == "true") {
                claimValue = .yes
            } else if kind == .single {
                claimValue = .choice(value)
            } else {
                claimValue = .text(value)
            }
            return Claim(section: section, question: question, choice: choice, value: claimValue)
        }
    }
}
