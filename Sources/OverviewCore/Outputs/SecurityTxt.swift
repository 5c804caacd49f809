import Foundation

/// security.txt (RFC 9116) from the same answers as the page.
///
/// Which answers feed it is the catalog's to say (`security_txt:` in a
/// section's front matter, see `SecurityTxtContract`), not this file's.
public enum SecurityTxt {
    /// The file's text. Dates come from `reviewed`, never from the clock, so
    /// the same answers always give the same bytes; `today` only decides
    /// whether the result would already be expired.
    public static func text(_ answers: Answers, catalog: Catalog, file: String,
                            today: ReviewDate = .today()) throws(InputError) -> String {
        guard let contact = answers.company.securityContact else {
            throw InputError(file: file, "cannot write security.txt: company.security_contact is missing (RFC 9116 requires a Contact)")
        }
        guard let domain = answers.company.domain else {
            throw InputError(file: file, "cannot write security.txt: company.domain is missing (needed for Canonical)")
        }
        guard let reviewedText = answers.reviewed, let reviewed = ReviewDate(reviewedText) else {
            throw InputError(file: file, "cannot write security.txt: 'reviewed' is missing (Expires is the day before its first anniversary)")
        }
        // A day of slack: 'today' is the UTC day, and a reviewer east of it may
        // already be on the next.
        guard today.days(until: reviewed) <= 1 else {
            throw InputError(file: file,
                "cannot write security.txt: reviewed \(reviewed) is in the future, and Expires would be more than a year away; set 'reviewed' to the day the answers were confirmed")
        }
        let expires = expiry(reviewed)
        guard today < expires else {
            throw InputError(file: file,
                "cannot write security.txt: it would have expired on \(expires) (reviewed \(reviewed) is over a year ago); review the answers and update 'reviewed'")
        }
        // Answers are checked when the file loads; answers built in code
        // (the wizard's) are checked here, so no invalid field is ever written.
        for (field, source) in fieldSources(answers, catalog: catalog) {
            for value in field.isList ? source.value.split(separator: "\n").map(String.init) : [source.value]
            where field.format.problem(with: value) != nil {
                let problem = field.format.problem(with: value) ?? ""
                throw InputError(file: file, "cannot write security.txt: \(field.rawValue) (sections.\(source.section).answers.\(source.question ?? "")): \(problem)")
            }
        }
        let fields = fieldSources(answers, catalog: catalog).mapValues(\.value)
        var lines: [String] = []
        lines.append("# Security contact for \(TerminalSafe.oneLine(answers.company.name ?? domain)), in the format of RFC 9116.")
        lines.append("Contact: \(SecurityContact.url(contact))")
        // More contacts, in the order given: RFC 9116 reads them as the order of preference.
        for more in (fields[.contact] ?? "").split(separator: "\n").map(String.init)
        where SecurityContact.url(more) != SecurityContact.url(contact) {
            lines.append("Contact: \(SecurityContact.url(more))")
        }
        lines.append("Expires: \(expires)T00:00:00Z")
        for field in [SecurityTxtContract.Field.encryption, .acknowledgments, .preferredLanguages] {
            if let value = fields[field] { lines.append("\(field.rawValue): \(value)") }
        }
        lines.append("Canonical: https://\(domain)/.well-known/security.txt")
        for field in [SecurityTxtContract.Field.policy, .hiring, .csaf] {
            if let value = fields[field] { lines.append("\(field.rawValue): \(value)") }
        }
        return GeneratedMark.apply(to: lines.joined(separator: "\n") + "\n", style: .hash)
    }

    /// What the file leaves out that the answers could give, in words, for the
    /// commands to say: a Policy the catalog offers but no answer gives.
    public static func notes(_ answers: Answers, catalog: Catalog) -> [String] {
        let fields = fieldSources(answers, catalog: catalog)
        var notes: [String] = []
        for section in catalog.sections where answers.isAffirmed(section) {
            guard let sources = section.securityTxt?.fields[.policy], fields[.policy] == nil else { continue }
            let what = sources.map { source in
                switch source {
                case .answer(let id): "sections.\(section.id).answers.\(id)"
                case .onPage: "outputs.page_url (the page's public address)"
                }
            }.joined(separator: " or ")
            notes.append("security.txt has no Policy: the section '\(section.id)' is on the page, but no address for it was given; set \(what)")
        }
        return notes
    }

    /// Whether the page links to security.txt for these answers: the section
    /// that declares the page's link is on the page, its question applies and
    /// is answered yes, and there is a domain to link to.
    public static func pageLinks(_ answers: Answers, catalog: Catalog) -> Bool {
        guard answers.company.domain != nil else { return false }
        return catalog.sections.contains { section in
            guard let id = section.securityTxt?.pageLink, let question = section.question(id),
                  answers.isAffirmed(section), answers.applies(question, in: section) else { return false }
            return answers.sections[section.id]?.answers[id] == .bool(true)
        }
    }

    /// Where the link that `question` puts on the page goes, when it is the
    /// question a section declares as its `page-link` and the company's domain
    /// is known: shown beside the question, so nobody answers for an address
    /// written as a placeholder.
    public static func pageLinkAddress(of question: Question, in section: Section, _ answers: Answers) -> String? {
        guard section.securityTxt?.pageLink == question.id, let domain = answers.company.domain else { return nil }
        return "https://\(domain)/.well-known/security.txt"
    }

    struct Sourced { var value: String; var section: String; var question: String? }

    /// Each field's value and where it came from: the first source of the
    /// declaring section that has one. Only sections on the page, only
    /// questions that apply.
    static func fieldSources(_ answers: Answers, catalog: Catalog) -> [SecurityTxtContract.Field: Sourced] {
        var result: [SecurityTxtContract.Field: Sourced] = [:]
        for section in catalog.sections {
            guard let contract = section.securityTxt, answers.isIncluded(section) else { continue }
            let effective = Dictionary(answers.effectiveAnswers(for: section).map { ($0.0.id, $0.1) }, uniquingKeysWith: { a, _ in a })
            for (field, sources) in contract.fields {
                for source in sources {
                    switch source {
                    case .answer(let id):
                        if field.isList, case .text(let raw)? = effective[id] {
                            let lines = MultilineTextField.lines(TerminalSafe.sanitize(raw, allowNewlines: true))
                            let earlier = result[field].map { [$0.value] } ?? []
                            if !lines.isEmpty {
                                result[field] = Sourced(value: (earlier + lines).joined(separator: "\n"), section: section.id, question: id)
                            }
                            continue
                        }
                        if case .text(let raw)? = effective[id] {
                            let clean = TerminalSafe.oneLine(raw).trimmingBlanks()
                            if !clean.isEmpty { result[field] = Sourced(value: clean, section: section.id, question: id) }
                        }
                    case .onPage:
                        if answers.isAffirmed(section), let page = answers.outputs.pageURL, let anchor = section.anchor {
                            // Plain Markdown gives the heading no id of ours: the site's renderer
                            // makes one from the title, or none. The page, then, not a guessed anchor.
                            let plain = (answers.outputs.format ?? .markdown) == .markdown
                            result[field] = Sourced(value: plain ? page : "\(page)#\(anchor)", section: section.id, question: nil)
                        }
                    }
                    if result[field] != nil && !field.isList { break }
                }
            }
        }
        return result
    }

    /// The day before the review's first anniversary: RFC 9116 recommends an
    /// `Expires` less than a year away, and the file is written on the review day at the latest.
    public static func expiry(_ reviewed: ReviewDate) -> ReviewDate { reviewed.adding(months: 12).adding(days: -1) }
}
