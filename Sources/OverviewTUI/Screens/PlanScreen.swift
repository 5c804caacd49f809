import OverviewCore

extension Screens {
    /// Rows the focused section's recommendation gets under the plan's list,
    /// at the least (the rule included).
    static let planDetailRows = 4

    /// The focused section's reason and who it is for, wrapped to `width`.
    func planDetail(_ section: Section, _ state: WizardState, width: Int) -> [(String, Style)] {
        let recommendation = section.rule.evaluate(state.answers.profile)
        return TextWidth.wrap(section.title + " · " + recommendation.reason, to: width).map { ($0, Style.heading) }
            + TextWidth.wrap("Recommended for: " + section.guidance.who, to: width).map { ($0, Style.muted) }
    }

    /// Rows for the pane under the list (`needed`: `planDetailNeeded`): as many as the longest section's
    /// detail needs at this width, so that "Recommended for" reads whole and
    /// the list does not jump as the focus moves; never more than half the body.
    func planDetailHeight(_ needed: Int, _ body: Rect) -> Int {
        max(Self.planDetailRows, min(needed, body.height / 2))
    }

    /// Rows the longest section's detail needs at this width, its rule line included.
    func planDetailNeeded(_ state: WizardState, _ body: Rect) -> Int {
        (wizard.catalog.sections.map { planDetail($0, state, width: body.width - 2).count }.max() ?? 0) + 1
    }

    /// Every section with its include box and the reason for its recommendation
    /// (cut at the window's width; `i` opens the pane that shows it whole).
    func planLines(_ state: WizardState, _ body: Rect) -> [FormLine] {
        let sections = wizard.catalog.sections
        // Titles get 30 columns at 80, and all they need once the window is wide enough.
        let titleWidth = min(max(30, body.width - 79), sections.map { TextWidth.of($0.title) }.max() ?? 20)
        var lines: [FormLine] = TextWidth.wrap("Recommended sections start included. Include or skip any section with Space.",
                                               to: body.width - 2).map { .text($0, .muted, indent: 0, anchor: nil) }
        lines.append(.blank)
        for section in sections {
            let included = state.answers.isIncluded(section)
            let recommendation = section.rule.evaluate(state.answers.profile)
            let title = TextWidth.truncate(section.title, to: titleWidth)
            lines.append(.item(.sectionRow(section.id), marker: included ? "[x]" : "[ ]", pad(title, titleWidth) + "  " + recommendation.reason,
                               recommendation.recommended ? .normal : .muted))
        }
        lines.append(.blank)
        let count = wizard.includedSections(state.answers).count
        lines.append(.item(.next, marker: nil,
                           state.returnToReview ? "Back to the review →" : "Continue: \(count) section\(count == 1 ? "" : "s") to answer →",
                           .heading))
        return lines
    }

    func drawPlan(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        // Both walk every section of the catalog: made once for what they show, not on every key.
        let list = memory.listLines(wizard, state, body) {
            (planLines(state, body), state.showPlanDetail ? planDetailNeeded(state, body) : 0)
        }
        let detail = state.showPlanDetail ? planDetailHeight(list.detailNeeded, body) : 0
        let area = Rect(x: body.x, y: body.y, width: body.width, height: body.height - detail)
        drawForm(&canvas, state, list.lines, area, &memory)
        // The focused section's "recommended for", under the list, once `i` opened its pane.
        guard detail > 0 else { return }
        let y = area.y + area.height
        canvas.put(String(repeating: "─", count: body.width), x: 0, y: y, .muted)
        if case .sectionRow(let id)? = wizard.focusedItem(state), let section = wizard.catalog.section(id) {
            let detailLines = planDetail(section, state, width: body.width - 2)
            let shown = detailLines.prefix(detail - 1)
            for (offset, line) in shown.enumerated() {
                // Where the pane cannot hold it all (a short window), the cut
                // is marked; the section's own page shows it whole.
                let cut = offset == shown.count - 1 && shown.count < detailLines.count
                let text = cut ? TextWidth.truncate(line.0 + " …", to: body.width - 2) : line.0
                canvas.put(text, x: 1, y: y + 1 + offset, line.1)
            }
        }
    }
}
