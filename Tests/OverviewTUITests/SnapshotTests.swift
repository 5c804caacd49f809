import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// Every screen drawn into the in-memory canvas at 80x24 and 120x40, compared
/// with text files in Snapshots/ (one quoted line per row, so trailing spaces
/// and wide characters show in diffs, then the cursor), and its styles with
/// `NAME.styles.txt` beside it (one letter per cell, see `StyleSheet`), so a
/// lost highlight fails as surely as a lost word. Re-record with `SNAPSHOT_RECORD=1`.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    /// A company that has answered the profile: Series A, personal data, cloud.
    static func profiled() -> WizardState {
        var state = firstRun()
        state.answers.company = Company(name: "Données Sécurisées 日本", domain: "example.com",
                                        securityContact: "security@example.com")
        state.answers.profile = Profile(stage: .seriesA, data: .personal, enterpriseCustomers: true,
                                        acceptsPayments: false, availabilityCritical: false, hosting: .cloud)
        return state
    }

    static func revised() -> WizardState {
        var file = profiled().answers
        file.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true), "invite_contact": .bool(true)])
        file.sections["data-encryption"] = SectionAnswers(include: true, answers: [
            "tls_in_transit": .bool(true), "tls_min_version": .choice("tls-1-2"), "at_rest": .bool(true),
        ])
        file.sections["ddos-protection"] = SectionAnswers(include: false)
        file.reviewed = "2025-11-01"
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        state.answers.sections["data-encryption"]!.answers["password_hashing"] = .choice("argon2")
        return state
    }

    /// What `diff -u` says of a page edited by hand (a claim nobody affirmed added).
    static let handEditDiff = """
        --- security-overview.md
        +++ security-overview.md (from the answers)
        @@ -3,7 +3,6 @@
         ## Data encryption
        -We are SOC 2 certified and encrypt everything.
         All traffic to our services uses TLS 1.2 or later.
        -Passwords are hashed.
        +Passwords are hashed with Argon2.

        """

    static let subprocessors: FieldID = .question(section: "subprocessors", question: "subprocessors")

    /// The subprocessors page with three records, the focus on the second.
    static func withRecords() -> WizardState {
        var state = profiled()
        state.answers.sections["subprocessors"] = SectionAnswers(include: true, answers: ["subprocessors": .records([
            ["name": "Amazon Web Services", "purpose": "Hosting and storage", "location": "EU (Frankfurt)"],
            ["name": "Postmark", "purpose": "Email delivery", "location": "United States", "link": "https://postmarkapp.com/eu-privacy"],
            ["name": "Stripe", "purpose": "Payments"],
        ])])
        state.step = .section("subprocessors")
        state.focus = testWizard.items(state).firstIndex(of: .record(subprocessors, 1))!
        return state
    }

    static let screens: [(String, @Sendable () -> WizardState)] = [
        ("section-records", { withRecords() }),
        ("section-records-removed", {
            var state = withRecords()
            send(&state, .recordRemoved)
            return state
        }),
        ("record-form-edit-invalid", {
            var state = withRecords()
            send(&state, .confirmed, .nextFieldFocused, .nextFieldFocused, .nextFieldFocused, .fieldCleared,
                 .textTyped("postmarkapp.com/privacy"), .nextFieldFocused, .confirmed)
            return state
        }),
        ("record-form-new", {
            var state = withRecords()
            state.focus = testWizard.items(state).firstIndex(of: .addRecord(subprocessors))!
            send(&state, .confirmed, .textTyped("Sentry"))
            return state
        }),
        ("review-walk-focused", {
            var state = revised()
            state.focus = testWizard.items(state).firstIndex(of: .newQuestionsRow)!
            return state
        }),
        ("walk-first-page", {
            var state = revised()
            send(&state, .newQuestionsWalkStarted)
            return state
        }),
        ("profile-empty", { firstRun() }),
        ("profile-typing", {
            var state = firstRun()
            send(&state, .textTyped("Données Sécurisées 日本"), .nextFieldFocused, .textTyped("example"))
            return state
        }),
        ("profile-answered", {
            var state = profiled()
            state.focus = testWizard.items(state).count - 1
            return state
        }),
        ("plan", {
            var state = profiled()
            state.step = .plan
            state.focus = 4
            return state
        }),
        ("section-data-encryption", {
            var state = profiled()
            state.step = .section("data-encryption")
            send(&state, .toggled, .focusMoved(by: 2), .toggled)
            return state
        }),
        ("section-security-team-multiline", {
            var state = profiled()
            state.step = .section("security-team")
            let items = testWizard.items(state)
            if let index = items.firstIndex(where: {
                if case .text(let field) = $0, testWizard.isMultiline(field) { return true }
                return false
            }) { state.focus = index }
            send(&state, .textTyped("Our team of three\nreviews every change."))
            return state
        }),
        ("section-pgdn-past-required", {
            var state = profiled()
            state.step = .section("business-continuity")
            send(&state, .focusMoved(by: 14))
            return state
        }),
        ("section-skipped", {
            var state = profiled()
            state.step = .section("payment-information")
            return state
        }),
        ("review-revise", { revised() }),
        ("review-page-preview", {
            var state = revised()
            send(&state, .pagePreviewToggled)
            return state
        }),
        ("export", {
            var state = revised()
            state.step = .export
            return state
        }),
        // A write that failed says why in full, above the key bar.
        ("export-write-failed", {
            var state = revised()
            state.step = .export
            state.message = WizardMessage(.error, "Nothing written: static/.well-known/security.txt: cannot write: the folder 'static/.well-known' does not exist")
            return state
        }),
        ("export-done", {
            var state = revised()
            state.step = .export
            state.answers.outputs = Outputs(format: .jekyll, securityTxt: ".well-known/security.txt", pageURL: "https://example.com/security/")
            state.focus = testWizard.items(state).firstIndex(of: .writeFiles)!
            send(&state, .exportSucceeded(paths: ["security-overview.yml", "security-overview.md", ".well-known/security.txt"], reviewed: "2026-11-29"))
            return state
        }),
        ("export-with-problems", {
            var state = firstRun()
            send(&state, .textTyped("Acme"), .nextFieldFocused, .textTyped("beta"))
            state.answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
            state.invalidText[.question(section: "overview", question: "encryption_url")] = "http://keys.acme.example/k.asc"
            state.step = .export
            state.focus = 0
            return state
        }),
        ("resume", {
            var draft = profiled().answers
            draft.sections["overview"] = SectionAnswers(answers: ["intro": .bool(true)])
            return testWizard.start(paths: testPaths, fileAnswers: nil, draft: draft)
        }),
        ("resume-over-answers-file", {
            var draft = revised().answers
            draft.company.name = "Données Sécurisées 日本 Labs"
            return testWizard.start(paths: testPaths, fileAnswers: revised().original, draft: draft)
        }),
        // The answers file changed since the draft began (a git pull brought
        // a SOC 2 answer): keeping the file comes first, and what differs is listed.
        ("resume-file-changed", {
            var file = revised().original
            file.sections["compliance"] = SectionAnswers(include: true, answers: ["frameworks": .choices(["gdpr"])])
            file.reviewed = "2026-06-01"
            var draft = revised().original
            draft.sections["data-encryption"]!.answers["at_rest"] = .bool(false)
            var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: draft, draftFileChanged: true)
            send(&state, .focusMoved(by: 1), .confirmed)
            return state
        }),
        // A revise writing again: review or correction, the correction picked.
        ("export-review-choice", {
            var state = revised()
            state.today = "2026-12-02"
            state.answers.outputs = Outputs(format: .hugo)
            state.focus = testWizard.items(state).count - 1   // the review's last row: Export
            send(&state, .confirmed)
            state.focus = testWizard.items(state).firstIndex(of: .reviewChoice(.correction))!
            send(&state, .toggled)
            return state
        }),
        // Notes from the answers file, dimmed and marked as never published.
        ("section-notes", {
            var state = revised()
            state.answers.sections["data-encryption"]!.note = "Checked against the KMS settings, March 2027"
            state.answers.sections["data-encryption"]!.notes["at_rest"] = "AES-256 on RDS and S3 (see infra repo)"
            state.step = .section("data-encryption")
            return state
        }),
        // n on a question: its note as a text field under the answer.
        ("section-note-editing", {
            var state = revised()
            state.answers.sections["data-encryption"]!.notes["tls_in_transit"] = "The load balancer's policy"
            state.step = .section("data-encryption")
            send(&state, .noteOpened, .caretMoved(.end), .textTyped(", checked in March"))
            return state
        }),
        ("profile-invalid-contact", {
            var state = firstRun()
            send(&state, .textTyped("Acme"), .nextFieldFocused, .textTyped("acme.example"),
                 .nextFieldFocused, .textTyped("security@"))
            return state
        }),
        ("profile-from-review", {
            var state = revised()
            send(&state, .confirmed)  // the review's first row: company and profile
            return state
        }),
        ("plan-not-recommended-focused", {
            var state = profiled()
            state.step = .plan
            let items = testWizard.items(state)
            state.focus = items.firstIndex(of: .sectionRow("payment-information")) ?? 0
            send(&state, .planDetailToggled)
            return state
        }),
        // The longest "Recommended for" reads whole in the pane under the list (`i`).
        ("plan-detail-whole", {
            var state = profiled()
            state.step = .plan
            let items = testWizard.items(state)
            state.focus = items.firstIndex(of: .sectionRow("employee-access")) ?? 0
            send(&state, .planDetailToggled)
            return state
        }),
        ("section-overview-invalid-url", {
            var state = profiled()
            state.step = .section("overview")
            send(&state, .toggled)
            if let index = testWizard.items(state).firstIndex(of: .text(.question(section: "overview", question: "encryption_url"))) {
                state.focus = index
            }
            send(&state, .textTyped("http://keys.example.com/k.asc"))
            return state
        }),
        ("section-multiple-choice", {
            var state = profiled()
            state.step = .section("infrastructure")
            send(&state, .focusMoved(by: 2), .toggled, .focusMoved(by: -2), .toggled, .focusMoved(by: 1))
            return state
        }),
        ("section-last-from-review", {
            var state = revised()
            state.step = .section("employee-access")
            state.returnToReview = true
            state.focus = testWizard.items(state).count - 1
            return state
        }),
        ("review-first-run-incomplete", {
            var state = firstRun()
            send(&state, .textTyped("Acme"))
            state.answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
            state.answers.sections["data-encryption"] = SectionAnswers(include: true)
            state.answers.sections["ddos-protection"] = SectionAnswers(include: false)
            state.step = .review
            state.focus = 0
            return state
        }),
        ("review-export-focused", {
            var state = revised()
            state.focus = testWizard.items(state).count - 1
            return state
        }),
        ("review-page-preview-scrolled", {
            var state = revised()
            send(&state, .pagePreviewToggled, .previewScrolled(by: 5))
            return state
        }),
        ("export-security-txt-unwritten", {
            var state = profiled()
            state.answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true), "link_security_txt": .bool(true)])
            state.step = .export
            state.focus = testWizard.items(state).firstIndex(of: .quit)!
            return state
        }),
        ("export-failed", {
            var state = revised()
            state.step = .export
            state.focus = testWizard.items(state).firstIndex(of: .writeFiles)!
            send(&state, .exportFailed("security-overview.md: cannot write: Permission denied"))
            return state
        }),
        ("export-refused-hand-edit", {
            var state = revised()
            state.step = .export
            state.focus = testWizard.items(state).firstIndex(of: .writeFiles)!
            send(&state, .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: Self.handEditDiff))
            return state
        }),
        ("export-refused-hand-edit-diff", {
            var state = revised()
            state.step = .export
            state.focus = testWizard.items(state).firstIndex(of: .writeFiles)!
            send(&state, .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: Self.handEditDiff),
                 .itemFocused(.editDifferences), .confirmed)
            return state
        }),
        ("help-over-section", {
            var state = profiled()
            state.step = .section("data-encryption")
            send(&state, .helpToggled)
            return state
        }),
        ("quit-confirm-keep-draft", {
            var state = profiled()
            state.step = .section("data-encryption")
            send(&state, .quitRequested, .focusMoved(by: 1))
            return state
        }),
        ("help", {
            var state = profiled()
            state.step = .plan
            send(&state, .helpToggled)
            return state
        }),
        ("quit-confirm", {
            var state = profiled()
            state.step = .plan
            send(&state, .quitRequested)
            return state
        }),
    ]

    @Test("Every screen at 80x24 and 120x40", arguments: screens.map(\.0))
    func screen(_ name: String) throws {
        let make = Self.screens.first { $0.0 == name }!.1
        for size in Self.sizes {
            try assertSnapshot(make(), size: size, name: "\(name).\(size.width)x\(size.height)")
        }
    }

    @Test("At 60x16 the help scrolls: one line down shows both marks, End shows its last lines")
    func helpScrolledAt60x16() throws {
        let keys = KeyMap(wizard: testWizard)
        var state = Self.profiled()
        state.step = .plan
        send(&state, .resized(Screens.minimumSize), .helpToggled)
        send(&state, keys.action(for: .down, in: state)!)
        try assertSnapshot(state, size: Screens.minimumSize, name: "help-scrolled.60x16")
        send(&state, keys.action(for: .end, in: state)!)
        try assertSnapshot(state, size: Screens.minimumSize, name: "help-scrolled-to-end.60x16")
    }

    @Test("Below 60x16 the screen asks for a larger window")
    func tooSmall() throws {
        try assertSnapshot(Self.profiled(), size: Size(width: 50, height: 14), name: "too-small.50x14")
        // One column or one row short is enough, whatever is on screen.
        try assertSnapshot(Self.profiled(), size: Size(width: 59, height: 24), name: "too-small.59x24")
        var help = Self.profiled()
        send(&help, .helpToggled)
        try assertSnapshot(help, size: Size(width: 120, height: 15), name: "too-small-help.120x15")
    }

    /// At the smallest size drawn, boxes and key bars are at their tightest.
    @Test("At the minimum size, 60x16", arguments: ["help", "quit-confirm", "plan", "section-data-encryption",
                                                    "section-records", "record-form-edit-invalid", "walk-first-page",
                                                    "review-revise", "export", "profile-typing", "resume",
                                                    "section-pgdn-past-required", "section-security-team-multiline",
                                                    "resume-file-changed", "export-review-choice", "section-notes",
                                                    "section-note-editing", "plan-detail-whole", "export-write-failed"])
    func minimumSize(_ name: String) throws {
        let make = Self.screens.first { $0.0 == name }!.1
        try assertSnapshot(make(), size: Screens.minimumSize, name: "\(name).60x16")
    }

    @Test("The review marks rows changed only against an answers file")
    func reviewChangedNeedsAFile() {
        func review(_ state: WizardState) -> [String] {
            var state = state
            state.step = .review
            var memory = ScreenMemory()
            let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
            return (0..<canvas.size.height).map { canvas.line($0) }
        }
        // A first run with the profile and a section answered: nothing to compare with.
        var first = Self.profiled()
        first.answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        let firstLines = review(first)
        #expect(firstLines.contains { $0.contains("[x] Overview") })
        #expect(!firstLines.contains { $0.contains("edited") })
        // A revise run: only the section edited since the file was read.
        let changed = review(Self.revised()).filter { $0.contains("edited") }
        #expect(changed.count == 1)
        #expect(changed.first?.contains("Data encryption") == true)
        // Questions the file never had are counted on their section's row.
        #expect(!firstLines.contains { $0.contains("new question") })
        #expect(review(Self.revised()).contains { $0.contains("Data encryption") && $0.contains("2 new questions") })
        // A file saved halfway (never exported, so no review date) lists only
        // what was answered: the questions it lacks are not new.
        var halfway = Self.revised()
        halfway.original.reviewed = nil
        #expect(!review(halfway).contains { $0.contains("new question") })
    }

    @Test("Text that is not valid is named on the review and the export screen, not dropped in silence")
    func invalidTextIsNamed() {
        func lines(_ state: WizardState) -> [String] {
            var memory = ScreenMemory()
            let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 120, height: 40), memory: &memory)
            return (0..<canvas.size.height).map { canvas.line($0) }
        }
        var state = Self.profiled()
        state.answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        state.invalidText[.question(section: "overview", question: "encryption_url")] = "http://keys.acme.example/k.asc"
        state.step = .review
        #expect(lines(state).contains { $0.contains("[x] Overview") && $0.contains("1 not valid") })
        state.step = .export
        let export = lines(state).joined(separator: " ")
        #expect(export.contains("Not valid, so not saved: Overview:"))
        #expect(export.contains("('http://keys.acme.example/k.asc')"))

        // However much there is to say, the buttons stay on an 80x24 screen.
        var crowded = firstRun()
        for section in testCatalog.sections {
            crowded.answers.sections[section.id] = SectionAnswers(include: true)
            for question in section.questions where question.kind == .text {
                crowded.invalidText[.question(section: section.id, question: question.id)] = "not valid at all"
            }
        }
        crowded.step = .export
        crowded.focus = testWizard.items(crowded).firstIndex(of: .quit)!
        for size in [Size(width: 80, height: 24), Size(width: 60, height: 16)] {
            var memory = ScreenMemory()
            let canvas = Screens(wizard: testWizard).render(crowded, size: size, memory: &memory)
            let rows = (0..<size.height).map { canvas.line($0) }
            #expect(rows.contains { $0.contains("Write the files") })
            #expect(rows.contains { $0.contains("› Quit") })
            #expect(rows.contains { $0.contains("↑ more") }, "the notes above scroll, marked")
        }
    }

    @Test("Export warns when the page links a security.txt it does not write")
    func securityTxtLinkWithoutTheFile() {
        func export(_ state: WizardState) -> String {
            var state = state
            state.step = .export
            var memory = ScreenMemory()
            let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 120, height: 40), memory: &memory)
            return (0..<canvas.size.height).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        var state = Self.profiled()
        state.answers.sections["overview"] = SectionAnswers(include: true, answers: ["link_security_txt": .bool(true)])
        #expect(export(state).contains("The page links to https://example.com/.well-known/security.txt, which this export does not write"))
        state.paths.securityTxt = "static/.well-known/security.txt"
        #expect(!export(state).contains("The page links to"))
        state.paths.securityTxt = nil
        state.answers.sections["overview"]!.answers["link_security_txt"] = .bool(false)
        #expect(!export(state).contains("The page links to"))
    }

    @Test("The security.txt question names the address the founder's domain gives, never a placeholder")
    func securityTxtQuestionNamesTheAddress() {
        func overview(_ state: WizardState) -> String {
            var state = state
            state.step = .section("overview")
            state.focus = testWizard.items(state).firstIndex(of: .option(.question(section: "overview", question: "link_security_txt"), 0))!
            var memory = ScreenMemory()
            let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
            return (0..<canvas.size.height).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        var state = Self.profiled()
        let shown = overview(state)
        #expect(shown.contains("The link goes to https://example.com/.well-known/security.txt"))
        #expect(!shown.contains("<your domain>"))
        // No domain yet: no address, and still no placeholder.
        state.answers.company.domain = nil
        let withoutDomain = overview(state)
        #expect(withoutDomain.contains("Link to our security.txt file"))
        #expect(!withoutDomain.contains("The link goes to"))
        #expect(!withoutDomain.contains("<"))
    }

    @Test("Wide characters take two columns and line up")
    func wideCharacters() {
        var canvas = Canvas(Size(width: 30, height: 2))
        let end = canvas.put("Données Sécurisées 日本", x: 0, y: 0)
        #expect(end == 23)
        canvas.put("|", x: end, y: 0)
        #expect(canvas.line(0).hasPrefix("Données Sécurisées 日本|"))
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
    }

    @Test("Previews wrap a list item under its text, not under its marker")
    func previewWrapKeepsListShape() {
        #expect(PagePreview.wrap("- Every access to customer data is logged and reviewed.", to: 30) == [
            "- Every access to customer",
            "  data is logged and reviewed.",
        ])
        #expect(PagePreview.wrap("12. We rotate keys every year, and after any incident.", to: 30) == [
            "12. We rotate keys every year,",
            "    and after any incident.",
        ])
        #expect(PagePreview.wrap("  - A nested item that is long enough to wrap.", to: 30) == [
            "  - A nested item that is long",
            "    enough to wrap.",
        ])
        #expect(PagePreview.wrap("A paragraph that is long enough to wrap here.", to: 30) == [
            "A paragraph that is long",
            "enough to wrap here.",
        ])
    }

    func assertSnapshot(_ state: WizardState, size: Size, name: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: size, memory: &memory)
        let screen = { (row: Int) in row < canvas.size.height ? canvas.line(row) : nil }
        try Self.compare(Self.describe(canvas), with: name + ".txt", what: "screen \(name)",
                         screen: screen, sourceLocation: sourceLocation)
        try Self.compare(StyleSheet.describe(canvas, name: name), with: name + ".styles.txt",
                         what: "styles of \(name)", screen: screen, sourceLocation: sourceLocation)
    }

    /// Compares `text` with the file `Snapshots/file`, or writes it there when
    /// recording (`SNAPSHOT_RECORD=1`) or when the file is new. A difference
    /// names the first row that differs and quotes both versions of it.
    static func compare(_ text: String, with file: String, what: String, screen: (Int) -> String?,
                        sourceLocation: SourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots").appendingPathComponent(file)
        let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
        guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
            try text.write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded a new snapshot \(file); check it and run again", sourceLocation: sourceLocation) }
            return
        }
        guard stored != text else { return }
        Issue.record(Comment(rawValue: "\(what) differs from Snapshots/\(file) (SNAPSHOT_RECORD=1 re-records)\n"
                             + StyleSheet.difference(stored: stored, actual: text, screen: screen)),
                     sourceLocation: sourceLocation)
    }

    /// One quoted line per row, then where the cursor is.
    static func describe(_ canvas: Canvas) -> String {
        var lines = (0..<canvas.size.height).map { "\"" + canvas.line($0) + "\"" }
        lines.append(canvas.cursor.map { "cursor: \($0.x),\($0.y)" } ?? "cursor: hidden")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The style layer of a snapshot, as ratatui's buffer tests compare styles as
/// well as symbols: one quoted line per row with one letter per cell (a wide
/// character's second cell included, so columns line up with the screen),
/// under a legend naming each letter used. The letters of the styles the
/// screens use are fixed, so a changed highlight shows as a changed letter in
/// a diff; any other style gets a digit, explained in the legend.
enum StyleSheet {
    /// The letter of each style the screens use, and a name to read it by.
    static let known: [(code: Character, style: Style, name: String)] = [
        (".", .normal, "normal"),
        ("T", .title, "title bar, keys in the key bar"),
        ("K", .keyBar, "key bar"),
        ("H", .heading, "heading"),
        ("m", .muted, "muted"),
        ("F", .focused, "focused"),
        ("r", Style(.normal, reverse: true), "focused marker"),
        ("g", .good, "good"),
        ("W", .warning, "warning, bold"),
        ("w", Style(.warning), "warning"),
        ("E", .error, "error"),
        ("u", Style(.normal, underline: true), "input"),
        ("U", Style(.selected, underline: true), "focused input"),
    ]
    static let spare = Array("0123456789abcdefhijklnopqstvxyz")

    /// What a style is made of, e.g. "selected bold reverse".
    static func spell(_ style: Style) -> String {
        var parts = ["\(style.role)"]
        if style.bold { parts.append("bold") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.joined(separator: " ")
    }

    static func describe(_ canvas: Canvas, name: String) -> String {
        var codes: [Style: Character] = [:]
        for entry in known { codes[entry.style] = entry.code }
        var extra: [(Character, Style)] = []
        var used = Set<Character>()
        let rows = canvas.rows.map { row in
            String(row.map { cell -> Character in
                if let code = codes[cell.style] { used.insert(code); return code }
                let code = spare[extra.count]
                extra.append((code, cell.style))
                codes[cell.style] = code
                used.insert(code)
                return code
            })
        }
        var lines = ["# Styles of \(name).txt: one letter per cell, one quoted line per row."]
        for entry in known where used.contains(entry.code) {
            let spelled = spell(entry.style)
            lines.append("# \(entry.code) \(spelled)" + (spelled == entry.name ? "" : " (\(entry.name))"))
        }
        for (code, style) in extra { lines.append("# \(code) \(spell(style))") }
        lines += rows.map { "\"" + $0 + "\"" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where two snapshots differ: the first screen row that differs, both
    /// versions of it and the screen's text on that row, and for styles the
    /// first column that differs with what its two letters mean. A legend
    /// that differs is named after that.
    static func difference(stored: String, actual: String, screen: (Int) -> String?) -> String {
        func split(_ text: String) -> (legend: [String], rows: [String]) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let legend = Array(lines.prefix { $0.hasPrefix("#") })
            return (legend, Array(lines.dropFirst(legend.count)))
        }
        let old = split(stored), new = split(actual)
        let differing = (0..<max(old.rows.count, new.rows.count)).filter {
            ($0 < old.rows.count ? old.rows[$0] : nil) != ($0 < new.rows.count ? new.rows[$0] : nil)
        }
        var out: [String] = []
        if let row = differing.first {
            let was = row < old.rows.count ? old.rows[row] : "(nothing)"
            let now = row < new.rows.count ? new.rows[row] : "(nothing)"
            out.append("first difference at screen row \(row) (\(differing.count) row\(differing.count == 1 ? " differs" : "s differ"))")
            out.append("  expected: \(was)")
            out.append("  actual:   \(now)")
            if !old.legend.isEmpty, let text = screen(row) { out.append("  screen:   \"\(text)\"") }
            let a = Array(was), b = Array(now)
            if was.hasPrefix("\""), now.hasPrefix("\""),
               let column = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
                // A style row has a letter per cell; a text row's wide characters take two.
                var line = "  at column \(old.legend.isEmpty ? TextWidth.of(String(a[1..<column])) : column - 1)"
                if !old.legend.isEmpty {
                    func meaning(_ code: Character, _ legend: [String]) -> String {
                        legend.first { $0.hasPrefix("# \(code) ") }.map { String($0.dropFirst(4)) } ?? "?"
                    }
                    line += ": expected \(a[column]) (\(meaning(a[column], old.legend))),"
                        + " got \(b[column]) (\(meaning(b[column], new.legend)))"
                }
                out.append(line)
            }
        }
        for line in old.legend where !new.legend.contains(line) { out.append("  legend lost:   \(line)") }
        for line in new.legend where !old.legend.contains(line) { out.append("  legend gained: \(line)") }
        return out.joined(separator: "\n")
    }
}
