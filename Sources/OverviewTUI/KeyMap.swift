import OverviewCore

/// Turns a key into what it means on the current screen, and says on the key
/// bar which keys work there; both from `KeyBinding.table`. Keys that mean
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

    func context(_ state: WizardState, hiddenAbove: Int = 0) -> KeyContext {
        let focused = state.overlay == nil ? wizard.focusedItem(state) : nil
        var inText = false
        var multiline = false
        var verb: String?
        switch focused {
        case .text(let field)?:
            inText = true
            multiline = wizard.isMultiline(field)
        case .option(let field, _)?:
            if case .options(_, _, let word)? = wizard.question(for: field)?.input { verb = word }
        case .reviewChoice?:
            verb = "pick"  // review or correction: a choice like any other
        default:
            break
        }
        return KeyContext(wizard: wizard, state: state, focused: wizard.focusedItem(state), inText: inText, multiline: multiline,
                          pagePreview: (state.step == .review || state.step.isSection) && state.showPagePreview && state.overlay == nil,
                          quitDialog: state.overlay == .quitConfirm,
                          page: max(3, (state.viewport.height - 6) / 2), optionVerb: verb, hiddenAbove: hiddenAbove)
    }

    /// What `key` does in `state` (at the size in its viewport); `hiddenAbove`
    /// is how many lines of the form the last frame left above the screen.
    public func action(for key: Key, in state: WizardState, hiddenAbove: Int = 0) -> WizardAction? {
        // While the window is too small, nothing it hides may change: only
        // Ctrl-C acts (the reducer keeps unsaved answers in the draft).
        if WizardLayout.isTooSmall(state.viewport) { return key == .control("c") ? .quitRequested : nil }
        // The scroll keys move through a help that does not fit; any other key closes it.
        if state.overlay == .help { return HelpLayout(state.viewport).action(for: key, from: state.helpScroll) }
        let context = context(state, hiddenAbove: hiddenAbove)
        // In a text field, characters are text.
        if context.inText, case .character(let c) = key { return .textTyped(String(c)) }
        for binding in KeyBinding.table where binding.keys.contains(key) {
            if let action = binding.action(context, key) { return action }
        }
        return nil
    }

    /// What `key` does in `state` drawn at `size`.
    public func action(for key: Key, in state: WizardState, size: Size) -> WizardAction? {
        var sized = state
        sized.viewport = size
        return action(for: key, in: sized)
    }

    /// The keys that work here, for the bottom bar.
    public func hints(for state: WizardState) -> [KeyHint] {
        if state.overlay == .help { return HelpLayout(state.viewport).hints }
        let context = context(state)
        return KeyBinding.table.compactMap { $0.hint(context) }
    }
}
