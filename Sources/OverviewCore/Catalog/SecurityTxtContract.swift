import Yams

/// What a section's answers give security.txt, declared in its front matter
/// (`security_txt:`), so the code never reaches into a section by question id
/// and a section that replaces a built-in one keeps the link or changes it on
/// purpose.
///
/// ```yaml
/// security_txt:
///   page-link: link_security_txt     # a yes/no: the page links to security.txt
///   Encryption: encryption_url       # a text question validated as url
///   Preferred-Languages: preferred_languages
///   Policy: [hosted_url, on-page]    # the first that has a value
/// ```
public struct SecurityTxtContract: Equatable, Sendable {
    /// The optional fields of RFC 9116 an answer can fill, in the order the file lists them.
    public enum Field: String, CaseIterable, Sendable {
        case encryption = "Encryption"
        case acknowledgments = "Acknowledgments"
        case preferredLanguages = "Preferred-Languages"
        case policy = "Policy"
        case hiring = "Hiring"
        /// More contacts after `company.security_contact`, in order of preference.
        case contact = "Contact"
        /// Where the CSAF 2.0 provider metadata is (`provider-metadata.json`).
        case csaf = "CSAF"

        /// The validator a question must have to feed this field.
        var format: TextFormat {
            switch self {
            case .preferredLanguages: .languages
            case .contact: .contact
            default: .url
            }
        }

        /// Whether every line of every source counts (Contact), not the first that has a value.
        var isList: Bool { self == .contact }
        
    }

    /// Where a field's value comes from.
    public enum Source: Equatable, Sendable {
        /// A text answer of the section.
        case answer(String)
        /// The section itself on the published page (`outputs.page_url` and
        /// the section's anchor), when the section is on the page.
        case onPage
    }

    /// The keyword for `Source.onPage`: a hyphen keeps it apart from question ids.
    static let onPageWord = "on-page"
    /// The key for the page's link to security.txt.
    static let pageLinkKey = "page-link"

    /// A yes/no question: yes puts a link to security.txt on the page.
    public var pageLink: String?
    public var fields: [Field: [Source]]
    /// The line of the `security_txt` key, for errors found across sections.
    var line: Int?

    public init(pageLink: String? = nil, fields: [Field: [Source]] = [:]) {
        self.pageLink = pageLink
        self.fields = fields
    }

    public static func == (a: Self, b: Self) -> Bool { a.pageLink == b.pageLink && a.fields == b.fields }

    /// What the contract declares, in words: "page-link, Encryption".
    var summary: String {
        ((pageLink == nil ? [] : [Self.pageLinkKey]) + Field.allCases.filter { fields[$0] != nil }.map(\.rawValue))
            .joined(separator: ", ")
    }

    /// Reads `security_txt:` and checks every question it names against the section's questions.
    static func parse(_ node: Node, _ reader: YAMLReader, questions: [Question]) throws(InputError) -> SecurityTxtContract {
        var contract = SecurityTxtContract()
        contract.line = node.mark.map { $0.line + reader.lineOffset }
        func question(_ valueNode: Node, _ key: String) throws(InputError) -> Question {
            let id = try reader.string(valueNode, "security_txt.\(key)")
            guard let question = questions.first(where: { $0.id == id }) else {
                throw reader.error(valueNode, "security_txt.\(key): '\(id)' is not a question of this section")
            }
            return question
        }
        for (key, keyNode, value) in try reader.mapping(node, "security_txt") {
            if key == pageLinkKey {
                let target = try question(value, key)
                guard target.kind == .yesno else {
                    throw reader.error(value, "security_txt.\(key): '\(target.id)' must be a yesno question, not \(target.kind.rawValue)")
                }
                contract.pageLink = target.id
                continue
            }
            guard let field = Field(rawValue: key) else {
                throw reader.error(keyNode, "unknown key '\(key)' in security_txt (\(pageLinkKey), \(Field.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let items: [Node]
            if case .sequence = value { items = try reader.sequence(value, "security_txt.\(key)") } else { items = [value] }
            if items.isEmpty { throw reader.error(value, "security_txt.\(key) names no question") }
            var sources: [Source] = []
            for item in items {
                if field == .policy, case .scalar(let scalar) = item, scalar.string == onPageWord {
                    sources.append(.onPage)
                    continue
                }
                let target = try question(item, key)
                if field.isList, target.kind == .multiline, target.format == field.format {
                    sources.append(.answer(target.id))
                    continue
                }
                guard target.kind == .text, target.format == field.format else {
                    throw reader.error(item, "security_txt.\(key): '\(target.id)' must be a text question with 'validate: \(field.format.rawValue)'")
                }
                sources.append(.answer(target.id))
            }
            contract.fields[field] = sources
        }
        return contract
    }

    /// Across the catalog: a field or the page's link comes from one section
    /// only, and a section that replaces a built-in one that feeds
    /// security.txt says so in its own front matter.
    static func checkCatalog(builtin: [String: Section], merged: [Section]) throws(InputError) {
        var owner: [String: Section] = [:]
        for section in merged {
            guard let contract = section.securityTxt else {
                if let original = builtin[section.id], let kept = original.securityTxt, original.source != section.source,
                   !kept.summary.isEmpty {
                    throw InputError(file: section.source, line: 2,
                        "section '\(section.id)' replaces the built-in one, which feeds security.txt (\(kept.summary)); declare 'security_txt' with the questions that feed it now, or 'security_txt: {}' to feed nothing")
                }
                continue
            }
            for key in contract.summary.split(separator: ",").map({ $0.trimmingBlanks() }) where !key.isEmpty {
                if let other = owner[key] {
                    throw InputError(file: section.source, line: contract.line,
                        "security_txt.\(key) is already fed by section '\(other.id)' (\(other.source)); one section gives each field")
                }
                owner[key] = section
            }
        }
    }
}
