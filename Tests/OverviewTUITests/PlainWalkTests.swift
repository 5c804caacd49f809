import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// The conversation's two ends in memory: the lines a script types, and
/// everything written, with each typed line after its prompt as a terminal
/// shows it.
final class ScriptedIO: PlainIO {
    private var input: [String]
    private(set) var transcript: [String] = []

    init(_ input: [String]) { self.input = input }

    func ask(_ prompt: String) -> String? {
        guard !input.isEmpty else {
            transcript.append(prompt)
            return nil
        }
        let line = input.removeFirst()
        transcript.append(prompt + line)
        return line
    }

    func say(_ line: String) { transcript.append(line) }

    var text: String { transcript.joined(separator: "\n") }
    var unread: Int { input.count }
}

/// A folder of its own for one walk's files.
struct PlainFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    var paths: WizardPaths { WizardPaths(answers: path + "/a.yml", page: page) }
    var page: String { path + "/a.md" }
    func read(_ file: String) -> String? { try? String(contentsOfFile: file, encoding: .utf8) }
    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The state the command line would start from, given what is on disk.
    func start() throws -> WizardState {
        let answers = FileStore.exists(paths.answers) ? try AnswersFile.load(paths.answers, catalog: testCatalog) : nil
        let draft = FileStore.exists(paths.draft) ? try AnswersFile.load(paths.draft, catalog: testCatalog) : nil
        return testWizard.start(paths: paths, fileAnswers: answers, draft: draft)
    }

    /// A small company's answers file as an export on `reviewed` left it.
    func writeExportedAnswers(reviewed: String) throws {
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        file.profile = Profile(stage: .seed, data: .usage, enterpriseCustomers: false, acceptsPayments: false,
                               availabilityCritical: false, hosting: .cloud, aiCustomerData: false)
        file.outputs.format = .markdown
        file = testWizard.answersForExport(file, reviewed: reviewed)
        try FileStore.write(AnswersFile.serialize(file, catalog: testCatalog), to: paths.answers)
    }

    /// Walks with `input` from what is on disk.
    func walk(_ input: [String]) throws -> (PlainWalk.Outcome, PlainWalk, ScriptedIO) {
        let io = ScriptedIO(input)
        let walk = PlainWalk(wizard: testWizard, state: try start(), io: io)
        let outcome = walk.run()
        return (outcome, walk, io)
    }
}

@Suite("The plain mode's conversation")
struct PlainWalkTests {
    /// Company and profile: a seed-stage company holding usage data, on the
    /// cloud. Three sections are recommended: overview, network security,
    /// business continuity.
    static let profile = ["Acme Analytics", "example.com", "security@example.com", "2", "2", "n", "n", "n", "1", "n"]

    /// Enter at every question of `section` from `index` on (as the answers leave them applying).
    static func enters(_ section: String, from index: Int, _ answers: Answers = Answers()) -> [String] {
        let count = testWizard.fields(of: testCatalog.section(section)!, answers).count
        return Array(repeating: "", count: max(0, count - index))
    }

    @Test("A first walk: a rejected answer and back on the profile, the plan, two sections, the review, export")
    func firstWalk() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let input = ["Acme Analytics", "example", "example.com", "security@example.com",
                     "2",            // stage: seed
                     "9",            // data: rejected
                     "back", "",     // the stage again, kept
                     "2", "n", "n", "n", "1", "n",
                     "",             // the plan as recommended
                     "y", "y", "n"]  // overview: intro, invite, no security.txt link
            + Self.enters("overview", from: 3)
            + ["1,4", "review",      // network security: two controls; then the review
               "",                   // on to export
               "", "", "",           // its questions (address, form, security.txt) left open
               ""]                   // write the files
        let (outcome, walk, io) = try folder.walk(input)
        #expect(outcome == .finished)
        #expect(io.unread == 0)
        let text = io.text
        #expect(!text.contains("\u{1B}"), "no escape sequence of any kind")

        // One question at a time: its label, its help on the next line, its options, the prompt.
        let stage = ProfileField.stage.question
        #expect(text.contains([stage.label + " (required)", stage.help!, "  1) Pre-seed", "  2) Seed"].joined(separator: "\n")))
        #expect(text.contains("'example' is not a domain like example.com\nAnswer [Enter: skip]: example.com"),
                "the problem in one line, then the same prompt again")
        #expect(text.contains("'9' is not one of the choices: type a number from 1 to 4\nA number from 1 to 4 [Enter: skip]: back"))
        #expect(text.contains("A number from 1 to 5 [Enter: keep \"Seed\"; -: skip]: \n"), "back shows the answer given")
        #expect(text.contains("Step 2 of 5: Plan your page"))
        #expect(text.contains("  1) [x] Overview — recommended for every company"))
        #expect(text.contains("Step 3 of 5 · section 1 of 3: Overview\nRecommended for: Every company."))
        #expect(text.contains("Step 4 of 5: Review"))
        // The security.txt question: no placeholder, and the address the domain gives.
        #expect(!text.contains("<your domain>"))
        #expect(text.contains("The link goes to https://example.com/.well-known/security.txt\n"))
        #expect(text.contains("Network security: complete"))
        #expect(text.contains(testCatalog.section("business-continuity")!.title + ": incomplete"))
        #expect(text.contains("Wrote \(folder.paths.answers), \(folder.page)"))

        let answers = try AnswersFile.load(folder.paths.answers, catalog: testCatalog)
        #expect(answers.company.domain == "example.com")
        #expect(answers.profile.stage == .seed && answers.profile.data == .usage && answers.profile.hosting == .cloud)
        #expect(answers.sections["overview"]?.answers["intro"] == .bool(true))
        #expect(answers.sections["overview"]?.answers["link_security_txt"] == .bool(false))
        #expect(answers.sections["network-security"]?.answers["controls"] == .choices(["security-zones", "firewall"]))
        #expect(answers.reviewed != nil)
        #expect(walk.state.exported != nil)
        #expect(folder.read(folder.page)?.contains("## Overview") == true)
        #expect(!FileStore.exists(folder.paths.draft), "the draft goes once the files are written")
    }

    @Test("End of input in the middle of a section keeps every answer in the draft and says what is open; the next run resumes")
    func endOfInputThenResume() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let (outcome, walk, io) = try folder.walk(Self.profile + ["", "y"])
        #expect(outcome == .endOfInput)
        #expect(walk.state.answers.sections["overview"]?.answers["intro"] == .bool(true))
        let draft = try AnswersFile.load(folder.paths.draft, catalog: testCatalog)
        #expect(draft == walk.state.answers, "every answer given is in the draft")
        #expect(!FileStore.exists(folder.paths.answers))
        let text = io.text
        #expect(text.contains("End of input.\nYour answers are kept in \(folder.paths.draft); the next start offers to resume them.\nStill open:"))
        let overview = testCatalog.section("overview")!
        #expect(text.contains("  Overview: " + overview.question("invite_contact")!.label))
        #expect(text.contains("  " + testCatalog.section("business-continuity")!.title + ": "))
        #expect(text.contains("  The page is not written yet"))

        // The next run offers the draft; resuming opens the review with every answer.
        let (again, second, io2) = try folder.walk(["1", "1", ""])
        #expect(io2.text.contains("A draft from an earlier session was found: \(folder.paths.draft)"))
        #expect(io2.text.contains("  1) Resume the draft"))
        #expect(io2.text.contains("Overview: incomplete, 2 required questions without an answer"))
        #expect(io2.text.contains("Company and profile: complete"))
        #expect(second.state.answers.sections["overview"]?.answers["intro"] == .bool(true))
        #expect(second.state.answers.company.name == "Acme Analytics", "opened from the review, the profile keeps its answers")
        #expect(again == .endOfInput)
    }

    @Test("quit asks when something is unsaved: saving writes the answers file")
    func quitSaving() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let (outcome, _, io) = try folder.walk(["Acme", "quit", "1"])
        #expect(outcome == .finished)
        #expect(io.text.contains("Your answers are not saved to \(folder.paths.answers).\n  1) Save the answers file and quit"))
        #expect(io.text.contains("Saved \(folder.paths.answers)"))
        #expect(try AnswersFile.load(folder.paths.answers, catalog: testCatalog).company.name == "Acme")
        #expect(!FileStore.exists(folder.paths.draft))
    }

    @Test("quit, then cancel, goes on where it was; quit with nothing unsaved ends at once")
    func quitCancelled() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let (outcome, walk, io) = try folder.walk(["Acme", "quit", "3", "example.com", "save", "quit"])
        #expect(outcome == .finished)
        #expect(walk.state.answers.company.domain == "example.com")
        #expect(io.text.contains("Saved \(folder.paths.answers)"))
        #expect(try AnswersFile.load(folder.paths.answers, catalog: testCatalog).company.domain == "example.com")
    }

    @Test("An answers file opens at the review; a skipped section can be included and answered, several lines ending with a dot")
    func reviseWithMultiline() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let (_, first, _) = try folder.walk(Self.profile + ["quit", "1"])
        #expect(first.state.saved.company.name == "Acme Analytics")

        let team = testCatalog.section("security-team")!
        let row = 3 + testCatalog.sections.firstIndex { $0.id == "security-team" }!
        let fields = testWizard.fields(of: team, Answers())
        let details = fields.firstIndex(of: .question(section: "security-team", question: "details"))!
        let input = [String(row), "y"] + Array(repeating: "", count: details)
            + ["help", "We are two.", "", "Both of us.", ".", "quit", "1"]
        let (outcome, walk, io) = try folder.walk(input)
        #expect(outcome == .finished)
        let text = io.text
        #expect(text.contains("Step 4 of 5: Review"), "an answers file opens at the review")
        #expect(text.contains("Skipped: this section is not on your page. Include it?"))
        #expect(text.contains(PlainWalk.commands), "help lists the commands")
        #expect(walk.state.answers.sections["security-team"]?.answers["details"] == .text("We are two.\n\nBoth of us."))
        let saved = try AnswersFile.load(folder.paths.answers, catalog: testCatalog)
        #expect(saved.sections["security-team"]?.include == true)
        #expect(saved.sections["security-team"]?.answers["details"] == .text("We are two.\n\nBoth of us."))
    }

    @Test("The plan takes the numbers of the sections to include; back from a section returns to its last question")
    func planAndBack() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        let sections = testCatalog.sections
        let overview = sections.firstIndex { $0.id == "overview" }! + 1
        let retention = sections.firstIndex { $0.id == "data-retention" }! + 1
        let input = Self.profile + ["x", "\(overview), \(retention)",
                                    "back",         // from the overview's first question back to the plan
                                    "back",         // from the plan to the profile's last question (AI)
                                    "back", "3",    // and back once more: hosting, now both
                                    "",             // the AI question again, kept
                                    "", "y"]        // the plan unchanged; intro: yes
        let (_, walk, io) = try folder.walk(input)
        let answers = walk.state.answers
        #expect(testWizard.includedSections(answers).map(\.id) == ["overview", "data-retention"])
        #expect(io.text.contains("'x' is not one of the choices: type numbers from 1 to \(sections.count)"))
        #expect(io.text.contains("Step 2 of 5: Plan your page"), "back from the plan goes to the profile and returns")
        #expect(answers.profile.hosting == .both, "back from the plan lands on the profile's last question")
        #expect(answers.sections["overview"]?.answers["intro"] == .bool(true))
    }

    @Test("On an older answers file the review offers the new questions only, asks them, and comes back")
    func answerWhatIsNew() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        var file = SnapshotTests.revised().original
        file.sections = ["overview": file.sections["overview"]!]  // exported when the catalog had one section
        file.profile.aiCustomerData = false  // the profile complete: the walk starts at the sections
        try AnswersFile.serialize(file, catalog: testCatalog).write(toFile: folder.paths.answers, atomically: true, encoding: .utf8)
        let state = try folder.start()
        let fields = testWizard.newQuestionFields(state)
        let rows = 2 + testCatalog.sections.count + 1
        // The row, then the first new question (the overview's security.txt link): yes; the rest
        // left with Enter, page after page, then on from the review to the export and its write
        // (bounded by the input).
        let input = [String(rows), "y"] + Array(repeating: "", count: fields.count + 40)
        let (_, walk, io) = try folder.walk(input)
        #expect(io.text.contains("  \(rows)) Answer the \(fields.count) new questions only"))
        #expect(io.text.contains("What is new · page 1 of "))
        #expect(walk.state.answers.sections["overview"]?.answers["link_security_txt"] == .bool(true))
        // The questions passed are seen now, left open: none is new any more.
        #expect(io.text.contains("New questions: 1 of \(fields.count) answered, \(fields.count - 1) left open\n"))
        // Every question asked in the walk is a new one: nothing answered before is asked again.
        #expect(!io.text.contains("Open the page with a one-sentence introduction"))
    }

    @Test("A choice that contradicts an answer given is refused with why, and asked again")
    func contradictionRefused() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        var state = firstRun()
        state.paths = folder.paths
        state.answers.profile.stage = .seriesA
        state.answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices(["gdpr"]), "underway": .choices(["iso-27001"]), "iso_expected": .text("2027-Q4")])
        state.step = .section("compliance")
        state.focus = testWizard.items(state).firstIndex(of: .option(.question(section: "compliance", question: "planned"), 0))!
        let number = testCatalog.section("compliance")!.question("planned")!.choices.firstIndex { $0.id == "iso-27001" }! + 1
        let io = ScriptedIO([String(number), "1"])
        let walk = PlainWalk(wizard: testWizard, state: state, io: io)
        _ = walk.run()
        #expect(io.text.contains("'ISO/IEC 27001 certification' contradicts 'ISO/IEC 27001 certification audit', picked under 'Audits and assessments under way now': change that answer first."))
        #expect(walk.state.answers.sections["compliance"]?.answers["planned"] == .choices(["soc-2"]), "asked again; the second answer taken")
    }

    @Test("A records question is asked one record a line, and the walk goes on past its rows (Enter on one opens its form)")
    func recordsQuestion() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        var state = RecordEditingTests.empty()
        state.paths = folder.paths
        state.focus = 0
        let io = ScriptedIO(["Sentry ; Error tracking ; EU", "Stripe", ".", "y"])
        let walk = PlainWalk(wizard: testWizard, state: state, io: io)
        #expect(walk.run() == .endOfInput)
        #expect(testWizard.records(RecordEditingTests.field, walk.state.answers) == [
            ["name": "Sentry", "purpose": "Error tracking", "location": "EU"], ["name": "Stripe"],
        ])
        #expect(walk.state.recordEdit == nil, "no record's form was opened")
        #expect(walk.state.answers.sections["subprocessors"]?.answers["dpa_available"] == .bool(true), "the next question was asked")
        #expect(io.text.contains("Customers can sign a data processing agreement (DPA) with us (required)"))
        #expect(!io.text.contains("Name (required)"))
    }
}

@Suite("When the plain mode runs")
struct PlainModeTests {
    @Test("--plain or ACCESSIBLE ask for it; a terminal that cannot take the full screen falls back to it; no terminal at all refuses")
    func choice() {
        #expect(PlainMode.asked(flag: true, accessible: nil))
        #expect(PlainMode.asked(flag: false, accessible: "1"))
        #expect(!PlainMode.asked(flag: false, accessible: ""))
        #expect(!PlainMode.asked(flag: false, accessible: nil))
        #expect(PlainMode.instead(of: "the terminal cannot", interactive: true)
            == .plain(notice: "The terminal cannot: answering line by line instead."))
        guard case .refused(let problem) = PlainMode.instead(of: "not a TTY", interactive: false) else {
            Issue.record("no terminal at all must refuse")
            return
        }
        #expect(problem.hasPrefix("not a TTY; "))
        #expect(problem.contains("--plain") && problem.contains("security-overview render --answers FILE"))
    }
}

// MARK: - The review date (issue 14)

extension PlainWalkTests {
    @Test("Writing answers reviewed before asks review or correction: a correction keeps the date, a review moves it")
    func reviewOrCorrection() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        try folder.writeExportedAnswers(reviewed: "2026-03-01")

        // Enter alone does not pick: a review is said, not defaulted.
        let (_, _, io) = try folder.walk(["", "", "2", ""])
        #expect(io.text.contains("Last reviewed 2026-03-01. This write is:"), "\(io.text)")
        #expect(io.text.contains("Say 1 or 2"))
        #expect(try AnswersFile.load(folder.paths.answers, catalog: testCatalog).reviewed == "2026-03-01")

        _ = try folder.walk(["", "1", ""])
        #expect(try AnswersFile.load(folder.paths.answers, catalog: testCatalog).reviewed == ReviewDate.today().description)
    }
}

// MARK: - Notes (issue 14)

extension PlainWalkTests {
    @Test("The plain mode says a section's note and a question's note, marked never published, and keeps them on save")
    func notesSaidAndKept() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        var file = Answers()
        file.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        file.profile = Profile(stage: .seed, data: .usage, enterpriseCustomers: false, acceptsPayments: false,
                               availabilityCritical: false, hosting: .cloud, aiCustomerData: false)
        file.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)],
                                                   note: "Wording agreed with legal", notes: ["intro": "keep it short"])
        try FileStore.write(AnswersFile.serialize(file, catalog: testCatalog), to: folder.paths.answers)
        let row = 3 + testCatalog.sections.firstIndex { $0.id == "overview" }!
        let (_, _, io) = try folder.walk([String(row), "n", "quit", "1"])
        #expect(io.text.contains("Note (never published): Wording agreed with legal"), "\(io.text)")
        #expect(io.text.contains("Note (never published): keep it short"))
        let saved = try AnswersFile.load(folder.paths.answers, catalog: testCatalog)
        #expect(saved.sections["overview"]?.answers["intro"] == .bool(false))
        #expect(saved.sections["overview"]?.note == "Wording agreed with legal")
        #expect(saved.sections["overview"]?.notes["intro"] == "keep it short")
    }
}

// MARK: - A page edited by hand

extension PlainWalkTests {
    @Test("A write refused over a hand-edited page shows what differs and asks; n keeps the edit, y overwrites it")
    func overwriteAHandEdit() throws {
        let folder = try PlainFolder()
        defer { folder.remove() }
        try folder.writeExportedAnswers(reviewed: "2026-03-01")
        _ = try folder.walk(["", "1", ""])
        let page = try #require(folder.read(folder.page))
        let edited = page.replacingOccurrences(of: "Acme", with: "ACME (edited by hand)")
        #expect(edited != page)
        try FileStore.write(edited, to: folder.page)

        let (_, _, refused) = try folder.walk(["", "1", "", "n"])
        #expect(refused.text.contains("edited by hand since it was generated"), "\(refused.text)")
        #expect(refused.text.contains("What differs (on disk, then from your answers):"))
        #expect(refused.text.contains("ACME (edited by hand)"), "the diff shows the edit")
        #expect(refused.text.contains("Overwrite the edited file? The hand edits are lost. y or n: n"))
        #expect(folder.read(folder.page) == edited, "n writes nothing")

        _ = try folder.walk(["", "1", "", "y"])
        let written = try #require(folder.read(folder.page))
        #expect(!written.contains("edited by hand"))
        #expect(GeneratedMark.state(of: written) == .untouched)
    }
}
