import Foundation
import Mustache

/// Turns answers into the Security Overview page.
///
/// Only answers reach the page: a section appears when it is included and an
/// answer in it affirms something, and its template sees nothing but the
/// answers that apply (plus the company's name, domain and contact).
public struct PageRenderer: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The sections that will be on the page, in order, with their Markdown
    /// (body only, no heading).
    public func renderedSections(_ answers: Answers) -> [(section: Section, markdown: String)] {
        catalog.sections.compactMap { section in
            guard let markdown = sectionMarkdown(section, answers) else { return nil }
            return (section, markdown)
        }
    }

    /// One section's body as it will appear, or `nil` when it is not on the page.
    public func sectionMarkdown(_ section: Section, _ answers: Answers) -> String? {
        guard answers.isAffirmed(section) else { return nil }
        let text = MarkdownText.tidy(section.template.render(context(section, answers)))
        return text.isEmpty ? nil : text
    }

    /// The page as Markdown, with front matter for `format`, ending in a newline.
    public func page(_ answers: Answers, format: PageFormat = .markdown) -> String {
        var parts: [String] = []
        if format == .markdown {
            // A heading cannot wrap: a name too long for one line stays out of it.
            let named = answers.company.name.map { "# \(MarkdownText.escape(TerminalSafe.oneLine($0))) Security Overview" }
            parts.append(named.flatMap { $0.count <= MarkdownText.lineWidth ? $0 : nil } ?? "# Security Overview")
        }
        for (section, markdown) in renderedSections(answers) {
            parts.append("## \(section.title)\n\n\(markdown)")
        }
        if let reviewed = answers.reviewed {
            parts.append("Last reviewed: \(reviewed).")
        }
        let body = MarkdownText.wrap(MarkdownText.tidy(parts.joined(separator: "\n\n"))) + "\n\n"
        return GeneratedMark.apply(to: FrontMatter.text(for: answers, format: format) + body, style: .html)
    }

    /// What a section template sees.
    func context(_ section: Section, _ answers: Answers) -> TemplateValue {
        var company: [String: Any] = [:]
        let name = answers.company.name.map(TerminalSafe.oneLine)
        if let name { company["name"] = name }
        if let domain = answers.company.domain { company["domain"] = domain }
        if let contact = answers.company.securityContact {
            company["contact"] = contact
            company["contact_url"] = SecurityContact.url(contact)
        }
        var context: [String: Any] = ["company": TemplateValue(company, text: name ?? "")]
        for (question, value) in answers.effectiveAnswers(for: section) {
            switch value {
            case .bool(let flag):
                context[question.id] = flag
            case .choice(let id):
                guard let choice = question.choice(id) else { continue }
                var entry = Self.entry(choice)
                entry.children[id] = true
                // `{{question}}` prints the label of a choice that claims something.
                if !choice.affirms { entry.text = "" }
                context[question.id] = entry
            case .choices(let ids):
                var picked: [String: Any] = [:]
                var items: [TemplateValue] = []
                for choice in question.choices where ids.contains(choice.id) {
                    picked[choice.id] = true
                    if choice.affirms { items.append(Self.entry(choice)) }
                }
                // Nothing affirmed, nothing to print: the key stays out, so a
                // `{{#question}}` block with a lead-in sentence stays silent.
                guard !items.isEmpty else { continue }
                let list = TemplateList(items)
                picked["items"] = list
                context[question.id] = TemplateValue(picked, text: list.renderText)
            case .text(let text):
                let clean = TerminalSafe.sanitize(text, allowNewlines: question.kind == .multiline)
                guard !clean.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                context[question.id] = clean
                if question.kind == .multiline {
                    // One item per line, for templates that list them.
                    let lines = clean.split(separator: "\n")
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }
                    context[question.id + "_lines"] = TemplateList(lines.map { TemplateValue([:], text: $0) })
                }
            }
        }
        // `{{.}}` at the top prints nothing.
        return TemplateValue(context, text: "")
    }

    static func entry(_ choice: Choice) -> TemplateValue {
        var entry: [String: Any] = ["id": choice.id, "label": choice.label]
        if let url = choice.url { entry["url"] = url }
        return TemplateValue(entry, text: choice.label)
    }
}

/// One name in a section template's context: what `{{name.child}}` and
/// `{{#name}}` find inside it, and what `{{name}}` prints. Without the text, a
/// template that printed a map would put Swift's description of it on the
/// page, in an order that changes from run to run.
struct TemplateValue: MustacheParent, MustacheCustomRenderable, @unchecked Sendable {
    var children: [String: Any]
    var text: String

    init(_ children: [String: Any], text: String) {
        self.children = children
        self.text = text
    }

    func child(named name: String) -> Any? { children[name] }
    var renderText: String { text }
    var isNull: Bool { false }
}

/// A list a template loops over with `{{#name}}`; `{{name}}` prints its
/// items' texts, separated by commas.
struct TemplateList: MustacheSequence, MustacheCustomRenderable, Sendable {
    var items: [TemplateValue]

    init(_ items: [TemplateValue]) { self.items = items }

    func makeIterator() -> IndexingIterator<[TemplateValue]> { items.makeIterator() }
    var renderText: String { items.map(\.text).joined(separator: ", ") }
    var isNull: Bool { items.isEmpty }
}

/// The security contact is an email address or an https URL.
public enum SecurityContact {
    /// The contact as a link: an https URL as it is (its validation admits no
    /// brace, quote or space), an email address as a `mailto:` URI with every
    /// character RFC 6068 does not allow there percent-encoded. An address's
    /// local part may hold `{`, `}` and `%`: printed raw into a link, `{{%`
    /// would be a Hugo shortcode.
    public static func url(_ contact: String) -> String {
        if contact.hasPrefix("https://") { return contact }
        var encoded = "mailto:"
        for byte in contact.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80 && (scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "-._~!$'()*+,;:@".unicodeScalars.contains(scalar)) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
