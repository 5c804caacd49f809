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

@Suite("Every line of a section page can be reached")
struct ReachableGuidanceTests {
    @Test("At 60x16 and 80x24, Up from the first question scrolls back to the first line of every section's guidance",
          arguments: [Size(width: 60, height: 16), Size(width: 80, height: 24)])
    func guidanceIsReachable(size: Size) {
        var everything = SnapshotTests.profiled()
        for section in testCatalog.sections { everything.answers.sections[section.id] = SectionAnswers(include: true) }
        for section in testCatalog.sections {
            var state = everything
            state.step = .section(section.id)
            let app = WizardApp(wizard: testWizard, state: state)
            // A last batch of a key that does nothing: the frame after the Ups is drawn.
            let terminal = ScriptedTerminal(size: size, batches: [Array(repeating: Key.up, count: 60), [.function(9)]])
            _ = app.run(on: terminal)
            let last = terminal.frames.last!
            #expect(last.line(1).hasPrefix(" Recommended for:"), "\(section.id) at \(size.width)x\(size.height): \(last.line(1))")
            #expect(app.state.focus == 0, "the focus stays on the first question")
        }
    }
}

@Suite("A section's preview can be read whole")
struct SectionPreviewTests {
    @Test("p on a section page shows its whole preview; End reaches its last line; p goes back to the questions")
    func wholeSectionPreview() {
        var state = SnapshotTests.profiled()
        state.step = .section("data-encryption")
        state.answers.sections["data-encryption"] = SectionAnswers(include: true, answers: [
            "tls_in_transit": .bool(true), "tls_min_version": .choice("tls-1-2"), "at_rest": .bool(true),
        ])
        let app = WizardApp(wizard: testWizard, state: state)
        let terminal = ScriptedTerminal(size: Size(width: 60, height: 16), batches: [[.character("p")], [.end], [.function(9)]])
        _ = app.run(on: terminal)
        let lines = testWizard.previewLines(app.state, width: 58)
        let screen = (0..<16).map(terminal.frames.last!.line)
        #expect(screen[1].contains("Section preview"))
        #expect(lines.count > 1 && screen.contains { $0.hasPrefix(" " + lines.last!) }, "the section's last line shows after End:\n\(screen.joined(separator: "\n"))")
        #expect(app.state.previewScroll == testWizard.maxPreviewScroll(app.state))
        #expect(KeyMap(wizard: testWizard).action(for: .character("p"), in: app.state) == .pagePreviewToggled)
    }
}
