import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The wizard driven by keystrokes in a real terminal (tmux), as a person would.
@Suite("Wizard in tmux", .serialized,
       .enabled(if: TmuxWizard.enabled, "tmux is not installed (with CI=true a missing tmux fails instead)"))
struct WizardTmuxTests {
    static let company = "Données Sécurisées 日本"

    /// Company, domain, contact, then the profile: Series A, personal data,
    /// enterprise customers, no payments, downtime not critical, cloud. Each
    /// key waits for what the one before it showed (the typed text, the pick,
    /// the focus on the next question), so a late frame cannot make a key land
    /// on another field; it ends with the focus on "Continue to the plan".
    func answerProfile(_ wizard: TmuxWizard) throws {
        try wizard.waitFor("Company name")
        try wizard.type(Self.company)
        try wizard.waitFor("[" + Self.company)
        try wizard.keys("Enter")
        try wizard.type("example.com")
        try wizard.waitFor("[example.com")
        try wizard.keys("Enter")
        try wizard.type("security@example.com")
        try wizard.waitFor("[security@example.com")
        try wizard.keys("Enter")
        // Space picks, Enter goes on to the next question. "›" marks the focus:
        // each wait below is for a line that the screen before it did not show.
        try wizard.waitFor("› ( ) Pre-seed")
        try wizard.keys("Down", "Down", "Space")
        try wizard.waitFor("› (•) Series A")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) No user data")
        try wizard.keys("Down", "Down", "Space")
        try wizard.waitFor("› (•) Personal data")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) Yes")                    // enterprise customers
        try wizard.keys("Space")
        try wizard.waitFor("› (•) Yes")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) Yes")                    // payments
        try wizard.keys("Down", "Space")
        try wizard.waitFor("› (•) No")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) Yes")                    // downtime critical
        try wizard.keys("Down", "Space")
        try wizard.waitFor("› (•) No")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) Cloud providers only")
        try wizard.keys("Space")
        try wizard.waitFor("› (•) Cloud providers only")
        try wizard.keys("Enter")
        try wizard.waitFor("› ( ) Yes")                    // customer data to AI models
        try wizard.keys("Down", "Space")
        try wizard.waitFor("› (•) No")
        try wizard.keys("Enter")
        try wizard.waitFor("› Continue to the plan")
    }

    /// From the export step's first question, past its three questions
    /// (left as they are) to "Write the files".
    /// Answers reviewed before ask first whether this write is a review of
    /// every answer or a correction: `review` picks one (Space), then Tab.
    func toWrite(_ wizard: TmuxWizard, review: ReviewPick? = nil) throws {
        try wizard.waitFor("Where the page will be published")
        try wizard.keys("Tab")
        try wizard.waitFor("› ( ) Markdown, plain")
        try wizard.keys("Tab")
        try wizard.waitFor("› [")
        try wizard.keys("Tab")
        if let review { try pickReview(wizard, review) }
        try wizard.waitFor("› Write the files")
    }

    enum ReviewPick { case current, correction }

    /// On the export's review-date question (focused on its first choice):
    /// picks one and goes on to Write with Tab.
    func pickReview(_ wizard: TmuxWizard, _ review: ReviewPick) throws {
        try wizard.waitFor("› ( ) A review: every answer is current")
        if review == .correction {
            try wizard.keys("Down")
            try wizard.waitFor("› ( ) A correction: reviewed stays")
        }
        try wizard.keys("Space")
        try wizard.waitFor(review == .current ? "› (•) A review" : "› (•) A correction")
        try wizard.keys("Tab")
    }

    /// M in the title bar's "section n of M".
    static func sectionCount(_ screen: String) -> Int? {
        guard let range = screen.range(of: "section 1 of ") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("A first run from nothing to exported files, by keystrokes")
    func firstRun() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }

        try answerProfile(wizard)
        try wizard.keys("Enter")
        var plan = try wizard.waitFor("Step 2 of 5")
        // The plan's why pane is closed until i opens it, and i closes it again.
        #expect(!plan.contains("Recommended for:") && plan.contains("i why"), "the plan opens with its pane closed:\n\(plan)")
        try wizard.keys("i")
        plan = try wizard.waitFor("Overview · recommended for every company")
        #expect(plan.contains("Recommended for: Every company. This section opens the page.") && plan.contains("i hide why"))
        try wizard.keys("i")
        try wizard.waitUntil("the pane to close") { (try? wizard.screen())?.contains("Recommended for:") == false }
        try wizard.keys("Enter")
        try wizard.waitFor("Recommended for: Every company. This section opens the page.")
        let opened = try wizard.waitFor("Step 3 of 5 · section 1 of ")
        let count = try #require(Self.sectionCount(opened), "no section count in the title bar:\n\(opened)")
        try wizard.keys("Space", "Down", "Down", "Space")  // intro: yes; invite readers: yes
        try wizard.waitFor("This page summarizes the security practices")
        // Walk through every other section without answering. Every key waits
        // for the screen it is meant for: End only once section n shows, Enter
        // only once the focus is on its "Next" button. A key sent before a late
        // frame would otherwise land on the next screen (and skip the review).
        for section in 1...count {
            try wizard.waitFor("section \(section) of \(count)")  // "1 of 14" is not in "11 of 14"
            try wizard.keys("End")
            try wizard.waitFor(section < count ? "› Next: " : "› Next: review →")
            try wizard.keys("Enter")
        }
        try wizard.waitFor("Step 4 of 5")
        // The review lists more sections than 24 rows show: the export button
        // is below them, reached with End.
        try wizard.waitFor("› Company and profile")
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try toWrite(wizard)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let answers = try #require(scratch.read("security-overview.yml"))
        #expect(answers.contains("name: \(Self.company)"))
        #expect(answers.contains("domain: example.com"))
        #expect(answers.contains("security_contact: security@example.com"))
        #expect(answers.contains("stage: series-a"))
        #expect(answers.contains("data: personal"))
        #expect(answers.contains("hosting: cloud"))
        #expect(answers.contains("ai_customer_data: false"))
        #expect(answers.contains("intro: true"))
        #expect(answers.contains("invite_contact: true"))
        #expect(answers.contains("reviewed: "))
        let page = try #require(scratch.read("security-overview.md"))
        #expect(page.contains("## Overview"))
        #expect(page.contains("Sécurisées"))
        #expect(scratch.read("security-overview.yml.draft") == nil, "the draft is removed once exported")
    }

    static let lastYear = """
        version: 1
        company:
          name: Acme
          domain: acme.example
          security_contact: security@acme.example
        profile:
          stage: seed
          data: usage
          enterprise_customers: false
          accepts_payments: false
          availability_critical: false
          hosting: cloud
        sections:
          overview:
            include: true
            answers:
              intro: true
              invite_contact: true
        reviewed: 2025-11-01

        """

    @Test("A revise run: open last year's answers at the review, change two, export")
    func reviseRun() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write("security-overview.yml", Self.lastYear)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", path])
        defer { wizard.kill() }

        var screen = try wizard.waitFor("Step 4 of 5")
        #expect(screen.contains("Acme · acme.example"))
        #expect(screen.contains("new"), "sections the file has no entry for are marked new")

        // 1. The overview's introduction: yes -> no.
        try wizard.keys("Down", "Down", "Enter")
        try wizard.waitFor("Recommended for: Every company. This section opens the page.")
        try wizard.keys("Down", "Space", "Escape")
        screen = try wizard.waitFor("edited")
        #expect(screen.contains("Overview"))

        // 2. The company name.
        try wizard.keys("Home", "Enter")
        try wizard.waitFor("Company name")
        try wizard.keys("C-u")
        try wizard.type("Acme Labs")
        try wizard.waitFor("[Acme Labs")
        try wizard.keys("Escape")
        try wizard.waitFor("Acme Labs · acme.example")

        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try toWrite(wizard, review: .current)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let after = try #require(scratch.read("security-overview.yml"))
        let removed = Set(Self.lastYear.split(separator: "\n")).subtracting(after.split(separator: "\n"))
        let added = Set(after.split(separator: "\n")).subtracting(Self.lastYear.split(separator: "\n"))
        #expect(removed.contains("  name: Acme"))
        #expect(removed.contains("      intro: true"))
        #expect(added.contains("  name: Acme Labs"))
        #expect(added.contains("      intro: false"))
        #expect(removed.contains("reviewed: 2025-11-01"))
        #expect(after.contains("invite_contact: true"), "answers not touched stay")
        #expect(scratch.read("security-overview.md")?.contains("Acme Labs") == true)
    }

    @Test("Resizing to 50x14 asks for a larger window; growing back goes on with nothing lost")
    func resize() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }

        try wizard.waitFor("Company name")
        try wizard.type(Self.company)
        try wizard.waitFor("[\(Self.company)")
        try wizard.resize(width: 50, height: 14)
        try wizard.waitFor("Please enlarge the window")
        try wizard.resize(width: 80, height: 24)
        let screen = try wizard.waitFor("Company name")
        #expect(screen.contains("[\(Self.company)"))
        #expect(!screen.contains("Please enlarge"))
        // Still taking keys: the domain goes in the next field.
        try wizard.keys("Enter")
        try wizard.type("example.com")
        try wizard.waitFor("[example.com")
    }

    @Test("Two lines pasted into a one-line field stay in it; keys in a resized-down window wait")
    func pasteAndTooSmall() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }

        try wizard.waitFor("Company name")
        try wizard.keys("Tab")
        try wizard.paste("acme.example\nsecond line")
        // The message comes last in the frame: wait for it, not for the field.
        let screen = try wizard.waitFor("is not a domain like example.com")
        #expect(screen.contains("[acme.example second line"))
        #expect(!screen.contains("[second line"), "nothing went into the security contact")

        try wizard.resize(width: 50, height: 14)
        try wizard.waitFor("Please enlarge the window")
        try wizard.keys("C-u", "x")
        // Keys into a window that stays too small are dropped once it has
        // stayed so for longer than a terminal takes to report a new size.
        Thread.sleep(forTimeInterval: 0.6)
        try wizard.resize(width: 80, height: 24)
        try wizard.waitFor("[acme.example second line")
    }

    @Test("In a storm of resizes across the minimum size, keys typed as it grows back all arrive")
    func resizeStorm() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }
        try wizard.waitFor("Company name")
        var typed = ""
        for round in 1...3 {
            for _ in 1...3 {
                try wizard.resize(width: 50, height: 12)
                try wizard.resize(width: 80, height: 24)
            }
            // Typed at once: tmux can hand these over before the new size.
            try wizard.type("Acme\(round)")
            typed += "Acme\(round)"
        }
        try wizard.waitFor("[\(typed)")
    }

    @Test("Quitting after the window grew leaves nothing of the wizard's screen behind")
    func quitAfterGrowing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }
        try wizard.waitFor("Company name")
        try wizard.type(Self.company)
        try wizard.resize(width: 120, height: 40)
        try wizard.waitUntil("the wizard to draw at 120 columns") {
            (try? wizard.screen())?.split(separator: "\n").first.map { $0.count > 100 } == true
        }
        try wizard.keys("C-c")
        try wizard.waitFor("Quit without saving")
        try wizard.keys("Down", "Enter")
        #expect(try wizard.exitStatus() == 0)
        let after = try wizard.waitFor("Not saved", history: true)
        for leftover in ["Company name", "Security Overview ·", "Quit without saving", "│"] {
            #expect(!after.contains(leftover), "'\(leftover)' is still on the screen: \(after)")
        }
    }

    @Test("SIGTERM in the middle restores the terminal; the next start resumes with every answer")
    func sigtermThenResume() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path)
        defer { wizard.kill() }

        try wizard.waitFor("Company name")
        try wizard.type(Self.company)
        try wizard.keys("Enter")
        try wizard.type("example.com")
        try wizard.keys("Enter", "Enter")  // no contact yet
        try wizard.keys("Down", "Down", "Space")  // Series A
        try wizard.waitFor("(•) Series A")
        let draft = scratch.file("security-overview.yml.draft")
        try wizard.waitUntil("the draft to hold the stage") {
            (try? String(contentsOfFile: draft, encoding: .utf8))?.contains("stage: series-a") == true
        }
        kill(try wizard.pid(), SIGTERM)
        #expect(try wizard.exitStatus() == 128 + Int(SIGTERM))
        let after = try wizard.waitFor("Stopped by signal", history: true)
        #expect(after.contains("Stopped by signal"), "the message printed after endwin shows: \(after)")
        #expect(!after.contains("Company name"), "the wizard's screen is gone (terminal restored)")

        try wizard.restart()
        try wizard.waitFor("Resume the draft")
        try wizard.keys("Enter")
        let screen = try wizard.waitFor("Company name")
        #expect(screen.contains("[\(Self.company)"))
        #expect(screen.contains("[example.com"))
        #expect(screen.contains("(•) Series A"))
    }

    @Test("TERM=dumb and TERM unset ask line by line instead; a broken answers file gives one line and leaves the terminal alone")
    func unusableTerminal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wizard = try TmuxWizard(in: scratch.path, environment: ["TERM": "dumb"])
        defer { wizard.kill() }
        var screen = try wizard.waitFor("Answer [Enter: skip]:", history: true)
        #expect(screen.contains("TERM=dumb cannot move the cursor, which the wizard needs: answering line by line instead."))
        try wizard.type("quit")
        try wizard.keys("Enter")
        #expect(try wizard.exitStatus() == 0)

        try wizard.restart([], environment: ["TERM": ""])
        screen = try wizard.waitFor("TERM is not set: answering line by line instead.", history: true)
        try wizard.type("quit")
        try wizard.keys("Enter")
        #expect(try wizard.exitStatus() == 0)

        let broken = try scratch.write("broken.yml", "version: 1\nprofile:\n  stage: huge\n")
        try wizard.restart(["--answers", broken])
        // The file named as a person writes it: relative to the folder the wizard runs in.
        screen = try wizard.waitFor("error: broken.yml:3:", history: true)
        #expect(try wizard.exitStatus() == 1)
        let render = try Run.tool(["render", "--answers", broken], in: scratch.path)
        #expect(screen.contains(render.stderr.trimmingCharacters(in: .whitespacesAndNewlines)),
                "the same error as render prints")
    }
}

/// Not in tmux: no terminal at all.
@Suite("Wizard without a terminal")
struct WizardNoTerminalTests {
    @Test("Standard input and output not a TTY: one line saying to use render, exit non-zero, nothing on stdout")
    func noTTY() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try Run.tool(["wizard", "--answers", scratch.file("security-overview.yml")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("not a TTY"))
        #expect(result.stderr.contains("security-overview render --answers FILE"))
        #expect(!result.stderr.contains("\u{1B}"))
    }

    @Test("A draft that cannot be read stops the wizard, says where and why, and stays as it was")
    func unreadableDraft() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = scratch.file("security-overview.yml")
        let text = "version: 1\ncompany:\n  name: Unsaved Co\nprofile:\n  stage: huge\n"
        let draft = try scratch.write("security-overview.yml.draft", text)
        let result = try Run.tool(["wizard", "--answers", answers])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "error: \(draft):5:10: profile.stage 'huge' is not one of 'pre-seed', 'seed', 'series-a', 'series-b', 'later'",
            "error: \(draft): unsaved answers that cannot be resumed; fix the file or move it away, then start again",
        ])
        // Started anyway, the first autosave would have replaced it.
        #expect(scratch.read("security-overview.yml.draft") == text)
    }
}
