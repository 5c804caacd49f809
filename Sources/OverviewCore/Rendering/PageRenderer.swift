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
        return Self.body(ofOutput: templateOutput(section, answers))
    }

    /// What the section's template prints for `answers`, before it is tidied.
    func templateOutput(_ section: Section, _ answers: Answers) -> String {
        section.template.render(context(section, answers))
    }

    /// A section's body from its template's output: tidied; nil when that
    /// leaves nothing.
    static func body(ofOutput output: String) -> String? {
        let text = MarkdownText.tidy(output)
        return text.isEmpty ? nil : text
    }

    /// The page as Markdown, with front matter for `format`, or as HTML for
    /// the HTML forms; ending in a newline.
    public func page(_ answers: Answers, format: PageFormat = .markdown) -> String {
        if format.isHTML { return HTMLPage.render(self, answers, standalone: format == .html) }
        var parts: [String] = []
        if format == .markdown {
            // A heading cannot wrap: a name too long for one line stays out of it.
            let named = answers.company.name.map { "# \(MarkdownText.escape(TerminalSafe.oneLine($0))) Security Overview" }
            parts.append(named.flatMap { $0.count <= MarkdownText.lineWidth ? $0 : nil } ?? "# Security Overview")
        }
        let rendered = renderedSections(answers)
        // What is held and what is under way, first, as trust centers open.
        if let glance = AtAGlance.markdown(self, answers, onPage: rendered.map(\.section)) {
            parts.append(glance)
        }
        for (section, markdown) in rendered {
            // Hugo and Jekyll (kramdown) take a heading's id from `{#id}`; a
            // plain Markdown page leaves ids to whatever renders it.
            let id = section.anchor.map { format == .markdown ? "" : " {#\($0)}" } ?? ""
            parts.append("## \(section.title)\(id)\n\n\(markdown)")
        }
        if let changes = ChangesOnPage.markdown(answers, format: format) { parts.append(changes) }
        if let reviewed = answers.reviewed {
            parts.append("Last reviewed: \(reviewed).")
        }
        let body = TableRows.fit(MarkdownText.wrap(MarkdownText.tidy(parts.joined(separator: "\n\n")))) + "\n\n"
        // Hugo and Jekyll carry the mark in the front matter (Hugo prints an
        // HTML comment as "raw HTML omitted"); plain Markdown ends with it.
        if let frontMatter = FrontMatter.yaml(for: answers, format: format) {
            // Without the mark below it, the page ends with its last line.
            return GeneratedMark.applyFrontMatter(frontMatter, body: body.hasSuffix("\n\n") ? String(body.dropLast()) : body)
        }
        return GeneratedMark.apply(to: body, style: .html)
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
            // An address to write to, or a form to fill in: the sentence differs.
            company[contact.hasPrefix("https://") ? "contact_form" : "contact_email"] = contact
        }
        if let privacy = answers.company.privacyContact {
            company["privacy_contact"] = privacy
            company["privacy_contact_url"] = SecurityContact.url(privacy)
        }
        var context = answerContext(section, answers)
        context["company"] = TemplateValue(company, text: name ?? "")
        // Another section's answers, for a fact asked once and printed in two
        // sections (`{{#sections.compliance.pci_validation.qsa}}`): only
        // sections on the plan, only answers that apply there.
        // Looked up when a template names one, so a page costs no more than its
        // sections, however many there are.
        context["sections"] = OtherSections(renderer: self, answers: answers, current: section.id)
        // `{{.}}` at the top prints nothing.
        return TemplateValue(context, text: "")
    }

    /// One key per question of `section` that applies and is answered.
    func answerContext(_ section: Section, _ answers: Answers) -> [String: Any] {
        var context: [String: Any] = [:]
        for (question, value) in answers.effectiveAnswers(for: section) {
            context.merge(question.field.templateValues(value, of: question)) { _, new in new }
        }
        return context
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

    /// A picked choice: its id, label and link; `{{name}}` prints the label.
    static func choice(_ choice: Choice) -> TemplateValue {
        var entry: [String: Any] = ["id": choice.id, "label": choice.label]
        if let url = choice.url { entry["url"] = url }
        return TemplateValue(entry, text: choice.label)
    }

    func child(named name: String) -> Any? { children[name] }
    var renderText: String { text }
    var isNull: Bool { false }
}

/// The other sections' answers, by section id, as `{{sections.<id>.<question>}}`
/// finds them: only sections on the plan, each made when first named.
struct OtherSections: MustacheParent, MustacheCustomRenderable, @unchecked Sendable {
    let renderer: PageRenderer
    let answers: Answers
    let current: String

    func child(named name: String) -> Any? {
        guard name != current, let other = renderer.catalog.section(name), answers.isIncluded(other) else { return nil }
        return TemplateValue(renderer.answerContext(other, answers), text: "")
    }
    var renderText: String { "" }
    var isNull: Bool { false }
}

/// A list a template loops over with `{{#name}}`; `{{name}}` prints its
/// items' texts, separated by commas.
struct TemplateList: MustacheSequence, MustacheCustomRenderable, Sendable {
    var items: [TemplateValue]

    init(_ items: [TemplateValue]) { self.items = items }

    func makeIterator() -> IndexingIterator<[TemplateValue]> { items.makeIterator() }
    /// As a sentence lists them: "A", "A and B", "A, B and C".
    var renderText: String { items.map(\.text).listedInSentence }
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
