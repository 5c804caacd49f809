/// What happened, for the reducer to act on. The key map turns keys into these;
/// the run loop adds the results of the effects it ran.
public enum WizardAction: Equatable, Sendable {
    // MARK: - Moving around
    /// Arrows, j/k, PgUp/PgDn: the focus moved by `by` items.
    case focusMoved(by: Int)
    /// Up on a form's first item while text above it is hidden (or Down back):
    /// the form scrolls by `by` lines without moving the focus.
    case formScrolled(by: Int)
    /// Tab: on to the first item of the next field.
    case nextFieldFocused
    /// Shift-Tab: back to the first item of the field before.
    case previousFieldFocused
    /// Space on the focused item: a choice, yes/no or include toggled.
    case toggled
    /// Enter: the focused item confirmed (go on, open it); it never picks a choice.
    case confirmed
    /// Esc: back one step; nothing is lost.
    case wentBack
    /// `s` on a section page: the section included or skipped.
    case sectionIncludeToggled
    /// `n` on a section's question: its note opened as a text field under it.
    case noteOpened

    // MARK: - Records (a `records` question's rows)
    /// `d` or Delete on a record's row: the record removed (`u` puts it back).
    case recordRemoved
    /// `u`: the record last removed put back where it was, or the record form
    /// last dropped with Esc or Cancel opened again as it was left.
    case removalUndone
    /// Shift/Alt-↑↓ or `[` `]` on a record's row: the record moved up or down.
    case recordMoved(by: Int)

    // MARK: - Revising
    /// `n` (or its row) on the review: walk only the questions that are new.
    case newQuestionsWalkStarted

    // MARK: - Text fields
    /// Characters typed or pasted at the caret.
    case textTyped(String)
    case backspacePressed
    case deletePressed
    /// Ctrl-U: the field emptied.
    case fieldCleared
    case caretMoved(CaretMotion)

    // MARK: - The plain mode (a question asked and answered in one line)
    /// The focus moved straight to `item` (the plain mode names the item it
    /// means instead of moving onto it); nothing when the step has no such item.
    case itemFocused(WizardItem)
    /// A field was answered with `value` as a whole (nil: no answer), checked
    /// as typing checks it: text that fails its check is kept aside, not stored.
    case fieldAnswered(FieldID, AnswerValue?)
    /// The review opened from wherever the walk is (the plain mode's `review`).
    case reviewOpened

    // MARK: - The terminal
    /// The window is now this size (and at the start, before the first frame).
    case resized(Size)

    // MARK: - Overlays and panes
    case helpToggled
    /// ↑↓ PgUp/PgDn Home/End while the help is open and does not fit: it
    /// now shows from line `to` (the key map knows its lines and keeps `to`
    /// within them); any other action closes it.
    case helpScrolled(to: Int)
    case quitRequested
    /// Review: the whole page shown instead of the list, or back.
    case pagePreviewToggled
    case previewScrolled(by: Int)
    /// Plan: the focused section's reason and "recommended for" shown under the list, or hidden.
    case planDetailToggled

    // MARK: - Results of effects
    case saveRequested
    case saveSucceeded
    case saveFailed(String)
    case exportSucceeded(paths: [String], reviewed: String)
    case exportFailed(String)
    /// The write was refused because `files` (as shown) were edited by hand
    /// since they were generated, or (`notGenerated`, among them) were never
    /// written by this tool; `diff` is what differs (`diff -u`, as `check
    /// --diff` prints it). Nothing was written.
    case exportRefusedOverHandEdits(files: [String], diff: String, notGenerated: [String] = [])
    case draftWriteFailed(String)
    /// A draft was written after one had failed.
    case draftWritten
    /// The answers were written to `path` instead of the answers file.
    case copySaved(path: String)
    case copyFailed(String)
}

public enum CaretMotion: Equatable, Sendable {
    case left, right, home, end
    /// A line up or down in a multi-line field; from its first or last line,
    /// the focus moves to the item above or below instead.
    case up, down
}

/// Work the reducer asks the run loop to do (the reducer itself does no I/O).
public enum WizardEffect: Equatable, Sendable {
    /// Write the answers atomically to the draft file.
    case writeDraft
    /// Remove the draft file.
    case deleteDraft
    /// Write the answers file; on success send `saveSucceeded`.
    case save
    /// Write the answers to a new file in the temporary folder; send
    /// `copySaved` or `copyFailed`.
    case saveCopy
    /// Write every output with `Export.write`; send `exportSucceeded` or `exportFailed`.
    case export
    /// The same, over files edited by hand (`force`): only after the person
    /// chose "Overwrite the edited files".
    case exportOverwriting
    /// Restore the terminal and end.
    case quit
}
