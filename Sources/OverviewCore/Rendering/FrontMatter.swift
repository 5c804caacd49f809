import Yams

/// Front matter for static-site generators, in the form each one documents:
/// the tool's own keys, the site's extra keys from `outputs.front_matter`,
/// and last the generated-by mark (`generated_by:`), where Hugo and Jekyll
/// read it as data instead of printing an HTML comment as
/// `<!-- raw HTML omitted -->`.
enum FrontMatter {
    /// The keys the tool writes itself, in either form: `outputs.front_matter`
    /// may not set them (the page's title, its address, its dates, the mark).
    static let ownKeys: Set<String> = ["title", "description", "slug", "lastmod", "permalink", "last_modified_at",
                                       "render_with_liquid", GeneratedMark.frontMatterKey]

    /// The front matter's mapping (YAML lines, without the `---` fences and
    /// without the mark), or nil for the forms that have none.
    static func yaml(for answers: Answers, format: PageFormat) -> String? {
        guard format == .hugo || format == .jekyll else { return nil }
        // A layout may print the description as Markdown (`markdownify`) or as
        // HTML as it is: the name gets the page's escaping, as in the body.
        let name = answers.company.name.map { MarkdownText.escape(TerminalSafe.oneLine($0)) }
        var pairs: [(String, String)] = [("title", "Security Overview")]
        pairs.append(("description", name.map { "Security practices at \($0)" } ?? "Security practices"))
        switch format {
        case .hugo:
            pairs.append(("slug", "security"))
            if let reviewed = answers.reviewed { pairs.append(("lastmod", reviewed)) }
        case .jekyll:
            pairs.append(("permalink", "/security/"))
            if let reviewed = answers.reviewed { pairs.append(("last_modified_at", reviewed)) }
            // Answers are printed as written, and `{%` in one is not a Liquid tag
            // for Jekyll to run (or to fail the whole site's build on).
            pairs.append(("render_with_liquid", "false"))
        case .markdown, .html, .htmlFragment:
            break
        }
        var nodes: [(Node, Node)] = pairs.map { key, value in
            // Dates and the flag are written bare, for the site to read as a
            // date and a boolean; everything else is quoted as YAML needs.
            let scalar: Node.Scalar = ["lastmod", "last_modified_at", "render_with_liquid"].contains(key)
                ? .init(value, YAMLNode.stringTag, .plain) : value.represented()
            return (.scalar(.init(key)), .scalar(scalar))
        }
        // The site's own keys (a menu entry, a layout, a weight), after the
        // tool's, written by the same emitter: escaped as YAML needs.
        if let extra = answers.outputs.frontMatter, case .mapping(let mapping)? = try? Yams.compose(yaml: extra) {
            for (key, value) in mapping { nodes.append((key, value)) }
        }
        return (try? Yams.serialize(node: .mapping(.init(nodes)), width: -1, allowUnicode: true)) ?? ""
    }
}
