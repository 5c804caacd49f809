import Foundation

/// security.txt (RFC 9116) from the same answers as the page.
public enum SecurityTxt {
    /// The page's public address when the answers do not say (`outputs.page_url`):
    /// the path the Hugo and Jekyll formats publish it at.
    static func pageURL(_ answers: Answers) -> String? {
        if let url = answers.outputs.pageURL { return url }
        return answers.company.domain.map { "https://\($0)/security/" }
    }

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
            throw InputError(file: file, "cannot write security.txt: 'reviewed' is missing (Expires is one year after it)")
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
        let overview = answers.sections["overview"]?.answers ?? [:]
        func text(_ id: String) -> String? {
            if case .text(let value)? = overview[id] {
                let clean = TerminalSafe.oneLine(value).trimmingCharacters(in: .whitespaces)
                return clean.isEmpty ? nil : clean
            }
            return nil
        }
        var lines: [String] = []
        lines.append("# Security contact for \(TerminalSafe.oneLine(answers.company.name ?? domain)), in the format of RFC 9116.")
        lines.append("Contact: \(SecurityContact.url(contact))")
        lines.append("Expires: \(expires)T00:00:00Z")
        if let encryption = text("encryption_url") { lines.append("Encryption: \(encryption)") }
        if let acknowledgments = text("acknowledgments_url") { lines.append("Acknowledgments: \(acknowledgments)") }
        if let languages = text("preferred_languages") { lines.append("Preferred-Languages: \(languages)") }
        lines.append("Canonical: https://\(domain)/.well-known/security.txt")
        if let disclosure = catalog.section("responsible-disclosure"), answers.isAffirmed(disclosure),
           let page = pageURL(answers) {
            lines.append("Policy: \(page)#responsible-disclosure")
        }
        if let hiring = text("hiring_url") { lines.append("Hiring: \(hiring)") }
        return GeneratedMark.apply(to: lines.joined(separator: "\n") + "\n", style: .hash)
    }

    /// One year after the review, the longest RFC 9116 recommends.
    public static func expiry(_ reviewed: ReviewDate) -> ReviewDate { reviewed.adding(months: 12) }
}
