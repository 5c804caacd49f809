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

    @Test("A first frame made before the terminal was set up is drawn at its size, and made again at another")
    func firstFrameMadeAhead() throws {
        let size = Size(width: 80, height: 24)
        var drawnNow: Canvas?
        try withApp { app in
            let terminal = ScriptedTerminal(size: size, batches: [[]])
            _ = app.run(on: terminal)
            drawnNow = terminal.frames.first
        }
        for (expected, actual) in [(size, size), (Size(width: 100, height: 30), size)] {
            try withApp { app in
                app.prepareFirstFrame(size: expected)
                let terminal = ScriptedTerminal(size: actual, batches: [[]])
                _ = app.run(on: terminal)
                #expect(terminal.frames.first?.text == drawnNow?.text, "made at \(expected), drawn at \(actual)")
                #expect(app.state.viewport == actual)
            }
        }
        #expect(drawnNow?.text.contains("Company name") == true)
    }

    static func typed(_ text: String) -> [Key] {
        text.map { $0 == "\n" ? Key.enter : Key.character($0) }
    }

    static func pasted(_ text: String) -> [Key] { [.pasteStart] + typed(text) + [.pasteEnd] }

    @Test("A wizard given the answers file's text names that text's digest in its draft, even if the file changed since")
    func draftBaseFromLaunchText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runloop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = WizardPaths(answers: folder.appendingPathComponent("a.yml").path,
                                page: folder.appendingPathComponent("a.md").path)
        let launched = "version: 1\ncompany:\n  name: Acme\n"
        for text in [launched, nil] {
            var state = testWizard.start(paths: paths, fileAnswers: nil, draft: nil)
            state.paths = paths
            let app = WizardApp(wizard: testWizard, state: state, answersFileText: text)
            // The file changes after the launch read it: the draft still started from what was read.
            try "version: 1\ncompany:\n  name: Other\n".write(toFile: paths.answers, atomically: true, encoding: .utf8)
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), batches: [Self.typed("Z")])
            #expect(app.run(on: terminal) == .signalled(SIGTERM))
            let draft = try String(contentsOfFile: paths.draft, encoding: .utf8)
            let base = text.map(Draft.base(ofText:)) ?? .noFile
            #expect(draft.hasPrefix(Draft.header(answersFile: paths.answers, base: base)), "\(draft.prefix(120))")
            #expect(app.answersFileBase == base)
            try? FileManager.default.removeItem(atPath: paths.draft)
        }
    }

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

    @Test("After every batch of keys, the draft on disk is the answers file's text for what the screen holds")
    func draftFollowsEveryKey() throws {
        // A security lead's complete file: keys land in every kind of field.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("OverviewCoreTests/Fixtures/later-health.yml").path
        let file = try AnswersFile.load(fixture, catalog: testCatalog)
        // Keys that move, type, erase, pick, include or skip, open records and notes; none that quits or saves.
        let keys: [Key] = [.down, .down, .down, .down, .up, .enter, .enter, .tab, .tab, .backTab, .pageDown,
                           .character("a"), .character("x"), .character(" "), .character("n"), .character("d"),
                           .character("u"), .character("p"), .character("]"), .character("s"), .backspace, .backspace, .delete,
                           .control("u"), .home, .end, .left, .right]
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        // Now and then back to the review (Esc from a page it was opened from) and into another section.
        let batches = (0..<400).map { _ in
            next(6) == 0 ? [.escape] + Array(repeating: Key.down, count: 2 + next(16)) + [.enter]
                : (0...next(3)).map { _ in keys[next(keys.count)] }
        }
        try withApp(testWizard.start(paths: testPaths, fileAnswers: file, draft: nil)) { first in
            var app = first
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), batches: batches)
            var checked = 0, steps = Set<String>()
            terminal.beforeBatch = { number, terminal in
                steps.insert("\(app.state.step)")
                // The title ("section k of n") kept from frame to frame reads as one counted afresh.
                if let frame = terminal.frames.last {
                    var fresh = ScreenMemory()
                    #expect(frame.line(0) == Screens(wizard: testWizard).render(app.state, memory: &fresh).line(0),
                            "after batch \(number - 1)")
                }
                // No draft yet, or removed by an export: nothing to hold it to.
                guard let written = try? String(contentsOfFile: app.state.paths.draft, encoding: .utf8) else { return }
                let expected = Draft.header(answersFile: app.state.paths.answers, base: app.answersFileBase)
                    + AnswersFile.serialize(testWizard.answersForDraft(app.state), catalog: testCatalog)
                #expect(written == expected, "after batch \(number - 1): \(batches[max(0, number - 1)])")
                checked += 1
            }
            // Enter on the export step's Quit ends the run: the next starts at the review, as a new launch would.
            while app.run(on: terminal) == .quit {
                var state = app.state
                testWizard.reduce(into: &state, action: .reviewOpened)
                app = WizardApp(wizard: testWizard, state: state, answersFileBase: app.answersFileBase)
            }
            #expect(checked > 200, "the draft was there to compare after most batches")
            #expect(steps.filter { $0.hasPrefix("section") }.count >= 8, "the keys went through many sections: \(steps)")
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

    @Test("A key that means nothing on the screen gets no frame; the next one that acts does")
    func meaninglessKeyDrawsNothing() throws {
        try withApp { app in
            // F5 means nothing anywhere; a batch of it alone changes nothing.
            // (The last batch is read as the terminal asks to stop, and not drawn.)
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [[.function(5)], [.function(5), .function(5)], [.down], [.function(5)]])
            _ = app.run(on: terminal)
            #expect(terminal.frames.count == 2, "the first frame, then one for Down: \(terminal.frames.count) frames")
            #expect(app.state.focus == 1)
            #expect(!FileManager.default.fileExists(atPath: app.state.paths.draft), "nothing changed, nothing written")
        }
    }

    @Test("A draft that cannot be written says so in the frame that answers the key, every time; one written again clears it")
    func draftFailureInItsFrame() throws {
        try withApp { app in
            let folder = (app.state.paths.draft as NSString).deletingLastPathComponent
            // The draft's folder is gone for the first two keys and back for the third.
            let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                            batches: [[.character("Q")], [.character("R")], [.character("S")], [.function(5)]])
            terminal.beforeBatch = { number, _ in
                if number == 0 { try? FileManager.default.removeItem(atPath: folder) }
                if number == 2 { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            }
            _ = app.run(on: terminal)
            let frames = terminal.frames.map { frame in (0..<24).map(frame.line).joined(separator: "\n") }
            #expect(frames.count == 4, "the first frame and one a key: \(frames.count)")
            // "R" clears the message "Q" left; the failed write after it puts it back in R's own frame.
            for (index, key) in [(1, "Q"), (2, "R")] where frames.count > index {
                #expect(frames[index].contains("Draft not saved"), "the frame after \(key):\n\(frames[index])")
            }
            if frames.count > 3 { #expect(!frames[3].contains("Draft not saved"), "the frame after S:\n\(frames[3])") }
            #expect(app.state.draftProblem == nil)
            let draft = try String(contentsOfFile: app.state.paths.draft, encoding: .utf8)
            #expect(draft.contains("name: QRS\n"), "the draft once written again:\n\(draft)")
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
