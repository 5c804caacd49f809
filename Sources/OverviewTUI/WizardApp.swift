import Foundation
import OverviewCore

/// The run loop: read keys, turn them into actions, reduce, run the effects,
/// draw. The only place the wizard touches files (through OverviewCore).
public final class WizardApp {
    public enum Outcome: Equatable, Sendable {
        /// The user quit.
        case quit
        /// SIGINT, SIGTERM or SIGHUP: the draft is on disk, the terminal must be restored.
        case signalled(Int32)
    }

    public let wizard: Wizard
    public private(set) var state: WizardState
    let screens: Screens
    let keyMap: KeyMap
    var memory = ScreenMemory()
    /// Between the terminal's bracketed-paste marks: keys are text, not commands.
    var pasting = false
    /// Keys that came while the window was too small, with when they came.
    var held: [(key: Key, at: ContinuousClock.Instant)] = []
    /// How long such keys wait for the window to grow back before they are dropped.
    static let holdFor: Duration = .milliseconds(250)

    /// Where an export writes is decided when it runs, from the answers'
    /// `outputs:` as the export step left them (and the paths in `state`).
    public init(wizard: Wizard, state: WizardState) {
        self.wizard = wizard
        self.state = state
        self.screens = Screens(wizard: wizard)
        self.keyMap = KeyMap(wizard: wizard)
    }

    /// Runs until the user quits or a signal asks to stop: read keys, turn
    /// them into actions, reduce, run the effects, draw.
    public func run(on terminal: Terminal, afterFirstFrame: () -> Void = {}) -> Outcome {
        var none = DraftWork.none
        send(.resized(terminal.size), draft: &none)
        draw(on: terminal)
        afterFirstFrame()
        while true {
            if let signal = terminal.stopSignal { return .signalled(signal) }
            var keys: [Key] = []
            if let first = terminal.readKey(timeoutMilliseconds: 250) {
                // Everything already typed (a paste) is handled before the next frame.
                keys.append(first)
                while keys.count < 65_536, let more = terminal.readKey(timeoutMilliseconds: 0) { keys.append(more) }
            } else {
                // A quarter of a second with nothing: any paste is over, even if
                // its end mark was lost, so keys are commands again.
                pasting = false
                // Nothing to do unless the size changed without a resize key.
                if terminal.size == state.viewport { continue }
            }
            var draft = DraftWork.none
            var quit = false
            var index = 0
            var hiddenAbove = memory.hiddenAbove
            // The size goes through the reducer like any key, so the keys after
            // it are taken at the new size. Keys typed as the window grew back,
            // before its new size reached us, are the user's: they go next.
            func resized() {
                let wasTooSmall = WizardLayout.isTooSmall(state.viewport)
                send(.resized(terminal.size), draft: &draft)
                guard wasTooSmall, !WizardLayout.isTooSmall(state.viewport) else { return }
                let now = ContinuousClock.now
                keys.insert(contentsOf: held.filter { now - $0.at < Self.holdFor }.map(\.key), at: index)
                held.removeAll()
            }
            // A size that changed without a resize key (yet) counts before the keys.
            if terminal.size != state.viewport { resized() }
            while index < keys.count && !quit {
                let key = keys[index]
                index += 1
                switch key {
                case .resize:
                    resized()
                    continue
                case .pasteStart: pasting = true; continue
                case .pasteEnd: pasting = false; continue
                default: break
                }
                // While the window is too small, keys wait a moment (not Ctrl-C,
                // which quits): a terminal can deliver keys typed just after the
                // window grew before it reports the new size.
                if WizardLayout.isTooSmall(state.viewport) && key != .control("c") {
                    held.append((key, ContinuousClock.now))
                    continue
                }
                // A line break that ends a paste (a copied line) adds nothing
                // to a one-line field, where it would be a trailing space.
                if pasting, key == .enter, index == keys.count || keys[index] == .pasteEnd,
                   keyMap.inSingleLineText(state) {
                    continue
                }
                let mapped = pasting ? keyMap.pasted(key, in: state) : keyMap.action(for: key, in: state, hiddenAbove: hiddenAbove)
                guard let action = mapped else { continue }
                // What the next key in this batch can still scroll back to.
                if case .formScrolled(let by) = action { hiddenAbove = max(0, hiddenAbove + by) }
                quit = send(action, draft: &draft)
            }
            if quit || terminal.stopSignal != nil {
                finish(draft)
                if !quit, let signal = terminal.stopSignal { return .signalled(signal) }
                return .quit
            }
            // The keys' answer goes out first and the draft is written while it
            // is read: writing it (the whole answers file, flushed to disk) took
            // longer than the frame. A write that fails shows in the next frame.
            draw(on: terminal)
            if finish(draft) { draw(on: terminal) }
        }
    }

    /// Draws the state at the size in its viewport (the loop keeps that current).
    func draw(on terminal: Terminal) {
        terminal.draw(screens.render(state, memory: &memory))
    }

    enum DraftWork { case none, write, delete }

    /// Reduces `action` and runs its effects; true when the wizard should end.
    @discardableResult
    func send(_ action: WizardAction, draft: inout DraftWork) -> Bool {
        let effects = wizard.reduce(into: &state, action: action)
        for effect in effects {
            switch effect {
            case .writeDraft:
                draft = .write
            case .deleteDraft:
                draft = .delete
            case .save:
                do {
                    try FileStore.write(AnswersFile.serialize(state.answers, catalog: wizard.catalog), to: state.paths.answers)
                } catch {
                    send(.saveFailed(error.description), draft: &draft)
                    return false  // an unsaved quit does not go on
                }
                if send(.saveSucceeded, draft: &draft) { return true }
            case .saveCopy:
                // The draft's disk is full, perhaps this one too: the
                // temporary folder is often another file system.
                let name = (state.paths.answers.split(separator: "/").last.map(String.init) ?? "answers.yml")
                    .replacingOccurrences(of: ".yml", with: "")
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8).lowercased()).yml").path
                do {
                    try FileStore.write(AnswersFile.serialize(state.answers, catalog: wizard.catalog), to: path)
                } catch {
                    send(.copyFailed(error.description), draft: &draft)
                    return false  // the answers are nowhere yet: do not quit
                }
                if send(.copySaved(path: path), draft: &draft) { return true }
            case .export:
                let today = ReviewDate.today().description
                let answers = wizard.answersForExport(state.answers, reviewed: today)
                do {
                    let written = try Export.write(answers, catalog: wizard.catalog, targets: state.paths.targets(answers))
                    if send(.exportSucceeded(paths: written, reviewed: today), draft: &draft) { return true }
                } catch {
                    // The file as a person writes it: `content/security.md`, not `security/../content/security.md`.
                    var problem = error
                    problem.file = FileStore.display(problem.file)
                    send(.exportFailed(problem.description), draft: &draft)
                }
            case .quit:
                return true
            }
        }
        return false
    }

    /// Writes (atomically) or removes the draft once per batch of keys; true
    /// when that changed the state (a write failed, or one succeeded again).
    @discardableResult
    func finish(_ draft: DraftWork) -> Bool {
        switch draft {
        case .none:
            return false
        case .write:
            var ignored = DraftWork.none
            do {
                try FileStore.write(AnswersFile.serialize(state.answers, catalog: wizard.catalog), to: state.paths.draft)
                guard state.draftProblem != nil else { return false }
                send(.draftWritten, draft: &ignored)
            } catch {
                send(.draftWriteFailed(error.description), draft: &ignored)
            }
            return true
        case .delete:
            if FileStore.exists(state.paths.draft) { unlinkFile(state.paths.draft) }
            return false
        }
    }
}

#if canImport(Glibc)
import Glibc
func unlinkFile(_ path: String) { _ = Glibc.unlink(path) }
#elseif canImport(Darwin)
import Darwin
func unlinkFile(_ path: String) { _ = Darwin.unlink(path) }
#endif
