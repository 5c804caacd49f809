/// What the outputs claim now that they did not, what they no longer claim,
/// and what they claim differently, in words a reader understands.
public struct ChangeList: Equatable, Sendable {
    public var added: [String] = []
    public var removed: [String] = []
    /// "Compliance: Type of our latest SOC 2 report: Type 1 (…) → Type 2 (…)".
    public var changed: [String] = []

    public init(added: [String] = [], removed: [String] = [], changed: [String] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    public var count: Int { added.count + removed.count + changed.count }

    /// The changes from `old` to `new`, each in the order of the page.
    public init(from old: ClaimSet, to new: ClaimSet, catalog: Catalog) {
        let before = old.byKey, after = new.byKey
        for claim in new.claims {
            if let earlier = before[claim.key] {
                if earlier.value != claim.value {
                    changed.append(Self.phrase(claim, catalog) + ": " + Self.value(earlier, catalog) + " → " + Self.value(claim, catalog))
                }
            } else {
                added.append(Self.sentence(claim, catalog))
            }
        }
        for claim in old.claims where after[claim.key] == nil {
            removed.append(Self.sentence(claim, catalog))
        }
    }

    /// The changes from one set of answers to another.
    public init(from old: Answers, to new: Answers, catalog: Catalog) {
        self.init(from: ClaimSet(old, catalog: catalog), to: ClaimSet(new, catalog: catalog), catalog: catalog)
    }

    /// For `diff`: a heading per kind of change, one line per change.
    public var text: String {
        if isEmpty { return "No change in what the outputs claim.\n" }
        var out = ""
        for (title, mark, lines) in [("Now claimed:", "+", added), ("No longer claimed:", "-", removed), ("Changed:", "~", changed)]
        where !lines.isEmpty {
            out += title + "\n" + lines.map { "  \(mark) \($0)\n" }.joined()
        }
        return out
    }

    // MARK: - Words

    /// The claim as a statement: "Data encryption: User data is encrypted at
    /// rest", "Compliance: Standards …: SOC 2", "Company: Security contact: …".
    static func sentence(_ claim: Claim, _ catalog: Catalog) -> String {
        if claim.value == .yes && claim.choice == nil { return phrase(claim, catalog) }
        return phrase(claim, catalog) + ": " + value(claim, catalog)
    }

    /// Where the claim is and what it is about: the section's title and the question's label.
    static func phrase(_ claim: Claim, _ catalog: Catalog) -> String {
        if claim.section == Claim.companySection {
            let name = ["name": "Company name", "domain": "Domain", "security_contact": "Security contact"][claim.question]
            return "Company: " + (name ?? claim.question)
        }
        guard let section = catalog.section(claim.section), let question = section.question(claim.question) else {
            return claim.section + ": " + claim.question
        }
        return section.title + ": " + label(question.label)
    }

    /// What is claimed: a choice's label, or the text as given.
    static func value(_ claim: Claim, _ catalog: Catalog) -> String {
        let question = catalog.section(claim.section)?.question(claim.question)
        if let choice = claim.choice { return question?.choice(choice)?.label ?? choice }
        switch claim.value {
        case .yes: return "yes"
        case .choice(let id): return question?.choice(id)?.label ?? id
        case .text(let text):
            return "\"" + text.split(separator: "\n").map { $0.trimmingBlanks() }
                .filter { !$0.isEmpty }.joined(separator: "; ") + "\""
        }
    }

    /// A question's label without the notes meant for the person answering.
    static func label(_ text: String) -> String {
        var label = text
        for note in [" (optional)", " (security.txt only)"] where label.hasSuffix(note) {
            label.removeLast(note.count)
        }
        return label
    }
}
