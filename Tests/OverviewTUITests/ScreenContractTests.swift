import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// What the screens draw and what the reducer moves over are the same rows:
/// each focusable line carries its item, and every screen's lines list the
/// reducer's items in the same order. The size goes through the reducer.
@Suite("Screens and reducer agree")
struct ScreenContractTests {
    static let screens = Screens(wizard: testWizard)

    /// Every step the snapshots show, plus every section page of a full walk.
    static func states() -> [(String, WizardState)] {
        var all = SnapshotTests.screens.map { ($0.0, $0.1()) }
        var everything = SnapshotTests.profiled()
        for section in testCatalog.sections {
            everything.answers.sections[section.id] = SectionAnswers(include: true)
        }
        for section in testCatalog.sections {
            var state = everything
            state.step = .section(section.id)
            all.append(("section \(section.id)", state))
        }
        return all
    }

    /// A column padded to its width, in columns (a wide character counts two),
    /// past the run of spaces it copies from, and never cut.
    @Test func padFillsAColumnToItsWidth() {
        let screens = Self.screens
        #expect(screens.pad("ab", 5) == "ab   ")
        #expect(screens.pad("abc", 2) == "abc")
        #expect(screens.pad("", 0) == "")
        #expect(screens.pad("日本", 6) == "日本  ")
        #expect(screens.pad("x", 300) == "x" + String(repeating: " ", count: 299))
    }

    @Test("Each screen's focusable rows are the reducer's items, in order")
    func rowsAreItems() {
        for (name, state) in Self.states() {
            for size in SnapshotTests.sizes {
                var sized = state
                sized.viewport = size
                #expect(Self.screens.focusableRows(sized) == testWizard.items(sized), "\(name) at \(size.width)x\(size.height)")
            }
        }
    }

    @Test("The focus mark sits on the focused row, wherever the focus goes")
    func focusMarkFollowsTheItem() {
        var state = SnapshotTests.revised()
        state.viewport = Size(width: 80, height: 24)
        let items = testWizard.items(state)
        for index in items.indices {
            state.focus = index
            var memory = ScreenMemory()
            let canvas = Self.screens.render(state, memory: &memory)
            let marked = (0..<canvas.size.height).filter { canvas.line($0).hasPrefix(" ›") }
            #expect(marked.count == 1, "one focused row for item \(index) (\(items[index]))")
        }
    }

    @Test("A window resized below the minimum takes no key but Ctrl-C's quit, and quits keeping the draft")
    func tooSmallThroughTheReducer() {
        var state = firstRun()
        send(&state, .textTyped("Acme"))
        send(&state, .resized(Size(width: 50, height: 12)))
        let before = state
        for action in [WizardAction.textTyped("x"), .focusMoved(by: 1), .toggled, .confirmed, .helpToggled, .saveRequested] {
            #expect(send(&state, action).isEmpty)
            #expect(state == before, "\(action) changes nothing while the window is too small")
        }
        #expect(KeyMap(wizard: testWizard).action(for: .character("q"), in: state) == nil)
        #expect(KeyMap(wizard: testWizard).action(for: .control("c"), in: state) == .quitRequested)
        #expect(send(&state, .quitRequested) == [.quit], "unsaved answers stay in the draft")
        send(&state, .resized(Size(width: 80, height: 24)))
        #expect(state.viewport == Size(width: 80, height: 24))
        send(&state, .textTyped("!"))
        #expect(state.answers.company.name == "Acme!", "keys work again once the window is large enough")
    }

    @Test("Scrolling the page preview stops at its last line, measured at the viewport's size")
    func previewScrollIsClampedByTheReducer() {
        var state = SnapshotTests.revised()
        send(&state, .resized(Size(width: 80, height: 24)), .pagePreviewToggled, .previewScrolled(by: 1_000_000))
        let last = testWizard.maxPreviewScroll(state)
        #expect(last > 0)
        #expect(state.previewScroll == last)
        send(&state, .resized(Size(width: 80, height: 60)))
        #expect(state.previewScroll == testWizard.maxPreviewScroll(state), "a taller window shows more, so it scrolls less")
        #expect(state.previewScroll < last)
    }

    @Test("The scroll's limit is counted again when the answers, the width or the step change, never kept stale")
    func previewLineCountFollowsTheAnswers() {
        let wizard = Wizard(catalog: testCatalog)  // a memo of its own
        func fresh(_ state: WizardState) -> Int {
            guard let area = WizardLayout.previewArea(state) else { return 0 }
            return max(0, wizard.previewLines(state, width: area.width - 2).count - (area.height - 1))
        }
        var state = SnapshotTests.revised()
        for action: WizardAction in [.resized(Size(width: 80, height: 24)), .pagePreviewToggled, .previewScrolled(by: 1_000_000)] {
            wizard.reduce(into: &state, action: action)
        }
        let last = state.previewScroll
        #expect(last == fresh(state) && last > 0)
        // Skipping a section shortens the page: the scroll follows at once.
        let included = testCatalog.sections.first { state.answers.isIncluded($0) }!
        state.answers.sections[included.id]?.include = false
        wizard.reduce(into: &state, action: .previewScrolled(by: 1))
        #expect(wizard.maxPreviewScroll(state) == fresh(state))
        #expect(state.previewScroll == fresh(state) && state.previewScroll < last)
        wizard.reduce(into: &state, action: .resized(Size(width: 100, height: 24)))
        #expect(state.previewScroll == fresh(state))
        wizard.reduce(into: &state, action: .resized(Size(width: 70, height: 30)))
        #expect(wizard.maxPreviewScroll(state) == fresh(state))
    }

    @Test("The help lists every binding that has a help line, from the same table as the key bar")
    func helpComesFromTheTable() {
        let helped = KeyBinding.table.filter { $0.help != nil }
        #expect(KeyBinding.helpLines.count == helped.count)
        #expect(Set(KeyBinding.helpLines.map(\.0)).count == helped.count, "no key is described twice")
        // Every key a binding holds does something on some screen, and the
        // bar names only keys that are bound.
        let keys = KeyMap(wizard: testWizard)
        for (name, state) in Self.states() {
            for hint in keys.hints(for: state) where hint.keys != "any key" {
                #expect(!hint.meaning.isEmpty, "\(name): \(hint.keys)")
            }
        }
    }

    @Test("The resume screen keeps both choices on screen, however long the company's name", arguments: [
        (Size(width: 60, height: 16), 300), (Size(width: 80, height: 24), 1_000),
    ])
    func resumeWithALongName(size: Size, length: Int) {
        var draft = SnapshotTests.profiled().answers
        draft.company.name = String(repeating: "Acme ", count: length / 5)
        var state = testWizard.start(paths: testPaths, fileAnswers: nil, draft: draft)
        state.viewport = size
        var memory = ScreenMemory()
        let canvas = Self.screens.render(state, memory: &memory)
        let lines = (0..<size.height).map(canvas.line)
        #expect(lines.contains { $0.contains("› Resume the draft") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Discard the draft and start afresh") })
    }
}

@Suite("Moving between fields and taking what was meant")
struct FieldMovesTests {
    @Test("Shift-Tab goes to the first item of the field before; from the first field, to the last item")
    func shiftTab() {
        var state = SnapshotTests.profiled()
        let items = testWizard.items(state)
        // On the fourth choice of the data question.
        state.focus = items.firstIndex(of: .option(.profile(.data), 3))!
        send(&state, .previousFieldFocused)
        #expect(testWizard.focusedItem(state) == .option(.profile(.stage), 0))
        send(&state, .previousFieldFocused)
        #expect(testWizard.focusedItem(state) == .text(.securityContact))
        state.focus = 0
        send(&state, .previousFieldFocused)
        #expect(testWizard.focusedItem(state) == .next)
        send(&state, .nextFieldFocused)
        #expect(state.focus == 0)
    }

    @Test("Only spaces in a text field is no answer, not a wrong one: no error under the box")
    func onlySpacesIsNotMarkedWrong() throws {
        var state = firstRun()
        state.step = .section("overview")
        for (question, typed) in [("encryption_url", " "), ("preferred_languages", "  ")] {
            let field = FieldID.question(section: "overview", question: question)
            state.focus = try #require(testWizard.items(state).firstIndex(of: .text(field)))
            send(&state, .textTyped(typed))
            #expect(testWizard.problem(of: field, in: state) == nil, "\(question)")
            #expect(state.invalidText[field] == nil, "\(question): the review does not count it as not valid")
            send(&state, .textTyped("x"))
            #expect(testWizard.problem(of: field, in: state) != nil, "\(question): text is still checked")
        }
    }

    @Test("A domain typed as an address is taken as the domain when the field is left, and the status line says so")
    func domainFromAnAddress() {
        var state = firstRun()
        send(&state, .nextFieldFocused, .textTyped("https://Acme.example/security/"))
        #expect(testWizard.problem(of: .companyDomain, in: state) != nil, "while typing it is marked")
        send(&state, .nextFieldFocused)
        #expect(state.answers.company.domain == "acme.example")
        #expect(state.invalidText[.companyDomain] == nil)
        #expect(state.message == WizardMessage(.info, "Website domain: took 'acme.example' from 'https://Acme.example/security/'"))
    }

    @Test("The obvious forms of other formats are taken too; what means nothing stays marked")
    func canonicalForms() {
        #expect(TextFormat.days.canonical("90 days") == "90")
        #expect(TextFormat.days.canonical(" 1 day") == "1")
        #expect(TextFormat.days.canonical("ninety") == nil)
        #expect(TextFormat.email.canonical("mailto:security@acme.example") == "security@acme.example")
        #expect(TextFormat.contact.canonical(" https://acme.example/report ") == "https://acme.example/report")
        #expect(TextFormat.domain.canonical("acme") == nil)
        #expect(TextFormat.domain.canonical("http://acme.example:8080") == "acme.example")

        var state = firstRun()
        send(&state, .nextFieldFocused, .textTyped("not a domain"), .nextFieldFocused)
        #expect(state.answers.company.domain == nil)
        #expect(state.invalidText[.companyDomain] == "not a domain")
    }
}
