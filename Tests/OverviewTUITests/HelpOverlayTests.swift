import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// The help overlay at the sizes a person uses, down to 60x16: every word of
/// every line can be read by scrolling, the scroll keys scroll it and any
/// other key closes it, as its key bar says.
@Suite("Help overlay")
struct HelpOverlayTests {
    let keys = KeyMap(wizard: testWizard)
    let screens = Screens(wizard: testWizard)

    /// The plan with the help open, at `size`.
    func helpOpen(_ size: Size) -> WizardState {
        var state = firstRun()
        state.step = .plan
        send(&state, .resized(size), .helpToggled)
        return state
    }

    func screen(_ state: WizardState) -> [String] {
        var memory = ScreenMemory()
        let canvas = screens.render(state, memory: &memory)
        return (0..<canvas.size.height).map { canvas.line($0) }
    }

    /// What is inside the help's frame on `screen`, row by row.
    func insideBox(_ screen: [String]) -> [String] {
        screen.compactMap { row in
            guard let left = row.firstIndex(of: "│"), let right = row.lastIndex(of: "│"), left < right else { return nil }
            return String(row[row.index(after: left)..<right])
        }
    }

    /// Every screen the help shows from its top, going down with ↓ until it
    /// no longer moves (at most `limit` keys).
    func scrolledThrough(_ size: Size, limit: Int = 100) -> [[String]] {
        var state = helpOpen(size)
        var seen = [screen(state)]
        for _ in 0..<limit {
            guard let action = keys.action(for: .down, in: state), case .helpScrolled = action else { break }
            let before = state.helpScroll
            send(&state, action)
            #expect(state.overlay == .help, "↓ keeps the help open")
            if state.helpScroll == before { break }
            seen.append(screen(state))
        }
        return seen
    }

    @Test("Every help line's whole meaning can be reached by scrolling, at 60x16, 80x24 and 120x40",
          arguments: [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func everyWordReachable(_ size: Size) {
        let screens = scrolledThrough(size).map(insideBox)
        // ↓ moves one row: the first screen, then the row each ↓ brought in.
        let rows = screens[0] + screens.dropFirst().map { $0.last! }
        let keyWidth = HelpLayout(size).keyWidth
        // Each binding's rows read back: its keys, then its meaning joined
        // from the rows under it; a blank row, then the note.
        var read: [(keys: String, meaning: String)] = []
        var note: [String] = []
        var inNote = false
        for row in rows {
            let trimmed = row.trimmingCharacters(in: .whitespaces)
            if inNote { note.append(trimmed); continue }
            if trimmed.isEmpty { inNote = true; continue }
            let keys = String(row.prefix(1 + keyWidth)).trimmingCharacters(in: .whitespaces)
            let text = String(row.dropFirst(1 + keyWidth)).trimmingCharacters(in: .whitespaces)
            if keys.isEmpty, !read.isEmpty { read[read.count - 1].meaning += " " + text } else { read.append((keys, text)) }
        }
        #expect(read.map(\.keys) == KeyBinding.helpLines.map(\.0), "every binding, in order, at \(size.width)x\(size.height)")
        for ((keys, meaning), shown) in zip(KeyBinding.helpLines, read) {
            #expect(shown.meaning == meaning, "\(keys) reads whole at \(size.width)x\(size.height)")
        }
        #expect(note.filter { !$0.isEmpty }.joined(separator: " ") == HelpLayout.note)
        #expect(!rows.joined().contains("…"), "nothing in the help is cut")
    }

    @Test("At 60x16 the help does not fit: arrows, j k, PgUp/PgDn, Home and End scroll it, with marks")
    func scrollKeysAt60x16() {
        let size = Screens.minimumSize
        let layout = HelpLayout(size)
        #expect(layout.scrolls)
        var state = helpOpen(size)
        #expect(!screen(state).joined().contains("↑ more"))
        #expect(screen(state).joined().contains("↓ more"))
        #expect(keys.hints(for: state) == [KeyHint("↑↓ PgUp/PgDn", "scroll"), KeyHint("any other key", "close help")])

        send(&state, keys.action(for: .character("j"), in: state)!)
        #expect(state.helpScroll == 1)
        #expect(screen(state).joined().contains("↑ more") && screen(state).joined().contains("↓ more"))
        send(&state, keys.action(for: .character("k"), in: state)!)
        #expect(state.helpScroll == 0)
        // Up at the top stays there.
        #expect(keys.action(for: .up, in: state) == .helpScrolled(to: 0))

        send(&state, keys.action(for: .end, in: state)!)
        #expect(state.helpScroll == layout.lastScroll)
        let end = screen(state)
        #expect(end.joined().contains("↑ more") && !end.joined().contains("↓ more"))
        #expect(end.contains { $0.contains(" n ") && $0.contains("on the review") }, "the last binding shows at the end")
        // Down at the end stays there; Up moves at once (End does not overshoot).
        #expect(keys.action(for: .down, in: state) == .helpScrolled(to: layout.lastScroll))
        #expect(keys.action(for: .up, in: state) == .helpScrolled(to: layout.lastScroll - 1))

        send(&state, keys.action(for: .pageUp, in: state)!)
        #expect(state.helpScroll == max(0, layout.lastScroll - (layout.visible - 1)))
        send(&state, keys.action(for: .home, in: state)!)
        #expect(state.helpScroll == 0)
        send(&state, keys.action(for: .pageDown, in: state)!)
        #expect(state.helpScroll == min(layout.lastScroll, layout.visible - 1))

        // Any other key closes it, and does nothing else.
        let before = state
        for key in [Key.escape, .enter, .character(" "), .character("q"), .character("?"), .function(1), .tab] {
            var copy = before
            #expect(keys.action(for: key, in: copy) == .helpToggled)
            send(&copy, keys.action(for: key, in: copy)!)
            var expected = before
            expected.overlay = nil
            #expect(copy == expected)
        }
        // Opened again, it starts at its top.
        var again = before
        send(&again, .helpToggled, .helpToggled)
        #expect(again.overlay == .help && again.helpScroll == 0)
    }

    @Test("Where the help fits, any key closes it, as its key bar says")
    func fitsAt120x40() {
        let state = helpOpen(Size(width: 120, height: 40))
        #expect(!HelpLayout(state.viewport).scrolls)
        #expect(keys.hints(for: state) == [KeyHint("any key", "close help")])
        for key in [Key.down, .character("j"), .end, .pageDown, .escape] {
            #expect(keys.action(for: key, in: state) == .helpToggled)
        }
        #expect(!screen(state).joined().contains("more"))
    }

    @Test("Scrolled to the end and then made taller, the help shows its end and Up moves at once")
    func growWhileScrolled() {
        var state = helpOpen(Screens.minimumSize)
        send(&state, keys.action(for: .end, in: state)!)
        let taller = Size(width: 60, height: 20)
        send(&state, .resized(taller))
        let layout = HelpLayout(taller)
        #expect(layout.scrolls && state.helpScroll > layout.lastScroll, "the offset kept is past the new end")
        let shown = screen(state).joined()
        #expect(shown.contains("↑ more") && !shown.contains("↓ more"))
        #expect(keys.action(for: .up, in: state) == .helpScrolled(to: layout.lastScroll - 1))
    }
}
