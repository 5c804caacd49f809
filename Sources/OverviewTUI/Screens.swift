import Foundation
import OverviewCore

/// Where each screen was scrolled to, so that moving the focus scrolls only
/// when it must (fewer bytes per keystroke than re-centring every time).
public struct ScreenMemory: Sendable {
    /// Each step's scroll offset. A short list searched in order rather than a
    /// dictionary: hashing a step would cost a runtime conformance lookup (a
    /// scan of every conformance record) before the first frame.
    private var offsets: [(step: WizardStep, offset: Int)] = []
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
}

/// The screens: functions of the state drawn on a canvas.
public struct Screens {
    /// Below this the wizard asks for a larger window (it goes on when it grows).
    public static let minimumSize = Size(width: 60, height: 16)
    /// From this width, previews sit beside the questions instead of below.
    static let sideBySideWidth = 100

    public let wizard: Wizard
    let pages: PageCache

    public init(wizard: Wizard) {
        self.wizard = wizard
        self.pages = PageCache(wizard: wizard)
    }

    /// The area between the title bar and the bottom bar (and message line).
    static func body(_ state: WizardState, _ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: size.height - 2 - (state.message == nil ? 0 : 1))
    }

    /// The review's list width beside its page preview.
    static func reviewListWidth(_ body: Rect) -> Int {
        body.width >= sideBySideWidth ? min(72, body.width - 40) : body.width
    }

    /// Where the page preview is drawn on the review, if it shows at this size.
    static func previewArea(_ state: WizardState, _ size: Size) -> Rect? {
        guard state.step == .review, !isTooSmall(size) else { return nil }
        let body = body(state, size)
        if state.showPagePreview { return body }
        guard body.width >= sideBySideWidth else { return nil }
        let listWidth = reviewListWidth(body)
        return Rect(x: listWidth + 1, y: body.y, width: body.width - listWidth - 1, height: body.height)
    }

    /// How far the page preview can scroll: its last line at the bottom.
    public func maxPreviewScroll(_ state: WizardState, size: Size) -> Int {
        guard let area = Self.previewArea(state, size) else { return 0 }
        return max(0, pages.lines(state.answers, width: area.width - 2).count - (area.height - 1))
    }

    /// Whether `size` is below the smallest the screens are drawn at.
    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumSize.width || size.height < minimumSize.height
    }

    /// The whole screen for `state` at `size`.
    public func render(_ state: WizardState, size: Size, memory: inout ScreenMemory) -> Canvas {
        var canvas = Canvas(size)
        if Self.isTooSmall(size) {
            drawTooSmall(&canvas)
            return canvas
        }
        let body = Self.body(state, size)
        let (title, step) = titles(state)
        drawTitleBar(&canvas, title, step)
        switch state.step {
        case .resumeDraft: drawResume(&canvas, state, body)
        case .profile: drawProfile(&canvas, state, body, &memory)
        case .plan: drawPlan(&canvas, state, body, &memory)
        case .section(let id): drawSection(&canvas, state, id, body, &memory)
        case .review: drawReview(&canvas, state, body, &memory)
        case .export: drawExport(&canvas, state, body)
        }
        if let message = state.message {
            canvas.put(TextWidth.truncate(message.text, to: size.width - 2), x: 1, y: size.height - 2,
                       message.kind == .error ? .error : .good)
        }
        drawKeyBar(&canvas, KeyMap(wizard: wizard).hints(for: state))
        switch state.overlay {
        case .help?: canvas.cursor = nil; drawHelp(&canvas)
        case .quitConfirm?: canvas.cursor = nil; drawQuitConfirm(&canvas, state)
        case nil: break
        }
        return canvas
    }

    // MARK: - Frame

    func titles(_ state: WizardState) -> (String, String) {
        switch state.step {
        case .resumeDraft: return ("Resume your draft?", "")
        case .profile: return ("Company and profile", "Step 1 of 5")
        case .plan: return ("Plan your page", "Step 2 of 5")
        case .section(let id):
            let included = wizard.includedSections(state.answers)
            let title = wizard.catalog.section(id)?.title ?? id
            if let index = included.firstIndex(where: { $0.id == id }) {
                return (title, "Step 3 of 5 · section \(index + 1) of \(included.count)")
            }
            return (title, "Step 3 of 5 · skipped section")
        case .review: return ("Review", "Step 4 of 5")
        case .export: return ("Export", "Step 5 of 5")
        }
    }

    func drawTitleBar(_ canvas: inout Canvas, _ title: String, _ step: String) {
        let width = canvas.size.width
        canvas.fill(x: 0, y: 0, width: width, height: 1, .title)
        let right = step.isEmpty ? 0 : TextWidth.of(step) + 2
        canvas.put(TextWidth.truncate("Security Overview · " + title, to: width - 2 - right), x: 1, y: 0, .title)
        if !step.isEmpty { canvas.put(step, x: width - right + 1, y: 0, .title) }
    }

    func drawKeyBar(_ canvas: inout Canvas, _ hints: [(String, String)]) {
        let y = canvas.size.height - 1
        let width = canvas.size.width
        canvas.fill(x: 0, y: y, width: width, height: 1, .keyBar)
        // When the bar is too narrow, the least needed hints go first; help and
        // quit always stay.
        var shown = hints
        func total(_ list: [(String, String)]) -> Int {
            list.reduce(0) { $0 + TextWidth.of($1.0) + 1 + TextWidth.of($1.1) + 2 }
        }
        let dropOrder = ["PgUp/PgDn", "Tab", "p", "s", "^S", "F1", "Esc", "←→"]
        for key in dropOrder where total(shown) > width - 1 {
            shown.removeAll { $0.0 == key }
        }
        var x = 1
        for (key, meaning) in shown {
            let needed = TextWidth.of(key) + 1 + TextWidth.of(meaning)
            if x + needed > width - 1 { break }
            x = canvas.put(key, x: x, y: y, Style(.title, bold: true, reverse: true))
            x = canvas.put(" " + meaning, x: x, y: y, .keyBar) + 2
        }
    }

    func drawTooSmall(_ canvas: inout Canvas) {
        let size = canvas.size
        let lines = [
            "Please enlarge the window",
            "to at least \(Self.minimumSize.width)x\(Self.minimumSize.height)",
            "(now \(size.width)x\(size.height)).",
            "Nothing is lost: the wizard",
            "goes on when it is larger.",
            "Ctrl-C quits.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - TextWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + index, index == 0 ? .warning : .normal)
        }
    }

    // MARK: - Resume

    func drawResume(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect) {
        var y = body.y + 1
        let width = body.width - 2
        let draft = state.pendingDraft ?? Answers()
        var lines: [(String, Style)] = [
            ("A draft from an earlier session was found:", .heading),
            ("  " + state.paths.draft, .normal),
            ("", .normal),
        ]
        let answered = draft.sections.values.reduce(0) { $0 + $1.answers.count }
        let company = draft.company.name.map { "for \($0)" } ?? "without a company name yet"
        lines.append(("It holds answers \(company) (\(answered) in the sections),", .normal))
        lines.append(state.hadAnswersFile
            ? ("not yet saved to \(state.paths.answers).", .normal)
            : ("never saved to an answers file.", .normal))
        lines.append(("", .normal))
        for (text, style) in lines {
            for line in TextWidth.wrap(text, to: width) {
                canvas.put(line, x: 1, y: y, style)
                y += 1
            }
        }
        let choices = [
            "Resume the draft",
            state.hadAnswersFile ? "Discard the draft and open \(state.paths.answers)" : "Discard the draft and start afresh",
        ]
        for (index, choice) in choices.enumerated() {
            drawChoice(&canvas, x: 1, y: y + index, width: width, focused: state.focus == index, marker: nil, choice)
        }
    }

    // MARK: - Forms (profile, sections)

    /// A line of a scrolling form.
    enum FormLine {
        /// Text, not focusable; `anchor` is the first item of the field it introduces.
        case text(String, Style, indent: Int, anchor: Int?)
        /// A choice, a row or a button: item `index`.
        case item(Int, marker: String?, String, Style)
        /// A one-line text input.
        case input(Int, FieldID)
        /// Row `row` of a multi-line text input.
        case multiline(Int, FieldID, row: Int)
        case blank
    }

    /// Draws `lines` in `area`, scrolled so the focused item (and the label above
    /// it) are visible; returns where the caret goes.
    func drawForm(_ canvas: inout Canvas, _ state: WizardState, _ lines: [FormLine], _ area: Rect,
                  _ memory: inout ScreenMemory) {
        let items = wizard.items(state)
        let focusedField = wizard.focusedItem(state).flatMap(Wizard.field(of:))
        let firstOfField = focusedField.flatMap { field in items.firstIndex { Wizard.field(of: $0) == field } } ?? state.focus
        var focusLine = 0
        var labelLine: Int?
        for (index, line) in lines.enumerated() {
            switch line {
            case .item(let item, _, _, _), .input(let item, _): if item == state.focus { focusLine = index }
            case .multiline(let item, _, let row): if item == state.focus && row == 0 { focusLine = index }
            case .text(_, _, _, let anchor?): if anchor == firstOfField && labelLine == nil { labelLine = index }
            default: break
            }
        }
        let top = min(labelLine ?? focusLine, focusLine)
        var bottom = focusLine
        if case .multiline = lines[focusLine] {
            while bottom + 1 < lines.count, case .multiline(state.focus, _, _) = lines[bottom + 1] { bottom += 1 }
        }
        if bottom + 1 < lines.count, case .text(_, let style, _, _) = lines[bottom + 1], style == .error { bottom += 1 }
        // The rest of a long choice label, under it.
        while bottom + 1 < lines.count, case .text(_, _, 6, nil) = lines[bottom + 1] { bottom += 1 }

        var offset = memory[state.step]
        if state.focus == 0 { offset = 0 }
        if top < offset { offset = top }
        if bottom >= offset + area.height { offset = bottom - area.height + 1 }
        offset = max(0, min(offset, max(0, lines.count - area.height)))
        memory[state.step] = offset

        let moreAbove = offset > 0
        let moreBelow = offset + area.height < lines.count
        for row in 0..<area.height {
            let index = offset + row
            guard index < lines.count else { break }
            // The scroll marks get the right end of their row to themselves.
            let marked = (row == 0 && moreAbove) || (row == area.height - 1 && moreBelow)
            drawFormLine(&canvas, state, lines[index], x: area.x, y: area.y + row, width: area.width,
                         reserve: marked ? Self.moreMarkWidth : 0)
        }
        if moreAbove { canvas.put("↑ more", x: area.x + area.width - 7, y: area.y, .muted) }
        if moreBelow { canvas.put("↓ more", x: area.x + area.width - 7, y: area.y + area.height - 1, .muted) }
    }

    /// Columns "↑ more" / "↓ more" take at the right end of a form row.
    static let moreMarkWidth = 8

    /// Text boxes stop short of the scroll marks, so a box keeps its width
    /// whichever row it scrolls to.
    static func inputWidth(_ width: Int) -> Int { min(width - 5 - moreMarkWidth, 72) }

    func drawFormLine(_ canvas: inout Canvas, _ state: WizardState, _ line: FormLine, x: Int, y: Int, width: Int,
                      reserve: Int = 0) {
        switch line {
        case .blank:
            break
        case let .text(text, style, indent, _):
            canvas.put(text, x: x + 1 + indent, y: y, style, width: width - 2 - indent - reserve)
        case let .item(item, marker, text, style):
            drawChoice(&canvas, x: x + 1, y: y, width: width - 2 - reserve, focused: state.focus == item, marker: marker, text, style)
        case let .input(item, field):
            if state.focus == item { canvas.put("›", x: x + 1, y: y, .heading) }
            drawInput(&canvas, state, field, focused: state.focus == item, x: x + 3, y: y, width: Self.inputWidth(width))
        case let .multiline(item, field, row):
            if state.focus == item && row == 0 { canvas.put("›", x: x + 1, y: y, .heading) }
            drawMultiline(&canvas, state, field, focused: state.focus == item, row: row, x: x + 3, y: y, width: Self.inputWidth(width))
        }
    }

    /// "› (•) Label": a focusable line; the focused one is highlighted and marked
    /// with "›" so it shows without colour too.
    func drawChoice(_ canvas: inout Canvas, x: Int, y: Int, width: Int, focused: Bool, marker: String?,
                    _ text: String, _ style: Style = .normal) {
        // Only the "›" and the box (or, without a box, the label) change with the
        // focus: a move down a list redraws a few cells, not two whole lines.
        canvas.put(focused ? "›" : " ", x: x, y: y)
        guard let marker else {
            canvas.put(TextWidth.truncate(text, to: width - 2), x: x + 2, y: y, focused ? .focused : style)
            return
        }
        let column = canvas.put(marker, x: x + 2, y: y, focused ? Self.focusedMarker : style)
        canvas.put(" " + TextWidth.truncate(text, to: width - 3 - TextWidth.of(marker)), x: column, y: y, style)
    }

    static let focusedMarker = Style(.normal, reverse: true)

    static let inputMaxRows = 3

    func drawInput(_ canvas: inout Canvas, _ state: WizardState, _ field: FieldID, focused: Bool, x: Int, y: Int, width: Int) {
        let text = wizard.text(of: field, in: state)
        let inner = max(4, width - 2)
        let style = focused ? Style(.selected, underline: true) : Style(.normal, underline: true)
        canvas.put("[", x: x, y: y, focused ? .heading : .muted)
        canvas.fill(x: x + 1, y: y, width: inner, height: 1, style)
        let chars = Array(text)
        let caret = focused ? min(state.caret, chars.count) : 0
        let caretColumn = chars[..<caret].reduce(0) { $0 + TextWidth.of($1) }
        // Horizontal scrolling: keep the caret inside the box.
        let start = max(0, caretColumn - (inner - 1))
        var column = 0
        var drawX = x + 1
        var cursorX = x + 1
        for (index, char) in chars.enumerated() {
            let w = TextWidth.of(char)
            if index == caret { cursorX = drawX }
            if column >= start {
                if drawX - (x + 1) + w > inner { break }
                canvas.put(String(char), x: drawX, y: y, style)
                drawX += w
            }
            column += w
        }
        if caret == chars.count { cursorX = drawX }
        canvas.put("]", x: x + 1 + inner, y: y, focused ? .heading : .muted)
        if start > 0 { canvas.put("…", x: x + 1, y: y, style) }
        if focused { canvas.cursor = (min(cursorX, x + inner), y) }
    }

    func drawMultiline(_ canvas: inout Canvas, _ state: WizardState, _ field: FieldID, focused: Bool, row: Int,
                       x: Int, y: Int, width: Int) {
        let text = wizard.text(of: field, in: state)
        let inner = max(4, width - 2)
        let style = focused ? Style(.selected, underline: true) : Style(.normal, underline: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Where the caret is: line and column.
        var caretLine = 0
        var caretInLine = 0
        var remaining = focused ? min(state.caret, text.count) : 0
        for (index, line) in lines.enumerated() {
            if remaining <= line.count { caretLine = index; caretInLine = remaining; break }
            remaining -= line.count + 1
        }
        let first = max(0, caretLine - (Self.inputMaxRows - 1))
        let lineIndex = first + row
        canvas.put(row == 0 ? "[" : "|", x: x, y: y, focused ? .heading : .muted)
        canvas.fill(x: x + 1, y: y, width: inner, height: 1, style)
        canvas.put(row == Self.inputMaxRows - 1 ? "]" : "|", x: x + 1 + inner, y: y, focused ? .heading : .muted)
        guard lineIndex < lines.count else { return }
        let chars = Array(lines[lineIndex])
        let caret = lineIndex == caretLine ? caretInLine : 0
        let caretColumn = chars[..<min(caret, chars.count)].reduce(0) { $0 + TextWidth.of($1) }
        let start = max(0, caretColumn - (inner - 1))
        var column = 0
        var drawX = x + 1
        for char in chars {
            let w = TextWidth.of(char)
            if column >= start {
                if drawX - (x + 1) + w > inner { break }
                canvas.put(String(char), x: drawX, y: y, style)
                drawX += w
            }
            column += w
        }
        if focused && lineIndex == caretLine {
            canvas.cursor = (min(x + 1 + caretColumn - start, x + inner), y)
        }
    }

    // MARK: - Profile

    /// A profile question's heading, help line and choices. (A switch, not a
    /// dictionary keyed by field: hashing a field would cost a runtime
    /// conformance lookup before the first frame.)
    static func profileQuestion(_ field: ProfileField) -> (label: String, help: String, options: [String]) {
        switch field {
        case .stage: ("Funding stage", "Investors and buyers expect more from later stages; several sections are recommended from Series A on.", Stage.allCases.map(\.label))
        case .data: ("The data you hold about your users", "The more sensitive the data, the more readers want to know how you protect it.", DataHeld.allCases.map(\.label))
        case .enterpriseCustomers: ("Do you sell to enterprise customers?", "Enterprise buyers ask about compliance, access control and user protection.", ["Yes", "No"])
        case .acceptsPayments: ("Do you accept payments?", "Taking payments brings a section on how payment details are handled.", ["Yes", "No"])
        case .availabilityCritical: ("Is downtime a major business risk?", "If customers depend on you being up, readers want to hear about DDoS protection.", ["Yes", "No"])
        case .hosting: ("Where does your service run?", "Decides whether the infrastructure questions are about cloud providers or a data center.", Hosting.allCases.map(\.label))
        }
    }

    func profileSelection(_ field: ProfileField, _ profile: Profile) -> Int? {
        switch field {
        case .stage: profile.stage.flatMap { Stage.allCases.firstIndex(of: $0) }
        case .data: profile.data.flatMap { DataHeld.allCases.firstIndex(of: $0) }
        case .hosting: profile.hosting.flatMap { Hosting.allCases.firstIndex(of: $0) }
        case .enterpriseCustomers: profile.enterpriseCustomers.map { $0 ? 0 : 1 }
        case .acceptsPayments: profile.acceptsPayments.map { $0 ? 0 : 1 }
        case .availabilityCritical: profile.availabilityCritical.map { $0 ? 0 : 1 }
        }
    }

    static func companyLabel(_ field: FieldID) -> String {
        switch field {
        case .companyName: "Company name"
        case .companyDomain: "Website domain"
        case .securityContact: "Security contact"
        default: ""
        }
    }

    /// On a revise run: questions of a section the answers file had but never
    /// saw (added to the catalog since), that apply and are still unanswered.
    func newQuestions(_ section: Section, _ state: WizardState) -> [Question] {
        // Only a file that was exported once (it has a review date) lists every
        // question it was shown; one saved halfway lists only what was answered.
        guard state.hadAnswersFile, state.original.reviewed != nil, !state.newSections.contains(section.id),
              let before = state.original.sections[section.id] else { return [] }
        let now = state.answers.sections[section.id]?.answers ?? [:]
        return section.questions.filter {
            before.answers[$0.id] == nil && !before.open.contains($0.id) && now[$0.id] == nil
                && state.answers.applies($0, in: section)
        }
    }

    /// Text typed into fields that does not pass their check, so is not an
    /// answer: where it is, what it says. In page order.
    func invalidAnswers(_ state: WizardState) -> [(section: String?, label: String, text: String)] {
        var found: [(section: String?, label: String, text: String)] = []
        for field in [FieldID.companyName, .companyDomain, .securityContact] {
            if let text = state.invalidText[field] { found.append((nil, Self.companyLabel(field), text)) }
        }
        for section in wizard.catalog.sections {
            for question in section.questions {
                if let text = state.invalidText[.question(section: section.id, question: question.id)] {
                    found.append((section.id, "\(section.title): \(question.label)", text))
                }
            }
        }
        return found
    }

    func drawProfile(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        // Text lines wrap short of the "↑ more" / "↓ more" marks, so a mark
        // never covers the end of a sentence.
        let textWidth = body.width - 2 - Self.moreMarkWidth
        var lines: [FormLine] = TextWidth.wrap("Answer a few questions; this tool writes your public Security Overview page.",
                                               to: body.width - 2).map { .text($0, .muted, indent: 0, anchor: nil) }
        lines.append(.blank)
        let items = wizard.items(state)
        func index(_ item: WizardItem) -> Int { items.firstIndex(of: item) ?? -1 }
        let texts: [(FieldID, String, String)] = [
            (.companyName, Self.companyLabel(.companyName), "As it should appear in the page title."),
            (.companyDomain, Self.companyLabel(.companyDomain), "For example example.com: used for links and security.txt."),
            (.securityContact, Self.companyLabel(.securityContact), "An email address or https:// page where people report security problems."),
        ]
        for (field, label, help) in texts {
            let item = index(.text(field))
            lines.append(.text(label, .heading, indent: 0, anchor: item))
            lines.append(.input(item, field))
            if let problem = wizard.problem(of: field, in: state) {
                for line in TextWidth.wrap("✗ " + problem, to: textWidth - 2) { lines.append(.text(line, .error, indent: 2, anchor: nil)) }
            } else {
                for line in TextWidth.wrap(help, to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: nil)) }
            }
        }
        for field in ProfileField.allCases {
            let question = Self.profileQuestion(field)
            let first = index(.option(.profile(field), 0))
            lines.append(.blank)
            for line in TextWidth.wrap(question.label, to: textWidth) { lines.append(.text(line, .heading, indent: 0, anchor: first)) }
            for line in TextWidth.wrap(question.help, to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: first)) }
            let selected = profileSelection(field, state.answers.profile)
            for (offset, option) in question.options.enumerated() {
                lines.append(.item(first + offset, marker: selected == offset ? "(•)" : "( )", option, .normal))
            }
        }
        lines.append(.blank)
        lines.append(.item(index(.next), marker: nil, state.returnToReview ? "Back to the review →" : "Continue to the plan →", .heading))
        drawForm(&canvas, state, lines, body, &memory)
    }

    // MARK: - Plan

    func drawPlan(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        let sections = wizard.catalog.sections
        // Titles get 30 columns at 80, and all they need once the window is wide enough.
        let titleWidth = min(max(30, body.width - 79), sections.map { TextWidth.of($0.title) }.max() ?? 20)
        var lines: [FormLine] = TextWidth.wrap("Recommended sections start included. Include or skip any section with Space.",
                                               to: body.width - 2).map { .text($0, .muted, indent: 0, anchor: nil) }
        lines.append(.blank)
        for (index, section) in sections.enumerated() {
            let included = state.answers.isIncluded(section)
            let recommendation = section.rule.evaluate(state.answers.profile)
            let title = TextWidth.truncate(section.title, to: titleWidth)
            let padded = title + String(repeating: " ", count: max(0, titleWidth - TextWidth.of(title)))
            lines.append(.item(index, marker: included ? "[x]" : "[ ]", padded + "  " + recommendation.reason,
                               recommendation.recommended ? .normal : .muted))
        }
        lines.append(.blank)
        let count = wizard.includedSections(state.answers).count
        lines.append(.item(sections.count, marker: nil,
                           state.returnToReview ? "Back to the review →" : "Continue: \(count) section\(count == 1 ? "" : "s") to answer →",
                           .heading))
        // The focused section's "recommended for", under the list.
        let detail = 4
        let area = Rect(x: body.x, y: body.y, width: body.width, height: body.height - detail)
        drawForm(&canvas, state, lines, area, &memory)
        let y = area.y + area.height
        canvas.put(String(repeating: "─", count: body.width), x: 0, y: y, .muted)
        if state.focus < sections.count {
            let section = sections[state.focus]
            let recommendation = section.rule.evaluate(state.answers.profile)
            var detailLines = TextWidth.wrap(section.title + ": " + recommendation.reason, to: body.width - 2).map { ($0, Style.heading) }
            detailLines += TextWidth.wrap("Recommended for: " + section.guidance.who, to: body.width - 2).map { ($0, Style.muted) }
            for (offset, line) in detailLines.prefix(detail - 1).enumerated() {
                canvas.put(line.0, x: 1, y: y + 1 + offset, line.1)
            }
        }
    }

    // MARK: - Section pages

    func drawSection(_ canvas: inout Canvas, _ state: WizardState, _ id: String, _ body: Rect, _ memory: inout ScreenMemory) {
        guard let section = wizard.catalog.section(id) else { return }
        let wide = body.width >= Self.sideBySideWidth
        let formWidth = wide ? body.width * 3 / 5 : body.width
        let previewRows = wide ? 0 : min(7, max(4, body.height / 3))
        let form = Rect(x: body.x, y: body.y, width: formWidth, height: body.height - previewRows)
        let textWidth = form.width - 2 - Self.moreMarkWidth

        var lines: [FormLine] = []
        let recommendation = section.rule.evaluate(state.answers.profile)
        for line in TextWidth.wrap("Recommended for: " + section.guidance.who, to: textWidth) {
            lines.append(.text(line, .heading, indent: 0, anchor: 0))
        }
        for line in TextWidth.wrap((recommendation.recommended ? "✓ " : "· ") + recommendation.reason, to: textWidth) {
            lines.append(.text(line, recommendation.recommended ? .good : .muted, indent: 0, anchor: 0))
        }
        if !state.answers.isIncluded(section) {
            lines.append(.text("Skipped: not on your page. Press s to include it.", .warning, indent: 0, anchor: 0))
        }
        for line in TextWidth.wrap(section.guidance.why, to: textWidth) { lines.append(.text(line, .normal, indent: 0, anchor: 0)) }
        if !section.guidance.how.isEmpty {
            for line in TextWidth.wrap(section.guidance.how, to: textWidth) { lines.append(.text(line, .muted, indent: 0, anchor: 0)) }
        }
        let items = wizard.items(state)
        let given = state.answers.sections[id]?.answers ?? [:]
        for question in section.questions where state.answers.applies(question, in: section) {
            let field = FieldID.question(section: id, question: question.id)
            let first = items.firstIndex { Wizard.field(of: $0) == field } ?? -1
            lines.append(.blank)
            let label = question.label + (question.required ? "\u{00A0}*" : "")
            for line in TextWidth.wrap(label, to: textWidth) { lines.append(.text(line, .heading, indent: 0, anchor: first)) }
            if let help = question.help {
                for line in TextWidth.wrap(help, to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: first)) }
            }
            switch question.kind {
            case .text:
                lines.append(.input(first, field))
                if let problem = wizard.problem(of: field, in: state) { lines.append(.text("✗ " + problem, .error, indent: 2, anchor: nil)) }
            case .multiline:
                for row in 0..<Self.inputMaxRows { lines.append(.multiline(first, field, row: row)) }
            case .yesno:
                let value = given[question.id]
                lines.append(.item(first, marker: value == .bool(true) ? "(•)" : "( )", "Yes", .normal))
                lines.append(.item(first + 1, marker: value == .bool(false) ? "(•)" : "( )", "No", .normal))
            case .single:
                for (offset, choice) in question.choices.enumerated() {
                    let picked = given[question.id] == .choice(choice.id)
                    appendChoice(&lines, first + offset, picked ? "(•)" : "( )", choice.label, textWidth)
                }
            case .multiple:
                var picked: [String] = []
                if case .choices(let ids)? = given[question.id] { picked = ids }
                for (offset, choice) in question.choices.enumerated() {
                    appendChoice(&lines, first + offset, picked.contains(choice.id) ? "[x]" : "[ ]", choice.label, textWidth)
                }
            }
        }
        lines.append(.blank)
        let next: String
        if state.returnToReview {
            next = "Back to the review →"
        } else if let later = wizard.catalog.sections.drop(while: { $0.id != id }).dropFirst().first(where: { state.answers.isIncluded($0) }) {
            next = "Next: \(later.title) →"
        } else {
            next = "Next: review →"
        }
        lines.append(.item(items.count - 1, marker: nil, next, .heading))
        drawForm(&canvas, state, lines, form, &memory)

        // The live preview of this section's Markdown.
        let preview: Rect
        if wide {
            preview = Rect(x: formWidth + 1, y: body.y, width: body.width - formWidth - 1, height: body.height)
            for y in body.y..<(body.y + body.height) { canvas.put("│", x: formWidth, y: y, .muted) }
            canvas.put("Preview of this section", x: preview.x + 1, y: preview.y, .heading)
        } else {
            preview = Rect(x: body.x, y: form.y + form.height, width: body.width, height: previewRows)
            canvas.put("── Preview of this section " + String(repeating: "─", count: max(0, body.width - 27)),
                       x: 0, y: preview.y, .muted)
        }
        var previewLines: [(String, Style)] = []
        func note(_ text: String) {
            for line in TextWidth.wrap(text, to: preview.width - 2) { previewLines.append((line, .muted)) }
        }
        if !state.answers.isIncluded(section) {
            note("(Skipped: not on the page.)")
        } else if let markdown = PageRenderer(catalog: wizard.catalog).sectionMarkdown(section, state.answers) {
            previewLines.append(("## " + section.title, .heading))
            previewLines.append(("", .normal))
            for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
                for line in PageCache.wrap(String(raw), to: preview.width - 2) { previewLines.append((line, .normal)) }
            }
        } else {
            note("(Not on the page yet: nothing answered here says anything.)")
        }
        for (offset, line) in previewLines.prefix(preview.height - 1).enumerated() {
            canvas.put(line.0, x: preview.x + 1, y: preview.y + 1 + offset, line.1, width: preview.width - 2)
        }
    }

    /// A choice whose label may need several lines: the first is the item, the
    /// rest hang under the label.
    func appendChoice(_ lines: inout [FormLine], _ item: Int, _ marker: String, _ label: String, _ width: Int) {
        let wrapped = TextWidth.wrap(label, to: max(10, width - 6))
        lines.append(.item(item, marker: marker, wrapped.first ?? "", .normal))
        for rest in wrapped.dropFirst() { lines.append(.text(rest, .normal, indent: 6, anchor: nil)) }
    }

    // MARK: - Review

    enum SectionState { case included, skipped, incomplete(Int) }

    func sectionState(_ section: Section, _ answers: Answers) -> SectionState {
        guard answers.isIncluded(section) else { return .skipped }
        let missing = Completeness.missingRequired(section, answers).count
        return missing > 0 ? .incomplete(missing) : .included
    }

    func drawReview(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        let wide = body.width >= Self.sideBySideWidth
        if state.showPagePreview {
            drawPagePreview(&canvas, state, body)
            return
        }
        let listWidth = Self.reviewListWidth(body)
        let company = state.answers.company
        let summary = [company.name, company.domain, company.securityContact].compactMap { $0 }.joined(separator: " · ")
        canvas.put(TextWidth.truncate(summary.isEmpty ? "No company details yet." : summary, to: listWidth - 2), x: 1, y: body.y, .heading)

        let sections = wizard.catalog.sections
        // "changed" compares with the answers file the wizard started from; on a
        // first run there is none, and everything would read as changed.
        let compare = state.hadAnswersFile
        let invalid = invalidAnswers(state)
        // Each section's status and marks first: titles get what the marks leave.
        let rows: [(state: SectionState, marks: String, invalid: Bool)] = sections.map { section in
            let sectionState = sectionState(section, state.answers)
            var marks = ""
            let invalidHere = sectionState.isSkipped ? 0 : invalid.filter { $0.section == section.id }.count
            if invalidHere > 0 { marks += " \(invalidHere) not valid" }
            if state.newSections.contains(section.id) { marks += " new" }
            let unseen = sectionState.isSkipped ? 0 : newQuestions(section, state).count
            if unseen > 0 { marks += " \(unseen) new question\(unseen == 1 ? "" : "s")" }
            if compare && state.answers.sections[section.id] != state.original.sections[section.id] { marks += " changed" }
            return (sectionState, marks, invalidHere > 0)
        }
        let profileChanged = compare && (state.answers.company != state.original.company || state.answers.profile != state.original.profile)
        let missingProfile = state.answers.profile.missingFields.count + [company.name, company.domain, company.securityContact].filter { $0 == nil }.count
        let invalidCompany = invalid.filter { $0.section == nil }.count
        var profileStatus = missingProfile > 0 ? "\(missingProfile) unanswered" : "complete"
        if invalidCompany > 0 { profileStatus += ", \(invalidCompany) not valid" }
        if profileChanged { profileStatus += "  changed" }
        let included = wizard.includedSections(state.answers).count
        let planStatus = "\(included) of \(sections.count) sections included"
        // The focus mark and box (7), the gap (2), then the widest of the status
        // column with its marks and the two summary rows' statuses.
        let statusWidth = max(14 + (rows.map { TextWidth.of($0.marks) }.max() ?? 0),
                              TextWidth.of(profileStatus), TextWidth.of(planStatus))
        let titleWidth = min(max(20, listWidth - 2 - 7 - 2 - statusWidth), sections.map { TextWidth.of($0.title) }.max() ?? 20)
        var lines: [FormLine] = [.blank]
        lines.append(.item(0, marker: nil, pad("Company and profile", titleWidth + 4) + "  " + profileStatus,
                           missingProfile + invalidCompany > 0 ? Style(.warning) : .normal))
        lines.append(.item(1, marker: nil, pad("Plan", titleWidth + 4) + "  " + planStatus, .normal))
        for (offset, (section, row)) in zip(sections, rows).enumerated() {
            var text = pad(TextWidth.truncate(section.title, to: titleWidth), titleWidth) + "  "
            let style: Style
            switch row.state {
            case .included: text += pad("included", 14); style = .normal
            case .skipped: text += pad("skipped", 14); style = .muted
            case .incomplete(let n): text += pad("incomplete (\(n))", 14); style = Style(.warning)
            }
            lines.append(.item(2 + offset, marker: row.state.isSkipped ? "[ ]" : "[x]", text + row.marks,
                               row.invalid ? Style(.warning) : style))
        }
        lines.append(.blank)
        lines.append(.item(sections.count + 2, marker: nil, "Export: write the answers file and the page →", .heading))
        let listArea = Rect(x: body.x, y: body.y + 1, width: listWidth, height: body.height - 1)
        drawForm(&canvas, state, lines, listArea, &memory)
        if wide {
            for y in body.y..<(body.y + body.height) { canvas.put("│", x: listWidth, y: y, .muted) }
            drawPagePreview(&canvas, state, Rect(x: listWidth + 1, y: body.y, width: body.width - listWidth - 1, height: body.height))
        }
    }

    func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
    }

    func drawPagePreview(_ canvas: inout Canvas, _ state: WizardState, _ area: Rect) {
        let lines = pages.lines(state.answers, width: area.width - 2)
        let visible = area.height - 1
        let maxScroll = max(0, lines.count - visible)
        let scroll = min(state.previewScroll, maxScroll)
        let position = lines.isEmpty ? "" : "  lines \(scroll + 1)-\(min(lines.count, scroll + visible)) of \(lines.count)"
        canvas.put("Page preview" + position, x: area.x + 1, y: area.y, .heading, width: area.width - 2)
        for (offset, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            let style: Style = line.hasPrefix("#") ? .heading : (line.hasPrefix("<!--") ? .muted : .normal)
            canvas.put(line, x: area.x + 1, y: area.y + 1 + offset, style, width: area.width - 2)
        }
    }

    // MARK: - Export

    func drawExport(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect) {
        let width = body.width - 2
        var y = body.y + 1
        canvas.put(state.exported == nil ? "Ready to write your files:" : "Written:", x: 1, y: y, .heading, width: width)
        y += 1
        var files = [("Answers file", state.paths.answers), ("Page", state.paths.page)]
        if let txt = state.paths.securityTxt { files.append(("security.txt", txt)) }
        for (label, path) in files {
            canvas.put(pad(label, 14) + path, x: 3, y: y, .normal, width: width - 2)
            y += 1
        }
        y += 1
        // What to know before writing, in groups. The buttons must stay on the
        // screen: when the notes do not fit above them, they are cut short.
        var groups: [[(text: String, style: Style)]] = []
        let company = state.answers.company
        let missingCompany = [(FieldID.companyName, company.name), (.companyDomain, company.domain), (.securityContact, company.securityContact)]
            .filter { $0.1 == nil }.map { Self.companyLabel($0.0).lowercased() }
        let missingProfile = state.answers.profile.missingFields.count
        if !missingCompany.isEmpty || missingProfile > 0 {
            var parts: [String] = []
            if !missingCompany.isEmpty { parts.append("no " + missingCompany.joined(separator: ", no ")) }
            if missingProfile > 0 { parts.append("\(missingProfile) profile question\(missingProfile == 1 ? "" : "s") unanswered") }
            groups.append([("Company and profile: " + parts.joined(separator: "; ") + ".", Style(.warning))])
        }
        let included = wizard.includedSections(state.answers)
        let incomplete = included.filter { !Completeness.missingRequired($0, state.answers).isEmpty }
        if !incomplete.isEmpty {
            groups.append([
                ("\(incomplete.count) included section\(incomplete.count == 1 ? " has" : "s have") required questions without an answer"
                    + (incomplete.count <= 4 ? ": " + incomplete.map(\.title).joined(separator: ", ") + "." : " (marked incomplete on the review)."),
                 Style(.warning)),
                ("You can write the files now and finish later; `security-overview check` lists what is missing.", .muted),
            ])
        }
        let newSections = included.filter { state.newSections.contains($0.id) }.map(\.title)
        let unseen = included.map { ($0.title, newQuestions($0, state).count) }.filter { $0.1 > 0 }
        if !newSections.isEmpty || !unseen.isEmpty {
            var parts: [String] = []
            if !newSections.isEmpty {
                parts.append(newSections.count <= 3
                    ? "section\(newSections.count == 1 ? "" : "s") " + newSections.joined(separator: ", ")
                    : "\(newSections.count) sections (marked new on the review)")
            }
            if !unseen.isEmpty {
                let total = unseen.map(\.1).reduce(0, +)
                parts.append("\(total) unanswered question\(total == 1 ? "" : "s") in "
                    + unseen.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + ", which writing now records as left open")
            }
            groups.append([("New since the answers file was written: " + parts.joined(separator: "; ") + ".", Style(.warning))])
        }
        let invalid = invalidAnswers(state).filter { answer in answer.section.map { id in included.contains { $0.id == id } } ?? true }
        if !invalid.isEmpty {
            groups.append([("Not valid, so not saved: "
                + invalid.map { "\($0.label) ('\(TextWidth.truncate(TerminalSafe.oneLine($0.text), to: 40))')" }.joined(separator: "; ")
                + ". Go back to correct them, or they stay unanswered.", Style(.warning))])
        }
        // The page can promise a security.txt that this export does not write.
        if state.paths.securityTxt == nil, let domain = company.domain,
           state.answers.sections["overview"]?.answers["link_security_txt"] == .bool(true),
           included.contains(where: { $0.id == "overview" }) {
            groups.append([("The page links to https://\(domain)/.well-known/security.txt, which this export does not write: "
                + "name it in outputs.security_txt of \(state.paths.answers), or write it with "
                + "`security-overview security-txt --answers \(state.paths.answers) --output FILE`.", Style(.warning))])
        }
        let onPage = PageRenderer(catalog: wizard.catalog).renderedSections(state.answers).count
        let sectionCount = "\(onPage) section\(onPage == 1 ? "" : "s")"
        groups.append([((state.exported == nil ? "The page will have \(sectionCount)." : "The page has \(sectionCount).")
            + " Only what you affirmed is claimed.", .muted)])

        var notes: [(text: String, style: Style)] = []
        for group in groups {
            if !notes.isEmpty { notes.append(("", .normal)) }
            for paragraph in group {
                notes += TextWidth.wrap(paragraph.text, to: width).map { ($0, paragraph.style) }
            }
        }
        let labels = [state.exported == nil ? "Write the files" : "Write the files again", "Quit"]
        let done = state.exported.map { TextWidth.wrap("✓ Done. Commit \($0.joined(separator: " and ")) to your repository.", to: width) } ?? []
        let below = 1 + labels.count + (done.isEmpty ? 0 : 1 + done.count)
        let room = max(1, body.y + body.height - y - below)
        if notes.count > room {
            notes = Array(notes.prefix(room - 1)) + [("… and more: a taller window shows it all.", .muted)]
        }
        for note in notes {
            canvas.put(note.text, x: 1, y: y, note.style, width: width)
            y += 1
        }
        y += 1
        for (index, label) in labels.enumerated() {
            drawChoice(&canvas, x: 1, y: y + index, width: width, focused: state.focus == index, marker: nil, label, .heading)
        }
        y += labels.count + 1
        for part in done {
            canvas.put(part, x: 1, y: y, .good, width: width)
            y += 1
        }
    }

    // MARK: - Overlays

    static let helpLines: [(String, String)] = [
        ("↑ ↓  j k", "move (in a text field, j and k are text)"),
        ("Space", "pick a choice, tick a box, include or skip a section"),
        ("Enter", "confirm and go on; open a section on the review"),
        ("Tab", "next field"),
        ("Esc  Shift-Tab", "back one step (nothing is lost)"),
        ("PgUp PgDn", "scroll a page; scroll the preview on the review"),
        ("Home End", "first and last item; in a text field, start and end"),
        ("← → Backspace Del", "edit a text field; Ctrl-U empties it"),
        ("s", "include or skip the section shown"),
        ("p", "review: show the whole page (narrow windows)"),
        ("Ctrl-S", "save the answers file now"),
        ("?  F1", "this help"),
        ("q  Ctrl-C", "quit (asks to save what is unsaved)"),
    ]

    func drawHelp(_ canvas: inout Canvas) {
        let keyWidth = Self.helpLines.map { TextWidth.of($0.0) }.max()! + 2
        let textWidth = Self.helpLines.map { TextWidth.of($0.1) }.max()!
        let width = min(canvas.size.width - 4, keyWidth + textWidth + 4)
        // Every key first: on a short screen the note about the draft goes,
        // and the box may cover the title and bottom bars.
        let withNote = Self.helpLines.count + 4
        let showNote = withNote <= canvas.size.height - 2
        let height = showNote ? withNote : min(canvas.size.height, Self.helpLines.count + 2)
        let box = drawBox(&canvas, width: width, height: height, title: "Keys")
        for (index, (key, meaning)) in Self.helpLines.prefix(height - (showNote ? 4 : 2)).enumerated() {
            canvas.put(key, x: box.x + 2, y: box.y + 1 + index, .heading)
            canvas.put(TextWidth.truncate(meaning, to: width - keyWidth - 4), x: box.x + 2 + keyWidth, y: box.y + 1 + index, .normal)
        }
        if showNote {
            canvas.put("Your answers are autosaved as a draft after every change.", x: box.x + 2, y: box.y + height - 2, .muted, width: width - 4)
        }
    }

    func drawQuitConfirm(_ canvas: inout Canvas, _ state: WizardState) {
        let width = min(canvas.size.width - 4, 64)
        let box = drawBox(&canvas, width: width, height: 8, title: "Quit")
        canvas.put("Some answers are not saved in \(state.paths.answers).", x: box.x + 2, y: box.y + 1, .normal, width: width - 4)
        for (index, choice) in QuitChoice.allCases.enumerated() {
            drawChoice(&canvas, x: box.x + 2, y: box.y + 3 + index, width: width - 4, focused: state.quitChoice == choice, marker: nil, choice.label)
        }
    }

    /// A framed, filled box in the middle of the screen; returns its corner.
    func drawBox(_ canvas: inout Canvas, width: Int, height: Int, title: String) -> (x: Int, y: Int) {
        let x = max(0, (canvas.size.width - width) / 2)
        let y = max(0, (canvas.size.height - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height)
        let horizontal = String(repeating: "─", count: max(0, width - 2))
        canvas.put("┌" + horizontal + "┐", x: x, y: y, .heading)
        canvas.put("└" + horizontal + "┘", x: x, y: y + height - 1, .heading)
        for row in (y + 1)..<(y + height - 1) {
            canvas.put("│", x: x, y: row, .heading)
            canvas.put("│", x: x + width - 1, y: row, .heading)
        }
        canvas.put(" \(title) ", x: x + 2, y: y, .heading)
        return (x, y)
    }
}

extension Screens.SectionState {
    var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}

struct Rect {
    var x: Int, y: Int, width: Int, height: Int
}

/// The whole page, rendered only when a screen shows it and only again when the
/// answers change.
final class PageCache: @unchecked Sendable {
    let wizard: Wizard
    private var key: (Answers, Int)?
    private var cached: [String] = []

    init(wizard: Wizard) { self.wizard = wizard }

    func lines(_ answers: Answers, width: Int) -> [String] {
        if let key, key.0 == answers, key.1 == width { return cached }
        let page = PageRenderer(catalog: wizard.catalog).page(answers, format: .markdown)
        var lines: [String] = []
        for block in Self.blocks(page) {
            lines += block.isEmpty ? [""] : Self.wrap(block, to: max(10, width))
        }
        while lines.last == "" { lines.removeLast() }
        key = (answers, width)
        cached = lines
        return lines
    }

    /// `line` wrapped to `width` columns keeping its Markdown shape: its leading
    /// spaces, and under a list item's marker ("- ", "12. ") a hanging indent.
    static func wrap(_ line: String, to width: Int) -> [String] {
        let (marker, indent) = MarkdownText.listMarker(line)
        guard width - indent.count >= 10 else { return TextWidth.wrap(line, to: width) }
        let pieces = TextWidth.wrap(String(line.dropFirst(marker.count)), to: width - indent.count)
        return pieces.enumerated().map { offset, piece in (offset == 0 ? marker : indent) + piece }
    }

    /// The page's lines with each paragraph or list item joined back into one
    /// line (the renderer wraps at 80 columns; the preview wraps to its width).
    static func blocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: String?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let starts = trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || trimmed.hasPrefix("<!--") || trimmed.hasPrefix("|") || trimmed.first.map(\.isNumber) == true
            if trimmed.isEmpty {
                if let done = current { blocks.append(done) }
                current = nil
                blocks.append("")
            } else if let open = current, !starts {
                current = open + " " + trimmed
            } else {
                if let done = current { blocks.append(done) }
                current = line
            }
        }
        if let done = current { blocks.append(done) }
        return blocks
    }
}
