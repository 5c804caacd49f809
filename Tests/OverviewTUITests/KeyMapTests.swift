import Testing
@testable import OverviewCore
@testable import OverviewTUI

@Suite("Key map")
struct KeyMapTests {
    let keys = KeyMap(wizard: testWizard)
    let size = Size(width: 80, height: 24)

    @Test("In a text field q, j, k, ? and Space are text")
    func textFieldKeys() {
        let state = firstRun()
        for character in ["q", "j", "k", "?", " "] {
            #expect(keys.action(for: .character(Character(character)), in: state, size: size) == .textTyped(character))
        }
        #expect(keys.action(for: .left, in: state, size: size) == .caretMoved(.left))
        #expect(keys.action(for: .control("u"), in: state, size: size) == .fieldCleared)
        #expect(keys.action(for: .function(1), in: state, size: size) == .helpToggled)
        #expect(keys.action(for: .control("c"), in: state, size: size) == .quitRequested)
    }

    @Test("A note: n on a choice question; in a text field n is a letter and ^N opens the note")
    func noteKeys() throws {
        var state = testWizard.start(paths: testPaths, fileAnswers: ReducerTests.reviewedFile(), draft: nil)
        let section = try #require(testCatalog.sections.first { section in
            state.answers.isIncluded(section) && testWizard.fields(of: section, state.answers).contains { field in
                testWizard.rows(field, state.answers).contains { if case .text(.question) = $0 { true } else { false } }
            }
        })
        state.step = .section(section.id)
        let items = testWizard.items(state)
        let text = try #require(items.firstIndex { if case .text(.question) = $0 { true } else { false } })
        state.focus = text
        #expect(keys.action(for: .character("n"), in: state, size: size) == .textTyped("n"))
        #expect(keys.action(for: .control("n"), in: state, size: size) == .noteOpened)
        let choice = try #require(items.firstIndex { if case .option = $0 { true } else { false } })
        state.focus = choice
        #expect(keys.action(for: .character("n"), in: state, size: size) == .noteOpened)
    }

    @Test("Outside text fields the letters are commands")
    func listKeys() {
        var state = firstRun()
        state.step = .plan
        #expect(keys.action(for: .character("q"), in: state, size: size) == .quitRequested)
        #expect(keys.action(for: .character("j"), in: state, size: size) == .focusMoved(by: 1))
        #expect(keys.action(for: .character("k"), in: state, size: size) == .focusMoved(by: -1))
        #expect(keys.action(for: .character(" "), in: state, size: size) == .toggled)
        #expect(keys.action(for: .character("?"), in: state, size: size) == .helpToggled)
        #expect(keys.action(for: .enter, in: state, size: size) == .confirmed)
        #expect(keys.action(for: .escape, in: state, size: size) == .wentBack)
        #expect(keys.action(for: .backTab, in: state, size: size) == .previousFieldFocused, "Shift-Tab is the previous field, as everywhere else")
        #expect(keys.action(for: .tab, in: state, size: size) == .nextFieldFocused)
        #expect(keys.action(for: .control("s"), in: state, size: size) == .saveRequested)
        #expect(keys.action(for: .pageDown, in: state, size: size) == .focusMoved(by: 9))
        state.step = .review
        // At 80x24 the review is a list alone: PgDn moves down it a page. From 120 columns the
        // page preview sits beside the list, and PgDn scrolls that.
        #expect(keys.action(for: .pageDown, in: state, size: size) == .focusMoved(by: 9))
        #expect(!keys.hints(for: { var s = state; s.viewport = size; return s }()).contains { $0.keys == "PgUp/PgDn" })
        let wide = Size(width: 120, height: 40)
        #expect(keys.action(for: .pageDown, in: state, size: wide) == .previewScrolled(by: 17))
        #expect(keys.hints(for: { var s = state; s.viewport = wide; return s }()).contains { $0.keys == "PgUp/PgDn" })
        #expect(keys.action(for: .character("p"), in: state, size: size) == .pagePreviewToggled)
    }

    @Test("On the plan, i opens and closes the pane that says why; elsewhere it does nothing, and in a text field it is a letter")
    func planDetailKey() throws {
        var state = firstRun()
        #expect(keys.action(for: .character("i"), in: state, size: size) == .textTyped("i"))
        state.viewport = size
        state.step = .plan
        #expect(!state.showPlanDetail, "the pane starts closed")
        #expect(keys.hints(for: state).contains(KeyHint("i", "why", drop: 6)))
        let toggle = try #require(keys.action(for: .character("i"), in: state))
        #expect(toggle == .planDetailToggled)
        send(&state, toggle)
        #expect(state.showPlanDetail)
        #expect(keys.hints(for: state).contains(KeyHint("i", "hide why", drop: 6)))
        // Leaving the plan and coming back keeps it open: a preference, not a page's state.
        send(&state, .confirmed, .wentBack)
        #expect(state.step == .plan && state.showPlanDetail)
        send(&state, .planDetailToggled)
        #expect(!state.showPlanDetail)
        state.step = .review
        #expect(keys.action(for: .character("i"), in: state) == nil)
        send(&state, .planDetailToggled)
        #expect(!state.showPlanDetail, "the toggle acts on the plan only")
    }

    @Test("A Down on the plan redraws the two rows the focus leaves and reaches; with the pane open, the pane too")
    func planDownChangesTwoRows() {
        var state = firstRun()
        state.step = .plan
        state.focus = 0
        func changedRows(_ state: WizardState) -> [Int] {
            var memory = ScreenMemory()
            let screens = Screens(wizard: testWizard)
            let before = screens.render(state, size: size, memory: &memory)
            var moved = state
            send(&moved, .focusMoved(by: 1))
            let after = screens.render(moved, size: size, memory: &memory)
            return (0..<size.height).filter { before.line($0) != after.line($0) }
        }
        let closed = changedRows(state)
        #expect(closed.count == 2 && closed[1] == closed[0] + 1, "rows changed: \(closed)")
        send(&state, .planDetailToggled)
        let open = changedRows(state)
        #expect(open.count > 2, "the pane follows the focus: rows changed \(open)")
    }

    @Test("With the whole page shown, arrows scroll it and p or Esc goes back to the list")
    func pagePreviewKeys() {
        var state = firstRun()
        state.step = .review
        state.showPagePreview = true
        #expect(keys.action(for: .down, in: state, size: size) == .previewScrolled(by: 1))
        #expect(keys.action(for: .character("k"), in: state, size: size) == .previewScrolled(by: -1))
        #expect(keys.action(for: .pageDown, in: state, size: size) == .previewScrolled(by: 9))
        #expect(keys.action(for: .escape, in: state, size: size) == .pagePreviewToggled)
        #expect(keys.action(for: .character("p"), in: state, size: size) == .pagePreviewToggled)
        #expect(keys.action(for: .character("q"), in: state, size: size) == .quitRequested)
        #expect(keys.hints(for: state).map(\.keys) == ["↑↓ PgUp/PgDn", "p Esc", "^S", "?", "q"])
    }

    @Test("Enter in a multi-line field is a new line")
    func multilineEnter() {
        var state = firstRun()
        state.step = .section("security-team")
        state.focus = testWizard.items(state).firstIndex {
            if case .text(let field) = $0 { return testWizard.isMultiline(field) }
            return false
        }!
        #expect(keys.action(for: .enter, in: state, size: size) == .textTyped("\n"))
    }

    @Test("The bottom bar lists help and quit on every screen")
    func hints() {
        for step in [WizardStep.resumeDraft, .profile, .plan, .section("overview"), .review, .export] {
            var state = firstRun()
            state.step = step
            state.focus = 0
            let hints = keys.hints(for: state).map(\.keys)
            #expect(hints.contains("?") || hints.contains("F1"))
            #expect(hints.contains("q") || hints.contains("^C"))
        }
    }
}
