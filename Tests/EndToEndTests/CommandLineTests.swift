import Foundation
import Testing

/// The command line as a user and a website's CI meet it: the real binary,
/// exit codes, one-line errors on stderr, files left alone on failure.
@Suite struct CommandLineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("OverviewCoreTests/Fixtures").path
    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    @Test func renderWritesThePageToStandardOutput() throws {
        let result = try Run.tool(["render", "--answers", Self.fixture("pre-seed.yml")])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try String(contentsOfFile: Self.fixture("golden/pre-seed.md"), encoding: .utf8)))
    }

    @Test func theBuiltInCatalogIsFoundFromAnyFolder() throws {
        // The binary carries its catalog: copy it somewhere else and run it there.
        let scratch = try Scratch()
        defer { scratch.remove() }
        let copy = scratch.file("security-overview")
        // cp, not FileManager: a copy open for writing in this process would be
        // inherited by children other tests spawn meanwhile (ETXTBSY on exec).
        #expect(try Run.command("cp", [Run.binary, copy]).status == 0)
        let result = try Run.command(copy, ["sections"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 24)
    }

    @Test func sectionsAsJSONWithRecommendations() throws {
        let result = try Run.tool(["sections", "--answers", Self.fixture("seed-saas.yml"), "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 24)
        let infrastructure = try #require(json.first { $0["id"] as? String == "infrastructure" })
        #expect(infrastructure["recommended"] as? Bool == true)
        #expect(infrastructure["reason"] as? String == "recommended: you hold personal data")
        #expect(infrastructure["title"] as? String == "Infrastructure")
        let questions = try #require(infrastructure["questions"] as? [[String: Any]])
        let providers = try #require(questions.first { $0["id"] as? String == "cloud_providers" })
        #expect(providers["kind"] as? String == "multiple")
        #expect(providers["required"] as? Bool == true)
        #expect((providers["choices"] as? [[String: Any]])?.first?["id"] as? String == "aws")
        let ddos = try #require(json.first { $0["id"] as? String == "ddos-protection" })
        #expect(ddos["recommended"] as? Bool == false)
    }

    @Test func checkPassesCompleteAnswersAndListsProblemsOtherwise() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = try scratch.write("a.yml", """
            version: 1
            company: {name: Acme, domain: acme.example, security_contact: security@acme.example}
            profile: {stage: seed, data: personal, enterprise_customers: false, accepts_payments: false, availability_critical: false, hosting: cloud, ai_customer_data: false}
            reviewed: 2026-11-01
            """)
        let result = try Run.tool(["check", "--answers", answers, "--today", "2026-11-29"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 24, "one line per section never answered")
        #expect(lines.first == "error: \(answers): section 'overview' was never answered (recommended for every company); decide whether to include it")

        // Where the problem has a place in the file, the line names it.
        try scratch.write("a.yml", scratch.read("a.yml")! + "\nsections:\n  overview:\n    include: true\n    answers: {intro: true}\n")
        let located = try Run.tool(["check", "--answers", answers, "--today", "2026-11-29"])
        #expect(located.stderr.split(separator: "\n").contains(
            "error: \(answers):8: section 'overview': required question 'invite_contact' has no answer (never seen: new in the catalog?)"), "\(located.stderr)")
    }

    @Test func checkFailsWhenAnExpectedQuarterHasPassed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = try String(contentsOfFile: Self.fixture("seed-saas.yml"), encoding: .utf8)
        let answers = try scratch.write("a.yml", text)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("soc2_type2_expected: 2027-Q2") }) + 1
        let message = "\(answers):\(line): sections.compliance.answers.soc2_type2_expected: the expected quarter 2027-Q2 ended on 2027-06-30"
        let during = try Run.tool(["check", "--answers", answers, "--today", "2027-06-30"])
        #expect(!during.stderr.contains("expected quarter"), "\(during.stderr)")
        let after = try Run.tool(["check", "--answers", answers, "--today", "2027-07-01"])
        #expect(after.status == 1)
        #expect(after.stderr.contains(message), "\(after.stderr)")
    }

    @Test func exportThenCheckIsClean() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let today = Self.utcToday()
        var text = try String(contentsOfFile: Self.fixture("seed-saas.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "reviewed: 2026-10-15", with: "reviewed: \(today)")
        let answers = try scratch.write("a.yml", text)
        try FileManager.default.createDirectory(atPath: scratch.file("site/content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.file("site/static/.well-known"), withIntermediateDirectories: true)

        let export = try Run.tool(["export", "--answers", answers])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout == "wrote \(scratch.file("site/content/security.md"))\nwrote \(scratch.file("site/static/.well-known/security.txt"))\n")
        #expect(scratch.read("a.yml") == text, "export does not rewrite the answers file")
        let check = try Run.tool(["check", "--answers", answers])
        // seed-saas leaves optional sections undecided: those are the only problems.
        #expect(check.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("note: ") || $0.contains("was never answered") || $0.contains("was never seen") }, "\(check.stderr)")
    }

    @Test func aHandEditedPageIsNotOverwritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = try scratch.write("a.yml", try String(contentsOfFile: Self.fixture("pre-seed.yml"), encoding: .utf8))
        #expect(try Run.tool(["export", "--answers", answers]).status == 0)
        let edited = scratch.read("security-overview.md")!.replacingOccurrences(of: "Firewall rules", with: "Moat rules")
        #expect(edited != scratch.read("security-overview.md"), "the hand edit changes the page")
        try scratch.write("security-overview.md", edited)
        let result = try Run.tool(["export", "--answers", answers])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(scratch.file("security-overview.md")): was edited by hand since it was generated"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(scratch.read("security-overview.md") == edited)
        #expect(try Run.tool(["export", "--answers", answers, "--force"]).status == 0)
        #expect(scratch.read("security-overview.md")!.contains("Firewall rules"))
    }

    @Test("render --output and security-txt --output refuse a hand-edited file as export does")
    func renderAndSecurityTxtDoNotOverwriteHandEdits() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = Self.fixture("later-health.yml")
        for (command, name, word) in [("render", "page.md", "firewall"), ("security-txt", "security.txt", "Hiring")] {
            let output = scratch.file(name)
            #expect(try Run.tool([command, "--answers", answers, "--output", output]).status == 0)
            #expect(try Run.tool([command, "--answers", answers, "--output", output]).status == 0, "its own untouched file is replaced")
            let edited = scratch.read(name)!.replacingOccurrences(of: word, with: "Edited")
            try scratch.write(name, edited)
            try expectOneLineError([command, "--answers", answers, "--output", output],
                                   startsWith: "error: \(output): was edited by hand since it was generated; nothing was written")
            #expect(scratch.read(name) == edited)
            try scratch.write(name, "written by someone else\n")
            try expectOneLineError([command, "--answers", answers, "--output", output],
                                   startsWith: "error: \(output): was not written by security-overview")
            #expect(try Run.tool([command, "--answers", answers, "--output", output, "--force"]).status == 0)
            #expect(scratch.read(name)!.contains(word))
        }
    }

    @Test("security-txt says when it leaves Policy out for want of an address")
    func securityTxtSaysWhyPolicyIsMissing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = try String(contentsOfFile: Self.fixture("later-health.yml"), encoding: .utf8)
            .replacingOccurrences(of: "outputs:\n  page_url: https://northwind.health/security/\n", with: "")
        let answers = try scratch.write("a.yml", text)
        let result = try Run.tool(["security-txt", "--answers", answers])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("Policy:"))
        #expect(result.stderr.hasPrefix("note: security.txt has no Policy:"), "\(result.stderr)")
    }

    // MARK: - Bad input: one line, non-zero, nothing touched

    func expectOneLineError(_ arguments: [String], startsWith prefix: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Run.tool(arguments)
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    @Test func badAnswersFilesGiveOneLocatedLineAndLeaveTheOutputAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let output = try scratch.write("page.md", "previous page\n")
        let cases: [(String, String)] = [
            ("version: 1\ncompany: {name: [unclosed\n", "3:1: malformed YAML"),
            ("version: 1\ncompany: Acme\n", "2:10: company must be a map"),
            ("version: 1\nsections:\n  moat: {include: true}\n", "3:3: unknown section 'moat'"),
            ("version: 1\nsections:\n  overview: {answers: {banner: true}}\n", "3:24: unknown question 'banner'"),
            ("version: 1\nsections:\n  network-security: {answers: {controls: [moat]}}\n", "3:42: unknown choice 'moat'"),
            ("version: 1\nsections:\n  overview: {answers: {intro: sometimes}}\n", "3:31: sections.overview.answers.intro (a yes/no question) must be true or false"),
            ("version: 7\n", "1:10: version 7 is newer than this program knows"),
        ]
        for (index, (text, expected)) in cases.enumerated() {
            let answers = try scratch.write("bad\(index).yml", text)
            try expectOneLineError(["render", "--answers", answers, "--output", output],
                                   startsWith: "error: \(answers):\(expected)")
            #expect(scratch.read("page.md") == "previous page\n")
        }
    }

    @Test func missingFilesAndFoldersAreNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try expectOneLineError(["render", "--answers", scratch.file("nope.yml")],
                               startsWith: "error: \(scratch.file("nope.yml")): no such file")
        try expectOneLineError(["render", "--answers", "/dev/null"],
                               startsWith: "error: /dev/null: is not a regular file (a device, pipe or socket)")
        let check = try Run.tool(["check", "--answers", Self.fixture("pre-seed.yml"), "--page", scratch.path])
        #expect(check.stderr.contains("error: \(scratch.path): is a folder, not a file\n"), "\(check.stderr)")
        try expectOneLineError(["render", "--answers", Self.fixture("pre-seed.yml"), "--output", scratch.file("missing/page.md")],
                               startsWith: "error: \(scratch.file("missing/page.md")): cannot write: the folder '\(scratch.file("missing"))' does not exist")
        try expectOneLineError(["render", "--answers", Self.fixture("pre-seed.yml"), "--sections", scratch.file("none")],
                               startsWith: "error: \(scratch.file("none")): no such folder")
    }

    @Test func badSectionFilesAreNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("sections/plain.md", "# Just Markdown\n")
        try expectOneLineError(["sections", "--sections", scratch.file("sections")],
                               startsWith: "error: \(scratch.file("sections/plain.md")):1: no front matter")
        try FileManager.default.removeItem(atPath: scratch.file("sections/plain.md"))
        try scratch.write("sections/kind.md", "---\nid: x\ntitle: X\norder: 1\nguidance: {who: a, why: b}\nquestions:\n  - {id: q, kind: dial, label: Q}\n---\n")
        try expectOneLineError(["sections", "--sections", scratch.file("sections")],
                               startsWith: "error: \(scratch.file("sections/kind.md")):7:19: unknown question kind 'dial'")
    }

    // MARK: - Where output goes: nothing destroyed, nothing left half-done

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aStandardOutputThatCannotBeWrittenIsAnErrorNotACrash() throws {
        for arguments in [["render", "--answers", Self.fixture("pre-seed.yml")], ["sections"]] {
            let result = try Run.tool(arguments, stdout: "/dev/full")
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "error: standard output: cannot write: No space left on device\n", "\(arguments)")
        }
    }

    @Test func theAnswersFileIsNeverAnOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = try String(contentsOfFile: Self.fixture("pre-seed.yml"), encoding: .utf8)
        let answers = try scratch.write("a.yml", text)
        try expectOneLineError(["render", "--answers", answers, "--output", answers],
                               startsWith: "error: \(answers): is the answers file; nothing was written")
        try expectOneLineError(["security-txt", "--answers", answers, "-o", scratch.file("./a.yml")],
                               startsWith: "error: \(answers): is the answers file; nothing was written")  // `./` folded away
        #expect(scratch.read("a.yml") == text)

        // Named in outputs, with --force too; and two outputs on one file.
        try scratch.write("b.yml", text + "outputs: {page: b.yml}\n")
        try expectOneLineError(["export", "--answers", scratch.file("b.yml"), "--force"],
                               startsWith: "error: \(scratch.file("b.yml")):33: outputs.page (\(scratch.file("b.yml"))) is the same file as the answers file; nothing was written")
        try scratch.write("c.yml", text + "outputs: {page: same.txt, security_txt: same.txt}\n")
        try expectOneLineError(["export", "--answers", scratch.file("c.yml")],
                               startsWith: "error: \(scratch.file("c.yml")):33: outputs.security_txt (\(scratch.file("same.txt"))) is the same file as outputs.page")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("same.txt")))
    }

    @Test("Short relative names work: one letter, in this folder and beside the answers")
    func shortRelativeNames() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("b", try String(contentsOfFile: Self.fixture("pre-seed.yml"), encoding: .utf8) + "outputs: {page: p}\n")
        let render = try Run.tool(["render", "--answers", "b", "-o", "x"], in: scratch.path)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(scratch.read("x")?.hasPrefix("# ") == true)
        let export = try Run.tool(["export", "--answers", "b"], in: scratch.path)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout == "wrote p\n")
        let check = try Run.tool(["check", "--answers", "b"], in: scratch.path)
        #expect(!check.stderr.contains("crashed"), "\(check.stderr)")
    }

    @Test func aLinkKeepsPointingAtItsFileAndAFileKeepsItsPermissions() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("site/page.md", "old\n")
        #expect(chmod(scratch.file("site/page.md"), 0o664) == 0)
        try FileManager.default.createSymbolicLink(atPath: scratch.file("link.md"), withDestinationPath: "site/page.md")
        // --force: "old" was not written by us, and this test is about the link.
        let result = try Run.tool(["render", "--answers", Self.fixture("pre-seed.yml"), "--output", scratch.file("link.md"), "--force"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.file("link.md")) == "site/page.md")
        #expect(scratch.read("site/page.md")?.hasPrefix("# ") == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.file("site/page.md"))
        #expect((attributes[.posixPermissions] as? Int) == 0o664)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("site")) == ["page.md"], "no temporary file left")
    }

    @Test func devicesAndPipesAreNotReplaced() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fifo = scratch.file("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        try expectOneLineError(["render", "--answers", Self.fixture("pre-seed.yml"), "--output", fifo],
                               startsWith: "error: \(fifo): cannot write: it is not a regular file (a device, pipe or socket); to print to standard output use '-'")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "still a pipe")
        try expectOneLineError(["render", "--answers", Self.fixture("pre-seed.yml"), "--output", "/dev/null"],
                               startsWith: "error: /dev/null: cannot write: it is not a regular file")
        #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "still a device")
    }

    /// A full disk, made with a 16 KiB tmpfs (needs root: skipped otherwise).
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aFullDiskLeavesThePreviousPageIntact() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try withTmpfs(in: scratch, "disk", size: "16k") { disk in
            let page = disk + "/security.md"
            #expect(try Run.tool(["render", "--answers", Self.fixture("later-health.yml"), "--output", page]).status == 0)
            let before = try String(contentsOfFile: page, encoding: .utf8)
            #expect(before.utf8.count > 8 * 1024, "the page must not fit twice on the disk")

            // Writing it again needs a second copy beside the first: the disk is full.
            try expectOneLineError(["render", "--answers", Self.fixture("later-health.yml"), "--format", "hugo", "--output", page],
                                   startsWith: "error: \(page): cannot write: No space left on device")
            #expect(try String(contentsOfFile: page, encoding: .utf8) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["security.md"], "no temporary file left")
        }
    }

    /// A read-only file system stops even root (skipped and saying why without root).
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aReadOnlyFileSystemLeavesThePreviousFilesIntact() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try withTmpfs(in: scratch, "site", size: "1m") { disk in
            let answers = try scratch.write("a.yml", try String(contentsOfFile: Self.fixture("pre-seed.yml"), encoding: .utf8)
                + "outputs: {page: site/security.md}\n")
            #expect(try Run.tool(["export", "--answers", answers]).status == 0)
            let before = try String(contentsOfFile: disk + "/security.md", encoding: .utf8)
            #expect(try Run.command("mount", ["-o", "remount,ro", disk]).status == 0)

            try scratch.write("a.yml", scratch.read("a.yml")!.replacingOccurrences(of: "controls: [firewall]", with: "controls: [firewall, ids-ips]"))
            try expectOneLineError(["export", "--answers", answers],
                                   startsWith: "error: \(disk)/security.md: cannot write: Read-only file system")
            #expect(try String(contentsOfFile: disk + "/security.md", encoding: .utf8) == before)
        }
    }

    /// Runs `body` with a tmpfs of `size` mounted at the new folder `name` of
    /// `scratch`, unmounted afterwards whatever happens.
    func withTmpfs(in scratch: Scratch, _ name: String, size: String, _ body: (String) throws -> Void) throws {
        let disk = scratch.file(name)
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mount = try Run.command("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", disk])
        try #require(mount.status == 0, "cannot mount a tmpfs here: \(mount.stderr)")
        defer { _ = try? Run.command("umount", [disk]) }
        try body(disk)
    }

    @Test func securityTxtRefusesAnExpiredFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var text = try String(contentsOfFile: Self.fixture("pre-seed.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "reviewed: 2026-11-02", with: "reviewed: 2020-01-01")
        let answers = try scratch.write("a.yml", text)
        try expectOneLineError(["security-txt", "--answers", answers],
                               startsWith: "error: \(answers): cannot write security.txt: it would have expired on 2020-12-31")
    }

    static func utcToday() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let d = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!)
    }
}
