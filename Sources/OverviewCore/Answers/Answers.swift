import Foundation
import Yams

/// One answer, in the shape its question kind asks for.
public enum AnswerValue: Equatable, Sendable {
    case bool(Bool)
    case choice(String)
    case choices([String])
    case text(String)
    /// A `records` question's records, each field id to its one-line text
    /// (empty fields left out), in the order the user put them.
    case records([[String: String]])

    /// A text of nothing but spaces and line breaks: no answer at all. It is
    /// not saved, not printed, and leaves a required question open.
    public var isBlank: Bool {
        if case .text(let text) = self { return text.isBlankText }
        if case .records(let records) = self { return records.isEmpty }
        return false
    }

    /// Whether this answer, on its own, says something the page may claim.
    public func affirms(in question: Question) -> Bool {
        switch self {
        case .bool(let value): return value
        case .choice(let id): return question.choice(id)?.affirms ?? false
        case .choices(let ids): return ids.contains { question.choice($0)?.affirms ?? false }
        case .text(let text): return !text.isBlankText
        // A list with at least one record says who they are.
        case .records(let records): return !records.isEmpty
        }
    }
}

public struct Company: Equatable, Sendable {
    public var name: String?
    public var domain: String?
    public var securityContact: String?
    /// Optional: for questions about personal data (a privacy team, a DPO).
    public var privacyContact: String?
    public init(name: String? = nil, domain: String? = nil, securityContact: String? = nil, privacyContact: String? = nil) {
        self.name = name
        self.domain = domain
        self.securityContact = securityContact
        self.privacyContact = privacyContact
    }
}

/// What the user decided for one section.
public struct SectionAnswers: Equatable, Sendable {
    /// `nil` until the user decides; the plan then starts from the recommendation.
    public var include: Bool?
    public var answers: [String: AnswerValue]
    /// Questions the user was shown and left open (`id: ~` in the file), so
    /// `check` can tell them from questions the catalog added since.
    public var open: Set<String>
    /// The section's own note (`note:` in the file): evidence, a reason, a
    /// reminder for the next review. Kept in the answers file, never printed
    /// on the page, in security.txt or in the trust file.
    public var note: String?
    /// A note on an answer, by question id (`notes:` in the file), such as
    /// "report period Jan-Jun 2027, see the auditor's letter". Never printed.
    public var notes: [String: String]
    public init(include: Bool? = nil, answers: [String: AnswerValue] = [:], open: Set<String> = [],
                note: String? = nil, notes: [String: String] = [:]) {
        self.include = include
        self.answers = answers
        self.open = open
        self.note = note
        self.notes = notes
    }
}

/// Page output format: Markdown (plain, or for Hugo or Jekyll), or HTML (a
/// standalone page, or a fragment to paste into a site builder).
public enum PageFormat: String, CaseIterable, Sendable {
    case markdown, hugo, jekyll, html
    case htmlFragment = "html-fragment"
}

/// Where `export` writes, relative to the answers file.
public struct Outputs: Equatable, Sendable {
    public var page: String?
    public var format: PageFormat?
    public var securityTxt: String?
    /// Where the page is published, for security.txt's Policy link. Never
    /// guessed: without it, a Policy that would point at the page is left out.
    public var pageURL: String?
    /// The trust file (JSON), for `export`.
    public var json: String?
    /// The Atom feed of reviewed changes, for `export`.
    public var feed: String?
    /// Where the feed is published, for its `rel="self"` link (never guessed).
    public var feedURL: String?
    /// Print the latest reviewed changes at the end of the page ("Changes since <date>").
    public var showChanges: Bool?
    /// An OpenPGP key (id, fingerprint or email) to clear-sign security.txt with.
    public var securityTxtSigningKey: String?
    /// Extra keys for a Hugo or Jekyll page's front matter (`menu`, `layout`,
    /// `weight`, `aliases`), as the YAML of a mapping, in the file's order
    /// (checked at load: none of the keys the tool writes itself).
    public var frontMatter: String?
    public init(page: String? = nil, format: PageFormat? = nil, securityTxt: String? = nil, pageURL: String? = nil,
                json: String? = nil, feed: String? = nil, feedURL: String? = nil, showChanges: Bool? = nil,
                securityTxtSigningKey: String? = nil) {
        self.page = page
        self.format = format
        self.securityTxt = securityTxt
        self.pageURL = pageURL
        self.json = json
        self.feed = feed
        self.feedURL = feedURL
        self.showChanges = showChanges
        self.securityTxtSigningKey = securityTxtSigningKey
    }
}

/// Everything the user said: the answers file.
public struct Answers: Equatable, Sendable {
    public static let currentVersion = 1

    public var company = Company()
    public var profile = Profile()
    public var sections: [String: SectionAnswers] = [:]
    /// `YYYY-MM-DD`: the day a person last confirmed these answers.
    public var reviewed: String?
    public var outputs = Outputs()
    /// What changed at each review, written by `export`; never edited by hand.
    public var history = History()
    /// The folder of the company's own sections (`custom_sections:`), relative
    /// to the answers file, so every command finds them without `--sections`.
    public var customSections: String?

    public init(company: Company = Company(), profile: Profile = Profile(),
                sections: [String: SectionAnswers] = [:], reviewed: String? = nil, outputs: Outputs = Outputs()) {
        self.company = company
        self.profile = profile
        self.sections = sections
        self.reviewed = reviewed
        self.outputs = outputs
    }

    /// Whether the section is on the plan: the user's choice, else the recommendation.
    public func isIncluded(_ section: Section) -> Bool {
        isIncluded(section.id, rule: section.rule)
    }

    /// `isIncluded` from the section's id and rule: a loop over a large
    /// catalog reads these two in place instead of copying each section.
    public func isIncluded(_ id: String, rule: RecommendationRule) -> Bool {
        sections[id]?.include ?? rule.evaluate(profile).recommended
    }

    /// Whether a question applies, given the profile and the section's other answers.
    public func applies(_ question: Question, in section: Section) -> Bool {
        guard let when = question.when else { return true }
        let given = sections[section.id]?.answers ?? [:]
        switch when {
        case .profile(let condition):
            return condition.holds(for: profile)
        case let .answerIs(id, value):
            guard let parent = section.question(id), applies(parent, in: section) else { return false }
            return given[id] == value
        case let .answerIncludes(id, choice):
            guard let parent = section.question(id), applies(parent, in: section),
                  case .choices(let ids)? = given[id] else { return false }
            return ids.contains(choice)
        }
    }

    /// The answers that count: the questions that apply, answered.
    public func effectiveAnswers(for section: Section) -> [(Question, AnswerValue)] {
        let given = sections[section.id]?.answers ?? [:]
        return section.questions.compactMap { question in
            guard let value = given[question.id], !value.isBlank, applies(question, in: section) else { return nil }
            return (question, value)
        }
    }

    /// The same answers with what the user has seen recorded: every section's
    /// include decision, and every question that applies in an included section
    /// but has no answer as left open. Export does this, so that sections and
    /// questions a later catalog adds stand out in `check`.
    public func recordingOpenQuestions(_ catalog: Catalog) -> Answers {
        var copy = self
        for section in catalog.sections { copy.recordOpenQuestions(section) }
        return copy
    }

    /// The same record for one section, as export makes it; with `shown`,
    /// only for those of its questions (the walk over what is new records
    /// what a page showed when it leaves the page, and nothing it did not show).
    public mutating func recordOpenQuestions(_ section: Section, shown: Set<String>? = nil) {
        let included = isIncluded(section)
        var entry = sections[section.id] ?? SectionAnswers()
        if entry.include == nil { entry.include = included }
        if included {
            for question in section.questions where (entry.answers[question.id]?.isBlank ?? true)
                && applies(question, in: section) && shown.map({ $0.contains(question.id) }) ?? true {
                entry.open.insert(question.id)
            }
        }
        sections[section.id] = entry
    }

    /// Included, and at least one answer that applies says something.
    public func isAffirmed(_ section: Section) -> Bool {
        isIncluded(section) && effectiveAnswers(for: section).contains { $0.1.affirms(in: $0.0) }
    }
}
