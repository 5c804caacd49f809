import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// The export step's questions (`outputs:`): fields of the ordinary kinds, in
/// the reducer like every other, drawn by the shared form.
@Suite struct ExportQuestionsTests {
    /// On the export step of a first run, with a company name.
    func atExport() -> WizardState {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        state.step = .export
        state.focus = 0
        return state
    }

    @Test("The export step's items: the address box, one row per form, the security.txt box, then Write and Quit")
    func items() {
        let state = atExport()
        let formats = PageFormat.allCases.indices.map { WizardItem.option(.output(.format), $0) }
        #expect(testWizard.items(state) == [.text(.output(.pageURL))] + formats + [.text(.output(.securityTxt)), .writeFiles, .quit])
        #expect(Screens(wizard: testWizard).focusableRows(state) == testWizard.items(state))
    }

    @Test("Picking a form stores it and offers security.txt at that form's path; a path of one's own stays")
    func formOffersSecurityTxt() {
        var state = atExport()
        let hugo = PageFormat.allCases.firstIndex(of: .hugo)!
        let jekyll = PageFormat.allCases.firstIndex(of: .jekyll)!
        send(&state, .itemFocused(.option(.output(.format), hugo)), .toggled)
        #expect(state.answers.outputs.format == .hugo)
        #expect(state.answers.outputs.securityTxt == "static/.well-known/security.txt")
        send(&state, .itemFocused(.option(.output(.format), jekyll)), .toggled)
        #expect(state.answers.outputs.format == .jekyll)
        #expect(state.answers.outputs.securityTxt == ".well-known/security.txt", "the default follows the form")

        send(&state, .itemFocused(.text(.output(.securityTxt))), .fieldCleared, .textTyped("site/sec.txt"))
        send(&state, .itemFocused(.option(.output(.format), hugo)), .toggled)
        #expect(state.answers.outputs.securityTxt == "site/sec.txt", "a typed path is not replaced")
        send(&state, .itemFocused(.text(.output(.securityTxt))), .fieldCleared)
        #expect(state.answers.outputs.securityTxt == nil, "an empty box: no security.txt")
        send(&state, .itemFocused(.text(.output(.securityTxt))), .textTyped("site/"))
        #expect(state.answers.outputs.securityTxt == nil && state.invalidText[.output(.securityTxt)] == "site/")
        #expect(testWizard.problem(of: .output(.securityTxt), in: state)?.contains("names a folder") == true)
    }

    @Test("The address must be https; only a valid one is stored")
    func pageURL() {
        var state = atExport()
        send(&state, .textTyped("acme.example/security"))
        #expect(state.answers.outputs.pageURL == nil)
        #expect(testWizard.problem(of: .output(.pageURL), in: state) != nil)
        send(&state, .fieldCleared, .textTyped("https://acme.example/security/"))
        #expect(state.answers.outputs.pageURL == "https://acme.example/security/")
        #expect(state.invalidText.isEmpty)
        #expect(send(&state, .confirmed) == [], "Enter goes on to the form")
        #expect(testWizard.focusedItem(state) == .option(.output(.format), 0))
        #expect(state.answers.outputs.format == nil, "Enter picks nothing")
    }

    @Test("The export step opens on its first question, or on Write once the form was chosen before")
    func askedOnce() {
        var state = firstRun()
        state.step = .review
        state.focus = testWizard.items(state).firstIndex(of: .toExport)!
        send(&state, .confirmed)
        #expect(state.step == .export && state.focus == 0)
        send(&state, .wentBack)
        state.answers.outputs.format = .markdown
        state.focus = testWizard.items(state).firstIndex(of: .toExport)!
        send(&state, .confirmed)
        #expect(testWizard.focusedItem(state) == .writeFiles)
    }

    @Test("Where an export writes follows the answers' outputs at the time; a page given at launch wins")
    func targets() {
        var answers = Answers()
        let paths = WizardPaths(answers: "site/security-overview.yml")
        #expect(paths.targets(answers) == Export.Targets(answers: "site/security-overview.yml", page: "site/security-overview.md"))
        answers.outputs = Outputs(format: .html, securityTxt: ".well-known/security.txt", pageURL: "https://a.example/security/")
        #expect(paths.targets(answers) == Export.Targets(answers: "site/security-overview.yml", page: "site/security-overview.html",
                                                         format: .html, securityTxt: "site/.well-known/security.txt"))
        #expect(WizardPaths(answers: "a.yml", page: "out.html").targets(answers).page == "out.html")
    }

    @Test("The outputs round-trip through the answers file, html-fragment too")
    func roundTrip() throws {
        var answers = Answers()
        answers.outputs = Outputs(format: .htmlFragment, securityTxt: ".well-known/security.txt", pageURL: "https://a.example/security/")
        let text = AnswersFile.serialize(answers, catalog: testCatalog)
        #expect(text.contains("format: html-fragment"))
        #expect(try AnswersFile.parse(text, file: "a.yml", catalog: testCatalog).outputs == answers.outputs)
    }

    @Test("Publishing steps name the folder or setting each form needs")
    func publishing() {
        var answers = Answers(company: Company(domain: "acme.example"))
        answers.outputs.pageURL = "https://acme.example/security/"
        func steps(_ format: PageFormat, _ txt: String?) -> String {
            Publishing.steps(answers, targets: Export.Targets(answers: "a.yml", page: "p", format: format, securityTxt: txt)).joined(separator: "\n")
        }
        #expect(steps(.hugo, "static/.well-known/security.txt").contains("static/ folder"))
        #expect(steps(.jekyll, ".well-known/security.txt").contains("include: [\".well-known\"]"))
        #expect(steps(.htmlFragment, ".well-known/security.txt").contains("Webflow, Squarespace, WordPress"))
        #expect(steps(.htmlFragment, ".well-known/security.txt").contains("as your host allows"))
        #expect(steps(.html, nil).contains("https://acme.example/security/"))
        #expect(!steps(.jekyll, nil).contains("include:"), "no security.txt, no setting for it")
    }

    @Test("The export step names files as a person writes them, for the answers in security/ and the page in content/")
    func pathsAsAPersonWritesThem() {
        var state = testWizard.start(paths: WizardPaths(answers: "security/security-overview.yml"), fileAnswers: nil, draft: nil)
        state.answers.outputs.page = "../content/security.md"
        state.answers.outputs.format = .hugo
        state.answers.outputs.securityTxt = "../static/.well-known/security.txt"
        state.step = .export
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 120, height: 40), memory: &memory)
        let lines = (0..<canvas.size.height).map { canvas.line($0) }
        #expect(lines.contains { $0.contains("Page          content/security.md") }, "\(lines)")
        #expect(lines.contains { $0.contains("security.txt  static/.well-known/security.txt") }, "\(lines)")
        #expect(!lines.contains { $0.contains("security/..") }, "\(lines)")
        let steps = Publishing.steps(state.answers, targets: state.paths.targets(state.answers))
        #expect(steps.first?.contains("(content/security.md)") == true, "\(steps)")
        #expect(!steps.joined().contains(".."), "\(steps)")
    }

    @Test("Why an export wrote nothing is shown whole on the export step, not cut at the message line's width")
    func exportProblemShownWhole() {
        var state = atExport()
        state.answers.outputs.format = .markdown
        state.answers.outputs.pageURL = "https://acme.example/security/"
        let problem = "content/security.md: was edited by hand since it was generated; nothing was written. Move the change "
            + "into the answers file or a custom section (--sections), or run again with --force to overwrite it"
        send(&state, .itemFocused(.writeFiles), .exportFailed(problem))
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        let screen = (0..<canvas.size.height).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(screen.contains("run again with --force to overwrite it"), "\(screen)")
        #expect(screen.contains("Write the files"), "the button stays in view")
    }

    @Test("A write refused over a hand edit offers what differs and a deliberate overwrite; the wording has no --force")
    func refusedOverHandEdit() {
        var state = atExport()
        send(&state, .itemFocused(.writeFiles))
        #expect(!testWizard.items(state).contains(.overwriteEdited), "no overwrite before a refusal")
        #expect(send(&state, .confirmed) == [.export])
        let diff = "--- security-overview.md\n+++ security-overview.md (from the answers)\n@@ -1,2 +1,2 @@\n-We are SOC 3 certified.\n+We encrypt data at rest.\n"
        send(&state, .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: diff))
        let items = testWizard.items(state)
        #expect(Array(items.suffix(4)) == [.writeFiles, .editDifferences, .overwriteEdited, .quit])
        #expect(testWizard.focusedItem(state) == .writeFiles, "nothing chosen for the person")
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.hasPrefix("Nothing written: security-overview.md was edited by hand") == true)
        #expect(state.message?.text.contains("--force") == false)
        #expect(state.message?.text.contains("Overwrite") == true)
        // See what differs: shown, then hidden; nothing written.
        send(&state, .itemFocused(.editDifferences))
        #expect(send(&state, .confirmed) == [])
        #expect(state.editedOnDisk?.showsDiff == true)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        let screen = (0..<canvas.size.height).map { canvas.line($0) }.joined(separator: "\n")
        #expect(screen.contains("-We are SOC 3 certified."), "\(screen)")
        #expect(screen.contains("+We encrypt data at rest."), "\(screen)")
        #expect(screen.contains("Overwrite the edited file (the hand edits are lost)"), "\(screen)")
        // Write again still refuses to force; Overwrite forces.
        send(&state, .itemFocused(.writeFiles))
        #expect(send(&state, .confirmed) == [.export])
        send(&state, .itemFocused(.overwriteEdited))
        #expect(send(&state, .confirmed) == [.exportOverwriting])
        send(&state, .exportSucceeded(paths: ["security-overview.yml", "security-overview.md"], reviewed: "2026-12-01"))
        #expect(state.editedOnDisk == nil && !testWizard.items(state).contains(.overwriteEdited))
        #expect(testWizard.focusedItem(state) == .quit || testWizard.focusedItem(state) == .writeFiles)
    }

    @Test("A page made by hand before the tool, at the page's path, is offered for replacing, in its own words")
    func refusedOverAPageMadeByHand() {
        var state = atExport()
        let diff = "--- security-overview.md\n+++ security-overview.md (from the answers)\n@@ -1,1 +1,1 @@\n-We take security seriously.\n+We encrypt data at rest.\n"
        send(&state, .itemFocused(.writeFiles), .confirmed,
             .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: diff, notGenerated: ["security-overview.md"]))
        #expect(Array(testWizard.items(state).suffix(4)) == [.writeFiles, .editDifferences, .overwriteEdited, .quit])
        #expect(state.message?.text == "Nothing written: security-overview.md is already there and not written by security-overview. "
                + "Keep it by moving it away first, or choose Replace below. See what differs shows both.")
        send(&state, .itemFocused(.editDifferences), .confirmed)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        let screen = (0..<canvas.size.height).map { canvas.line($0) }.joined(separator: "\n")
        #expect(screen.contains("Replace the existing file (what it holds now is lost)"), "\(screen)")
        #expect(screen.contains("+ what Replace writes"), "\(screen)")
        #expect(!screen.contains("--force") && !screen.contains("edited by hand"), "\(screen)")
        send(&state, .itemFocused(.overwriteEdited))
        #expect(send(&state, .confirmed) == [.exportOverwriting])
    }

    @Test("A correction is not offered as possible when security.txt would already have expired; picking it says why")
    func correctionAfterAYear() {
        var state = atExport()
        state.today = "2026-12-02"
        state.answers.reviewed = "2025-11-20"
        state.answers.outputs.securityTxt = "security.txt"
        #expect(testWizard.correctionExpiry(state)?.description == "2026-11-19")
        send(&state, .itemFocused(.reviewChoice(.correction)), .toggled)
        #expect(state.reviewChoice == nil)
        #expect(state.message?.text == "Not picked: with reviewed kept at 2025-11-20, security.txt would have expired on 2026-11-19. This write must be a review of every answer.")
        #expect(Screens(wizard: testWizard).reviewChoiceLabel(.correction, state, reviewed: "2025-11-20")
                == "A correction: not possible, as security.txt would have expired on 2026-11-19")
        send(&state, .itemFocused(.reviewChoice(.current)), .toggled)
        #expect(state.reviewChoice == .current)
        // Within the year, a correction is a correction.
        state.answers.reviewed = "2026-10-15"
        state.reviewChoice = nil
        send(&state, .itemFocused(.reviewChoice(.correction)), .toggled)
        #expect(state.reviewChoice == .correction)
    }

    @Test("The overwrite offer goes when the answers change or another write fails: it is made again only by a refusal")
    func overwriteOfferWithdrawn() {
        var state = atExport()
        send(&state, .itemFocused(.writeFiles), .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: ""))
        #expect(testWizard.items(state).contains(.overwriteEdited))
        send(&state, .exportFailed("security-overview.md: cannot write: Permission denied"))
        #expect(!testWizard.items(state).contains(.overwriteEdited))
        #expect(testWizard.focusedItem(state) == .writeFiles)
        send(&state, .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: ""))
        send(&state, .itemFocused(.option(.output(.format), 1)), .toggled)
        #expect(state.editedOnDisk == nil)
        send(&state, .exportRefusedOverHandEdits(files: ["security-overview.md"], diff: ""), .wentBack)
        #expect(state.editedOnDisk == nil)
    }

    @Test("What an export wrote is named as a person writes it")
    func wroteMessageFoldsPaths() {
        var state = atExport()
        send(&state, .exportSucceeded(paths: ["security/overview.yml", "security/../content/security.md"], reviewed: "2026-12-01"))
        #expect(state.message?.text == "Wrote security/overview.yml, content/security.md")
    }
}
