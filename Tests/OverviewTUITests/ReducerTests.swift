import Testing
import Foundation
@testable import OverviewCore
@testable import OverviewTUI

/// Each test states the whole expected state after every action: a copy of the
/// previous expectation with exactly the fields the action should change.
@Suite("Wizard reducer")
struct ReducerTests {

    @Test("A first run starts on the company and profile screen with nothing answered")
    func firstRunStart() {
        let state = firstRun()
        let expected = WizardState(paths: testPaths, step: .profile, answers: Answers(), saved: Answers(),
                                   original: Answers(), hadAnswersFile: false)
        #expect(state == expected)
        #expect(testWizard.focusedItem(state) == .text(.companyName))
    }

    @Test("Typing, moving the caret and deleting edit the company name")
    func textEditing() {
        var state = firstRun()
        var expected = state

        #expect(send(&state, .textTyped("Acme")) == [.writeDraft])
        expected.answers.company.name = "Acme"
        expected.caret = 4
        #expect(state == expected)

        send(&state, .caretMoved(.left), .caretMoved(.left))
        expected.caret = 2
        #expect(state == expected)

        send(&state, .backspacePressed)
        expected.answers.company.name = "Ame"
        expected.caret = 1
        #expect(state == expected)

        send(&state, .deletePressed)
        expected.answers.company.name = "Ae"
        #expect(state == expected)

        send(&state, .caretMoved(.home))
        expected.caret = 0
        #expect(state == expected)

        send(&state, .textTyped("Données 日本 "))
        expected.answers.company.name = "Données 日本 Ae"
        expected.caret = 11
        #expect(state == expected)

        send(&state, .caretMoved(.end))
        expected.caret = 13
        #expect(state == expected)

        #expect(send(&state, .fieldCleared) == [.writeDraft])
        expected.answers.company.name = nil
        expected.caret = 0
        #expect(state == expected)
    }

    @Test("Control characters and escape sequences typed or pasted are dropped")
    func controlCharacters() {
        var state = firstRun()
        var expected = state
        send(&state, .textTyped("Ac\u{1B}[31mme\u{7}\u{9B}2J"))
        expected.answers.company.name = "Ac[31mme2J"
        expected.caret = 10
        #expect(state == expected)
    }

    @Test("An invalid domain is kept as typed text but never becomes an answer")
    func validationAsYouType() {
        var state = firstRun()
        send(&state, .nextFieldFocused)
        var expected = state
        #expect(expected.focus == 1)

        send(&state, .textTyped("example"))
        expected.invalidText[.companyDomain] = "example"
        expected.caret = 7
        #expect(state == expected)
        #expect(testWizard.problem(of: .companyDomain, in: state) == "'example' is not a domain like example.com")

        send(&state, .textTyped(".com"))
        expected.invalidText = [:]
        expected.answers.company.domain = "example.com"
        expected.caret = 11
        #expect(state == expected)
        #expect(testWizard.problem(of: .companyDomain, in: state) == nil)

        // The contact takes an email address or an https URL.
        send(&state, .nextFieldFocused, .textTyped("security@"))
        expected.focus = 2
        expected.caret = 9
        expected.invalidText[.securityContact] = "security@"
        #expect(state == expected)
        send(&state, .textTyped("example.com"))
        expected.invalidText = [:]
        expected.answers.company.securityContact = "security@example.com"
        expected.caret = 20
        #expect(state == expected)
    }

    @Test("Space picks and un-picks a profile answer; Enter moves to the next field without picking")
    func profileChoices() {
        var state = firstRun()
        send(&state, .nextFieldFocused, .nextFieldFocused, .nextFieldFocused)
        var expected = state
        #expect(testWizard.focusedItem(state) == .option(.profile(.stage), 0))

        send(&state, .focusMoved(by: 2))
        expected.focus += 2
        #expect(state == expected)

        #expect(send(&state, .toggled) == [.writeDraft])
        expected.answers.profile.stage = .seriesA
        #expect(state == expected)

        send(&state, .toggled)
        expected.answers.profile.stage = nil
        #expect(state == expected)

        send(&state, .confirmed)  // Enter goes on without picking
        expected.focus = 3 + Stage.allCases.count  // the first option of "data"
        #expect(state == expected)
        #expect(testWizard.focusedItem(state) == .option(.profile(.data), 0))
    }

    @Test("PgDn and End go past unanswered required questions, and say how many; leaving such a section says so too")
    func pageDownPastRequiredQuestions() {
        var state = firstRun()
        state.answers.profile = Profile(stage: .seed, data: .personal, enterpriseCustomers: true,
                                        acceptsPayments: false, availabilityCritical: false, hosting: .cloud)
        state.step = .section("business-continuity")
        // Backed up? (Yes, No), a written plan? (Yes, No), then the button on.
        #expect(testWizard.items(state).count == 5)
        var expected = state

        send(&state, .focusMoved(by: 1))
        expected.focus = 1
        #expect(state == expected, "Down passes nothing over: no note")

        send(&state, .focusMoved(by: 14))  // PgDn
        expected.focus = 4
        expected.message = WizardMessage(.info, "Passed 2 required questions with no answer yet (marked *)")
        #expect(state == expected)

        send(&state, .focusMoved(by: -10_000))  // Home: nothing passed going back
        expected.focus = 0
        expected.message = nil
        #expect(state == expected)

        // Answered questions are not counted; the ones that appear with an answer are.
        send(&state, .toggled)  // "We back up": Yes
        send(&state, .focusMoved(by: 4))  // a short page: over "encrypted?" to "restore tested?"
        #expect(testWizard.focusedItem(state) == .option(.question(section: "business-continuity", question: "restore_tested"), 0))
        #expect(state.message == WizardMessage(.info, "Passed 1 required question with no answer yet (marked *)"))
        send(&state, .focusMoved(by: 10_000))  // End: over "restore tested?" (left from) and the plan
        #expect(testWizard.focusedItem(state) == .next)
        #expect(state.message == WizardMessage(.info, "Passed 2 required questions with no answer yet (marked *)"))

        // The note never blocks: Enter on the button goes on, and names what was left.
        send(&state, .confirmed)
        #expect(state.step != .section("business-continuity"))
        #expect(state.message == WizardMessage(.info, "Business continuity and disaster recovery: 3 required questions left with no answer"))

        // A section whose required questions are all answered leaves without a word.
        var done = firstRun()
        done.answers.profile = state.answers.profile
        done.answers.sections["business-continuity"] = SectionAnswers(include: true, answers: ["backups": .bool(false), "dr_plan": .bool(false)])
        done.step = .section("business-continuity")
        send(&done, .focusMoved(by: 10_000))
        #expect(done.message == nil)
        send(&done, .confirmed)
        #expect(done.message == nil)
    }

    @Test("Leaving the plan records every include decision and opens the first included section")
    func planToSections() {
        let profile = Profile(stage: .seed, data: .personal, enterpriseCustomers: false,
                              acceptsPayments: false, availabilityCritical: false, hosting: .cloud)
        var state = firstRun()
        state.answers.profile = profile
        // The whole state, stated: the profile as given, no section decided yet.
        var answers = Answers()
        answers.profile = profile
        var expected = WizardState(paths: testPaths, step: .profile, answers: answers, saved: Answers(),
                                   original: Answers(), hadAnswersFile: false)
        #expect(state == expected)

        send(&state, .focusMoved(by: 1000), .confirmed)
        expected.step = .plan
        expected.focus = 0
        expected.caret = 0
        #expect(state == expected)

        // Skip the first section (Overview, recommended for everyone).
        send(&state, .toggled)
        expected.answers.sections["overview"] = SectionAnswers(include: false)
        #expect(state == expected)

        // Every other section gets the plan's decision: what is recommended for
        // a seed company holding personal data, on cloud, selling to no enterprise.
        #expect(send(&state, .confirmed) == [.writeDraft])
        expected.answers.sections = [
            "overview": SectionAnswers(include: false),
            "security-team": SectionAnswers(include: true),
            "infrastructure": SectionAnswers(include: true),
            "network-security": SectionAnswers(include: true),
            "ddos-protection": SectionAnswers(include: false),
            "data-encryption": SectionAnswers(include: true),
            "data-retention": SectionAnswers(include: true),
            "business-continuity": SectionAnswers(include: true),
            "application-monitoring": SectionAnswers(include: true),
            "application-protection": SectionAnswers(include: true),
            "secure-development": SectionAnswers(include: false),
            "responsible-disclosure": SectionAnswers(include: false),
            "user-protection": SectionAnswers(include: false),
            "compliance": SectionAnswers(include: false),
            "payment-information": SectionAnswers(include: false),
            "employee-access": SectionAnswers(include: false),
            "governance": SectionAnswers(include: false),
            "data-location": SectionAnswers(include: true),
            "subprocessors": SectionAnswers(include: true),
            "ai-data": SectionAnswers(include: false),
            "availability": SectionAnswers(include: false),
            "vulnerability-management": SectionAnswers(include: true),
            "incident-response": SectionAnswers(include: true),
            "staff-devices": SectionAnswers(include: false),
        ]
        expected.step = .section("security-team")
        #expect(state == expected)
    }

    @Test("A conditional question appears once its condition holds; multiple choices stay in catalog order")
    func sectionQuestions() {
        var state = firstRun()
        state.answers.profile.data = .personal
        state.step = .section("data-encryption")
        var expected = state
        let before = testWizard.items(state)
        #expect(before.first == .option(.question(section: "data-encryption", question: "tls_in_transit"), 0))

        send(&state, .toggled)  // Yes to TLS in transit
        expected.answers.sections["data-encryption"] = SectionAnswers(answers: ["tls_in_transit": .bool(true)])
        #expect(state == expected)
        let after = testWizard.items(state)
        #expect(after.contains(.option(.question(section: "data-encryption", question: "tls_min_version"), 0)))
        #expect(after.count == before.count + 4)  // two TLS versions, SSL Labs yes/no

        state.step = .section("infrastructure")
        state.answers.profile.hosting = .cloud
        state.focus = 2  // Azure
        expected = state
        send(&state, .toggled, .focusMoved(by: -2), .toggled)
        expected.focus = 0
        expected.answers.sections["infrastructure"] = SectionAnswers(answers: ["cloud_providers": .choices(["aws", "azure"])])
        #expect(state == expected)
    }

    @Test("A choice that contradicts one already picked is refused, with why; 'None of these yet' unticks the rest")
    func contradictionsAreRefused() {
        var state = firstRun()
        state.answers.profile.stage = .seriesA
        state.step = .section("compliance")
        let underway = FieldID.question(section: "compliance", question: "underway")
        let planned = FieldID.question(section: "compliance", question: "planned")
        let frameworks = FieldID.question(section: "compliance", question: "frameworks")
        let choices = testCatalog.section("compliance")!.question("planned")!.choices
        let iso = choices.firstIndex { $0.id == "iso-27001" }!
        let underwayISO = testCatalog.section("compliance")!.question("underway")!.choices.firstIndex { $0.id == "iso-27001" }!
        send(&state, .itemFocused(.option(underway, underwayISO)), .toggled)
        #expect(state.answers.sections["compliance"]?.answers["underway"] == .choices(["iso-27001"]))
        let before = state.answers
        send(&state, .itemFocused(.option(planned, iso)), .toggled)
        #expect(state.answers == before, "nothing picked")
        #expect(state.message == WizardMessage(.error, "Not picked: 'ISO/IEC 27001 certification' contradicts 'ISO/IEC 27001 certification audit', picked under 'Audits and assessments under way now': change that answer first"))
        // Untick the audit under way: now the plan can be ticked.
        send(&state, .itemFocused(.option(underway, underwayISO)), .toggled, .itemFocused(.option(planned, iso)), .toggled)
        #expect(state.answers.sections["compliance"]?.answers["planned"] == .choices(["iso-27001"]))
        #expect(state.message == nil)

        let held = testCatalog.section("compliance")!.question("frameworks")!.choices
        send(&state, .itemFocused(.option(frameworks, held.firstIndex { $0.id == "gdpr" }!)), .toggled,
             .itemFocused(.option(frameworks, held.firstIndex { $0.id == "none-yet" }!)), .toggled)
        #expect(state.answers.sections["compliance"]?.answers["frameworks"] == .choices(["none-yet"]))
    }

    @Test("A quarter already over is not taken for an audit under way; one from the file is marked, and the export says so")
    func lateQuarter() {
        var state = firstRun()
        state.today = "2026-12-02"
        state.answers.profile.stage = .seriesA
        state.answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices(["none-yet"]), "underway": .choices(["soc-2-type-2"])])
        state.step = .section("compliance")
        let field = FieldID.question(section: "compliance", question: "soc2_type2_expected")
        send(&state, .itemFocused(.text(field)), .textTyped("2026-Q3"))
        #expect(state.answers.sections["compliance"]?.answers["soc2_type2_expected"] == nil, "not taken")
        #expect(testWizard.problem(of: field, in: state) == "2026-Q3 is over (it ended on 2026-09-30): give the quarter you now expect")
        send(&state, .fieldCleared, .textTyped("2027-Q1"))
        #expect(state.answers.sections["compliance"]?.answers["soc2_type2_expected"] == .text("2027-Q1"))

        // From the file: kept as it is, marked, and named on the export step.
        state.answers.sections["compliance"]!.answers["soc2_type2_expected"] = .text("2026-Q1")
        #expect(testWizard.problem(of: field, in: state)?.hasPrefix("2026-Q1 is over") == true)
        state.step = .export
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 120, height: 40), memory: &memory)
        let screen = (0..<canvas.size.height).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(screen.contains("An expected quarter is over in Compliance"), "\(screen)")
    }

    @Test("Quitting with typed text that is not valid asks first, and the dialog names it, though every answer is saved")
    func quitWithInvalidText() {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        state.saved = state.answers
        send(&state, .itemFocused(.text(.companyDomain)), .textTyped("ac"))
        #expect(state.answers == state.saved, "nothing valid changed")
        #expect(send(&state, .quitRequested).isEmpty, "not quit at once")
        #expect(state.overlay == .quitConfirm)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        let screen = (0..<canvas.size.height).map { canvas.line($0) }.joined(separator: "\n")
        #expect(screen.contains("Not valid, so kept in no file: Your company's domain ('ac')") || screen.contains("('ac')"), "\(screen)")
        #expect(!screen.contains("Some answers are not saved"), "\(screen)")
    }

    @Test("The review marks a section whose answers from the file contradict each other")
    func reviewMarksContradictions() {
        var state = firstRun()
        state.answers.profile.stage = .seriesA
        state.answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices(["none-yet"]), "underway": .choices(["pci-dss"]), "pci_expected": .text("2027-Q2"),
            "planned": .choices(["pci-dss"])])
        state.step = .review
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 120, height: 40), memory: &memory)
        let row = (0..<canvas.size.height).map { canvas.line($0) }.first { $0.contains("] Compliance") } ?? ""
        #expect(row.contains("answers contradict"), "\(row)")
    }

    @Test("Pressing Enter through a whole section picks nothing: the page claims only what was picked")
    func enterPicksNothing() {
        var state = firstRun()
        state.answers.profile = Profile(stage: .later, data: .healthOrFinancial, enterpriseCustomers: true,
                                        acceptsPayments: true, availabilityCritical: true, hosting: .both)
        state.answers.sections["compliance"] = SectionAnswers(include: true)
        state.step = .section("compliance")
        let answers = state.answers
        var presses = 0
        while state.step == .section("compliance") && presses <= testWizard.items(state).count {
            send(&state, .confirmed)
            presses += 1
            #expect(state.answers == answers, "Enter \(presses) changed an answer")
        }
        #expect(state.step != .section("compliance"), "Enter walked on to the next section")
        #expect(PageRenderer(catalog: testCatalog).renderedSections(state.answers).isEmpty)
    }

    @Test("Going back and forth loses nothing")
    func backAndForth() {
        var state = firstRun()
        state.answers.profile.data = .personal
        send(&state, .textTyped("Acme"), .focusMoved(by: 1000), .confirmed, .confirmed)
        let onSection = state
        guard case .section(let id) = state.step else { Issue.record("not on a section: \(state.step)"); return }
        send(&state, .toggled)
        let answered = state.answers
        send(&state, .wentBack, .wentBack)
        #expect(state.step == .profile)
        #expect(state.answers == answered)
        send(&state, .focusMoved(by: 1000), .confirmed, .confirmed)
        #expect(state.step == .section(id))
        #expect(state.answers == answered)
        #expect(onSection.answers != answered)
    }

    @Test("q with unsaved answers asks first; Save and quit saves then quits")
    func quitAsksToSave() {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        var expected = state
        #expect(send(&state, .quitRequested) == [])
        expected.overlay = .quitConfirm
        #expect(state == expected)

        send(&state, .focusMoved(by: 1))
        expected.quitChoice = .quitKeepingDraft
        #expect(state == expected)
        send(&state, .focusMoved(by: -1))
        expected.quitChoice = .saveAndQuit
        #expect(state == expected)

        #expect(send(&state, .confirmed) == [.save, .quit])
        expected.overlay = nil
        #expect(state == expected)

        send(&state, .saveSucceeded)
        expected.saved = expected.answers
        expected.message = WizardMessage(.info, "Saved security-overview.yml")
        #expect(state == expected)

        // Nothing unsaved any more: quit at once, and the draft goes.
        #expect(send(&state, .quitRequested) == [.deleteDraft, .quit])
        expected.message = nil
        #expect(state == expected)
    }

    @Test("Cancel in the quit dialog keeps working; help closes on any key")
    func overlays() {
        var state = firstRun()
        send(&state, .textTyped("A"), .quitRequested, .focusMoved(by: 5))
        #expect(state.quitChoice == .cancel)
        #expect(send(&state, .confirmed) == [])
        #expect(state.overlay == nil)

        var expected = state
        send(&state, .helpToggled)
        expected.overlay = .help
        #expect(state == expected)
        #expect(send(&state, .textTyped("x")) == [])
        expected.overlay = nil
        #expect(state == expected)
    }

    @Test("A draft is offered first; resuming keeps every answer")
    func resumeDraft() {
        var draft = Answers()
        draft.company.name = "Acme"
        draft.profile.stage = .seed
        var state = testWizard.start(paths: testPaths, fileAnswers: nil, draft: draft)
        var expected = WizardState(paths: testPaths, step: .resumeDraft, answers: Answers(), saved: Answers(),
                                   original: Answers(), hadAnswersFile: false, pendingDraft: draft)
        #expect(state == expected)

        #expect(send(&state, .confirmed) == [.writeDraft])
        expected.step = .profile  // the profile is not complete yet
        expected.answers = draft
        expected.pendingDraft = nil
        expected.caret = 4
        #expect(state == expected)
        #expect(state.hasUnsavedChanges)
    }

    @Test("Quitting at the draft question keeps the draft")
    func quitAtResumeKeepsDraft() {
        var draft = Answers()
        draft.company.name = "Beta Co"
        var state = testWizard.start(paths: testPaths, fileAnswers: nil, draft: draft)
        #expect(state.step == .resumeDraft)
        #expect(send(&state, .quitRequested) == [.quit])
        #expect(state.pendingDraft == draft)
    }

    @Test("Discarding a draft deletes it and opens the answers file at the review")
    func discardDraft() {
        var file = Answers()
        file.company.name = "Acme"
        var draft = file
        draft.company.name = "Acme Inc"
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: draft)
        send(&state, .focusMoved(by: 1))
        #expect(send(&state, .confirmed) == [.deleteDraft])
        #expect(state.step == .review)
        #expect(state.answers == file)
        #expect(!state.hasUnsavedChanges)
    }

    @Test("At 60x16 the resume screen reads as one sentence and shows both choices whole")
    func resumeAtSmallestSize() {
        var file = Answers()
        file.company.name = "Northwind Health"
        var draft = file
        draft.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        let state = testWizard.start(paths: WizardPaths(answers: "security/security-overview.yml"), fileAnswers: file, draft: draft)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, size: Size(width: 60, height: 16), memory: &memory)
        let lines = (0..<canvas.size.height).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }
        #expect(!lines.contains("sections),"), "a line of its own: \(lines)")
        #expect(lines.contains { $0.hasSuffix("Discard the draft and open the answers file") }, "\(lines)")
        #expect(!lines.contains { $0.contains("…") }, "\(lines)")
    }

    @Test("An existing answers file opens at the review and names the sections added since")
    func reviseRun() {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        file.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        // Exported once: the file recorded every section there was then.
        file.reviewed = "2026-01-15"
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        var expected = WizardState(paths: testPaths, step: .review, answers: file, saved: file, original: file,
                                   hadAnswersFile: true,
                                   newSections: Set(testCatalog.sections.map(\.id).filter { $0 != "overview" }))
        // The overview's questions it never saw (what `check` reports as never answered).
        expected.unseenInFile = ["overview": testCatalog.section("overview")!.questions.map(\.id).filter { $0 != "intro" }]
        // And every section's review facts as of the start: the overview's are its new questions.
        expected.startFacts = testWizard.reviewFacts(expected)
        #expect(expected.startFacts?.first?.newQuestions == expected.unseenInFile["overview"]?.count)
        #expect(state == expected)
        // The review's count, read from the sections with something new, is the walk's length.
        #expect(testWizard.newQuestionCount(state) == testWizard.newQuestionFields(state).count)
        #expect(testWizard.newQuestionCount(state) > 0)

        // Open the Overview section from the review, answer, and come back.
        send(&state, .focusMoved(by: 2))
        expected.focus = 2
        #expect(state == expected)
        send(&state, .confirmed)
        expected.step = .section("overview")
        expected.returnToReview = true
        expected.focus = 0
        #expect(state == expected)

        send(&state, .focusMoved(by: 1), .toggled)
        expected.focus = 1
        expected.answers.sections["overview"]!.answers["intro"] = .bool(false)
        #expect(state == expected)

        send(&state, .wentBack)
        expected.step = .review
        expected.returnToReview = false
        expected.focus = 2
        #expect(state == expected)
    }

    @Test("A file saved halfway (never exported) names no section as new: it lists only what was decided")
    func halfSavedFileHasNoNewSections() {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        file.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        let state = testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        #expect(state.newSections.isEmpty)
        #expect(testWizard.newQuestionCount(state) == 0 && testWizard.newQuestionFields(state).isEmpty)
        var exported = file
        exported.reviewed = "2026-01-15"
        #expect(testWizard.start(paths: testPaths, fileAnswers: exported, draft: nil).newSections.count == testCatalog.sections.count - 1)
    }

    @Test("A failed draft write is remembered until one succeeds; quitting then offers a copy, not a stale draft")
    func draftWriteFailure() {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        send(&state, .draftWriteFailed("No space left on device"))
        #expect(state.draftProblem == "No space left on device")
        #expect(state.message == WizardMessage(.error, "Draft not saved: No space left on device"))
        send(&state, .quitRequested)
        #expect(state.overlay == .quitConfirm)
        #expect(QuitChoice.offered(state) == [.saveAndQuit, .quitKeepingDraft, .saveCopyAndQuit, .cancel])
        #expect(QuitChoice.quitKeepingDraft.label(state).contains("recent answers are lost"))
        send(&state, .focusMoved(by: 2))
        #expect(state.quitChoice == .saveCopyAndQuit)
        #expect(send(&state, .confirmed) == [.saveCopy, .quit])
        send(&state, .copySaved(path: "/tmp/a.yml"))
        #expect(state.savedCopy == "/tmp/a.yml")
        send(&state, .draftWritten)
        #expect(state.draftProblem == nil)
        #expect(QuitChoice.offered(state) == [.saveAndQuit, .quitKeepingDraft, .cancel])
        #expect(QuitChoice.quitKeepingDraft.label(state) == "Quit without saving (the draft is kept for next time)")
    }

    @Test("Text of only spaces or line breaks is no answer, in any field")
    func blankTextIsNoAnswer() {
        var state = SnapshotTests.profiled()
        state.step = .section("security-team")
        let field = testWizard.items(state).compactMap { item -> FieldID? in
            if case .text(let field) = item, testWizard.isMultiline(field) { return field }
            return nil
        }.first!
        state.focus = testWizard.items(state).firstIndex(of: .text(field))!
        send(&state, .textTyped("  \n \n"))
        #expect(testWizard.value(of: field, in: state.answers) == nil)
        send(&state, .textTyped("x"))
        #expect(testWizard.value(of: field, in: state.answers) != nil)
    }

    @Test("Back on the review, the focus is on the row of the page just left, however it was left")
    func reviewKeepsItsPlace() {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        let rows = testWizard.items(state)
        let encryption = rows.firstIndex(of: .sectionRow("data-encryption"))!
        let export = rows.firstIndex(of: .toExport)!

        // Open a section and go on through it with Enter, as far as its last item.
        send(&state, .focusMoved(by: encryption), .confirmed)
        #expect(state.step == .section("data-encryption"))
        for _ in 0..<100 where state.step != .review { send(&state, .confirmed) }
        #expect(state.step == .review)
        #expect(state.focus == encryption)

        // The profile and the plan, opened from the review and left by going on.
        send(&state, .focusMoved(by: -encryption), .confirmed)
        #expect(state.step == .profile)
        for _ in 0..<100 where state.step != .review { send(&state, .confirmed) }
        #expect(state.focus == 0)
        send(&state, .focusMoved(by: 1), .confirmed)
        #expect(state.step == .plan)
        for _ in 0..<100 where state.step != .review { send(&state, .confirmed) }
        #expect(state.focus == 1)

        // Esc from the export screen lands on the row that leads to it.
        send(&state, .focusMoved(by: export - 1), .confirmed)
        #expect(state.step == .export)
        send(&state, .wentBack)
        #expect(state.step == .review)
        #expect(state.focus == export)
    }

    @Test("Up and Down move between the lines of a multi-line field, and out of it at its ends")
    func multilineUpDown() throws {
        var state = firstRun()
        state.step = .section("security-team")
        let items = testWizard.items(state)
        let field = try #require(items.firstIndex { if case .text(let f) = $0 { return testWizard.isMultiline(f) }; return false })
        state.focus = field
        send(&state, .textTyped("first line\nsecond\nthird line"))
        #expect(state.caret == 28)
        send(&state, .caretMoved(.up))
        #expect(state.caret == 17, "end of the shorter line above")
        send(&state, .caretMoved(.up))
        #expect(state.caret == 6, "same column on the first line")
        send(&state, .caretMoved(.down))
        #expect(state.caret == 17)
        send(&state, .caretMoved(.down))
        #expect(state.caret == 24, "same column on the last line")
        send(&state, .caretMoved(.down))
        #expect(state.focus == field + 1, "and from there out below")
        send(&state, .focusMoved(by: -1), .caretMoved(.home), .caretMoved(.up))
        #expect(state.focus == field - 1, "from the first line, up leaves the field")
    }

    @Test("A successful export records the review date and everything counts as saved")
    func exportSucceeded() {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        state.step = .export
        state.focus = testWizard.items(state).firstIndex(of: .writeFiles)!
        #expect(send(&state, .confirmed) == [.export])
        var expected = state
        #expect(send(&state, .exportSucceeded(paths: ["a.yml", "a.md"], reviewed: "2026-11-29")) == [.deleteDraft])
        // Stated, not computed by the function under test: the name typed, the
        // review date, every section's include decision (with no profile, the
        // sections recommended for every company) and, in the included ones,
        // every question left open.
        expected.answers = Answers()
        expected.answers.company.name = "Acme"
        expected.answers.reviewed = "2026-11-29"
        expected.answers.sections = [
            "overview": SectionAnswers(include: true, open: [
                "intro", "invite_contact", "link_security_txt", "encryption_url", "acknowledgments_url",
                "preferred_languages", "hiring_url", "more_contacts", "csaf_url",
            ]),
            "security-team": SectionAnswers(include: false),
            "infrastructure": SectionAnswers(include: false),
            "network-security": SectionAnswers(include: true, open: ["controls"]),
            "ddos-protection": SectionAnswers(include: false),
            "data-encryption": SectionAnswers(include: false),
            "data-retention": SectionAnswers(include: false),
            "business-continuity": SectionAnswers(include: true, open: ["backups", "dr_plan"]),
            "application-monitoring": SectionAnswers(include: false),
            "application-protection": SectionAnswers(include: false),
            "secure-development": SectionAnswers(include: false),
            "responsible-disclosure": SectionAnswers(include: false),
            "user-protection": SectionAnswers(include: false),
            "compliance": SectionAnswers(include: false),
            "payment-information": SectionAnswers(include: false),
            "employee-access": SectionAnswers(include: false),
            "governance": SectionAnswers(include: false),
            "data-location": SectionAnswers(include: false),
            "subprocessors": SectionAnswers(include: false),
            "ai-data": SectionAnswers(include: false),
            "availability": SectionAnswers(include: false),
            "vulnerability-management": SectionAnswers(include: false),
            "incident-response": SectionAnswers(include: false),
            "staff-devices": SectionAnswers(include: false),
        ]
        expected.saved = expected.answers
        expected.exported = ["a.yml", "a.md"]
        expected.message = WizardMessage(.info, "Wrote a.yml, a.md")
        // The first write was a review; the review-date question now shows, and the focus stays on Write.
        expected.reviewChoice = .current
        expected.focus = testWizard.items(expected).firstIndex(of: .writeFiles)!
        #expect(state == expected)
        #expect(state.answers.reviewed == "2026-11-29")

        // A later export that fails no longer shows the files as written.
        #expect(send(&state, .exportFailed("page.md: cannot write: the folder 'site' does not exist")) == [])
        expected.exported = nil
        expected.message = WizardMessage(.error, "Nothing written: page.md: cannot write: the folder 'site' does not exist")
        #expect(state == expected)
    }

    @Test("A failed save says why and does not quit")
    func saveFailed() {
        var state = firstRun()
        send(&state, .textTyped("A"), .quitRequested)
        #expect(send(&state, .confirmed) == [.save, .quit])
        var expected = state
        send(&state, .saveFailed("x.yml: cannot write: Permission denied"))
        expected.message = WizardMessage(.error, "Not saved: x.yml: cannot write: Permission denied")
        #expect(state == expected)
    }
}

// MARK: - The plain mode's actions

extension ReducerTests {
    @Test("A field answered whole: choices stored, text checked as typing checks it, the draft rewritten")
    func fieldAnswered() {
        var state = firstRun()
        var expected = state

        #expect(send(&state, .fieldAnswered(.profile(.stage), .choice("seed"))) == [.writeDraft])
        expected.answers.profile.stage = .seed
        #expect(state == expected)

        // Text that fails its check is kept aside, never stored.
        #expect(send(&state, .fieldAnswered(.companyDomain, .text("example"))) == [])
        expected.invalidText[.companyDomain] = "example"
        #expect(state == expected)

        #expect(send(&state, .fieldAnswered(.companyDomain, .text("example.com"))) == [.writeDraft])
        expected.invalidText[.companyDomain] = nil
        expected.answers.company.domain = "example.com"
        #expect(state == expected)

        // Control characters are dropped, as from typed keys; the focused field's caret goes to the end.
        send(&state, .fieldAnswered(.companyName, .text("Ac\u{1B}me")))
        expected.answers.company.name = "Acme"
        expected.caret = 4
        #expect(state == expected)

        // Spaces alone say nothing; nil clears.
        send(&state, .fieldAnswered(.companyName, .text("  ")), .fieldAnswered(.profile(.stage), nil))
        expected.answers.company.name = nil
        expected.answers.profile.stage = nil
        expected.caret = 2
        #expect(state == expected)
    }

    @Test("The focus moves straight to a named item, and only to one the step has")
    func itemFocused() {
        var state = firstRun()
        var expected = state
        send(&state, .itemFocused(.option(.profile(.hosting), 0)))
        expected.focus = testWizard.items(state).firstIndex(of: .option(.profile(.hosting), 0))!
        #expect(state == expected)

        send(&state, .itemFocused(.writeFiles))
        #expect(state == expected, "the profile has no such item")

        send(&state, .itemFocused(.next), .confirmed)
        #expect(state.step == .plan)
    }

    @Test("The review opens from any step but the resume question, and going on returns to it")
    func reviewOpened() {
        var state = firstRun()
        send(&state, .reviewOpened)
        #expect(state.step == .review)
        #expect(testWizard.focusedItem(state) == .profileRow, "on the row of the page left")

        send(&state, .itemFocused(.sectionRow("overview")), .confirmed)
        #expect(state.step == .section("overview") && state.returnToReview)
        send(&state, .reviewOpened)
        #expect(state.step == .review)
        #expect(testWizard.focusedItem(state) == .sectionRow("overview"))

        var draft = Answers()
        draft.company.name = "Acme"
        var resuming = testWizard.start(paths: testPaths, fileAnswers: nil, draft: draft)
        let before = resuming
        send(&resuming, .reviewOpened)
        #expect(resuming == before, "a draft is resumed or discarded first")
    }
}

// MARK: - The security lead's year (issue 14)

extension ReducerTests {
    /// An answers file reviewed before, and a draft of it with one answer changed.
    static func reviewedFile() -> Answers {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        file.sections["compliance"] = SectionAnswers(include: true, answers: ["frameworks": .choices(["gdpr"])])
        file.reviewed = "2026-03-01"
        return file
    }

    @Test("A draft older than a change to the answers file: keeping the file comes first, and Enter keeps it")
    func draftOlderThanTheFile() {
        let file = Self.reviewedFile()
        var draft = file
        draft.sections["compliance"]!.answers["frameworks"] = .choices([])
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: draft, draftFileChanged: true)
        #expect(state.step == .resumeDraft && state.draftFileChanged)
        #expect(testWizard.items(state) == [.resumeChoice(false), .draftDifferences, .resumeChoice(true)])

        // See what differs: the screen stays, the list shows, nothing changes.
        send(&state, .focusMoved(by: 1))
        #expect(send(&state, .confirmed) == [])
        #expect(state.showDraftDifferences && state.step == .resumeDraft && state.answers == file)

        // Enter on the first choice keeps the file's answers and deletes the draft.
        send(&state, .focusMoved(by: -1))
        #expect(send(&state, .confirmed) == [.deleteDraft])
        #expect(state.step == .review && state.answers == file && state.pendingDraft == nil && !state.draftFileChanged)
    }

    @Test("Resuming a draft older than the file anyway takes the draft's answers")
    func draftOlderResumedAnyway() {
        let file = Self.reviewedFile()
        var draft = file
        draft.company.name = "Acme Inc"
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: draft, draftFileChanged: true)
        send(&state, .itemFocused(.resumeChoice(true)))
        #expect(send(&state, .confirmed) == [.writeDraft])
        #expect(state.answers == draft && state.step == .review)
    }

    @Test("A draft of an unchanged file is offered as before: resume first")
    func draftOfUnchangedFile() {
        let file = Self.reviewedFile()
        var draft = file
        draft.company.name = "Acme Inc"
        let state = testWizard.start(paths: testPaths, fileAnswers: file, draft: draft, draftFileChanged: false)
        #expect(testWizard.items(state) == [.resumeChoice(true), .resumeChoice(false)])
    }

    @Test("Writing answers reviewed before asks review or correction; a correction keeps the date, a review moves it")
    func reviewIsDeliberate() {
        var state = testWizard.start(paths: testPaths, fileAnswers: Self.reviewedFile(), draft: nil)
        state.answers.company.name = "Acme, Inc."   // a typo fixed
        state.answers.outputs.format = .markdown
        state.focus = testWizard.items(state).count - 1
        send(&state, .confirmed)
        #expect(state.step == .export)
        #expect(testWizard.focusedItem(state) == .reviewChoice(.current), "straight to the question, not to Write")

        // Write without an answer: nothing is written, the question is focused.
        send(&state, .itemFocused(.writeFiles))
        #expect(send(&state, .confirmed) == [])
        #expect(testWizard.focusedItem(state) == .reviewChoice(.current))
        #expect(state.message?.kind == .error)

        // Enter on a choice goes on without picking it.
        send(&state, .itemFocused(.reviewChoice(.correction)), .confirmed)
        #expect(state.reviewChoice == nil && testWizard.focusedItem(state) == .writeFiles)

        send(&state, .itemFocused(.reviewChoice(.correction)), .toggled)
        #expect(state.reviewChoice == .correction)
        #expect(testWizard.reviewedForExport(state, today: "2026-12-02") == "2026-03-01")
        send(&state, .itemFocused(.writeFiles))
        #expect(send(&state, .confirmed) == [.export])

        send(&state, .itemFocused(.reviewChoice(.current)), .toggled)
        #expect(testWizard.reviewedForExport(state, today: "2026-12-02") == "2026-12-02")
    }

    @Test("The first write of a new file asks nothing and sets today")
    func firstWriteSetsToday() {
        var state = firstRun()
        state.step = .export
        #expect(!testWizard.items(state).contains(.reviewChoice(.current)))
        send(&state, .itemFocused(.writeFiles))
        #expect(send(&state, .confirmed) == [.export])
        #expect(testWizard.reviewedForExport(state, today: "2026-12-02") == "2026-12-02")
    }
}

extension ReducerTests {
    @Test("n on a question opens its note as a text field under it; typing writes the note and the draft; leaving the page closes it")
    func noteEdited() {
        var state = testWizard.start(paths: testPaths, fileAnswers: Self.reviewedFile(), draft: nil)
        send(&state, .itemFocused(.sectionRow("compliance")), .confirmed)
        #expect(state.step == .section("compliance"))
        let question = testWizard.fields(of: testCatalog.section("compliance")!, state.answers).first!
        guard case .question(_, let questionID) = question else { Issue.record("not a question"); return }
        let note = FieldID.note(section: "compliance", question: questionID)
        #expect(!testWizard.items(state).contains(.text(note)))

        send(&state, .noteOpened)
        #expect(state.openNote == note && testWizard.focusedItem(state) == .text(note))
        let index = testWizard.items(state).firstIndex(of: .text(note))!
        #expect(Wizard.field(of: testWizard.items(state)[index - 1]) == question, "just under its question's rows")

        #expect(send(&state, .textTyped("auditor's letter, 2027")) == [.writeDraft])
        #expect(state.answers.sections["compliance"]?.notes[questionID] == "auditor's letter, 2027")
        #expect(state.answers.sections["compliance"]?.answers == Self.reviewedFile().sections["compliance"]?.answers, "the answer itself is untouched")

        send(&state, .wentBack)
        #expect(state.openNote == nil)
        #expect(state.answers.sections["compliance"]?.notes[questionID] == "auditor's letter, 2027", "kept after the page is left")
        #expect(AnswersFile.serialize(state.answers, catalog: testCatalog).contains("auditor's letter, 2027"))
    }
}

extension ReducerTests {
    @Test("After an export the wizard's answers hold the history entry the export wrote, so a later save keeps it")
    func exportKeepsTheHistoryItWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("so-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var file = Self.reviewedFile()
        file.outputs.showChanges = true  // the page shows "Changes since": the history is kept
        var state = testWizard.start(paths: WizardPaths(answers: folder + "/a.yml"), fileAnswers: file, draft: nil)
        let reviewed = "2026-12-02"
        // What the app does on `.export`: the answers as exported, written.
        let exported = testWizard.answersForExport(state.answers, reviewed: reviewed)
        let paths = try Export.write(exported, catalog: testCatalog, targets: state.paths.targets(exported),
                                     today: ReviewDate(reviewed)!)
        send(&state, .exportSucceeded(paths: paths, reviewed: reviewed))
        #expect(state.answers.history.entries.first?.reviewed == reviewed)
        // ^S now writes what the export wrote, not the file without its new entry.
        let written = try String(contentsOfFile: folder + "/a.yml", encoding: .utf8)
        #expect(AnswersFile.serialize(state.answers, catalog: testCatalog) == written)
    }
}

/// What the reducer says an action changed of the answers: the draft's text
/// is made again from that alone, so it may say too much but never too little.
@Suite("What an action changed")
struct AnswerChangesTests {
    /// A revise run on a section page, the focus on its first one-line text question.
    func onTextField() -> (WizardState, section: String) {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        for section in testCatalog.sections { file.sections[section.id] = SectionAnswers(include: true) }
        var state = testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        for section in testCatalog.sections {
            testWizard.go(&state, to: .section(section.id))
            let field = testWizard.items(state).firstIndex {
                guard case .text(.question(_, let id)) = $0, let question = section.questions.first(where: { $0.id == id }) else { return false }
                return question.kind == .text && question.format == nil
            }
            if let field {
                state.focus = field
                return (state, section.id)
            }
        }
        fatalError("no section page with a one-line text question")
    }

    func changes(_ state: inout WizardState, _ action: WizardAction) -> AnswerChanges {
        var changes = AnswerChanges()
        _ = testWizard.reduce(into: &state, action: action, changes: &changes)
        return changes
    }

    @Test("A key typed or erased in a section's text field changed that section's answers only")
    func textKey() {
        var (state, id) = onTextField()
        #expect(changes(&state, .textTyped("x")).sections == [id])
        #expect(changes(&state, .caretMoved(.left)).isEmpty, "a caret move changes no answer")
        #expect(changes(&state, .deletePressed).sections == [id])
        #expect(changes(&state, .deletePressed).isEmpty, "nothing left to delete")
    }

    @Test("Any other change may be anything: the company, an export's record of open questions")
    func otherChanges() {
        var (state, _) = onTextField()
        #expect(changes(&state, .focusMoved(by: -1)).isEmpty)
        var first = firstRun()
        #expect(changes(&first, .textTyped("Acme")).sections == nil, "the company's name is not a section's")
        // The export records the questions left open, and the review date.
        let exported = testWizard.answersForExport(state.answers, reviewed: "2026-12-02")
        #expect(exported != state.answers)
        #expect(changes(&state, .exportSucceeded(paths: ["a.md"], reviewed: "2026-12-02")).sections == nil)
    }
}
