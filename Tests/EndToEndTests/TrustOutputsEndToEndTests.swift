import Foundation
import Testing

/// The trust file, `diff`, the feed and a signed security.txt, through the
/// real binary and checked by real tools: Python's jsonschema and feedparser,
/// gpg and sectxt. In CI (`CI=true`) a missing tool fails the test; elsewhere
/// the test is skipped and says so.
@Suite struct TrustOutputsEndToEndTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static func python(has module: String) -> Bool {
        inCI || ((try? Run.command("/usr/bin/env", ["python3", "-c", "import \(module)"]))?.status == 0)
    }
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/trust-data.schema.json").standardizedFileURL.path

    /// A scratch folder with the site's folders the outputs go to.
    static func site() throws -> Scratch {
        let scratch = try Scratch()
        for folder in ["site/content", "site/static/.well-known"] {
            try FileManager.default.createDirectory(atPath: scratch.file(folder), withIntermediateDirectories: true)
        }
        return scratch
    }

    /// The UTC day `offset` days from today.
    static func day(_ offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .day, value: offset, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// seed-saas with every output of this issue named, reviewed `reviewed`.
    static func answers(_ fixture: String, reviewed: String? = nil) throws -> String {
        var text = try String(contentsOfFile: CommandLineTests.fixture(fixture), encoding: .utf8)
        if let reviewed {
            text = text.replacingOccurrences(of: #"reviewed: \d{4}-\d{2}-\d{2}"#, with: "reviewed: \(reviewed)", options: .regularExpression)
        }
        return text + "  json: site/static/trust.json\n  feed: site/static/security-changes.xml\n"
            + "  feed_url: https://acme-analytics.io/security-changes.xml\n  page_url: https://acme-analytics.io/security/\n"
    }

    @Test(.enabled(if: python(has: "jsonschema"), "Python's jsonschema is not installed"))
    func trustFileValidatesAgainstTheSchema() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let validate = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            for path in sys.argv[2:]:
                jsonschema.Draft202012Validator(schema).validate(json.load(open(path)))
            print("valid", len(sys.argv) - 2)
            """
        var files: [String] = []
        for company in ["pre-seed", "seed-saas", "later-health", "seed-saas-next"] {
            let out = scratch.file("\(company).json")
            let result = try Run.tool(["render", "--answers", CommandLineTests.fixture("\(company).yml"), "--format", "json", "--output", out])
            #expect(result.status == 0, "\(result.stderr)")
            files.append(out)
        }
        let result = try Run.command("/usr/bin/env", ["python3", "-c", validate, Self.schema] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "valid 4\n")
        // Nothing unaffirmed: seed-saas says no to a disaster recovery plan and
        // leaves the security team out; neither is in its trust file.
        let trust = try #require(scratch.read("seed-saas.json"))
        #expect(!trust.contains("dr_plan") && !trust.contains("security-team"))
    }

    @Test func exportWritesTheTrustFileAndFeedAndCheckComparesThem() throws {
        let scratch = try Self.site()
        defer { scratch.remove() }
        let today = CommandLineTests.utcToday()
        let answers = try scratch.write("security-overview.yml", try Self.answers("seed-saas.yml", reviewed: today))
        let export = try Run.tool(["export", "--answers", answers])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("trust.json") && export.stdout.contains("security-changes.xml"))
        let recorded = try #require(scratch.read("security-overview.yml"))
        #expect(recorded.contains("history:\n  claims:\n") && recorded.contains("  - reviewed: \(today)\n"))
        #expect(recorded.hasPrefix(try Self.answers("seed-saas.yml", reviewed: today)), "export adds the history and changes nothing else")
        // The fixture leaves some questions unanswered; none of the outputs is a problem.
        let check = try Run.tool(["check", "--answers", answers, "--today", today])
        #expect(!check.stderr.contains("trust.json") && !check.stderr.contains("security-changes.xml") && !check.stderr.contains("history"),
                "\(check.stderr)")
        // Byte-stable: a second export writes the same bytes.
        let trust = scratch.read("site/static/trust.json"), feed = scratch.read("site/static/security-changes.xml")
        #expect(try Run.tool(["export", "--answers", answers]).status == 0)
        #expect(scratch.read("site/static/trust.json") == trust && scratch.read("site/static/security-changes.xml") == feed)
        #expect(scratch.read("security-overview.yml") == recorded)
        // A trust file that disagrees with the answers fails check and is not overwritten.
        try scratch.write("site/static/trust.json", trust!.replacingOccurrences(of: "Acme Analytics", with: "Acme Analytix"))
        let stale = try Run.tool(["check", "--answers", answers, "--today", today])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("trust.json: the trust file differs from what the answers produce"), "\(stale.stderr)")
        let refused = try Run.tool(["export", "--answers", answers])
        #expect(refused.status == 1 && refused.stderr.contains("edited by hand"), "\(refused.stderr)")
    }

    @Test(.enabled(if: python(has: "feedparser"), "Python's feedparser is not installed"))
    func feedParsesAsAtom() throws {
        let scratch = try Self.site()
        defer { scratch.remove() }
        // Two reviews: the first recorded, then a year of changes.
        let (earlier, later) = (Self.day(-300), Self.day(0))
        let answers = try scratch.write("security-overview.yml", try Self.answers("seed-saas.yml", reviewed: earlier))
        #expect(try Run.tool(["export", "--answers", answers]).status == 0)
        let first = try #require(scratch.read("security-overview.yml"))
        let history = String(first[first.range(of: "history:\n")!.lowerBound...])
        try scratch.write("security-overview.yml", try Self.answers("seed-saas-next.yml", reviewed: later) + history)
        let export = try Run.tool(["export", "--answers", answers])
        #expect(export.status == 0, "\(export.stderr)")
        let feed = scratch.file("site/static/security-changes.xml")
        let parse = """
            import sys, feedparser
            d = feedparser.parse(sys.argv[1])
            assert not d.bozo, d.bozo_exception
            assert d.version == "atom10", d.version
            print(d.feed.title)
            print(d.feed.id)
            for e in d.entries:
                print(e.id, e.updated, e.title, len(e.content[0].value) > 0)
            """
        let result = try Run.command("/usr/bin/env", ["python3", "-c", parse, feed])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.first == "Acme Analytics Security Overview: reviewed changes")
        #expect(lines.dropFirst(2).first?.contains("\(later)T00:00:00Z Reviewed on \(later): 11 changes since \(earlier) True") == true, "\(result.stdout)")
        #expect(lines.last?.contains("\(earlier)T00:00:00Z Reviewed on \(earlier): first review recorded True") == true, "\(result.stdout)")
        let bytes = try #require(scratch.read("site/static/security-changes.xml"))
        #expect(try Run.tool(["export", "--answers", answers]).status == 0)
        #expect(scratch.read("site/static/security-changes.xml") == bytes, "the feed is byte-stable across runs")
    }

    @Test func diffSaysWhatChangedAndExitsByIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = CommandLineTests.fixture("seed-saas.yml"), new = CommandLineTests.fixture("seed-saas-next.yml")
        let changed = try Run.tool(["diff", old, new])
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stdout.hasPrefix("Now claimed:\n  + Business continuity and disaster recovery: "))
        #expect(changed.stdout.contains("No longer claimed:\n") && changed.stdout.contains("Changed:\n"))
        #expect(changed.stdout.split(separator: "\n").count == 11 + 3, "\(changed.stdout)")
        let same = try Run.tool(["diff", old, old])
        #expect(same.status == 0 && same.stdout == "No change in what the outputs claim.\n")
        let wrong = try Run.tool(["diff", old])
        #expect(wrong.status == 2 && wrong.stderr.contains("two answers files"))

        // --since: the answers file as committed at a revision.
        let notRepo = try Run.tool(["diff", "--since", "HEAD", "a.yml"], in: scratch.path)
        try scratch.write("a.yml", try String(contentsOfFile: old, encoding: .utf8))
        let outside = try Run.tool(["diff", "--since", "HEAD", "a.yml"], in: scratch.path)
        #expect(notRepo.status == 2)
        #expect(outside.status == 2 && outside.stderr.contains("a.yml: not in a git repository"), "\(outside.stderr)")
        let git = { (args: [String]) throws -> RunResult in
            try Run.command("/usr/bin/env", ["git", "-C", scratch.path, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
        }
        #expect(try git(["init", "-q"]).status == 0)
        #expect(try git(["add", "a.yml"]).status == 0)
        #expect(try git(["commit", "-q", "-m", "answers"]).status == 0)
        try scratch.write("a.yml", try String(contentsOfFile: new, encoding: .utf8))
        let since = try Run.tool(["diff", "--since", "HEAD", "a.yml"], in: scratch.path)
        #expect(since.status == 1, "\(since.stderr)")
        #expect(since.stdout == changed.stdout)
        let badRev = try Run.tool(["diff", "--since", "no-such-rev", "a.yml"], in: scratch.path)
        #expect(badRev.status == 2 && badRev.stderr.contains("cannot read it at revision 'no-such-rev'"), "\(badRev.stderr)")
    }

    @Test(.enabled(if: inCI || (Run.onPath("gpg") && Run.onPath("sectxt")), "gpg or sectxt is not installed"))
    func signedSecurityTxtVerifiesAndPassesSectxt() throws {
        let scratch = try Self.site()
        defer { scratch.remove() }
        let home = scratch.file("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var environment = ProcessInfo.processInfo.environment
        environment["GNUPGHOME"] = home
        let key = try Run.command("/usr/bin/env", ["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                                                   "Acme Security <security@acme-analytics.io>", "ed25519", "sign", "never"],
                                  environment: environment)
        #expect(key.status == 0, "\(key.stderr)")
        let today = CommandLineTests.utcToday()
        var text = try Self.answers("seed-saas.yml", reviewed: today)
        text = text.replacingOccurrences(of: "  preferred_languages: en, de\n",
            with: "  preferred_languages: en, de\n      more_contacts: https://acme-analytics.io/report\n      csaf_url: https://acme-analytics.io/.well-known/csaf/provider-metadata.json\n")
        let answers = try scratch.write("security-overview.yml", text + "  security_txt_signing_key: security@acme-analytics.io\n")
        let export = try Run.command(Run.binary, ["export", "--answers", answers], environment: environment)
        #expect(export.status == 0, "\(export.stderr)")
        let path = scratch.file("site/static/.well-known/security.txt")
        let signed = try #require(scratch.read("site/static/.well-known/security.txt"))
        #expect(signed.hasPrefix("-----BEGIN PGP SIGNED MESSAGE-----\n"))
        #expect(signed.contains("\nContact: https://acme-analytics.io/report\n") && signed.contains("\nCSAF: https://"))
        let verify = try Run.command("/usr/bin/env", ["gpg", "--batch", "--verify", path], environment: environment)
        #expect(verify.status == 0, "\(verify.stderr)")
        let validation = try Run.command("sectxt", [path])
        #expect(validation.status == 0 && !validation.stdout.contains("[ERROR]"), "\(validation.stdout)")
        let check = try Run.command(Run.binary, ["check", "--answers", answers, "--today", today], environment: environment)
        #expect(!check.stderr.contains("security.txt"), "\(check.stderr)")
        // Exporting again keeps the signature that still signs the same text.
        #expect(try Run.command(Run.binary, ["export", "--answers", answers], environment: environment).status == 0)
        #expect(scratch.read("site/static/.well-known/security.txt") == signed)
        // A signature that no longer matches its text fails check.
        let armor = try #require(signed.range(of: "-----BEGIN PGP SIGNATURE-----\n\n"))
        var broken = signed
        let at = broken.index(armor.upperBound, offsetBy: 40)
        broken.replaceSubrange(at...at, with: broken[at] == "A" ? "B" : "A")
        try scratch.write("site/static/.well-known/security.txt", broken)
        let tampered = try Run.command(Run.binary, ["check", "--answers", answers, "--today", today], environment: environment)
        #expect(tampered.status == 1 && tampered.stderr.contains("security.txt: its signature does not verify"), "\(tampered.stderr)")
        // A key gpg does not have is refused, naming it.
        try scratch.write("security-overview.yml", text + "  security_txt_signing_key: nobody@example.com\n")
        let missing = try Run.command(Run.binary, ["export", "--answers", answers, "--force"], environment: environment)
        #expect(missing.status == 1 && missing.stderr.contains("no secret key 'nobody@example.com'"), "\(missing.stderr)")
        // And without gpg on the PATH, a clear error.
        environment["PATH"] = "/nonexistent"
        let noGpg = try Run.command(Run.binary, ["security-txt", "--answers", answers], environment: environment)
        #expect(noGpg.status == 1 && noGpg.stderr.contains("gpg is not installed"), "\(noGpg.stderr)")
    }
}
