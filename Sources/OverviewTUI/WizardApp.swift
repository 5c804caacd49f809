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
    /// The draft's text, made again from the sections that changed only.
    /// Stored, not `lazy`: a lazy property is changed through a copy, and
    /// copying its thousand sections' parts was a large catalog's cost a key.
    var draftText: AnswersText
    var draftPrimed = false
    /// What the actions changed of the answers since `draftText` last made
    /// the text: the sections it need look at again.
    var draftChanges = AnswerChanges.anything
    /// The same since the last frame was drawn: what the screens look at again.
    var frameChanges = AnswerChanges.anything
    /// Between the terminal's bracketed-paste marks: keys are text, not commands.
    var pasting = false
    /// Keys that came while the window was too small, with when they came.
    var held: [(key: Key, at: ContinuousClock.Instant)] = []
    /// How long such keys wait for the window to grow back before they are dropped.
    static let holdFor: Duration = .milliseconds(250)

    /// The answers file as this wizard last read or wrote it: the draft's
    /// first line names it, so the next start can tell whether the file
    /// changed since (see `Draft`).
    public private(set) var answersFileBase: Draft.Base {
        get {
            switch baseSource {
            case .known(let base): return base
            case .digestOf(let text):
                let base = Draft.base(ofFileText: text)
                baseSource = .known(base)
                return base
            }
        }
        set { baseSource = .known(newValue) }
    }

    /// Where `answersFileBase` comes from: known, or the digest of the text
    /// the launch read, worked out when a draft first needs it.
    private enum BaseSource {
        case known(Draft.Base)
        /// nil: there was no answers file.
        case digestOf(String?)
    }
    private var baseSource: BaseSource

    /// Where an export writes is decided when it runs, from the answers'
    /// `outputs:` as the export step left them (and the paths in `state`).
    /// `answersFileBase` is the answers file as the launch read it (by
    /// default, read now).
    public init(wizard: Wizard, state: WizardState, answersFileBase: Draft.Base? = nil) {
        self.wizard = wizard
        self.state = state
        self.baseSource = .known(answersFileBase ?? Draft.base(ofFileAt: state.paths.answers))
        self.screens = Screens(wizard: wizard)
        self.keyMap = KeyMap(wizard: wizard)
        self.draftText = AnswersText(loader: wizard.loader)
    }

    /// A wizard on the answers file whose text the launch read
    /// (`answersFileText`, nil when there was no file). Its digest, the
    /// draft's base, is worked out when a draft is first written: hashing
    /// the file (and the first use of SHA-256) was 5% of a revise's way to
    /// its first frame. The text is the one read then, so the base is the
    /// same whenever it is worked out.
    public convenience init(wizard: Wizard, state: WizardState, answersFileText: String?) {
        self.init(wizard: wizard, state: state, answersFileBase: .noFile)
        self.baseSource = .digestOf(answersFileText)
    }

    /// The first frame, made before there was a terminal to draw it on, at
    /// the size the terminal was expected to have.
    private var preparedFrame: (size: Size, canvas: Canvas)?

    /// Makes the first frame at `size` while the terminal is being set up on
    /// another thread (the two took about as long, one after the other, on
    /// the way to a revise's first frame). `run` draws it when the terminal
    /// has that size, and makes the frame again when it has not.
    public func prepareFirstFrame(size: Size) {
        var none = DraftWork.none
        send(.resized(size), draft: &none)
        preparedFrame = (size, frame())
    }

    /// Runs until the user quits or a signal asks to stop: read keys, turn
    /// them into actions, reduce, run the effects, draw.
    public func run(on terminal: Terminal, afterFirstFrame: () -> Void = {}) -> Outcome {
        var none = DraftWork.none
        if let prepared = preparedFrame, prepared.size == terminal.size {
            terminal.draw(prepared.canvas)
        } else {
            send(.resized(terminal.size), draft: &none)
            draw(on: terminal)
        }
        preparedFrame = nil
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
                // A quiet moment: the draft's sections are emitted now, once, so
                // that the first change writes one section's lines, not all.
                if !draftPrimed {
                    draftPrimed = true
                    if !state.answers.sections.isEmpty { _ = draftPartsNow() }
                    // And the draft's base, the answers file's digest, which the
                    // first change would otherwise wait for (a large file's is milliseconds).
                    _ = answersFileBase
                }
                // Nothing to do unless the size changed without a resize key.
                if terminal.size == state.viewport { continue }
            }
            var draft = DraftWork.none
            var quit = false
            // Whether any key of this batch (or a new size) reached the reducer:
            // keys that mean nothing here change nothing, and are not answered
            // with a frame (a whole render for the same screen).
            var acted = false
            var index = 0
            var hiddenAbove = memory.hiddenAbove
            // The size goes through the reducer like any key, so the keys after
            // it are taken at the new size. Keys typed as the window grew back,
            // before its new size reached us, are the user's: they go next.
            func resized() {
                let wasTooSmall = WizardLayout.isTooSmall(state.viewport)
                acted = true
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
                acted = true
                quit = send(action, draft: &draft)
            }
            if quit || terminal.stopSignal != nil {
                finish(draft)
                if !quit, let signal = terminal.stopSignal { return .signalled(signal) }
                return .quit
            }
            if !acted { continue }
            // The draft is in place before the keys' answer is drawn, so that an
            // answer on the screen is in the draft whatever ends the process
            // next (SIGKILL included). It is written on another thread while
            // this one makes the frame, which goes to the terminal once the
            // draft is in place. Only a section that changed is written out
            // again, and a failed write shows in this frame. Flushing the draft
            // to the disk, the slow part, waits until the frame is out.
            var written = false
            let writing: (job: DraftWrite, problem: InBackground<InputError?>)?
            if case .write = draft {
                let job = draftWrite()
                writing = (job, InBackground { job.run(flushing: false) })
            } else {
                finish(draft)
                writing = nil
            }
            var canvas = frame()
            if let writing {
                // A failed write, or the first good one after a failure, changes what the screen says.
                let hadProblem = state.draftProblem != nil
                written = self.written(writing.job, writing.problem.value())
                if !written || hadProblem { canvas = frame() }
            }
            terminal.draw(canvas)
            // The draft it replaced goes once the frame is out.
            if let replaced = writing?.job.replaced { FileStore.remove(replaced) }
            if written && flushDraft() { draw(on: terminal) }
        }
    }

    /// The state at the size in its viewport (the loop keeps that current),
    /// as the screen shows it.
    func frame() -> Canvas {
        defer { frameChanges = AnswerChanges() }
        return screens.render(state, memory: &memory, changed: frameChanges)
    }

    /// Draws the state.
    func draw(on terminal: Terminal) {
        terminal.draw(frame())
    }

    enum DraftWork { case none, write, delete }

    /// Reduces `action` and runs its effects; true when the wizard should end.
    @discardableResult
    func send(_ action: WizardAction, draft: inout DraftWork) -> Bool {
        var changes = AnswerChanges()
        let effects = wizard.reduce(into: &state, action: action, changes: &changes)
        draftChanges.add(changes)
        frameChanges.add(changes)
        for effect in effects {
            switch effect {
            case .writeDraft:
                draft = .write
            case .deleteDraft:
                draft = .delete
            case .save:
                do {
                    let text = AnswersFile.serialize(state.answers, catalog: wizard.catalog)
                    try FileStore.write(text, to: state.paths.answers)
                    answersFileBase = Draft.base(ofText: text)
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
            case .export, .exportOverwriting:
                // Today for a review of every answer (or a first write); the date as it is for a correction.
                let reviewed = wizard.reviewedForExport(state, today: ReviewDate.today().description)
                let answers = wizard.answersForExport(state.answers, reviewed: reviewed)
                let targets = state.paths.targets(answers)
                do {
                    // Over hand edits (or a page made before the tool) only when the person chose Overwrite or Replace.
                    let written = try Export.write(answers, catalog: wizard.catalog, targets: targets,
                                                   force: effect == .exportOverwriting)
                    // The file as written (its history block included) is what a later draft starts from.
                    answersFileBase = Draft.base(ofFileAt: state.paths.answers)
                    if send(.exportSucceeded(paths: written, reviewed: reviewed), draft: &draft) { return true }
                } catch {
                    // The file as a person writes it: `content/security.md`, not `security/../content/security.md`.
                    var problem = error
                    problem.file = FileStore.display(problem.file)
                    // Refused over a hand edit: the step offers what differs and a deliberate overwrite.
                    let edited = effect == .exportOverwriting ? []
                        : Export.editedByHand(answers, catalog: wizard.catalog, targets: targets)
                    if edited.contains(where: { FileStore.display($0.path) == problem.file }) {
                        let diff = edited.compactMap { file in
                            file.expected.flatMap { try? UnifiedDiff.of(path: file.path, label: FileStore.display(file.path), expected: $0) }
                        }.joined()
                        send(.exportRefusedOverHandEdits(files: edited.map { FileStore.display($0.path) }, diff: diff,
                                                         notGenerated: edited.filter { !$0.generated }.map { FileStore.display($0.path) }),
                             draft: &draft)
                    } else {
                        send(.exportFailed(problem.description), draft: &draft)
                    }
                }
            case .quit:
                return true
            }
        }
        return false
    }

    /// Writes (atomically, flushed) or removes the draft here and now: a
    /// write as the wizard ends, a removal whenever one is due. True when a
    /// draft was written in place; a failed write is in the state.
    @discardableResult
    func finish(_ draft: DraftWork) -> Bool {
        switch draft {
        case .none:
            return false
        case .write:
            let job = draftWrite()
            return written(job, job.run(flushing: true))
        case .delete:
            if FileStore.exists(state.paths.draft) { unlinkFile(state.paths.draft) }
            return false
        }
    }

    /// A draft to write for the state now. It takes the draft's text along
    /// (not a copy: a thousand sections' parts were a large catalog's cost a
    /// key); `written` gives it back.
    func draftWrite() -> DraftWrite {
        var text = AnswersText(loader: wizard.loader)
        swap(&text, &draftText)
        defer { draftChanges = AnswerChanges() }
        return DraftWrite(text: consume text, answers: wizard.answersForDraft(state), changes: draftChanges,
                          header: Draft.header(answersFile: state.paths.answers, base: answersFileBase),
                          path: state.paths.draft)
    }

    /// Takes the draft's text back from a write that has run, and puts how it
    /// went in the state; true when the draft was written in place.
    func written(_ job: DraftWrite, _ problem: InputError?) -> Bool {
        swap(&draftText, &job.text)
        var ignored = DraftWork.none
        if let problem {
            send(.draftWriteFailed(problem.description), draft: &ignored)
            return false
        }
        if state.draftProblem != nil { send(.draftWritten, draft: &ignored) }
        return true
    }

    /// A draft's writing, which can run on another thread: its text is made
    /// there from the parts kept (emitting a changed section is most of the
    /// work), then written atomically.
    final class DraftWrite: @unchecked Sendable {
        /// Owned by the thread that runs `run` until it returns.
        var text: AnswersText
        let answers: Answers
        let changes: AnswerChanges
        let header: String
        let path: String
        /// The draft this one replaced, under a temporary name, to remove
        /// (`FileStore.writeUnflushed`); set by `run`.
        private(set) var replaced: String?

        init(text: consuming AnswersText, answers: Answers, changes: AnswerChanges, header: String, path: String) {
            self.text = text
            self.answers = answers
            self.changes = changes
            self.header = header
            self.path = path
        }

        /// Makes the text and writes it; why it could not be written, if it
        /// could not. `flushing: false` leaves flushing it to disk to the caller.
        func run(flushing: Bool) -> InputError? {
            let parts = [header] + text.parts(answers, changed: changes)
            do throws(InputError) {
                if flushing {
                    try FileStore.write(parts.joined(), to: path)
                } else {
                    replaced = try FileStore.writeUnflushed(parts, to: path)
                }
                return nil
            } catch {
                return error
            }
        }
    }

    /// The draft's answers file text for the state now, in pieces, made
    /// again from what changed since it was last made.
    func draftPartsNow() -> [String] {
        let parts = draftText.parts(wizard.answersForDraft(state), changed: draftChanges)
        draftChanges = AnswerChanges()
        return parts
    }

    /// Flushes the draft just written to disk; true when that failed (the
    /// state says so, and the screen must be drawn again).
    func flushDraft() -> Bool {
        do {
            try FileStore.flush(state.paths.draft)
            return false
        } catch {
            var ignored = DraftWork.none
            send(.draftWriteFailed(error.description), draft: &ignored)
            return true
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
