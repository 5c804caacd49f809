import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// Resizes reach the reducer in order with the keys; keys typed as the window
/// grows back are kept, keys typed into a window left too small are not.
@Suite("Resizing while typing")
struct ResizeTests {
    func app() -> WizardApp {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resize-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let paths = WizardPaths(answers: folder.appendingPathComponent("a.yml").path, page: folder.appendingPathComponent("a.md").path)
        var state = testWizard.start(paths: paths, fileAnswers: nil, draft: nil)
        state.paths = paths
        return WizardApp(wizard: testWizard, state: state)
    }

    @Test("Keys that arrive before the new, larger size are taken once it comes")
    func keysBeforeTheGrowingSize() {
        let app = app()
        // Batch 1 comes while the terminal still reports 50x12; batch 2 is the
        // resize to 80x24 (a terminal can deliver keys before the new size).
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                        batches: [[.resize], Array("Acme").map(Key.character), [.resize], Array("!").map(Key.character)])
        terminal.beforeBatch = { number, terminal in
            if number == 0 { terminal.size = Size(width: 50, height: 12) }
            if number == 2 { terminal.size = Size(width: 80, height: 24) }
        }
        _ = app.run(on: terminal)
        #expect(app.state.answers.company.name == "Acme!")
    }

    @Test("Keys typed into a window that stays too small are dropped after a moment")
    func keysIntoASmallWindow() {
        let app = app()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                        batches: [[.resize], Array("Acme").map(Key.character), [.resize], Array("!").map(Key.character)])
        terminal.beforeBatch = { number, terminal in
            if number == 0 { terminal.size = Size(width: 50, height: 12) }
            if number == 2 {
                Thread.sleep(forTimeInterval: 0.4)
                terminal.size = Size(width: 80, height: 24)
            }
        }
        _ = app.run(on: terminal)
        #expect(app.state.answers.company.name == "!")
    }
}
