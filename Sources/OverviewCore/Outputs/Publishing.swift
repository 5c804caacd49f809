/// How to publish what an export wrote, for the form chosen: the done screen,
/// the plain mode and the README say the same.
public enum Publishing {
    /// The wizard's own files beside the answers file are not for git: the
    /// draft (unsaved answers, perhaps from an older version of the file) and
    /// the lock. The done screen and the plain mode say so.
    public static func keepOutOfGit(answers: String) -> String {
        let name = FileStore.name(of: answers)
        return "Never commit \(name).draft or \(name).lock (unsaved answers and the wizard's lock): "
            + "add *.yml.draft and *.yml.lock to your .gitignore."
    }

    /// One paragraph per step, for `targets` (paths as the export wrote them,
    /// folded as a person writes them: `content/security.md`, not `security/../content/security.md`).
    public static func steps(_ answers: Answers, targets: Export.Targets) -> [String] {
        var targets = targets
        targets.page = FileStore.display(targets.page)
        targets.securityTxt = targets.securityTxt.map { FileStore.display($0) }
        let page = targets.page
        let where_ = answers.outputs.pageURL.map { " at \($0)" } ?? ""
        let wellKnown = answers.company.domain.map { "https://\($0)/.well-known/security.txt" } ?? "/.well-known/security.txt"
        var steps: [String] = []
        switch targets.format {
        case .markdown:
            steps.append("Markdown: put \(page) where your site's pages are made from, so it is published\(where_).")
        case .hugo:
            steps.append("Hugo: the page belongs in the content/ folder (\(page)); Hugo publishes it\(where_) (slug: security).")
            if let txt = targets.securityTxt {
                steps.append(txt.contains("static/.well-known/")
                    ? "Hugo copies the static/ folder to the site as it is, so \(txt) is served at \(wellKnown)."
                    : "Hugo serves files from static/: put security.txt in static/.well-known/ (now \(txt)) to serve it at \(wellKnown).")
            }
        case .jekyll:
            steps.append("Jekyll: \(page) is a page of the site (permalink /security/); it is published\(where_).")
            if targets.securityTxt != nil {
                steps.append("Jekyll skips folders whose names start with a dot: add include: [\".well-known\"] to _config.yml, "
                    + "so it copies .well-known/security.txt to \(wellKnown).")
            }
        case .html:
            steps.append("HTML: upload \(page) to your web server\(where_.isEmpty ? "" : ", to be served" + where_).")
        case .htmlFragment:
            steps.append("Site builder (Webflow, Squarespace, WordPress): copy everything in \(page) into an HTML "
                + "(custom code) block of the page\(where_).")
        }
        if let txt = targets.securityTxt, targets.format.isHTML || targets.format == .markdown {
            steps.append(targets.format == .htmlFragment
                ? "Serve security.txt (\(txt)) at \(wellKnown) as your host allows: as a file where you can place one, "
                    + "else as a redirect from that address to a copy hosted elsewhere (RFC 9116 allows one)."
                : "Serve \(txt) at \(wellKnown).")
        }
        return steps
    }
}
