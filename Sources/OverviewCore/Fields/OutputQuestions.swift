/// The export step's questions: where the page will be published, in which
/// form, and where security.txt goes. Questions of the ordinary kinds (text
/// and single choice), like the company's and the profile's, stored in the
/// answers file's `outputs:` so that the next export, and `export` in CI,
/// write the same files.
public enum OutputField: String, CaseIterable, Sendable {
    case pageURL, format, securityTxt

    /// The key in the answers file's `outputs:`.
    public var key: String {
        switch self {
        case .pageURL: "page_url"
        case .format: "format"
        case .securityTxt: "security_txt"
        }
    }

    public var question: Question {
        switch self {
        case .pageURL:
            Question(id: key, kind: .text, label: "Where the page will be published",
                     help: "Its https:// address, for example https://example.com/security/. security.txt's Policy links to it; left empty, nothing does.",
                     required: false, choices: [], format: .url, when: nil)
        case .format:
            Question(id: key, kind: .single, label: "In which form",
                     help: "What your website is built with. A hosted builder (Webflow, Squarespace, WordPress) takes HTML to paste.",
                     required: false,
                     choices: PageFormat.allCases.map { Choice(id: $0.rawValue, label: $0.label, url: nil, affirms: true) },
                     format: nil, when: nil)
        case .securityTxt:
            Question(id: key, kind: .text, label: "security.txt file",
                     help: "Where to write it, relative to the answers file; it is served at /.well-known/security.txt. Empty: not written.",
                     required: false, choices: [], format: nil, when: nil)
        }
    }

    public func value(in outputs: Outputs) -> AnswerValue? {
        switch self {
        case .pageURL: outputs.pageURL.map(AnswerValue.text)
        case .format: outputs.format.map { .choice($0.rawValue) }
        case .securityTxt: outputs.securityTxt.map(AnswerValue.text)
        }
    }

    /// Stores `value` (nil: unanswered). Picking a form moves security.txt to
    /// that form's default path, unless a path of one's own was typed.
    public func set(_ value: AnswerValue?, in outputs: inout Outputs) {
        var text: String?
        if case .text(let typed)? = value { text = typed }
        switch self {
        case .pageURL: outputs.pageURL = text
        case .securityTxt: outputs.securityTxt = text
        case .format:
            var picked: PageFormat?
            if case .choice(let word)? = value { picked = PageFormat(rawValue: word) }
            let oldDefault = (outputs.format ?? .markdown).defaultSecurityTxt
            if let picked, outputs.securityTxt == nil || outputs.securityTxt == oldDefault {
                outputs.securityTxt = picked.defaultSecurityTxt
            }
            outputs.format = picked
        }
    }

    /// What is wrong with typed text beyond its format, or nil.
    public func problem(with text: String) -> String? {
        guard self == .securityTxt else { return nil }
        if TerminalSafe.hasControlCharacters(text, allowingLayout: false) { return "a file path cannot hold a control character" }
        if text.hasSuffix("/") { return "'\(text)' names a folder: give the file's name too" }
        return nil
    }

    public static func named(_ key: String) -> OutputField? { allCases.first { $0.key == key } }
}

extension PageFormat {
    /// The choice as the export step offers it.
    public var label: String {
        switch self {
        case .markdown: "Markdown, plain"
        case .hugo: "Markdown for Hugo (with front matter)"
        case .jekyll: "Markdown for Jekyll (with front matter)"
        case .html: "HTML, a page of its own"
        case .htmlFragment: "HTML to paste into a site builder (Webflow, Squarespace, WordPress)"
        }
    }

    public var isHTML: Bool { self == .html || self == .htmlFragment }

    /// The page's file when the answers name none, relative to the answers file.
    public var defaultPage: String { isHTML ? "security-overview.html" : "security-overview.md" }

    /// Where a site of this form serves a file from `/.well-known/`,
    /// relative to the site's root (the answers file's folder).
    public var defaultSecurityTxt: String {
        self == .hugo ? "static/.well-known/security.txt" : ".well-known/security.txt"
    }
}
