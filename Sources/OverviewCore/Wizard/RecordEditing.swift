/// Editing a `records` question in the wizard: its rows (one per record, then
/// "+ Add a subprocessor"), the form that edits one record, and removing,
/// putting back and moving records. What a record is and what makes one valid
/// is the record kind's (`RecordShape`); this is only what the keys do.
///
/// A record is edited in a form of its own, one text box per field, and kept
/// apart from the answers until it is saved whole: a record without its
/// required fields is one the answers file would refuse to load. Each saved,
/// removed or moved record changes the answers, so the draft follows at once
/// as for every other answer; so does a record being typed, once it is valid
/// (`answersForDraft`), so that a lost session does not lose it.
extension Wizard {
    // MARK: - The draft

    /// The answers the draft keeps: the answers, and the record open in the
    /// form as it would be saved, when what is typed makes a valid record that
    /// differs from the stored one. (One that is not valid yet would make the
    /// draft a file that does not load; it is kept in the form only.)
    public func answersForDraft(_ state: WizardState) -> Answers {
        guard let edit = state.recordEdit, let shape = recordShape(edit.field), recordFormChanged(state) else { return state.answers }
        let record = shape.normalized(edit.values)
        guard shape.problem(with: record) == nil else { return state.answers }
        var records = records(edit.field, state.answers)
        if let at = edit.index, records.indices.contains(at) { records[at] = record } else { records.append(record) }
        var draftState = state
        setValue(&draftState, edit.field, .records(records))
        return draftState.answers
    }

    // MARK: - Reading

    /// The records a `records` field holds (none when unanswered).
    public func records(_ field: FieldID, _ answers: Answers) -> [[String: String]] {
        if case .records(let records)? = value(of: field, in: answers) { return records }
        return []
    }

    /// The shape of a `records` field's records.
    public func recordShape(_ field: FieldID) -> RecordShape? { question(for: field)?.record }

    /// The focusable rows of the record form: one text box per field, then
    /// Save and Cancel.
    func recordFormItems(_ edit: RecordEdit) -> [WizardItem] {
        let fields = recordShape(edit.field)?.fields ?? []
        return fields.compactMap { edit.fieldID($0.id).map(WizardItem.text) } + [.saveRecord, .cancelRecord]
    }

    /// A record as one line: its fields that are filled, in order.
    public func recordSummary(_ record: [String: String], _ shape: RecordShape) -> String {
        shape.fields.compactMap { record[$0.id] }.joined(separator: " · ")
    }

    /// "the subprocessor Stripe", for messages.
    func recordName(_ record: [String: String], _ shape: RecordShape) -> String {
        let name = shape.fields.first.flatMap { record[$0.id] } ?? ""
        return "the \(shape.noun) " + TerminalSafe.oneLine(TextWidth.truncate(name, to: 40))
    }

    // MARK: - The form

    /// Enter on a record's row (or on "+ Add"): the form for it, its first field focused.
    func openRecord(_ state: inout WizardState, _ field: FieldID, at index: Int?) {
        guard recordShape(field) != nil else { return }
        // A form opened anew: the one dropped before is not brought back over it.
        state.droppedRecord = nil
        let records = records(field, state.answers)
        let values = index.flatMap { records.indices.contains($0) ? records[$0] : nil } ?? [:]
        state.recordEdit = RecordEdit(field: field, index: index, values: values)
        state.formScroll = 0
        state.focus = 0
        state.caret = caretAtEnd(state)
    }

    /// Save: the record checked whole as the answers file checks it, then
    /// stored (in its place, or added at the end); what is wrong, in one
    /// line, with the focus on the field to mend.
    func saveRecord(_ state: inout WizardState) {
        guard let edit = state.recordEdit, let shape = recordShape(edit.field) else { return }
        // Text that does not pass its check was never taken into the record.
        for field in shape.fields {
            guard let id = edit.fieldID(field.id), state.invalidText[id] != nil else { continue }
            // What is wrong is under the box; the status line says which one.
            state.message = WizardMessage(.error, "Not saved: \(field.label) is not valid")
            focusRecordField(&state, field.id)
            return
        }
        let record = shape.normalized(edit.values)
        if let problem = shape.problem(with: record) {
            state.message = WizardMessage(.error, "Not saved: " + problem)
            if let missing = shape.fields.first(where: { $0.required && record[$0.id] == nil }) { focusRecordField(&state, missing.id) }
            return
        }
        var records = records(edit.field, state.answers)
        let index: Int
        if let at = edit.index, records.indices.contains(at) {
            index = at
            if records[at] == record {
                closeRecordForm(&state, message: nil)
                return
            }
            records[at] = record
        } else {
            records.append(record)
            index = records.count - 1
        }
        setValue(&state, edit.field, .records(records))
        closeRecordForm(&state, message: nil)
        state.message = WizardMessage(.info, (edit.index == nil ? "Added " : "Saved ") + recordName(record, shape))
        focusRecordRow(&state, edit.field, index)
    }

    /// Whether the open record form holds typing that is not in the answers.
    public func recordFormChanged(_ state: WizardState) -> Bool {
        guard let edit = state.recordEdit, let shape = recordShape(edit.field) else { return false }
        if state.invalidText.keys.contains(where: { if case .recordField = $0 { true } else { false } }) { return true }
        let records = records(edit.field, state.answers)
        let stored = edit.index.flatMap { records.indices.contains($0) ? records[$0] : nil } ?? [:]
        return shape.normalized(edit.values) != stored
    }

    /// Esc or Cancel: the form closes and what was typed is dropped; when
    /// there was any, the message names what was dropped and `u` opens the
    /// form again as it was left.
    func cancelRecordForm(_ state: inout WizardState) {
        guard let edit = state.recordEdit, let shape = recordShape(edit.field) else { return }
        guard recordFormChanged(state) else {
            closeRecordForm(&state, message: nil)
            return
        }
        var typed: [FieldID: String] = [:]
        for (field, text) in state.invalidText { if case .recordField = field { typed[field] = text } }
        let dropped = DroppedRecord(edit: edit, invalidText: typed)
        let message: String
        if let index = edit.index, records(edit.field, state.answers).indices.contains(index) {
            let name = quotedName(records(edit.field, state.answers)[index], shape)
            message = "Kept \(name) as it was; your changes were dropped: u brings them back"
        } else {
            // The name as typed, valid or not.
            let first = shape.fields.first
            let typedName = first.flatMap { edit.values[$0.id] ?? edit.fieldID($0.id).flatMap { typed[$0] } } ?? ""
            message = typedName.isEmpty
                ? "Dropped the new \(shape.noun) (no name yet): u brings it back"
                : "Dropped the new \(shape.noun) '\(oneLineName(typedName))': u brings it back"
        }
        closeRecordForm(&state, message: message)
        state.droppedRecord = dropped
    }

    func oneLineName(_ name: String) -> String { TerminalSafe.oneLine(TextWidth.truncate(name, to: 40)) }

    /// "Stripe" for messages (its first field), or "the subprocessor" when it has none.
    func quotedName(_ record: [String: String], _ shape: RecordShape) -> String {
        guard let name = shape.fields.first.flatMap({ record[$0.id] }), !name.isEmpty else { return "the \(shape.noun)" }
        return oneLineName(name)
    }

    /// Closes the form (Esc, Cancel, or after a save): the focus back on the
    /// row it was opened from.
    func closeRecordForm(_ state: inout WizardState, message: String?) {
        guard let edit = state.recordEdit else { return }
        dropRecordForm(&state)
        if let message { state.message = WizardMessage(.info, message) }
        if let index = edit.index { focusRecordRow(&state, edit.field, index) } else { focusItem(&state, .addRecord(edit.field)) }
    }

    /// The form gone, with what was typed into it (leaving the page).
    func dropRecordForm(_ state: inout WizardState) {
        guard state.recordEdit != nil else { return }
        state.recordEdit = nil
        for field in state.invalidText.keys {
            if case .recordField = field { state.invalidText[field] = nil }
        }
        state.formScroll = 0
    }

    func focusRecordField(_ state: inout WizardState, _ id: String) {
        guard let field = state.recordEdit?.fieldID(id) else { return }
        focusItem(&state, .text(field))
    }

    func focusRecordRow(_ state: inout WizardState, _ field: FieldID, _ index: Int) {
        focusItem(&state, records(field, state.answers).indices.contains(index) ? .record(field, index) : .addRecord(field))
    }

    /// The focus straight on `item` (without leaving a field: the form it was in is gone).
    func focusItem(_ state: inout WizardState, _ item: WizardItem) {
        if let index = items(state).firstIndex(of: item) { state.focus = index }
        state.caret = caretAtEnd(state)
    }

    // MARK: - Removing, putting back, moving

    /// `d` on a record's row: it goes, and `u` puts it back.
    func removeRecord(_ state: inout WizardState) {
        guard state.recordEdit == nil, case .record(let field, let index)? = focusedItem(state),
              let shape = recordShape(field) else { return }
        var records = records(field, state.answers)
        guard records.indices.contains(index) else { return }
        let record = records.remove(at: index)
        setValue(&state, field, records.isEmpty ? nil : .records(records))
        state.lastRemoved = RemovedRecord(field: field, index: index, record: record)
        // `u` now means this removal.
        state.droppedRecord = nil
        state.message = WizardMessage(.info, "Removed \(recordName(record, shape)): u puts it back")
        // The focus stays on the same line: the next record, or "+ Add".
        focusRecordRow(&state, field, index)
    }

    /// `u`: the record form last dropped, open again as it was left; else
    /// the record last removed on this page, back in its place.
    func undoRemoval(_ state: inout WizardState) {
        if state.recordEdit == nil, let dropped = state.droppedRecord, let shape = recordShape(dropped.edit.field),
           items(state).contains(.addRecord(dropped.edit.field)) {
            state.droppedRecord = nil
            state.recordEdit = dropped.edit
            for (field, text) in dropped.invalidText { state.invalidText[field] = text }
            state.formScroll = 0
            state.focus = 0
            state.caret = caretAtEnd(state)
            state.message = WizardMessage(.info, dropped.edit.index == nil
                ? "Back: the new \(shape.noun), as you left it" : "Back: your changes, as you left them")
            return
        }
        guard state.recordEdit == nil, let removed = state.lastRemoved, let shape = recordShape(removed.field),
              items(state).contains(.addRecord(removed.field)) else { return }
        var records = records(removed.field, state.answers)
        let index = min(removed.index, records.count)
        records.insert(removed.record, at: index)
        setValue(&state, removed.field, .records(records))
        state.lastRemoved = nil
        state.message = WizardMessage(.info, "Put back \(recordName(removed.record, shape))")
        focusRecordRow(&state, removed.field, index)
    }

    /// Shift/Alt-↑↓ or `[` `]` on a record's row: the record changes places
    /// with its neighbour, and the focus goes with it.
    func moveRecord(_ state: inout WizardState, by: Int) {
        guard state.recordEdit == nil, case .record(let field, let index)? = focusedItem(state) else { return }
        var records = records(field, state.answers)
        let target = index + by
        guard records.indices.contains(index), records.indices.contains(target) else { return }
        records.swapAt(index, target)
        setValue(&state, field, .records(records))
        focusRecordRow(&state, field, target)
    }
}
