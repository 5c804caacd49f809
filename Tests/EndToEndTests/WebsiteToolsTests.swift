import Foundation
import Testing

/// The outputs checked by the tools websites use: pymarkdownlnt, sectxt, a real
/// Hugo build and a real Jekyll build. In CI (`CI=true`) a missing tool fails
/// the test; elsewhere the test is skipped and says so.
@Suite struct WebsiteToolsTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static func available(_ tool: String) -> Bool { inCI || Run.onPath(tool) }

    static let companies = ["pre-seed", "seed-saas", "later-health"]

    /// A company whose name and free text try to become markup.
    static let hostile = """
        version: 1
        company:
          name: <script>alert(1)</script> [x](javascript:alert(1))
          domain: hostile.example
          security_contact: "{{%x%}}@hostile.example"
        sections:
          overview:
            include: true
            answers: {intro: true, invite_contact: true}
          security-team:
            include: true
            answers:
              dedicated: true
              details: |-
                <img src=x onerror=alert(1)> **bold**
                # not a heading
                {% include nothing.html %} {{ site.title }} {{< youtube x >}} {{% note %}}x{{% /note %}}
                : a definition, not
                see www.example.com/path or write to bare@hostile.example
          subprocessors:
            include: true
            answers:
              subprocessors:
                - {name: 'A | B', purpose: '<b>x</b> | *y*', location: '| EU |'}
                - {name: Very Long Company Name Incorporated, purpose: Delivery of every email we send to our customers, location: European Union and United States, link: 'https://example.com/a/very/long/path'}
        reviewed: 2026-11-29
        """

    func render(_ answers: String, format: String, to path: String) throws {
        let result = try Run.tool(["render", "--answers", answers, "--format", format, "--output", path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: available("pymarkdown"), "pymarkdown (pymarkdownlnt) is not installed"))
    func pagesPassTheMarkdownLinter() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let hostile = try scratch.write("hostile.yml", Self.hostile)
        var pages: [String] = []
        for company in Self.companies {
            for format in ["markdown", "hugo", "jekyll"] {
                let page = scratch.file("\(company).\(format).md")
                try render(CommandLineTests.fixture("\(company).yml"), format: format, to: page)
                pages.append(page)
            }
        }
        let hostilePage = scratch.file("hostile.md")
        try render(hostile, format: "markdown", to: hostilePage)
        pages.append(hostilePage)
        let result = try Run.command("pymarkdown", ["--enable-extensions", "front-matter", "scan"] + pages)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "")
    }

    @Test(.enabled(if: available("sectxt"), "sectxt is not installed"))
    func securityTxtPassesTheValidator() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for company in Self.companies {
            var text = try String(contentsOfFile: CommandLineTests.fixture("\(company).yml"), encoding: .utf8)
            // sectxt checks Expires against the real clock: review the answers today.
            text = text.replacingOccurrences(of: #"reviewed: \d{4}-\d{2}-\d{2}"#, with: "reviewed: \(CommandLineTests.utcToday())",
                                              options: .regularExpression)
            let answers = try scratch.write("\(company).yml", text)
            let txt = scratch.file("\(company).security.txt")
            let result = try Run.tool(["security-txt", "--answers", answers, "--output", txt])
            #expect(result.status == 0, "\(result.stderr)")
            let validation = try Run.command("sectxt", [txt])
            #expect(validation.status == 0, "\(company): \(validation.stdout)")
            #expect(!validation.stdout.contains("[ERROR]"), "\(company): \(validation.stdout)")
        }
    }

    @Test(.enabled(if: available("hugo"), "hugo is not installed"))
    func aHugoSiteBuildsWithThePage() throws {
        let site = try Scratch()
        defer { site.remove() }
        try site.write("hugo.toml", """
            baseURL = "https://example.org/"
            title = "Example"
            disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
            """)
        try site.write("layouts/_default/single.html",
                       "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n")
        try FileManager.default.createDirectory(atPath: site.file("content"), withIntermediateDirectories: true)
        try render(CommandLineTests.fixture("later-health.yml"), format: "hugo", to: site.file("content/security.md"))
        let hostile = try site.write("hostile.yml", Self.hostile)
        try render(hostile, format: "hugo", to: site.file("content/hostile.md"))
        // Two pages may not share the slug: give the hostile one its own.
        try site.write("content/hostile.md", site.read("content/hostile.md")!.replacingOccurrences(of: "slug: security", with: "slug: hostile"))

        let build = try Run.command("hugo", ["--source", site.path, "--quiet"])
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let html = try #require(site.read("public/security/index.html"))
        for heading in ["Overview", "Security team", "Infrastructure", "Vulnerability disclosure", "Compliance"] {
            #expect(html.contains(">\(heading)</h2>"), "missing heading \(heading)")
        }
        #expect(html.contains("<title>Security Overview</title>"))
        let hostileHTML = try #require(site.read("public/hostile/index.html"))
        Self.expectNoMarkupFromUserText(hostileHTML)
        #expect(hostileHTML.contains("{{&lt; youtube x &gt;}}"), "a shortcode in an answer is text")
        #expect(hostileHTML.contains("{{% note %}}x{{% /note %}}"), "a shortcode in an answer is text")
        #expect(hostileHTML.contains("%7B%7B%25x%25%7D%7D@hostile.example"), "the contact's link holds no shortcode")
        Self.expectOneRowPerRecord(hostileHTML)
        #expect(html.contains("<td>Postmark</td>"), "the subprocessors of the golden company are a table")
    }

    @Test(.enabled(if: available("jekyll"), "jekyll is not installed"))
    func aJekyllSiteBuildsWithThePage() throws {
        let site = try Scratch()
        defer { site.remove() }
        try site.write("_config.yml", "title: Example\n")
        try render(CommandLineTests.fixture("later-health.yml"), format: "jekyll", to: site.file("security.md"))
        let hostile = try site.write("hostile.yml", Self.hostile)
        try render(hostile, format: "jekyll", to: site.file("hostile.md"))
        try site.write("hostile.md", site.read("hostile.md")!.replacingOccurrences(of: "permalink: /security/", with: "permalink: /hostile/"))
        try FileManager.default.removeItem(atPath: hostile)
        try render(CommandLineTests.fixture("seed-saas.yml"), format: "jekyll", to: site.file("seed.md"))
        try site.write("seed.md", site.read("seed.md")!.replacingOccurrences(of: "permalink: /security/", with: "permalink: /seed/"))

        let build = try Run.command("jekyll", ["build", "--source", site.path, "--destination", site.file("_site"), "--quiet"])
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let html = try #require(site.read("_site/security/index.html"))
        for heading in ["Overview", "Security team", "Infrastructure", "Vulnerability disclosure", "Compliance"] {
            #expect(html.contains(">\(heading)</h2>"), "missing heading \(heading)")
        }
        let hostileHTML = try #require(site.read("_site/hostile/index.html"))
        Self.expectNoMarkupFromUserText(hostileHTML)
        #expect(hostileHTML.contains("{% include nothing.html %} {{ site.title }}"), "Liquid in an answer is text")
        Self.expectOneRowPerRecord(hostileHTML)
        #expect(html.contains("<td>Postmark</td>"), "the subprocessors of the golden company are a table")
        // Links built from answers work in kramdown too.
        let seedHTML = try #require(site.read("_site/seed/index.html"))
        #expect(seedHTML.contains(#"href="https://acme-analytics.io/privacy""#))
        #expect(seedHTML.contains(#"href="mailto:security@acme-analytics.io""#))
    }

    /// The hostile subprocessors: two records, two rows, each `|` inside its
    /// cell, and the long row (spaces written as `&#32;` past column 80) read
    /// back with ordinary spaces.
    static func expectOneRowPerRecord(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let table = html.components(separatedBy: "<table>").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
        #expect(table.components(separatedBy: "<tr>").count - 1 == 3, "a header and two rows", sourceLocation: sourceLocation)
        #expect(table.contains("<td>A | B</td>"), sourceLocation: sourceLocation)
        #expect(table.contains("<td>&lt;b&gt;x&lt;/b&gt; | *y*</td>"), sourceLocation: sourceLocation)
        #expect(table.contains("<td>| EU |</td>"), sourceLocation: sourceLocation)
        #expect(table.contains("<td>European Union and United States</td>"), sourceLocation: sourceLocation)
        #expect(table.contains("Delivery of every email we send to our customers"), sourceLocation: sourceLocation)
    }

    static func expectNoMarkupFromUserText(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains("<img"), sourceLocation: sourceLocation)
        #expect(!html.contains("href=\"javascript"), sourceLocation: sourceLocation)
        #expect(!html.contains("<strong>bold"), sourceLocation: sourceLocation)
        #expect(!html.contains("<h1"), sourceLocation: sourceLocation)
        #expect(!html.contains("<dl") && !html.contains("<dd"), "no definition list", sourceLocation: sourceLocation)
        #expect(!html.contains(#"href="http://www.example.com"#), "no www autolink", sourceLocation: sourceLocation)
        #expect(!html.contains(#"href="mailto:bare"#), "no email autolink", sourceLocation: sourceLocation)
        #expect(html.contains("a definition, not"), sourceLocation: sourceLocation)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name shows as text", sourceLocation: sourceLocation)
    }
}
