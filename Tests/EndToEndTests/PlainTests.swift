import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The plain mode of the real binary: fed through a real pipe, and side by
/// side with the full-screen wizard in tmux.
@Suite("Plain mode")
struct PlainTests {
    /// Runs `security-overview ARGS` in `folder` with `input` written into a
    /// real pipe (`cat FILE | security-overview ...`), as a script feeds it.
    static func piped(_ input: [String], _ arguments: [String], in folder: Scratch,
                      environment: [String: String] = [:]) throws -> RunResult {
        let script = try folder.write(".input-\(UUID().uuidString.prefix(8))", input.map { $0 + "\n" }.joined())
        defer { unlink(script) }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ACCESSIBLE")
        env.merge(environment) { $1 }
        return try Run.command("/bin/sh", ["-c", "input=$1; shift; cd \"$0\" && cat \"$input\" | exec \"$@\"",
                                           folder.path, script, Run.binary] + arguments,
                               environment: env)
    }

    /// The position of `id` among the catalog's sections (from `sections --format json`).
    static func sectionIndex(_ id: String) throws -> Int {
        let listing = try Run.tool(["sections", "--format", "json"])
        let sections = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        return try #require(sections.firstIndex { $0["id"] as? String == id })
    }

    static let profile = ["Acme Analytics", "example.com", "security@example.com", "2", "2", "n", "n", "n", "1", "n"]

    @Test("A whole walk fed through a pipe: the conversation on standard output, no escape, the files written")
    func pipe() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let input = Self.profile + ["", "y", "y", "n", "review", "",
                                    "", "", "",  // the export's questions left open
                                    ""]
        let result = try Self.piped(input, ["wizard", "--plain"], in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("\u{1B}"))
        // Each line read is written after its prompt, so the output reads as the conversation.
        #expect(result.stdout.contains("Company name (required)\nAs it should appear in the page title.\nAnswer [Enter: skip]: Acme Analytics\n"))
        #expect(result.stdout.contains("Wrote security-overview.yml, security-overview.md"))
        let answers = try #require(scratch.read("security-overview.yml"))
        #expect(answers.contains("name: Acme Analytics"))
        #expect(answers.contains("      intro: true"))
        #expect(answers.contains("reviewed: "))
        #expect(scratch.read("security-overview.md")?.contains("## Overview") == true)
        #expect(scratch.read("security-overview.yml.draft") == nil)
    }

    @Test("End of input in the middle of a section keeps every answer; the next run resumes, ACCESSIBLE asking for the plain mode")
    func endOfInputThenResume() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try Self.piped(Self.profile + ["", "y"], ["--plain"], in: scratch)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("End of input.\nYour answers are kept in security-overview.yml.draft"))
        #expect(first.stdout.contains("Still open:\n"))
        let draft = try #require(scratch.read("security-overview.yml.draft"))
        #expect(draft.contains("name: Acme Analytics"))
        #expect(draft.contains("hosting: cloud"))
        #expect(draft.contains("      intro: true"))
        #expect(scratch.read("security-overview.yml") == nil)

        let second = try Self.piped(["1", "quit", "1"], [], in: scratch, environment: ["ACCESSIBLE": "1"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("A draft from an earlier session was found"))
        #expect(second.stdout.contains("Step 4 of 5: Review"))
        #expect(second.stdout.contains("Overview: incomplete"))
        let saved = try #require(scratch.read("security-overview.yml"))
        #expect(saved.contains("      intro: true"), "the resumed answers, saved")
        #expect(scratch.read("security-overview.yml.draft") == nil)
    }

    @Test("Without a terminal and without --plain, one line that points to --plain and render")
    func refusedWithoutTerminal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try Self.piped(["Acme"], ["wizard"], in: scratch)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--plain"))
        #expect(scratch.read("security-overview.yml.draft") == nil)
    }
}

/// The same walk in the full-screen wizard and in the plain mode.
@Suite("Plain mode and full screen", .serialized,
       .enabled(if: TmuxWizard.enabled, "tmux is not installed (with CI=true a missing tmux fails instead)"))
struct PlainVersusFullScreenTests {
    @Test("The same answers through the full screen in tmux and through --plain give byte-identical answers files and pages")
    func sameFiles() throws {
        let screen = try Scratch()
        defer { screen.remove() }
        let wizard = try TmuxWizard(in: screen.path)
        defer { wizard.kill() }

        // Series A, personal data, enterprise customers, no payments, downtime not critical, cloud.
        try WizardTmuxTests().answerProfile(wizard)
        try wizard.waitFor("Continue to the plan")
        try wizard.keys("Enter")
        try wizard.waitFor("Step 2 of 5")
        try wizard.keys("Enter")
        try wizard.waitFor("Recommended for: Every company. This section opens the page.")
        // Intro yes, invite yes, the security.txt link left open, languages typed.
        try wizard.keys("Space", "Down", "Down", "Space", "Tab", "Tab")
        try wizard.type("en, fr")
        try wizard.waitFor("[en, fr")
        // On to network security; two controls ticked.
        // On from a text field: PgDn moves the focus out of it (End and Enter
        // would edit a multi-line one), End reaches the button; Enter only
        // once the focus shows on it. Bounded, so a wrong turn fails the test.
        func goOn() throws {
            try wizard.keys("PageDown", "PageDown", "PageDown", "PageDown", "End")
            try wizard.waitUntil("the focus on the button to go on") {
                let screen = (try? wizard.screen()) ?? ""
                return screen.contains("› Next") || screen.contains("› Export: write")
            }
            try wizard.keys("Enter")
        }
        var steps = 0
        while !(try wizard.screen()).contains("Controls that protect our network") {
            try goOn()
            steps += 1
            if steps > 30 { throw WizardTestFailure("never reached network security") }
            usleep(150_000)
        }
        try wizard.keys("Home", "Space", "Down", "Down", "Down", "Space")
        try wizard.waitFor("[x] A firewall")
        var pages = 0
        while !(try wizard.screen()).contains("Step 4 of 5") {
            try goOn()
            pages += 1
            if pages > 30 { throw WizardTestFailure("never reached the review") }
            usleep(150_000)
        }
        // The review's rows run past the screen: End, then Enter once the button has the focus.
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try WizardTmuxTests().toWrite(wizard)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let plain = try Scratch()
        defer { plain.remove() }
        let row = 3 + (try PlainTests.sectionIndex("network-security"))
        let input = [WizardTmuxTests.company, "example.com", "security@example.com", "3", "3", "y", "n", "n", "1", "n",
                     "",                          // the plan as recommended
                     "y", "y", "", "en, fr",      // overview
                     "review", String(row), "1,4", "review",
                     "", "", "", "", ""]          // export, its three questions left open, write
        let result = try PlainTests.piped(input, ["--plain"], in: plain)
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")

        for file in ["security-overview.yml", "security-overview.md"] {
            let full = try #require(screen.read(file), "\(file) from the full screen")
            let lines = try #require(plain.read(file), "\(file) from the plain mode")
            #expect(Data(full.utf8) == Data(lines.utf8), "\(file) differs:\n--- full screen\n\(full)\n--- plain\n\(lines)")
        }
        #expect(screen.read("security-overview.yml")?.contains("controls: [security-zones, firewall]") == true)
        #expect(screen.read("security-overview.yml")?.contains("preferred_languages: en, fr") == true)
    }
}
