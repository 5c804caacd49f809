import OverviewCore

/// One hint on the key bar: the keys, what they do here, and how early the
/// hint goes when the bar is too narrow (lowest first; nil: it always stays).
public struct KeyHint: Equatable, Sendable {
    public var keys: String
    public var meaning: String
    public var drop: Int?
    public init(_ keys: String, _ meaning: String, drop: Int? = nil) {
        self.keys = keys
        self.meaning = meaning
        self.drop = drop
    }
}

/// What a binding needs to know about the screen it acts on.
struct KeyContext {
    let wizard: Wizard
    let state: WizardState
    let focused: WizardItem?
    /// The focus is in a text field (and no overlay is open).
    let inText: Bool
    let multiline: Bool
    /// The review shows the whole page in place of its list.
    let pagePreview: Bool
    let quitDialog: Bool
    /// How far PgUp and PgDn move.
    let page: Int
    /// What Space does to the focused option ("pick", "tick"), if one is focused.
    let optionVerb: String?
    /// Lines of the form hidden above the top of the screen.
    let hiddenAbove: Int

    var step: WizardStep { state.step }
    /// A record's edit form is open.
    var editingRecord: Bool { state.recordEdit != nil && !quitDialog }
    /// The focus is on a record's row (not in its edit form).
    var onRecord: Bool {
        if case .record? = focused, !quitDialog, !pagePreview { return true }
        return false
    }
    /// Esc goes back from everywhere but the first page of a first walk.
    var canGoBack: Bool { step != .resumeDraft && (step != .profile || state.returnToReview || state.walk != nil) }
}

/// A key binding, as bubbles' `key.Binding` pairs keys with their help: the
/// keys, what they do on a screen, the hint the key bar shows for them there,
/// and their line in the help overlay. The key map, the key bar and the help
/// are all made from `KeyBinding.table`, so they cannot disagree.
struct KeyBinding {
    let keys: [Key]
    /// What the key does here (nil: nothing, or another binding's key).
    let action: @Sendable (KeyContext, Key) -> WizardAction?
    /// Its hint on the key bar here, if it shows one.
    let hint: @Sendable (KeyContext) -> KeyHint?
    /// Its line in the help overlay, and where that line goes in the list.
    let help: (keys: String, text: String, order: Int)?

    /// In the key bar's order: a hint shows where its binding stands here.
    static let table: [KeyBinding] = [
        KeyBinding(
            keys: [.left, .right, .backspace, .delete, .control("u"), .control("a"), .control("e")],
            action: { context, key in
                guard context.inText else { return nil }
                switch key {
                case .left: return .caretMoved(.left)
                case .right: return .caretMoved(.right)
                case .backspace: return .backspacePressed
                case .delete: return .deletePressed
                case .control("u"): return .fieldCleared
                case .control("a"): return .caretMoved(.home)
                case .control("e"): return .caretMoved(.end)
                default: return nil
                }
            },
            hint: { context in
                guard context.inText else { return nil }
                return context.multiline ? KeyHint("←→↑↓", "edit") : KeyHint("←→", "edit", drop: 10)
            },
            help: ("← → Backspace Del", "edit a text field; ^U clears it", 8)),
        // ^U, acted on above: its own hint while a text field has focus, so a
        // person sees how to empty a field without holding Backspace.
        KeyBinding(
            keys: [],
            action: { _, _ in nil },
            hint: { context in context.inText ? KeyHint("^U", "clear", drop: 6) : nil },
            help: nil),
        KeyBinding(
            keys: [.up, .down, .character("j"), .character("k")],
            action: { context, key in
                let up = key == .up || key == .character("k")
                if case .character = key, context.inText { return nil }
                if context.pagePreview { return .previewScrolled(by: up ? -1 : 1) }
                // On the first item, Up reads the text above it, and Down comes back.
                if !context.quitDialog {
                    if up && context.state.focus == 0 && context.hiddenAbove > 0 && !context.multiline { return .formScrolled(by: -1) }
                    if !up && context.state.formScroll < 0 { return .formScrolled(by: 1) }
                }
                if context.multiline { return .caretMoved(up ? .up : .down) }
                return .focusMoved(by: up ? -1 : 1)
            },
            hint: { context in
                if context.quitDialog { return KeyHint("↑↓", "choose") }
                if context.pagePreview { return KeyHint("↑↓ PgUp/PgDn", "scroll") }
                return context.inText ? nil : KeyHint("↑↓", "move")
            },
            help: ("↑ ↓  j k", "move (in a text field, j and k are text)", 1)),
        KeyBinding(
            keys: [.character(" ")],
            action: { context, _ in context.inText ? nil : .toggled },
            hint: { context in
                guard !context.inText, !context.quitDialog, !context.pagePreview else { return nil }
                if let verb = context.optionVerb { return KeyHint("Space", verb) }
                return context.step == .plan ? KeyHint("Space", "include/skip") : nil
            },
            help: ("Space", "pick a choice, tick a box, include or skip a section", 2)),
        KeyBinding(
            keys: [.enter],
            action: { context, _ in context.multiline ? .textTyped("\n") : .confirmed },
            hint: { context in
                if context.quitDialog { return KeyHint("Enter", "confirm") }
                if context.pagePreview { return nil }
                if context.inText { return KeyHint("Enter", context.multiline ? "new line" : "next") }
                if context.step == .resumeDraft { return KeyHint("Enter", "choose") }
                if context.optionVerb != nil { return KeyHint("Enter", "next") }
                // One word for one meaning: "next" wherever Enter goes on to what follows.
                switch context.focused {
                case .record?: return KeyHint("Enter", "edit")
                case .addRecord?: return KeyHint("Enter", "add")
                case .saveRecord?: return KeyHint("Enter", "save")
                case .cancelRecord?: return KeyHint("Enter", "cancel")
                default: break
                }
                switch context.step {
                case .review: return KeyHint("Enter", "open")
                case .plan, .profile, .section: return KeyHint("Enter", "next")
                default: return KeyHint("Enter", "confirm")
                }
            },
            help: ("Enter", "next; open a section on the review; confirm a choice", 3)),
        // The plan's pane with the focused section's reason and who it is for:
        // opened on request, so that a move on the plan costs what a move in any list does.
        KeyBinding(
            keys: [.character("i")],
            action: { context, _ in context.step == .plan && !context.quitDialog ? .planDetailToggled : nil },
            hint: { context in
                guard context.step == .plan, !context.quitDialog else { return nil }
                return KeyHint("i", context.state.showPlanDetail ? "hide why" : "why", drop: 6)
            },
            help: ("i", "on the plan: why the section is recommended, and for whom", 10)),
        // A `records` question's rows: remove, put back, reorder.
        KeyBinding(
            keys: [.character("d"), .delete],
            action: { context, _ in context.onRecord && !context.inText ? .recordRemoved : nil },
            hint: { context in context.onRecord ? KeyHint("d", "remove", drop: 11) : nil },
            help: ("d u [ ]", "remove a record, put it back, move it (or Shift-↑↓)", 14)),
        KeyBinding(
            keys: [.shiftUp, .shiftDown, .altUp, .altDown, .character("["), .character("]")],
            action: { context, key in
                guard context.onRecord else { return nil }
                return .recordMoved(by: [.shiftUp, .altUp, .character("[")].contains(key) ? -1 : 1)
            },
            hint: { context in context.onRecord ? KeyHint("[]", "reorder", drop: 12) : nil },
            help: nil),
        KeyBinding(
            keys: [.character("u")],
            action: { context, _ in
                !context.inText && !context.editingRecord && Self.canUndo(context.state) ? .removalUndone : nil
            },
            hint: { context in
                !context.inText && !context.editingRecord && !context.quitDialog && Self.canUndo(context.state)
                    ? KeyHint("u", "undo") : nil
            },
            help: nil),
        KeyBinding(
            keys: [.character("n")],
            action: { context, _ in
                context.step == .review && !context.pagePreview && !context.quitDialog ? .newQuestionsWalkStarted : nil
            },
            hint: { context in
                guard context.step == .review, !context.pagePreview, !context.quitDialog,
                      context.wizard.hasNewQuestions(context.state) else { return nil }
                return KeyHint("n", "answer new", drop: 10)
            },
            help: ("n", "on the review: answer only the questions that are new", 15)),
        // Space on the review's section rows: the same key as above, shown after Enter there.
        KeyBinding(
            keys: [],
            action: { _, _ in nil },
            hint: { context in
                guard context.step == .review, !context.pagePreview, !context.quitDialog,
                      case .sectionRow? = context.focused else { return nil }
                return KeyHint("Space", "include/skip")
            },
            help: nil),
        KeyBinding(
            keys: [.tab, .backTab],
            action: { _, key in key == .tab ? .nextFieldFocused : .previousFieldFocused },
            hint: { context in
                guard !context.quitDialog, context.inText || context.optionVerb != nil else { return nil }
                // In a multi-line box Enter types a line break: Tab is the way on, so it stays.
                return KeyHint("Tab", "field", drop: context.multiline ? nil : 2)
            },
            help: ("Tab  Shift-Tab", "next field, previous field", 4)),
        KeyBinding(
            keys: [.character("s")],
            action: { context, _ in !context.inText && context.step.isSection ? .sectionIncludeToggled : nil },
            hint: { context in
                guard !context.inText, !context.quitDialog, !context.editingRecord, case .section(let id) = context.step,
                      let section = context.wizard.catalog.section(id) else { return nil }
                return KeyHint("s", context.state.answers.isIncluded(section) ? "skip" : "include", drop: 4)
            },
            help: ("s", "include or skip the section shown", 9)),
        KeyBinding(
            // `n` where it is not text; ^N in a text field too, where `n` is a letter.
            keys: [.character("n"), .control("n")],
            action: { context, key in
                guard key == .control("n") || !context.inText, context.step.isSection,
                      case .question? = context.focused.flatMap(Wizard.field(of:)) else { return nil }
                return .noteOpened
            },
            hint: { _ in nil },
            help: ("n  ^N", "on a question: its note (^N in a text field); never published", 9)),
        KeyBinding(
            keys: [.pageUp, .pageDown],
            action: { context, key in
                let by = key == .pageUp ? -context.page : context.page
                // The review's preview beside the list, when there is room for one (from 120 columns);
                // below that the review is a list alone, and a page of it is what PgDn moves by.
                let reviewPreview = context.step == .review && WizardLayout.previewArea(context.state) != nil
                return reviewPreview || context.pagePreview ? .previewScrolled(by: by) : .focusMoved(by: by)
            },
            hint: { context in
                guard context.step == .review, WizardLayout.previewArea(context.state) != nil,
                      !context.pagePreview, !context.quitDialog, !context.inText else { return nil }
                return KeyHint("PgUp/PgDn", "scroll page", drop: 1)
            },
            help: ("PgUp PgDn", "a page up or down; the review's preview, beside it", 6)),
        KeyBinding(
            keys: [.character("p")],
            action: { context, _ in
                !context.inText && (context.step == .review || context.step.isSection) ? .pagePreviewToggled : nil
            },
            hint: { context in
                guard context.step == .review || context.step.isSection, !context.quitDialog, !context.inText else { return nil }
                if context.pagePreview { return KeyHint("p Esc", context.step == .review ? "back to the list" : "back to the questions") }
                return context.step == .review ? KeyHint("p", "page", drop: 3) : nil
            },
            help: ("p", "read the whole page (review) or section", 10)),
        KeyBinding(
            keys: [.escape],
            action: { context, _ in context.pagePreview ? .pagePreviewToggled : .wentBack },
            hint: { context in
                if context.quitDialog || context.editingRecord { return KeyHint("Esc", "cancel") }
                guard !context.pagePreview, context.canGoBack else { return nil }
                return KeyHint("Esc", "back", drop: 9)
            },
            help: ("Esc", "back (nothing is lost); in a record's form, cancel", 5)),
        KeyBinding(
            keys: [.control("s")],
            action: { _, _ in .saveRequested },
            hint: { context in
                context.quitDialog || context.step == .resumeDraft ? nil : KeyHint("^S", "save", drop: 5)
            },
            help: ("^S", "save the answers file now", 11)),
        KeyBinding(
            keys: [.function(1), .character("?")],
            action: { context, key in key == .character("?") && context.inText ? nil : .helpToggled },
            hint: { context in
                if context.quitDialog { return nil }
                return context.inText ? KeyHint("F1", "help", drop: 7) : KeyHint("?", "help")
            },
            help: ("?  F1", "this help", 12)),
        KeyBinding(
            keys: [.control("c"), .control("q"), .character("q")],
            action: { context, key in key == .character("q") && context.inText ? nil : .quitRequested },
            hint: { context in
                if context.quitDialog { return nil }
                return context.inText ? KeyHint("^C", "quit") : KeyHint("q", "quit")
            },
            help: ("q  ^C", "quit (asks to save what is unsaved)", 13)),
        KeyBinding(
            keys: [.home, .end],
            action: { context, key in
                let home = key == .home
                if context.pagePreview { return .previewScrolled(by: home ? -1_000_000 : 1_000_000) }
                if context.inText { return .caretMoved(home ? .home : .end) }
                return .focusMoved(by: home ? -10_000 : 10_000)
            },
            hint: { _ in nil },
            help: ("Home End", "first and last item; in a text field, start and end", 7)),
    ]

    /// The help overlay's lines, in their order.
    /// Whether `u` has something to undo: a record removed, or a record form dropped.
    static func canUndo(_ state: WizardState) -> Bool { state.lastRemoved != nil || state.droppedRecord != nil }

    static let helpLines: [(String, String)] = table
        .compactMap(\.help)
        .sorted { $0.order < $1.order }
        .map { ($0.keys, $0.text) }
}
