import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// A terminal that hands the run loop keys in batches, as a real one does: a
/// batch is what arrives together (a paste, a burst), and the loop reads it
/// whole before drawing. When the batches run out it asks the loop to stop.
final class ScriptedTerminal: Terminal {
    var size: Size
    private var batches: [[Key]]
    private var current: [Key] = []
    private(set) var frames: [Canvas] = []
    /// Called before each new batch is handed out, to resize or look around.
    var beforeBatch: (Int, ScriptedTerminal) -> Void = { _, _ in }
    private var batchNumber = 0

    init(size: Size, batches: [[Key]]) {
        self.size = size
        self.batches = batches
    }

    func draw(_ canvas: Canvas) { frames.append(canvas) }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        if timeoutMilliseconds == 0 {
            return current.isEmpty ? nil : current.removeFirst()
        }
        guard !batches.isEmpty else { return nil }
        beforeBatch(batchNumber, self)
        batchNumber += 1
        current = batches.removeFirst()
        return current.isEmpty ? nil : current.removeFirst()
    }

    var stopSignal: Int32? { batches.isEmpty && current.isEmpty && batchNumber > 0 ? SIGTERM : nil }
}

@Suite("The run loop with a scripted terminal")
struct RunLoopTests {
    /// Runs `body` with an app for `state` (a first run by default) whose files
    /// go to a folder of its own, removed afterwards.
    func withApp(_ state: WizardState? = nil, _ body: (WizardApp) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runloop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = WizardPaths(answers: folder.appendingPathComponent("a.yml").path,
                                page: folder.appendingPathComponent("a.md").path)
        var state = state ?? testWizard.start(paths: paths, fileAnswers: nil, draft: nil)
        state.paths = paths
        try body(WizardApp(wizard: testWizard, state: state))
    }

    static func typed(_ text: String) -> [Key] {
        text.map { $0 == "\n" ? Key.enter : Key.character($0) }
    }

    static func pasted(_ text: String) -> [Key] { [.pasteStart] + typed(text) + [.pasteEnd] }

    @Test("A paste with a line break stays in its one-line field")
    func pasteStaysInItsField() throws {
        try withApp { app in
            // Tab to the domain field, then paste two lines.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [[.tab], Self.pasted("acme.example\nsecond line")])
            #expect(app.run(on: terminal) == .signalled(SIGTERM))
            #expect(app.state.answers.company.securityContact == nil, "nothing typed into the next field")
            #expect(app.state.invalidText[.companyDomain] == "acme.example second line")
            #expect(app.state.focus == 1, "the focus stays on the domain field")
        }
        // A copied line ends with its line break: that adds nothing.
        try withApp { app in
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), batches: [[.tab], Self.pasted("acme.example\n")])
            _ = app.run(on: terminal)
            #expect(app.state.answers.company.domain == "acme.example")
        }
    }

    @Test("A paste whose end mark never comes ends when the keys pause")
    func lostPasteEnd() throws {
        try withApp { app in
            // Paste start, text, no end mark; a pause (an empty batch); then Tab.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [[.pasteStart] + Self.typed("Acme"), [], [.tab]])
            _ = app.run(on: terminal)
            #expect(app.state.answers.company.name == "Acme")
            #expect(app.state.focus == 1, "Tab moved on: it was not taken as pasted text")
        }
    }

    @Test("Keys typed ahead, Enter among them, still move on: only a marked paste is text")
    func typedAheadGoesOn() throws {
        try withApp { app in
            // Over a slow link, typed keys arrive together.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [Self.typed("Acme\nacme.example")])
            _ = app.run(on: terminal)
            #expect(app.state.answers.company.name == "Acme")
            #expect(app.state.answers.company.domain == "acme.example")
        }
    }

    @Test("A paste outside a text field is not a run of commands")
    func pasteOutsideTextDoesNothing() throws {
        try withApp { app in
            // Down from the three text fields onto the first profile question, then
            // paste text with q (quit), j (down), space (pick) and a line break in it.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [[.tab, .tab, .tab], Self.pasted("quit j \njj")])
            let before = app.state
            #expect(app.run(on: terminal) == .signalled(SIGTERM))
            #expect(app.state.answers == before.answers)
            #expect(app.state.overlay == nil)
            #expect(app.state.focus == 3)
        }
    }

    @Test("While the window is too small, keys change nothing the user cannot see")
    func tooSmallIgnoresKeys() throws {
        try withApp { app in
            // q on a list quits in a window of the right size; in a small one only Ctrl-C does.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [Self.typed("Acme"), [.tab, .character("x"), .down, .character(" "), .character("q")], [.control("c")]])
            terminal.beforeBatch = { number, terminal in
                if number == 1 { terminal.size = Size(width: 50, height: 12) }
            }
            #expect(app.run(on: terminal) == .quit, "Ctrl-C still quits")
            #expect(FileManager.default.fileExists(atPath: app.state.paths.draft), "the unsaved answers are in the draft")
            #expect(app.state.answers.company.name == "Acme")
            #expect(app.state.answers.company.domain == nil)
            #expect(app.state.focus == 0)
        }
    }

    @Test("In the whole-page preview End shows the last line, and the first Up moves back")
    func previewEndThenUp() throws {
        try withApp(SnapshotTests.revised()) { app in
            let size = Size(width: 80, height: 24)
            // End and Up in one burst, as fast keys or a slow link deliver them.
            let terminal = ScriptedTerminal(size: size, batches: [[.character("p")], [.end], [.pageDown, .pageDown], [.up], [.end, .up]])
            var seen: [Int] = []
            terminal.beforeBatch = { number, _ in if number > 1 { seen.append(app.state.previewScroll) } }
            _ = app.run(on: terminal)
            let last = testWizard.maxPreviewScroll(app.state)
            #expect(last > 0, "the page is longer than the screen")
            #expect(seen == [last, last, last - 1], "End, then PgDn past the end, stay on the last line")
            #expect(app.state.previewScroll == last - 1)
        }
    }
}
