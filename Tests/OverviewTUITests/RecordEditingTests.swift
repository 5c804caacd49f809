import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// A `records` question (the subprocessors) edited in the full-screen wizard:
/// its rows, the form for one record, removing, putting back and reordering,
/// each through the reducer and the key map, as a person's keys would.
@Suite("Records in the wizard")
struct RecordEditingTests {
    static let field = SnapshotTests.subprocessors
    static let keys = KeyMap(wizard: testWizard)

    static func records(_ state: WizardState) -> [[String: String]] { testWizard.records(field, state.answers) }
    static func names(_ state: WizardState) -> [String] { records(state).map { $0["name"] ?? "" } }

    /// The subprocessors page with no record yet, the focus on "+ Add".
    static func empty() -> WizardState {
        var state = SnapshotTests.profiled()
        state.answers.sections["subprocessors"] = SectionAnswers(include: true)
        state.step = .section("subprocessors")
        state.focus = testWizard.items(state).firstIndex(of: .addRecord(field))!
        return state
    }

    /// A key as the run loop sends it: through the key map, then the reducer.
    @discardableResult
    static func press(_ state: inout WizardState, _ key: Key) -> [WizardEffect] {
        guard let action = keys.action(for: key, in: state) else { return [] }
        return testWizard.reduce(into: &state, action: action)
    }

    static func type(_ state: inout WizardState, _ text: String) {
        for character in text { press(&state, .character(character)) }
    }

    @Test("A records question has a row per record, then the row that adds one")
    func rows() {
        let state = SnapshotTests.withRecords()
        let items = testWizard.items(state)
        let rows = items.filter { Wizard.field(of: $0) == Self.field }
        #expect(rows == [.record(Self.field, 0), .record(Self.field, 1), .record(Self.field, 2), .addRecord(Self.field)])
        // Tab goes past all of them at once: they are one field.
        var moved = state
        send(&moved, .nextFieldFocused)
        #expect(Wizard.field(of: testWizard.focusedItem(moved)!) != Self.field)
        #expect(Self.keys.hints(for: state).contains(KeyHint("Enter", "edit")))
        #expect(Self.keys.hints(for: state).contains { $0.keys == "d" && $0.meaning == "remove" })
    }

    @Test("Adding: Enter on '+ Add' opens an empty form; typing stores nothing; Save adds the record at the end, and the draft follows")
    func add() {
        var state = Self.empty()
        #expect(Self.press(&state, .enter).isEmpty)
        #expect(state.recordEdit == RecordEdit(field: Self.field, index: nil, values: [:]))
        #expect(testWizard.focusedItem(state) == .text(.recordField(section: "subprocessors", question: "subprocessors", field: "name")))
        // In the form, letters are text: d, u, [ and n do nothing else.
        Self.type(&state, "du[n] Mail")
        #expect(state.recordEdit?.values["name"] == "du[n] Mail")
        #expect(Self.records(state).isEmpty, "nothing is an answer before Save")
        Self.press(&state, .enter)  // on to "What it does for us"
        Self.type(&state, "Email")
        Self.press(&state, .tab)
        Self.type(&state, "EU")
        Self.press(&state, .enter)  // link, left empty
        Self.press(&state, .enter)  // on to Save
        #expect(testWizard.focusedItem(state) == .saveRecord)
        #expect(Self.keys.hints(for: state).contains(KeyHint("Enter", "save")))
        let effects = Self.press(&state, .enter)
        #expect(effects == [.writeDraft], "a saved record is an answer: the draft is written")
        #expect(state.recordEdit == nil)
        #expect(Self.records(state) == [["name": "du[n] Mail", "purpose": "Email", "location": "EU"]])
        #expect(testWizard.focusedItem(state) == .record(Self.field, 0))
        #expect(state.message == WizardMessage(.info, "Added the subprocessor du[n] Mail"))
    }

    @Test("A record being typed is in the draft once it is valid, and leaves it when the form is cancelled")
    func recordBeingTypedIsInTheDraft() {
        var state = Self.empty()
        Self.press(&state, .enter)
        #expect(testWizard.answersForDraft(state) == state.answers, "an empty form adds nothing")
        Self.press(&state, .tab)  // to "What it does for us": a record without its name is not valid
        #expect(Self.press(&state, .character("E")).isEmpty, "no valid record yet: the draft stays as it was")
        Self.type(&state, "mail")
        Self.press(&state, .backTab)
        #expect(Self.press(&state, .character("P")) == [.writeDraft], "now valid: the draft follows")
        let draft = testWizard.answersForDraft(state)
        #expect(testWizard.records(Self.field, draft) == [["name": "P", "purpose": "Email"]])
        #expect(Self.records(state).isEmpty, "still not an answer before Save")
        #expect(Self.press(&state, .escape) == [.writeDraft], "cancelled: the draft drops it again")
        #expect(testWizard.answersForDraft(state) == state.answers)
    }

    @Test("Save refuses a record without its required name, or with a link that is not one, and says why in one line")
    func saveChecks() {
        var state = Self.empty()
        send(&state, .confirmed, .nextFieldFocused, .textTyped("Email delivery"))
        let link = FieldID.recordField(section: "subprocessors", question: "subprocessors", field: "link")
        send(&state, .itemFocused(.saveRecord), .confirmed)
        #expect(state.message == WizardMessage(.error, "Not saved: Name is required"))
        #expect(testWizard.focusedItem(state) == .text(.recordField(section: "subprocessors", question: "subprocessors", field: "name")))
        #expect(Self.records(state).isEmpty)
        send(&state, .textTyped("Postmark"), .itemFocused(.text(link)), .textTyped("postmarkapp.com"))
        #expect(testWizard.problem(of: link, in: state) != nil, "the link is marked while it is typed")
        send(&state, .itemFocused(.saveRecord), .confirmed)
        #expect(state.message == WizardMessage(.error, "Not saved: Link to its security or privacy page is not valid"))
        #expect(testWizard.problem(of: link, in: state) == "'postmarkapp.com' is not an https:// URL", "why, under the box")
        #expect(testWizard.focusedItem(state) == .text(link))
        #expect(Self.records(state).isEmpty && state.recordEdit != nil)
        send(&state, .fieldCleared, .textTyped("https://postmarkapp.com/eu-privacy"), .itemFocused(.saveRecord), .confirmed)
        #expect(Self.records(state) == [["name": "Postmark", "purpose": "Email delivery", "link": "https://postmarkapp.com/eu-privacy"]])
        #expect(state.invalidText.isEmpty)
    }

    @Test("Ctrl-S in the form keeps the record and writes the answers file; a record that cannot be kept writes nothing")
    func controlS() {
        var state = Self.empty()
        Self.press(&state, .enter)
        Self.press(&state, .tab)
        Self.type(&state, "Error tracking")
        #expect(Self.press(&state, .control("s")).isEmpty, "no name: nothing written")
        #expect(state.message == WizardMessage(.error, "Not saved: Name is required"))
        Self.type(&state, "Sentry")
        #expect(Self.press(&state, .control("s")) == [.writeDraft, .save])
        #expect(state.recordEdit == nil)
        #expect(Self.records(state) == [["name": "Sentry", "purpose": "Error tracking"]])
    }

    @Test("Quitting with a record typed but not saved asks first; 'Save and quit' keeps the record, or stays to say what is missing")
    func quitWithAnOpenForm() {
        var state = Self.empty()
        state.saved = state.answers
        send(&state, .confirmed, .nextFieldFocused, .textTyped("Error tracking"))
        #expect(!state.hasUnsavedChanges)
        #expect(send(&state, .quitRequested).isEmpty)
        #expect(state.overlay == .quitConfirm, "typing in the form is not lost without a word")
        #expect(send(&state, .confirmed).isEmpty, "no name yet: nothing written, no quit")
        #expect(state.message == WizardMessage(.error, "Not saved: Name is required"))
        #expect(state.recordEdit != nil && state.overlay == nil)
        send(&state, .textTyped("Sentry"), .quitRequested)
        #expect(send(&state, .confirmed) == [.save, .quit])
        #expect(Self.records(state) == [["name": "Sentry", "purpose": "Error tracking"]])
        // A form opened and left as it was is nothing to ask about.
        var untouched = SnapshotTests.withRecords()
        untouched.saved = untouched.answers
        send(&untouched, .confirmed)
        #expect(send(&untouched, .quitRequested) == [.deleteDraft, .quit])
    }

    @Test("Editing: Enter on a record opens it filled in; Esc drops the change; Save replaces it in its place")
    func edit() {
        var state = SnapshotTests.withRecords()
        let before = state.answers
        Self.press(&state, .enter)
        #expect(state.recordEdit?.index == 1)
        #expect(state.recordEdit?.values["name"] == "Postmark")
        Self.press(&state, .control("u"))
        Self.type(&state, "Postmark (ActiveCampaign)")
        #expect(Self.keys.hints(for: state).contains(KeyHint("Esc", "cancel")))
        #expect(Self.press(&state, .escape) == [.writeDraft], "the typed change leaves the draft")
        #expect(state.recordEdit == nil && state.answers == before)
        #expect(state.message == WizardMessage(.info, "Kept Postmark as it was; your changes were dropped: u brings them back"))
        #expect(testWizard.focusedItem(state) == .record(Self.field, 1))
        #expect(state.step == .section("subprocessors"), "Esc leaves the form, not the page")

        Self.press(&state, .enter)
        Self.press(&state, .control("u"))
        Self.type(&state, "Postmark (ActiveCampaign)")
        send(&state, .itemFocused(.saveRecord))
        #expect(Self.press(&state, .enter) == [.writeDraft])
        #expect(Self.names(state) == ["Amazon Web Services", "Postmark (ActiveCampaign)", "Stripe"])
        #expect(Self.records(state)[1]["link"] == "https://postmarkapp.com/eu-privacy", "fields not touched stay")
        #expect(testWizard.focusedItem(state) == .record(Self.field, 1))
    }

    @Test("Esc on a new record names what it dropped, and u brings the form back as it was left, then Save adds it")
    func escOnNewRecordIsUndone() {
        var state = Self.empty()
        Self.press(&state, .enter)
        Self.type(&state, "Postmark")
        let typed = state.recordEdit
        #expect(Self.press(&state, .escape) == [.writeDraft], "the typed record leaves the draft")
        #expect(state.recordEdit == nil && Self.records(state).isEmpty)
        #expect(state.message == WizardMessage(.info, "Dropped the new subprocessor 'Postmark': u brings it back"))
        #expect(Self.keys.hints(for: state).contains(KeyHint("u", "undo")))
        #expect(Self.press(&state, .character("u")) == [.writeDraft], "the form is back, and the record in the draft; nothing is an answer yet")
        #expect(Self.records(state).isEmpty)
        #expect(state.recordEdit == typed)
        #expect(state.message == WizardMessage(.info, "Back: the new subprocessor, as you left it"))
        #expect(testWizard.focusedItem(state) == .text(.recordField(section: "subprocessors", question: "subprocessors", field: "name")))
        send(&state, .itemFocused(.saveRecord))
        Self.press(&state, .enter)
        #expect(Self.names(state) == ["Postmark"])
        #expect(state.droppedRecord == nil)
        #expect(Self.press(&state, .character("u")).isEmpty && Self.names(state) == ["Postmark"], "nothing more to undo")
    }

    @Test("Esc on a changed record keeps it as it was and says so; u brings the changes back, text that failed its check too")
    func escOnChangedRecordIsUndone() {
        var state = SnapshotTests.withRecords()
        send(&state, .itemFocused(.record(Self.field, 2)))
        let before = state.answers
        Self.press(&state, .enter)
        Self.press(&state, .control("u"))
        Self.type(&state, "Stripe Payments")
        let link = FieldID.recordField(section: "subprocessors", question: "subprocessors", field: "link")
        send(&state, .itemFocused(.text(link)), .fieldCleared, .textTyped("not a link"))
        let typed = state.recordEdit
        let invalid = state.invalidText[link]
        Self.press(&state, .escape)
        #expect(state.answers == before)
        #expect(state.message == WizardMessage(.info, "Kept Stripe as it was; your changes were dropped: u brings them back"))
        Self.press(&state, .character("u"))
        #expect(state.recordEdit == typed && state.invalidText[link] == invalid)
        // A new removal is what u undoes next, not the form.
        Self.press(&state, .escape)
        send(&state, .itemFocused(.record(Self.field, 0)))
        Self.press(&state, .character("d"))
        #expect(state.droppedRecord == nil)
        Self.press(&state, .character("u"))
        #expect(state.recordEdit == nil && Self.names(state) == ["Amazon Web Services", "Postmark", "Stripe"])
        // Leaving the page forgets a dropped form.
        send(&state, .itemFocused(.record(Self.field, 0)))
        Self.press(&state, .enter)
        Self.type(&state, "x")
        Self.press(&state, .escape)
        #expect(state.droppedRecord != nil)
        send(&state, .wentBack)
        #expect(state.droppedRecord == nil)
    }

    @Test("d removes the record on the row and u puts it back in its place; the last one gone leaves no answer")
    func removeAndUndo() {
        var state = SnapshotTests.withRecords()
        #expect(Self.press(&state, .character("d")) == [.writeDraft])
        #expect(Self.names(state) == ["Amazon Web Services", "Stripe"])
        #expect(testWizard.focusedItem(state) == .record(Self.field, 1), "the focus stays on the line, now Stripe")
        #expect(state.message == WizardMessage(.info, "Removed the subprocessor Postmark: u puts it back"))
        #expect(Self.keys.hints(for: state).contains(KeyHint("u", "undo")))
        #expect(Self.press(&state, .character("u")) == [.writeDraft])
        #expect(Self.names(state) == ["Amazon Web Services", "Postmark", "Stripe"])
        #expect(testWizard.focusedItem(state) == .record(Self.field, 1))
        #expect(state.lastRemoved == nil)
        #expect(Self.press(&state, .character("u")).isEmpty, "nothing more to put back")

        // Delete works as d; removing every record leaves the question open.
        for _ in 0..<3 {
            send(&state, .itemFocused(.record(Self.field, 0)))
            Self.press(&state, .delete)
        }
        #expect(testWizard.value(of: Self.field, in: state.answers) == nil)
        #expect(Completeness.missingRequired(testCatalog.section("subprocessors")!, state.answers).map(\.id).contains("subprocessors"))
        #expect(testWizard.focusedItem(state) == .addRecord(Self.field))
        // Leaving the page forgets what u could put back.
        send(&state, .wentBack)
        #expect(state.lastRemoved == nil)
    }

    @Test("[ and ], Shift-↑↓ and Alt-↑↓ move a record; the focus goes with it; nothing moves past either end")
    func reorder() {
        var state = SnapshotTests.withRecords()
        #expect(Self.press(&state, .character("[")) == [.writeDraft])
        #expect(Self.names(state) == ["Postmark", "Amazon Web Services", "Stripe"])
        #expect(testWizard.focusedItem(state) == .record(Self.field, 0))
        #expect(Self.press(&state, .shiftUp).isEmpty, "the first stays first")
        Self.press(&state, .shiftDown)
        Self.press(&state, .altDown)
        #expect(Self.names(state) == ["Amazon Web Services", "Stripe", "Postmark"])
        #expect(testWizard.focusedItem(state) == .record(Self.field, 2))
        #expect(Self.press(&state, .character("]")).isEmpty, "the last stays last")
        Self.press(&state, .altUp)
        #expect(Self.names(state) == ["Amazon Web Services", "Postmark", "Stripe"])
        // Off a record's row, the keys do nothing to the records.
        send(&state, .itemFocused(.addRecord(Self.field)))
        #expect(Self.keys.action(for: .character("["), in: state) == nil)
        #expect(Self.keys.action(for: .character("d"), in: state) == nil)
    }

    @Test("Tab and Enter in the form go field by field to Save; the screen's rows are the form's items")
    func formItems() {
        var state = SnapshotTests.withRecords()
        send(&state, .confirmed)
        let names = ["name", "purpose", "location", "link"]
        let fields = names.map { WizardItem.text(.recordField(section: "subprocessors", question: "subprocessors", field: $0)) }
        #expect(testWizard.items(state) == fields + [.saveRecord, .cancelRecord])
        for size in [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var sized = state
            sized.viewport = size
            #expect(Screens(wizard: testWizard).focusableRows(sized) == testWizard.items(sized))
        }
        send(&state, .itemFocused(.cancelRecord), .confirmed)
        #expect(state.recordEdit == nil)
        #expect(state.message == nil, "nothing typed, nothing to say")
        // s and p do nothing while the form is open (its Save row is not a text field).
        send(&state, .confirmed, .itemFocused(.saveRecord))
        let before = state
        send(&state, .sectionIncludeToggled, .pagePreviewToggled)
        #expect(state.answers == before.answers && !state.showPagePreview)
    }
}

/// "Answer what is new": on an answers file exported before the catalog grew,
/// the review offers a walk over only the questions it never saw, which are
/// exactly the ones `check` reports as never answered.
@Suite("Answer what is new")
struct NewQuestionsWalkTests {
    static let keys = KeyMap(wizard: testWizard)

    @Test("The review offers the walk only on a file exported before the catalog had the questions")
    func offered() {
        let revised = SnapshotTests.revised()
        #expect(testWizard.items(revised).suffix(2) == [.newQuestionsRow, .toExport])
        #expect(Self.keys.hints(for: revised).contains(KeyHint("n", "answer new", drop: 10)))
        var first = SnapshotTests.profiled()
        first.step = .review
        #expect(!testWizard.items(first).contains(.newQuestionsRow), "a first run has nothing new")
        var halfway = revised
        halfway.original.reviewed = nil
        #expect(!testWizard.items(halfway).contains(.newQuestionsRow), "a file saved halfway never saw the questions it lacks")
        var nothingNew = halfway
        send(&nothingNew, .newQuestionsWalkStarted)
        #expect(nothingNew.step == .review)
        #expect(nothingNew.message == WizardMessage(.info, "Nothing new to answer: every question has been seen"))
    }

    @Test("What the walk visits in a section the file had is what check reports as never answered there")
    func sameNotionAsCheck() {
        let state = SnapshotTests.revised()
        let walk = testWizard.newQuestionFields(state)
        // check, on the file as it was opened: one "never seen" line per question.
        let problems = Completeness.problems(state.original, catalog: testCatalog, file: "f").map(\.message)
        for section in testCatalog.sections where state.original.sections[section.id] != nil && state.answers.isIncluded(section) {
            let walked = walk.compactMap { field -> String? in
                guard case let .question(id, question) = field, id == section.id else { return nil }
                return question
            }
            let reported = section.questions.map(\.id).filter { id in
                problems.contains("section '\(section.id)': question '\(id)' was never seen (new in the catalog?)")
                    || problems.contains("section '\(section.id)': required question '\(id)' has no answer (never seen: new in the catalog?)")
            }
            // Answered since the file was opened: no longer new.
            let answeredNow = Set(state.answers.sections[section.id]?.answers.keys.map { $0 } ?? [])
            #expect(walked == reported.filter { !answeredNow.contains($0) }, "\(section.id)")
        }
        #expect(walk.contains(.question(section: "overview", question: "encryption_url")))
    }

    @Test("The walk shows only the new questions, page by page, then comes back to the review saying how far it got")
    func walk() throws {
        var state = SnapshotTests.revised()
        // The profile complete: this walk is over sections only (see `profileFirst`).
        state.answers.profile.aiCustomerData = false
        let fields = testWizard.newQuestionFields(state)
        let total = fields.count
        #expect(total > 0)
        send(&state, .itemFocused(.newQuestionsRow))
        #expect(Self.keys.hints(for: state).contains(KeyHint("Enter", "open")))
        send(&state, .confirmed)
        let walk = try #require(state.walk)
        #expect(walk.fields == fields)
        #expect(state.step == .section(walk.sections[0]))
        #expect(Screens(wizard: testWizard).titles(state).1 == "What is new · page 1 of \(walk.sections.count)")
        var visited: [FieldID] = []
        var pages = 0
        // Bounded: one turn per page the walk has.
        while state.step != .review && pages <= walk.sections.count {
            pages += 1
            let items = testWizard.items(state)
            let shown = items.compactMap(Wizard.field(of:)).reduce(into: [FieldID]()) { if $0.last != $1 { $0.append($1) } }
            visited += shown
            #expect(Screens(wizard: testWizard).focusableRows(state) == items)
            // Answer the first question of the first page only.
            if pages == 1, case .option? = items.first { send(&state, .toggled) }
            send(&state, .itemFocused(.next), .confirmed)
        }
        #expect(visited == fields, "every new question, and nothing else, in page order")
        #expect(state.step == .review && state.walk == nil)
        // Every question passed is seen now, left open: nothing is new any more.
        #expect(state.message == WizardMessage(.info, "New questions: 1 of \(total) answered, \(total - 1) left open"))
        #expect(testWizard.focusedItem(state) == .toExport)
        #expect(testWizard.newQuestionFields(state).isEmpty, "the one answered and the ones passed are no longer new")
        #expect(!testWizard.items(state).contains(.newQuestionsRow))
    }

    @Test("A file that lacks a newer profile question: the walk asks it first, on the profile page, then the sections")
    func profileFirst() throws {
        var state = SnapshotTests.revised()
        #expect(state.original.profile.aiCustomerData == nil)
        send(&state, .newQuestionsWalkStarted)
        let walk = try #require(state.walk)
        let ai = FieldID.profile(.aiCustomerData)
        #expect(walk.fields.first == ai)
        #expect(state.step == .profile)
        #expect(Screens(wizard: testWizard).titles(state).1 == "What is new · page 1 of \(walk.sections.count + 1)")
        let items = testWizard.items(state)
        #expect(Set(items.compactMap(Wizard.field(of:))) == [ai], "only the missing profile question")
        #expect(Screens(wizard: testWizard).focusableRows(state) == items)
        send(&state, .fieldAnswered(ai, .bool(false)))
        send(&state, .itemFocused(.next), .confirmed)
        #expect(state.step == .section(walk.sections[0]) && state.walk != nil)
        let problems = Completeness.problems(state.answers, catalog: testCatalog, file: "f").map(\.message)
        #expect(!problems.contains("profile.ai_customer_data is missing"))
        // Esc from the first section goes back to the profile page, and from there to the review.
        send(&state, .wentBack)
        #expect(state.step == .profile && state.walk != nil)
        send(&state, .wentBack)
        #expect(state.step == .review && state.walk == nil)
    }

    @Test("Passing a walk's page records its unanswered questions as seen and left open, as export does")
    func passedIsSeen() throws {
        var state = SnapshotTests.revised()
        state.answers.profile.aiCustomerData = false
        let before = testWizard.newQuestionFields(state).count
        #expect(testWizard.newQuestionCount(state) == before)
        send(&state, .newQuestionsWalkStarted)
        guard case .section(let id) = state.step else { Issue.record("no section page"); return }
        // One per question (a choice has a row per option).
        let shown = Set(testWizard.items(state).compactMap(Wizard.field(of:)).compactMap { field -> String? in
            guard case let .question(_, question) = field else { return nil }
            return question
        })
        #expect(!shown.isEmpty)
        send(&state, .itemFocused(.next), .confirmed)
        // What ^S would write now: check calls them seen and left unanswered, never "never seen".
        let given = try #require(state.answers.sections[id])
        for question in shown { #expect(given.open.contains(question), "\(question)") }
        let problems = Completeness.problems(state.answers, catalog: testCatalog, file: "f").map(\.message)
        for question in shown {
            #expect(!problems.contains("section '\(id)': question '\(question)' was never seen (new in the catalog?)"))
            #expect(!problems.contains("section '\(id)': required question '\(question)' has no answer (never seen: new in the catalog?)"))
        }
        #expect(testWizard.newQuestionFields(state).count == before - shown.count, "the review's count agrees")
        #expect(testWizard.newQuestionCount(state) == before - shown.count)
        // The same record export makes.
        var exported = state.answers
        if let section = testCatalog.section(id) { exported.recordOpenQuestions(section) }
        #expect(exported.sections[id] == state.answers.sections[id])
    }

    @Test("A question that an answer in the walk makes apply joins the page: yes to a DPA asks where it is")
    func followUpQuestions() throws {
        var state = SnapshotTests.revised()
        send(&state, .newQuestionsWalkStarted)
        let dpa = FieldID.question(section: "subprocessors", question: "dpa_available")
        let url = FieldID.question(section: "subprocessors", question: "dpa_url")
        let walk = try #require(state.walk)
        #expect(walk.fields.contains(dpa) && !walk.fields.contains(url), "the address does not apply until the DPA is affirmed")
        state.step = .section("subprocessors")
        #expect(!testWizard.items(state).contains(.text(url)))
        send(&state, .itemFocused(.option(dpa, 0)), .toggled)
        #expect(testWizard.items(state).contains(.text(url)))
        #expect(Screens(wizard: testWizard).focusableRows(state) == testWizard.items(state))
        #expect(testWizard.items(state).contains(.option(dpa, 0)), "the answered question stays on its page")
    }

    @Test("n starts the walk; Esc goes back a page, and from the first page to the review")
    func keysAndBack() {
        var state = SnapshotTests.revised()
        state.answers.profile.aiCustomerData = false
        #expect(Self.keys.action(for: .character("n"), in: state) == .newQuestionsWalkStarted)
        send(&state, .newQuestionsWalkStarted)
        let sections = state.walk?.sections ?? []
        #expect(sections.count > 1)
        send(&state, .itemFocused(.next), .confirmed)
        #expect(state.step == .section(sections[1]))
        send(&state, .wentBack)
        #expect(state.step == .section(sections[0]) && state.walk != nil)
        send(&state, .wentBack)
        #expect(state.step == .review && state.walk == nil)
        #expect(state.message?.text.hasPrefix("New questions: 0 of ") == true)
    }
}
