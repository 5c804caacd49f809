/// Everything the wizard knows at one moment. The screens are drawn from it and
/// only `Wizard.reduce` changes it.
public struct WizardState: Equatable, Sendable {
    /// Where the answers, the page and the draft go (shown on the export screen).
    public var paths: WizardPaths
    public var step: WizardStep
    public var overlay: WizardOverlay?
    /// Index of the focused item in `Wizard.items(state)`.
    public var focus: Int
    /// Caret position (in characters) in the focused text field.
    public var caret: Int
    /// What the user has said so far (autosaved as the draft).
    public var answers: Answers
    /// The answers as last written to the answers file: anything else is unsaved.
    public var saved: Answers
    /// The answers at the start of this session: what differs is marked "changed".
    public var original: Answers
    /// Whether the answers file existed when the wizard started.
    public var hadAnswersFile: Bool
    /// Catalog sections the answers file had no entry for (added since).
    public var newSections: Set<String>
    /// Questions of sections the answers file has that it never saw (no
    /// answer, not recorded as left open: what `check` reports as never
    /// answered), by section id, in page order. Found once at the start on a
    /// file that was exported (has a review date); sections it lacks are in
    /// `newSections`.
    public var unseenInFile: [String: [String]]
    /// Every section's review facts at the start on an answers file, as it
    /// worked them out or was given them (the answers cache keeps them);
    /// `Wizard.startFacts` says while they hold.
    public var startFacts: [ReviewFacts]?
    /// "Answer what is new": the walk over only the new questions, while it lasts.
    public var walk: NewQuestionsWalk?
    /// A record of a `records` question open in its edit form on a section page.
    public var recordEdit: RecordEdit?
    /// The record last removed on this page, which `u` puts back.
    public var lastRemoved: RemovedRecord?
    /// The record form last closed with Esc or Cancel, with what was typed
    /// into it: `u` opens it again as it was left.
    public var droppedRecord: DroppedRecord?
    /// Export: the last write was refused over files edited by hand; the
    /// step then offers what differs and a deliberate overwrite.
    public var editedOnDisk: EditedOnDisk?
    /// A draft found at start, offered for resuming.
    public var pendingDraft: Answers?
    /// The answers file changed since that draft started (a `git pull` since):
    /// resuming it would undo what differs, so the resume screen says so and
    /// keeping the file comes first.
    public var draftFileChanged: Bool
    /// Resume screen: the list of what the draft would change is shown.
    public var showDraftDifferences: Bool
    /// Export: whether this write is a review of every answer (the review date
    /// moves to today) or a correction (it stays); nil until the user says.
    public var reviewChoice: ReviewChoice?
    /// Today (`YYYY-MM-DD`), as the launch read the clock, for the screens'
    /// words; the export takes the date itself when it writes.
    public var today: String?
    /// Section page: the note opened for editing with `n`, shown as a text
    /// field under its question until the page is left.
    public var openNote: FieldID?
    /// Text typed into a field that does not pass its validator yet. The answer
    /// itself stays empty until the text is valid, so the answers file never
    /// holds a value it would refuse to load.
    public var invalidText: [FieldID: String]
    /// Set when a page was opened from the review: going on returns there.
    public var returnToReview: Bool
    /// Review: show the whole page instead of the list (narrow terminals).
    public var showPagePreview: Bool
    /// Review: first line of the page preview shown.
    public var previewScroll: Int
    /// Plan: the pane under the list that says why the focused section is
    /// recommended and who it is for. Closed until asked for, so that a move
    /// on the plan rewrites two rows, as in any list; kept while the wizard runs.
    public var showPlanDetail: Bool
    /// Help: first line of the help overlay shown. The help's lines are the
    /// key map's, so the key map says how far it goes (`helpScrolled(to:)`)
    /// and drawing holds it to the last line at the window's size.
    public var helpScroll: Int
    /// Lines a form is scrolled back above where its focus keeps it (0 or
    /// less): Up on the first item reads the text above it, line by line.
    public var formScroll: Int
    /// Quit dialog: focused choice.
    public var quitChoice: QuitChoice
    /// One line for the status bar: what just happened.
    public var message: WizardMessage?
    /// The files the last export wrote.
    public var exported: [String]?
    /// Why the last autosave of the draft failed, until one succeeds: the draft
    /// on disk is older than the answers, and nothing may say otherwise.
    public var draftProblem: String?
    /// Where a copy of the answers went when the draft could not be written.
    public var savedCopy: String?
    /// The terminal's size, as the last `resized` said: the screens are drawn
    /// at it, and below `WizardLayout.minimumSize` keys wait.
    public var viewport: Size

    public init(paths: WizardPaths, step: WizardStep, answers: Answers, saved: Answers, original: Answers,
                hadAnswersFile: Bool, newSections: Set<String> = [], pendingDraft: Answers? = nil) {
        self.paths = paths
        self.step = step
        self.overlay = nil
        self.focus = 0
        self.caret = 0
        self.answers = answers
        self.saved = saved
        self.original = original
        self.hadAnswersFile = hadAnswersFile
        self.newSections = newSections
        self.unseenInFile = [:]
        self.startFacts = nil
        self.walk = nil
        self.recordEdit = nil
        self.lastRemoved = nil
        self.droppedRecord = nil
        self.editedOnDisk = nil
        self.pendingDraft = pendingDraft
        self.draftFileChanged = false
        self.showDraftDifferences = false
        self.reviewChoice = nil
        self.today = nil
        self.openNote = nil
        self.invalidText = [:]
        self.returnToReview = false
        self.showPagePreview = false
        self.previewScroll = 0
        self.showPlanDetail = false
        self.helpScroll = 0
        self.formScroll = 0
        self.quitChoice = .saveAndQuit
        self.message = nil
        self.exported = nil
        self.viewport = Size(width: 80, height: 24)
        self.draftProblem = nil
        self.savedCopy = nil
    }

    /// Whether anything differs from the answers file on disk.
    public var hasUnsavedChanges: Bool { answers != saved }

    /// Whether writing must first ask if this is a review or a correction:
    /// answers that carry a review date (not a first write).
    public var asksReviewChoice: Bool { answers.reviewed != nil }
}

/// What a write of answers that were reviewed before means for `reviewed`.
public enum ReviewChoice: CaseIterable, Equatable, Sendable {
    /// Every answer was looked at and is current: the review date moves to today.
    case current
    /// A fix (a typo, one answer): the review date stays, and the yearly clock with it.
    case correction
}

/// Where the wizard writes. The page and security.txt follow the answers'
/// `outputs:` (asked on the export step) at the moment of the export; a path
/// given here (the command line's `--output`) takes the place of theirs.
public struct WizardPaths: Equatable, Sendable {
    public var answers: String
    /// The page's path, when given at launch; else the answers' `outputs.page` or its default.
    public var page: String?
    /// security.txt's path, when given at launch; else the answers' `outputs.security_txt`.
    public var securityTxt: String?
    public var draft: String { answers + ".draft" }

    public init(answers: String, page: String? = nil, securityTxt: String? = nil) {
        self.answers = answers
        self.page = page
        self.securityTxt = securityTxt
    }

    /// What an export of `answers` writes now.
    public func targets(_ answers: Answers) -> Export.Targets {
        var targets = Export.Targets.from(answers, answersPath: self.answers)
        if let page { targets.page = page }
        if let securityTxt { targets.securityTxt = securityTxt }
        return targets
    }
}

/// The wizard's pages, in walking order.
public enum WizardStep: Hashable, Sendable {
    /// A draft from an earlier session exists: resume it or discard it.
    case resumeDraft
    /// Company name, domain, contact and the six profile questions.
    case profile
    /// Every section, recommended or optional, to include or skip.
    case plan
    /// One included section's guidance, questions and preview.
    case section(String)
    /// Every section's state and the whole page.
    case review
    /// Writing the answers file and the page.
    case export
}

extension WizardStep {
    public var isSection: Bool {
        if case .section = self { return true }
        return false
    }
}

public enum WizardOverlay: Equatable, Sendable {
    case help
    case quitConfirm
}

public enum QuitChoice: Int, CaseIterable, Equatable, Sendable {
    case saveAndQuit, quitKeepingDraft, saveCopyAndQuit, cancel

    /// The choices the quit dialog offers: a copy elsewhere only when the
    /// draft could not be written (a full disk), where quitting loses answers.
    public static func offered(_ state: WizardState) -> [QuitChoice] {
        state.draftProblem == nil ? [.saveAndQuit, .quitKeepingDraft, .cancel] : allCases
    }

    public func label(_ state: WizardState) -> String {
        switch self {
        case .saveAndQuit: "Save the answers file and quit"
        case .quitKeepingDraft:
            state.draftProblem == nil
                ? "Quit without saving (the draft is kept for next time)"
                : "Quit without saving (the draft is out of date: recent answers are lost)"
        case .saveCopyAndQuit: "Save a copy in the temporary folder and quit"
        case .cancel: "Cancel: keep working"
        }
    }
}

public struct WizardMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A place the user can type or pick an answer.
public enum FieldID: Hashable, Sendable {
    case companyName, companyDomain, securityContact
    case profile(ProfileField)
    /// The export step's questions (`outputs:`).
    case output(OutputField)
    case question(section: String, question: String)
    /// One field of the record open in the edit form of a `records` question
    /// (`field` is the record field's id): a line of text, checked as the
    /// record kind checks it.
    case recordField(section: String, question: String, field: String)
    /// The note on a section's question (`notes:` in the answers file): for
    /// whoever edits the answers, never published. A field only while open (`n`).
    case note(section: String, question: String)
}

/// One focusable line of a screen. The cursor moves over these.
public enum WizardItem: Equatable, Sendable {
    /// Resume screen: resume (`true`) or discard (`false`) the draft.
    case resumeChoice(Bool)
    /// Resume screen, when the answers file changed since the draft: show or
    /// hide what resuming would change.
    case draftDifferences
    /// Export: this write is a review of every answer, or a correction.
    case reviewChoice(ReviewChoice)
    case text(FieldID)
    /// One choice of a field; for yes/no, 0 is yes and 1 is no.
    case option(FieldID, Int)
    /// Plan and review: a section.
    case sectionRow(String)
    /// Review: open the company and profile page.
    case profileRow
    /// Review: open the plan.
    case planRow
    /// Forms: go on to the next step.
    case next
    /// Review: go on to export.
    case toExport
    /// Export: write the files.
    case writeFiles
    /// Export, after a write refused over hand edits: show or hide what differs.
    case editDifferences
    /// Export, after a write refused over hand edits: write over them.
    case overwriteEdited
    /// Export: quit.
    case quit
    /// A `records` question: record `index` (Enter edits it).
    case record(FieldID, Int)
    /// A `records` question: "+ Add a subprocessor".
    case addRecord(FieldID)
    /// The record edit form: keep the record, or drop what was typed.
    case saveRecord
    case cancelRecord
    /// Review: "Answer the N new questions".
    case newQuestionsRow
}

/// A record open in the edit form: its fields as typed, kept apart from the
/// answers until it is saved whole (a record without its required fields is
/// one the answers file would refuse to load, so it is never stored).
public struct RecordEdit: Equatable, Sendable {
    /// The `records` question.
    public var field: FieldID
    /// The record being edited; nil for a new one (added at the end).
    public var index: Int?
    /// Each record field's text that passes its check (text that does not is
    /// in `WizardState.invalidText`, as for any field).
    public var values: [String: String]

    public init(field: FieldID, index: Int?, values: [String: String]) {
        self.field = field
        self.index = index
        self.values = values
    }

    /// The form's field for record field `id`.
    public func fieldID(_ id: String) -> FieldID? {
        guard case let .question(section, question) = field else { return nil }
        return .recordField(section: section, question: question, field: id)
    }
}

/// A record removed with `d`, kept so that `u` can put it back where it was.
public struct RemovedRecord: Equatable, Sendable {
    public var field: FieldID
    public var index: Int
    public var record: [String: String]
}

/// A record form dropped with Esc or Cancel: the form as it was left (what
/// passed its checks and what did not), which `u` opens again.
public struct DroppedRecord: Equatable, Sendable {
    public var edit: RecordEdit
    public var invalidText: [FieldID: String]
}

/// Generated files on disk edited by hand since they were generated, found
/// when the wizard's write was refused over them.
public struct EditedOnDisk: Equatable, Sendable {
    /// The files, as a person writes them.
    public var files: [String]
    /// What differs, `diff -u` (on disk, then from the answers).
    public var diff: String
    /// Whether the export step shows the diff.
    public var showsDiff: Bool
    /// Those of `files` that security-overview never wrote (no generated-by
    /// mark): a page made by hand before the tool, at the page's path.
    public var notGenerated: [String]

    public init(files: [String], diff: String, showsDiff: Bool = false, notGenerated: [String] = []) {
        self.files = files
        self.diff = diff
        self.showsDiff = showsDiff
        self.notGenerated = notGenerated
    }

    /// "Overwrite the edited file (the hand edits are lost)", or "Replace"
    /// when one was never generated: the button and the plain mode's question.
    public var overwriteLabel: String {
        let plural = files.count == 1 ? "" : "s"
        return notGenerated.isEmpty
            ? "Overwrite the edited file\(plural) (the hand edits are lost)"
            : "Replace the existing file\(plural) (what \(files.count == 1 ? "it holds" : "they hold") now is lost)"
    }
}

/// "Answer what is new": the questions to visit, fixed when the walk starts
/// (so answering one does not take it off the page under the cursor).
public struct NewQuestionsWalk: Equatable, Sendable {
    public var fields: [FieldID]
    /// The sections the walk visits, in page order.
    public var sections: [String]

    public init(fields: [FieldID]) {
        self.fields = fields
        var sections: [String] = []
        for case let .question(section, _) in fields where sections.last != section { sections.append(section) }
        self.sections = sections
    }

    /// How many pages the walk has: the profile's, then one per section.
    public var pageCount: Int { sections.count + (asksProfile ? 1 : 0) }

    /// Whether the walk opens on the profile page (missing company or profile answers).
    public var asksProfile: Bool {
        fields.contains { if case .question = $0 { false } else { true } }
    }
}
