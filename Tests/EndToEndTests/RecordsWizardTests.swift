import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The subprocessors list edited in the real wizard, in tmux, by keystrokes:
/// records added, edited, reordered and removed, then the files written.
/// And "answer what is new" walked on an answers file older than the catalog.
@Suite("Records and what is new, in tmux", .serialized,
       .enabled(if: TmuxWizard.enabled, "tmux is not installed (with CI=true a missing tmux fails instead)"))
struct RecordsWizardTests {
    /// Exported before the catalog had most of today's sections: the
    /// subprocessors section is on the page, with no subprocessor yet.
    static let answers = """
        version: 1
        company:
          name: Acme
          domain: acme.example
          security_contact: security@acme.example
        profile:
          stage: seed
          data: personal
          enterprise_customers: false
          accepts_payments: false
          availability_critical: false
          hosting: cloud
          ai_customer_data: false
        sections:
          subprocessors:
            include: true
            answers:
              dpa_available: true
        reviewed: 2026-11-01

        """

    /// The line of the screen that holds the focus mark.
    static func focusLine(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.hasPrefix(" › ") }.map(String.init) ?? ""
    }

    /// `key` until the focus is on a line containing `text`: at most `limit`
    /// presses, each waiting for the screen to change before the next.
    func press(_ wizard: TmuxWizard, _ key: String, untilFocusOn text: String, limit: Int = 40) throws {
        var screen = try wizard.screen()
        for _ in 0..<limit {
            if Self.focusLine(screen).contains(text) { return }
            let before = screen
            try wizard.keys(key)
            let deadline = Date().addingTimeInterval(5)
            repeat {
                usleep(30_000)
                screen = try wizard.screen()
            } while screen == before && Date() < deadline
        }
        throw WizardTestFailure("the focus never reached \"\(text)\"; the screen was:\n\(screen)")
    }

    /// Types `text` into the focused box and waits until the box shows it.
    func fill(_ wizard: TmuxWizard, _ text: String) throws {
        try wizard.type(text)
        try wizard.waitFor("› [" + text)
    }

    @Test("Two subprocessors added, one edited, reordered with Shift-↑, a third removed; the file and the page's table follow")
    func addEditReorderRemove() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write("security-overview.yml", Self.answers)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", path])
        defer { wizard.kill() }

        try wizard.waitFor("Step 4 of 5")
        try press(wizard, "Down", untilFocusOn: "Subprocessors")
        try wizard.keys("Enter")
        try wizard.waitFor("› + Add a subprocessor")

        // 1. Amazon Web Services, with Enter from field to field and to Save.
        try wizard.keys("Enter")
        try wizard.waitFor("New subprocessor")
        try fill(wizard, "Amazon Web Services")
        try wizard.keys("Enter")
        try fill(wizard, "Hosting")
        try wizard.keys("Enter")
        try fill(wizard, "EU (Frankfurt)")
        try wizard.keys("Enter", "Enter")  // past the link, left empty, to Save
        try wizard.waitFor("› Save this subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("Added the subprocessor Amazon Web Services")
        try wizard.waitFor("› 1. Amazon Web Services · Hosting · EU (Frankfurt)")

        // 2. Stripe, with Tab; a link that is not one is refused first.
        try wizard.keys("Down")
        try wizard.waitFor("› + Add a subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("New subprocessor")
        try fill(wizard, "Stripe | Payments")
        try wizard.keys("Tab")
        try fill(wizard, "Payments")
        try wizard.keys("Tab")
        try fill(wizard, "United States")
        try wizard.keys("Tab")
        try fill(wizard, "stripe.com/privacy")
        try wizard.waitFor("✗ 'stripe.com/privacy' is not an https:// URL")
        try wizard.keys("Tab")
        try wizard.waitFor("› Save this subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("Not saved: Link to its security or privacy page is not valid")
        try wizard.keys("C-u")
        try fill(wizard, "https://stripe.com/privacy")
        try wizard.keys("Tab")
        try wizard.waitFor("› Save this subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("› 2. Stripe | Payments · Payments · United States")

        // 3. A third, to remove later.
        try wizard.keys("Down")
        try wizard.waitFor("› + Add a subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("New subprocessor")
        try fill(wizard, "Postmark")
        try wizard.keys("C-s")  // keeps the record and writes the answers file
        try wizard.waitFor("› 3. Postmark")

        // Edit Stripe's purpose; Esc on a second try drops what was typed.
        try wizard.keys("Up")
        try wizard.waitFor("› 2. Stripe | Payments")
        try wizard.keys("Enter")
        try wizard.waitFor("Subprocessor 2 of 3")
        try wizard.keys("Tab", "C-u")
        try fill(wizard, "Card payments")
        try wizard.keys("Tab", "Tab", "Tab")
        try wizard.waitFor("› Save this subprocessor")
        try wizard.keys("Enter")
        try wizard.waitFor("Saved the subprocessor Stripe | Payments")
        try wizard.waitFor("› 2. Stripe | Payments · Card payments · United States")
        try wizard.keys("Enter")
        try wizard.waitFor("Subprocessor 2 of 3")
        try wizard.keys("C-u")
        try fill(wizard, "Not Stripe")
        try wizard.keys("Escape")
        try wizard.waitFor("› 2. Stripe | Payments · Card payments")

        // Reorder: Stripe to the top with Shift-↑ (the terminal's ESC [1;2A).
        try wizard.keys("S-Up")
        try wizard.waitFor("› 1. Stripe | Payments")
        try wizard.keys("Down")
        try wizard.waitFor("› 2. Amazon Web Services")

        // Remove Postmark, put it back with u, remove it again with Delete.
        try wizard.keys("Down")
        try wizard.waitFor("› 3. Postmark")
        try wizard.keys("d")
        try wizard.waitFor("Removed the subprocessor Postmark: u puts it back")
        try wizard.waitFor("› + Add a subprocessor")
        try wizard.keys("u")
        try wizard.waitFor("› 3. Postmark")
        try wizard.keys("DC")
        try wizard.waitFor("Removed the subprocessor Postmark")

        // The draft follows every change (written just after the frame).
        try wizard.waitUntil("the draft with the edit and without Postmark") {
            let draft = scratch.read("security-overview.yml.draft") ?? ""
            return draft.contains("Card payments") && !draft.contains("Postmark")
        }

        // Back to the review and write everything.
        try wizard.keys("Escape")
        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try WizardTmuxTests().toWrite(wizard, review: .current)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let file = try #require(scratch.read("security-overview.yml"))
        let records = file.split(separator: "\n").filter { $0.hasPrefix("      - {name: ") }
        #expect(records == [
            "      - {name: Stripe | Payments, purpose: Card payments, location: United States, link: 'https://stripe.com/privacy'}",
            "      - {name: Amazon Web Services, purpose: Hosting, location: EU (Frankfurt)}",
        ], "one record a line, in the order the list was left:\n\(file)")
        #expect(!file.contains("Postmark") && !file.contains("Not Stripe"))

        let page = try #require(scratch.read("security-overview.md"))
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Subprocessor |") && !$0.hasPrefix("| ---") }
        #expect(rows.count == 2, "\(page)")
        #expect(rows.first?.contains("[Stripe \\| Payments](https://stripe.com/privacy)") == true, "\(rows)")
        #expect(rows.first?.contains("Card payments") == true)
        #expect(rows.last?.contains("Amazon Web Services") == true)
        #expect(!page.contains("Postmark"))
    }

    @Test("n on the review walks only the new questions, then comes back; what was answered is in the file", arguments: [
        (80, 24), (60, 16),
    ])
    func answerWhatIsNew(width: Int, height: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Every section there was then, recorded; the subprocessors section
        // without its later questions (the list, the SCCs, the notice).
        let path = try scratch.write("security-overview.yml", Self.answers)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", path], width: width, height: height)
        defer { wizard.kill() }

        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("n")
        let first = try wizard.waitFor("What is new · page 1 of ")
        #expect(first.contains("Overview"))
        // Esc from the walk's first page goes back to the review.
        try wizard.keys("Escape")
        try wizard.waitFor("New questions: 0 of ")
        // The row above Export starts it too.
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Up")
        try wizard.waitFor("› Answer the ")
        try wizard.keys("Enter")
        try wizard.waitFor("What is new · page 1 of ")
        // The overview's first new question: the introduction, yes.
        try wizard.waitFor("› ( ) Yes")
        try wizard.keys("Space")
        try wizard.waitFor("› (•) Yes")
        // Then every page of the walk, each "Next" waited for: bounded by the
        // number of pages it said it has.
        let pages = try #require(Int(first.components(separatedBy: "page 1 of ").last?.prefix { $0.isNumber } ?? ""))
        // Tab goes from field to field (End and Enter would stay in a text box).
        for page in 1...pages {
            try wizard.waitFor("What is new · page \(page) of \(pages)")
            try press(wizard, "Tab", untilFocusOn: page < pages ? "Next new questions: " : "Back to the review →")
            try wizard.keys("Enter")
        }
        let back = try wizard.waitFor("New questions: 1 of ")
        #expect(back.contains("Step 4 of 5"))
        try wizard.keys("C-s")
        // The message names the file and wraps at 60 columns: "Saved" alone on its line.
        try wizard.waitFor("Saved")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        let file = try #require(scratch.read("security-overview.yml"))
        #expect(file.contains("      intro: true"), "the answer given in the walk is saved:\n\(file)")
    }

    @Test("The walk on a file without a newer profile question asks it first; a page passed and saved with ^S is seen, not never seen", arguments: [
        (80, 24), (60, 16),
    ])
    func passedQuestionsAreSeen(width: Int, height: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = Self.answers.replacingOccurrences(of: "  ai_customer_data: false\n", with: "")
        #expect(old != Self.answers)
        let path = try scratch.write("security-overview.yml", old)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", path], width: width, height: height)
        defer { wizard.kill() }

        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("n")
        // The profile question the file lacks comes first, on its own.
        let first = try wizard.waitFor("What is new · page 1 of ")
        #expect(first.contains("Security Overview · Company"), "\(first)")
        // Passed without an answer, then the overview's page passed too.
        try press(wizard, "Tab", untilFocusOn: "Next new questions: ")
        try wizard.keys("Enter")
        let second = try wizard.waitFor("What is new · page 2 of ")
        #expect(second.contains("Security Overview · Overview"), "\(second)")
        try press(wizard, "Tab", untilFocusOn: "Next new questions: ")
        try wizard.keys("Enter")
        try wizard.waitFor("What is new · page 3 of ")
        try wizard.keys("C-s")
        try wizard.waitFor("Saved")
        let file = try #require(scratch.read("security-overview.yml"))
        #expect(file.contains("      intro: ~"), "the question passed is recorded as left open:\n\(file)")
        let check = try Run.tool(["check", "--answers", path])
        let overview = check.stderr.split(separator: "\n").filter { $0.contains("'overview'") }
        #expect(overview.allSatisfy { !$0.contains("never") }, "\(check.stderr)")
        #expect(check.stderr.contains("profile.ai_customer_data is missing"), "passed, not answered: \(check.stderr)")
    }
}
