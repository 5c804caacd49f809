import OverviewCore

/// Turns a key into what it means on the current screen. Keys that mean
/// nothing here give `nil`.
public struct KeyMap: Sendable {
    public let wizard: Wizard
    public init(wizard: Wizard) { self.wizard = wizard }

    /// Whether the focus is in a text field of one line (no overlay open).
    public func inSingleLineText(_ state: WizardState) -> Bool {
        guard state.overlay == nil, case .text(let field)? = wizard.focusedItem(state) else { return false }
        return !wizard.isMultiline(field)
    }

    /// A key inside a paste (between the terminal's bracketed-paste marks).
    /// Pasted text goes into the focused text field and nowhere else: a line
    /// break in a one-line field is a space, not Enter (which would move on and
    /// type the rest into the next field), and outside a text field a paste
    /// is not a run of commands.
    public func pasted(_ key: Key, in state: WizardState) -> WizardAction? {
        guard state.overlay == nil, case .text(let field)? = wizard.focusedItem(state) else { return nil }
        switch key {
        case .character(let c): return .textTyped(String(c))
        case .enter: return .textTyped(wizard.isMultiline(field) ? "\n" : " ")
        case .tab: return .textTyped(" ")
        default: return nil
        }
    }

    public func action(for key: Key, in state: WizardState, size: Size) -> WizardAction? {
        if state.overlay == .help { return .helpToggled }
        let page = max(3, (size.height - 6) / 2)
        let inText: Bool
        if case .text? = wizard.focusedItem(state), state.overlay == nil { inText = true } else { inText = false }
        let multiline = inText && !inSingleLineText(state)
        let previewShown = state.step == .review
        // The whole page in place of the list (narrow windows): keys scroll it.
        if previewShown && state.showPagePreview && state.overlay == nil {
            switch key {
            case .up, .character("k"): return .previewScrolled(by: -1)
            case .down, .character("j"): return .previewScrolled(by: 1)
            case .home: return .previewScrolled(by: -1_000_000)
            case .end: return .previewScrolled(by: 1_000_000)
            case .escape, .backTab, .character("p"): return .pagePreviewToggled
            default: break
            }
        }

        switch key {
        case .up: return multiline ? .caretMoved(.up) : .focusMoved(by: -1)
        case .down: return multiline ? .caretMoved(.down) : .focusMoved(by: 1)
        case .pageUp: return previewShown ? .previewScrolled(by: -page) : .focusMoved(by: -page)
        case .pageDown: return previewShown ? .previewScrolled(by: page) : .focusMoved(by: page)
        case .tab: return .nextFieldFocused
        case .backTab, .escape: return .wentBack
        case .enter: return multiline ? .textTyped("\n") : .confirmed
        case .function(1): return .helpToggled
        case .control("s"): return .saveRequested
        case .control("c"), .control("q"): return .quitRequested
        case .control("u"): return inText ? .fieldCleared : nil
        case .control("a"): return inText ? .caretMoved(.home) : nil
        case .control("e"): return inText ? .caretMoved(.end) : nil
        case .left: return inText ? .caretMoved(.left) : nil
        case .right: return inText ? .caretMoved(.right) : nil
        case .home: return inText ? .caretMoved(.home) : .focusMoved(by: -10_000)
        case .end: return inText ? .caretMoved(.end) : .focusMoved(by: 10_000)
        case .backspace: return inText ? .backspacePressed : nil
        case .delete: return inText ? .deletePressed : nil
        case .character(let c):
            if inText { return .textTyped(String(c)) }
            switch c {
            case "j": return .focusMoved(by: 1)
            case "k": return .focusMoved(by: -1)
            case " ": return .toggled
            case "?": return .helpToggled
            case "q": return .quitRequested
            case "s": return state.step.isSection ? .sectionIncludeToggled : nil
            case "p": return state.step == .review ? .pagePreviewToggled : nil
            default: return nil
            }
        case .control, .function, .resize, .pasteStart, .pasteEnd:
            return nil
        }
    }

    /// The keys that work here, for the bottom bar: (key, what it does).
    public func hints(for state: WizardState) -> [(String, String)] {
        if state.overlay == .help { return [("any key", "close help")] }
        if state.overlay == .quitConfirm { return [("↑↓", "choose"), ("Enter", "confirm"), ("Esc", "cancel")] }
        if state.step == .review && state.showPagePreview {
            return [("↑↓ PgUp/PgDn", "scroll"), ("p Esc", "back to the list"), ("^S", "save"), ("?", "help"), ("q", "quit")]
        }
        let item = wizard.focusedItem(state)
        var hints: [(String, String)] = []
        if case .text(let field)? = item {
            let multiline = wizard.isMultiline(field)
            hints.append(multiline ? ("←→↑↓", "edit") : ("←→", "edit"))
            hints.append(multiline ? ("Enter", "new line") : ("Enter", "next"))
            hints.append(("Tab", "field"))
            if state.step != .profile || state.returnToReview { hints.append(("Esc", "back")) }
            hints += [("^S", "save"), ("F1", "help"), ("^C", "quit")]
            return hints
        }
        hints.append(("↑↓", "move"))
        switch (state.step, item) {
        case (.resumeDraft, _):
            hints.append(("Enter", "choose"))
        case (_, .option(let field, _)?):
            hints.append(("Space", wizard.isMultiple(field) ? "tick" : "pick"))
            hints.append(("Enter", "next"))
            hints.append(("Tab", "field"))
        case (.plan, _):
            hints.append(("Space", "include/skip"))
            hints.append(("Enter", "continue"))
        case (.review, .sectionRow?):
            hints.append(("Enter", "open"))
            hints.append(("Space", "include/skip"))
        case (.review, _):
            hints.append(("Enter", "open"))
        default:
            hints.append(("Enter", "confirm"))
        }
        if case .section(let id) = state.step, let section = wizard.catalog.section(id) {
            hints.append(("s", state.answers.isIncluded(section) ? "skip" : "include"))
        }
        if state.step == .review { hints += [("PgUp/PgDn", "scroll page"), ("p", "page")] }
        if state.step != .resumeDraft && (state.step != .profile || state.returnToReview) { hints.append(("Esc", "back")) }
        if state.step != .resumeDraft { hints.append(("^S", "save")) }
        hints += [("?", "help"), ("q", "quit")]
        return hints
    }
}

extension WizardStep {
    public var isSection: Bool {
        if case .section = self { return true }
        return false
    }
}
