import Foundation
import OverviewCore

/// What the app keeps between frames beside the state: each form's scroll
/// offset (a widget's own state, kept next to the widget as ratatui's
/// `StatefulWidget` does) and the page preview as last laid out (a memo).
/// Drawing reads the state and may only update these.
public struct ScreenMemory: Sendable {
    /// Each step's scroll offset. A short list searched in order rather than a
    /// dictionary: hashing a step would cost a runtime conformance lookup (a
    /// scan of every conformance record) before the first frame.
    private var offsets: [(step: WizardStep, offset: Int)] = []
    /// The whole page wrapped to a width, for the answers it was made from.
    private var page: (answers: Answers, step: WizardStep, width: Int, lines: [String])?
    /// Lines of the last drawn form hidden above its top: what Up on the first
    /// item can still scroll back to.
    public internal(set) var hiddenAbove = 0
    /// The plan's or the review's lines as last built, with what they were
    /// built from: a row per section of the catalog, each with its status and
    /// marks, which a Down does not change. With a thousand sections building
    /// them again was most of a key's time.
    private var list: (inputs: ListInputs, lines: [FormLine], detailNeeded: Int)?
    /// The live preview's blocks as last laid out: a key typed changes one.
    var preview = PagePreview.Memo()
    /// The section template's output around the answer being typed, for the
    /// catalog it came from. Kept while only that section's answers change.
    var typed: (catalog: ObjectIdentifier, memo: TypedAnswerMarkdown?)?
    /// Whether each catalog section is on the page, and how many are, as of
    /// the last frame: the title's "section k of n". Counting a thousand
    /// sections again on every key typed was a large catalog's cost; a key
    /// changes one section's answers, whose place alone is looked at again.
    private var included: (catalog: ObjectIdentifier, flags: [Bool], count: Int)?

    public init() {}

    subscript(step: WizardStep) -> Int {
        get { offsets.first { $0.step == step }?.offset ?? 0 }
        set {
            if let index = offsets.firstIndex(where: { $0.step == step }) {
                offsets[index].offset = newValue
            } else {
                offsets.append((step, newValue))
            }
        }
    }

    /// Everything the plan's and the review's lines are made from: not the
    /// focus, which is drawn on them. Compared on every frame, which is cheap
    /// while the answers are the ones last drawn (the same storage).
    struct ListInputs: Equatable {
        var catalog: ObjectIdentifier
        var step: WizardStep
        var width: Int
        var answers: Answers
        var original: Answers
        var hadAnswersFile: Bool
        var newSections: Set<String>
        var unseenInFile: [String: [String]]
        var invalidText: [FieldID: String]
        var returnToReview: Bool
        /// The plan's pane: what it needs is measured only while it is open.
        var planDetail: Bool

        init(_ wizard: Wizard, _ state: WizardState, _ body: Rect) {
            catalog = ObjectIdentifier(wizard.loader)
            step = state.step
            width = body.width
            answers = state.answers
            original = state.original
            hadAnswersFile = state.hadAnswersFile
            newSections = state.newSections
            unseenInFile = state.unseenInFile
            invalidText = state.invalidText
            returnToReview = state.returnToReview
            planDetail = state.showPlanDetail
        }
    }

    /// The plan's or the review's lines (and, on the plan, the rows its
    /// detail pane needs at the most), made again only when what they show
    /// changed since the last frame.
    mutating func listLines(_ wizard: Wizard, _ state: WizardState, _ body: Rect,
                            make: () -> (lines: [FormLine], detailNeeded: Int)) -> (lines: [FormLine], detailNeeded: Int) {
        let inputs = ListInputs(wizard, state, body)
        if let list, list.inputs == inputs { return (list.lines, list.detailNeeded) }
        let made = make()
        list = (inputs, made.lines, made.detailNeeded)
        return made
    }

    /// Brings what is kept from the answers up to date with what changed of
    /// them since the last frame.
    mutating func answersChanged(_ changed: AnswerChanges, _ wizard: Wizard, _ state: WizardState) {
        // A template may print another section's answers (`{{sections.…}}`).
        if let section = typed?.memo?.section, changed.sections?.allSatisfy({ $0 == section }) != true {
            typed = nil
        }
        guard let ids = changed.sections, var kept = included, kept.catalog == ObjectIdentifier(wizard.loader) else {
            included = nil
            return
        }
        included = nil  // let go first: the flags are then changed in place, not copied
        let sections = wizard.catalog.sections
        for id in ids {
            guard let place = wizard.catalog.place(of: id), kept.flags.indices.contains(place) else { continue }
            let now = state.answers.isIncluded(sections[place].id, rule: sections[place].rule)
            kept.count += (now ? 1 : 0) - (kept.flags[place] ? 1 : 0)
            kept.flags[place] = now
        }
        included = kept
    }

    /// The section's place among those on the page (nil: it is not on it), and how many are.
    mutating func includedPlace(of id: String, _ wizard: Wizard, _ state: WizardState) -> (index: Int?, count: Int) {
        let sections = wizard.catalog.sections
        let catalog = ObjectIdentifier(wizard.loader)
        if included == nil || included?.catalog != catalog || included?.flags.count != sections.count {
            // Read in place: a copy of every section on each key was a large catalog's cost.
            let flags = sections.indices.map { state.answers.isIncluded(sections[$0].id, rule: sections[$0].rule) }
            included = (catalog, flags, flags.filter { $0 }.count)
        }
        guard let kept = included, let place = wizard.catalog.place(of: id), kept.flags[place] else {
            return (nil, included?.count ?? 0)
        }
        return (kept.flags[..<place].filter { $0 }.count, kept.count)
    }

    /// The preview's lines at `width` (the page on the review, the section on
    /// a section page), made again only when the answers, the step or the
    /// width changed since the last frame.
    mutating func previewLines(_ wizard: Wizard, _ state: WizardState, width: Int) -> [String] {
        if let page, page.width == width, page.step == state.step, page.answers == state.answers { return page.lines }
        let lines = wizard.previewLines(state, width: width)
        page = (state.answers, state.step, width, lines)
        return lines
    }
}

/// The screens: functions of the state drawn on a canvas. Each screen is in
/// a file of its own beside this one, built from the widgets in Widgets/;
/// `render` is the one place that names them.
public struct Screens: Sendable {
    public static var minimumSize: Size { WizardLayout.minimumSize }
    static var sideBySideWidth: Int { WizardLayout.sideBySideWidth }

    public let wizard: Wizard
    /// The catalog's own text on a section page (guidance, labels, help)
    /// as wrapped before: two dozen wraps on every key, which change only
    /// with the width.
    let catalogText = WrappedText()

    public init(wizard: Wizard) {
        self.wizard = wizard
    }

    /// Whether `size` is below the smallest the screens are drawn at.
    public static func isTooSmall(_ size: Size) -> Bool { WizardLayout.isTooSmall(size) }

    /// The whole screen for `state`, at the size in its viewport.
    /// `changed`: what changed of the answers since the frame `memory` was
    /// last drawn for, when the caller knows (the run loop does).
    public func render(_ state: WizardState, memory: inout ScreenMemory, changed: AnswerChanges = .anything) -> Canvas {
        memory.answersChanged(changed, wizard, state)
        let size = state.viewport
        var canvas = Canvas(size)
        if Self.isTooSmall(size) {
            drawTooSmall(&canvas)
            return canvas
        }
        let body = WizardLayout.body(state)
        let (title, step) = titles(state, memory: &memory)
        drawTitleBar(&canvas, title, step)
        switch state.step {
        case .resumeDraft: drawResume(&canvas, state, body)
        case .profile: drawForm(&canvas, state, profileLines(state, body), body, &memory)
        case .plan: drawPlan(&canvas, state, body, &memory)
        case .section(let id): drawSection(&canvas, state, id, body, &memory)
        case .review: drawReview(&canvas, state, body, &memory)
        case .export: drawExport(&canvas, state, body, &memory)
        }
        if let message = state.message {
            let lines = WizardLayout.messageLines(state)
            for (index, line) in lines.enumerated() {
                canvas.put(line, x: 1, y: size.height - 1 - lines.count + index, message.kind == .error ? .error : .good)
            }
        }
        drawKeyBar(&canvas, KeyMap(wizard: wizard).hints(for: state))
        switch state.overlay {
        case .help?: canvas.cursor = nil; drawHelp(&canvas, state)
        case .quitConfirm?: canvas.cursor = nil; drawQuitConfirm(&canvas, state)
        case nil: break
        }
        return canvas
    }

    /// `state` drawn at `size` (as after a `resized` to it): for tests and
    /// tools that look at one state at several sizes.
    public func render(_ state: WizardState, size: Size, memory: inout ScreenMemory) -> Canvas {
        var sized = state
        sized.viewport = size
        return render(sized, memory: &memory)
    }

    /// The focusable rows the screen for `state` draws, top to bottom: the
    /// same list as `Wizard.items`, which tests hold them to.
    public func focusableRows(_ state: WizardState) -> [WizardItem] {
        let body = WizardLayout.body(state)
        let lines: [FormLine]
        switch state.step {
        case .resumeDraft: return resumeChoices(state).map(\.item)
        case .profile: lines = profileLines(state, body)
        case .plan: lines = planLines(state, body)
        case .section(let id): lines = sectionLines(state, id, sectionLayout(body).form)
        case .review: lines = reviewLines(state, body)
        case .export: lines = exportLines(state, body)
        }
        return lines.compactMap(\.item)
    }

    // MARK: - Frame

    func titles(_ state: WizardState) -> (String, String) {
        var memory = ScreenMemory()
        return titles(state, memory: &memory)
    }

    func titles(_ state: WizardState, memory: inout ScreenMemory) -> (String, String) {
        switch state.step {
        case .resumeDraft: return ("Resume your draft?", "")
        case .profile:
            if let walk = state.walk { return ("Company and profile", "What is new · page 1 of \(walk.pageCount)") }
            return ("Company and profile", "Step 1 of 5")
        case .plan: return ("Plan your page", "Step 2 of 5")
        case .section(let id):
            let title = wizard.catalog.section(id)?.title ?? id
            if let walk = state.walk, let index = walk.sections.firstIndex(of: id) {
                let before = walk.asksProfile ? 1 : 0
                return (title, "What is new · page \(index + 1 + before) of \(walk.pageCount)")
            }
            let (index, included) = memory.includedPlace(of: id, wizard, state)
            if let index {
                return (title, "Step 3 of 5 · section \(index + 1) of \(included)")
            }
            return (title, "Step 3 of 5 · skipped section")
        case .review: return ("Review", "Step 4 of 5")
        case .export: return ("Export", "Step 5 of 5")
        }
    }

    /// `text` with spaces after it to fill `width` columns, from runs of
    /// spaces made once: `String(repeating:count:)` took 3,000 instructions a
    /// call, and the review pads two columns of every row. (A slice of one
    /// long run cost more at the first frame: its range type's metadata is
    /// made at first use, looking up a conformance through the whole binary.)
    func pad(_ text: String, _ width: Int) -> String {
        let missing = width - TextWidth.of(text)
        guard missing > 0 else { return text }
        var padded = text
        appendBlanks(&padded, missing)
        return padded
    }

    /// Appends `count` spaces to `text`.
    func appendBlanks(_ text: inout String, _ count: Int) {
        var missing = count
        while missing > 0 {
            let run = min(missing, Self.blankRuns.count - 1)
            text += Self.blankRuns[run]
            missing -= run
        }
    }

    /// `blankRuns[n]` is n spaces, up to 64.
    private static let blankRuns: [String] = {
        var runs = [""]
        for _ in 1...64 { runs.append(runs[runs.count - 1] + " ") }
        return runs
    }()
}

/// Texts wrapped to a width, kept (a memo: what is drawn is
/// `TextWidth.wrap`'s). For text that repeats from frame to frame, not for
/// what is typed.
final class WrappedText: @unchecked Sendable {
    private struct Key: Hashable {
        let text: String
        let width: Int
    }
    private let lock = NSLock()
    private var kept: [Key: [String]] = [:]

    func wrap(_ text: String, to width: Int) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let key = Key(text: text, width: width)
        if let lines = kept[key] { return lines }
        // A long session at many widths starts again rather than grow.
        if kept.count >= 4_096 { kept.removeAll() }
        let lines = TextWidth.wrap(text, to: width)
        kept[key] = lines
        return lines
    }
}
