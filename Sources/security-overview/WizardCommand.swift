import ArgumentParser
import Foundation
import NcursesTerminal
import OverviewCore
import OverviewTUI

/// `security-overview` (or `security-overview wizard`): the full-screen wizard.
struct WizardCommand: ParsableCommand {
    static let defaultAnswers = "security-overview.yml"

    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Answer questions in a full-screen wizard and write the answers file and the page.",
        discussion: """
        With an existing answers file, opens at the review with every answer in place. \
        Answers are autosaved after every change to <answers file>.draft; the next start \
        offers to resume it. Needs a terminal of at least \(Screens.minimumSize.width)x\(Screens.minimumSize.height); \
        with --plain (or ACCESSIBLE set, or a terminal that cannot move the cursor) it asks line by line instead.
        """
    )

    @Option(help: ArgumentHelp("The answers file to read (if it exists) and write.", valueName: "file"))
    var answers: String = WizardCommand.defaultAnswers

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the page.", valueName: "file"))
    var output: String?

    @Flag(help: "Ask line by line on standard input and output: no cursor, no colour (for screen readers, dumb terminals and scripts).")
    var plain = false

    @Flag(help: "Let the answers file's 'outputs' name files outside its folder.")
    var allowOutputsOutside = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        try WizardLaunch(answers: answers, output: output, sectionsDirectory: catalog.directory, plain: plain,
                         allowOutputsOutside: allowOutputsOutside).run()
    }
}

/// The wizard with its options read: what `Wizard` runs, and what a bare
/// `security-overview` runs without going through ArgumentParser at all.
struct WizardLaunch {
    var answers: String
    var output: String? = nil
    var sectionsDirectory: String? = nil
    var plain = false
    var allowOutputsOutside = false

    init(answers: String, output: String? = nil, sectionsDirectory: String? = nil, plain: Bool = false,
         allowOutputsOutside: Bool = false) {
        self.answers = answers
        self.output = output
        self.sectionsDirectory = sectionsDirectory
        self.plain = plain
        self.allowOutputsOutside = allowOutputsOutside
    }

    /// The wizard's options when they are all the arguments there are, each at
    /// most once, in their plain forms (`--answers FILE`, `--answers=FILE`,
    /// `-o FILE`), after an optional `wizard`; nil for anything else, which the
    /// parser reads (and explains when it is wrong).
    init?(plainArguments: ArraySlice<String>) {
        var rest = plainArguments
        if rest.first == "wizard" { rest = rest.dropFirst() }
        var answers: String?, output: String?, sections: String?
        while let argument = rest.popFirst() {
            var name = argument
            var value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                value = rest.popFirst()
            }
            guard let value, !value.hasPrefix("-") else { return nil }
            switch name {
            case "--answers" where answers == nil: answers = value
            case "--output" where output == nil, "-o" where output == nil: output = value
            case "--sections" where sections == nil: sections = value
            default: return nil
            }
        }
        self.init(answers: answers ?? WizardCommand.defaultAnswers, output: output, sectionsDirectory: sections)
    }

    /// A company's own sections parsed and checked at an earlier start, and
    /// not changed since, are read back, not parsed and checked again.
    static func cache(_ directory: String?) -> SectionsCache? {
        directory == nil ? nil : SectionsCache.standard(toolVersion: SecurityOverview.version)
    }

    func run() throws {
        var state: WizardState!
        var logic: Wizard!
        var lock: AnswersLock?
        defer { lock?.release() }
        // The answers file as this start finds it: the draft names it (by its
        // digest), and a draft that names another version would undo what
        // changed since.
        var fileText: String?
        // Writes the answers parsed at this start to the answers cache, with
        // what the start (given here) found new to them and its review facts.
        var recordAnswers: ((_ start: WizardState) -> Void)?
        // Why this terminal cannot take the wizard, when it cannot; found
        // while the answers load, and said once they have.
        var terminalProblem: TerminalUnavailable?
        // The screen being taken, once nothing can fail before the wizard runs.
        var opening: NcursesTerminal.Opening?
        // Everything that can fail on input fails here, before the screen is taken.
        try reporting {
            // What an earlier start on this file remembered of it is read
            // back on a thread of its own while the file is read and its key
            // made here, and used only if made of the text read here.
            let answersCache = AnswersCache.standard(toolVersion: SecurityOverview.version)
            let cacheEntry = FileStore.exists(answers)
                ? answersCache.map { cache in OnThread { [answers] in cache.entry(for: answers) } } : nil
            // One wizard at a time on one answers file.
            lock = try AnswersLock.acquire(for: answers)
            let draftPath = answers + ".draft"
            var fileAnswers: Answers?
            var draft: Answers?
            var draftBase = Draft.Base.unknown
            // What an earlier start on this same text and catalog found new to it.
            var knownUnseen: [String: [String]]?
            var knownFacts: [ReviewFacts]?
            // A sections folder named here needs nothing from the answers file:
            // it is loaded on the other core while the file is composed on this
            // one (a thousand sections kept one core idle for the file's time).
            // Its problems are reported where they were before, ahead of the file's.
            let early = self.sectionsDirectory.map { directory in
                InBackground(apart: true) { Result { try CatalogOptions.load(directory, cache: Self.cache(directory)) } }
            }
            // The answers file read once: its digest is the draft's base, and
            // its answers are read from it, or from the answers cache.
            fileText = FileStore.exists(answers) ? (try? AnswersFile.read(answers)) : nil
            let fileKey = fileText.flatMap { text in answersCache?.key(text) }
            // While the cache's entry is read, what the start needs whatever
            // it holds: whether the terminal can take the wizard, and, with
            // no --sections, the built-in catalog, which is the catalog unless
            // the answers file names a sections folder of its own. Else the
            // catalog is loaded once the file names its folder (or does not).
            if !plainAsked { terminalProblem = NcursesTerminal.check() }
            let builtin = cacheEntry != nil && self.sectionsDirectory == nil
                ? Result { try CatalogOptions.load(nil) } : nil
            // Before waiting for that entry: the screen's thread, ready to
            // take it once nothing can fail (below).
            if !plainAsked && terminalProblem == nil { opening = NcursesTerminal.Opening() }
            // Answers read from this same text at an earlier start, and
            // checked against the catalog then: used if the catalog is that
            // one, without composing the file or checking them again.
            let remembered = fileKey.flatMap { key in cacheEntry?.value()?.remembered(forKey: key) }
            // Otherwise composed once: the answers below are read from the same tree.
            let composed = remembered == nil ? fileText.map { AnswersFile.Composed($0, file: answers) } : nil
            // The answers file names its own sections folder unless --sections does.
            let sectionsDirectory = self.sectionsDirectory
                ?? (remembered.map { AnswersFile.customSections(of: $0.answers, file: answers) } ?? composed?.customSections)
            if sectionsDirectory == nil && !FileStore.exists(answers) && !FileStore.exists(draftPath) {
                // A first run: the first screen needs no section, so it is drawn
                // while the built-in catalog (checked by the tests) is parsed.
                logic = Wizard(loader: CatalogLoader(lazy: {
                    do { return try Catalog.builtin() } catch { fatalError("the built-in catalog is broken: \(error)") }
                }))
            } else {
                let catalog = try early?.value().get()
                    ?? (sectionsDirectory == nil ? builtin?.get() : nil)
                    ?? CatalogOptions.load(sectionsDirectory, cache: Self.cache(sectionsDirectory))
                logic = Wizard(catalog: catalog)
                if let known = remembered?.answers(for: catalog) {
                    fileAnswers = known
                    knownUnseen = remembered?.unseenInFile(for: catalog)
                    knownFacts = remembered?.reviewFacts(for: catalog)
                } else if let text = fileText {
                    // From the text read above (the draft's base is its digest),
                    // and remembered for the next start once the screen is up.
                    let parsed = try AnswersFile.parse(composed ?? AnswersFile.Composed(text, file: answers), catalog: catalog)
                    fileAnswers = parsed
                    if let answersCache {
                        let path = answers
                        recordAnswers = { start in
                            // What was new is found only for a file exported once (`Wizard.start`).
                            answersCache.record(parsed, path, text: text, catalog: catalog,
                                                unseenInFile: parsed.reviewed == nil ? nil : start.unseenInFile,
                                                reviewFacts: start.startFacts)
                        }
                    }
                } else if FileStore.exists(answers) {
                    // A file that could not be read is read again, for its error.
                    fileAnswers = try AnswersFile.load(answers, catalog: catalog)
                }
                // A draft holds answers that were never saved. One that cannot be read
                // stops the wizard, as a broken answers file does: started anyway, the
                // first autosave would overwrite it.
                if FileStore.exists(draftPath) {
                    do throws(InputErrors) {
                        // Read once, as the answers file is: its answers and
                        // the base its first line names come from the same text.
                        let text = try AnswersFile.read(draftPath)
                        draft = try AnswersFile.parse(text, file: draftPath, catalog: catalog)
                        draftBase = Draft.base(of: text)
                    } catch {
                        throw Failure(lines: error.errors.map { $0.description } + [
                            "\(draftPath): unsaved answers that cannot be resumed; fix the file or move it away, then start again",
                        ])
                    }
                }
            }
            if let fileAnswers, !allowOutputsOutside {
                try Export.checkOutputsInside(fileAnswers, answersPath: answers)
            }
            // Every input has loaded by now: the screen is taken, when the
            // terminal can take the wizard, on the other core while the start
            // and the first frame are made on this one.
            opening?.begin()
            // The page and security.txt follow the answers' `outputs:` when the
            // export runs; a page given here takes the place of theirs.
            state = logic.start(paths: WizardPaths(answers: answers, page: output),
                                fileAnswers: fileAnswers, draft: draft,
                                draftFileChanged: draft != nil && Draft.fileChanged(since: draftBase, now: Draft.base(ofFileText: fileText)),
                                today: ReviewDate.today().description, unseenInFile: knownUnseen,
                                reviewFacts: knownFacts)
        }
        if plainAsked { return try runPlain(logic, state, fileBase: Draft.base(ofFileText: fileText), notice: nil) }
        if let terminalProblem {
            switch PlainMode.instead(of: terminalProblem.reason, interactive: isatty(0) != 0) {
            case .plain(let notice): return try runPlain(logic, state, fileBase: Draft.base(ofFileText: fileText), notice: notice)
            case .refused(let refusal):
                Console.err("error: \(refusal)\n")
                throw ExitCode(1)
            }
        }
        let app = WizardApp(wizard: logic, state: state, answersFileText: fileText)
        let terminal: NcursesTerminal
        do {
            // Begun above whenever neither returned.
            terminal = try opening!.finish(meanwhile: {
                if let size = NcursesTerminal.expectedSize { app.prepareFirstFrame(size: size) }
            })
        } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(1)
        }
        let outcome = app.run(on: terminal, afterFirstFrame: {
            logic.loader.prefetch()
            recordAnswers?(state)
            // An earlier draft a SIGKILL left beside the draft, as it was being replaced.
            FileStore.removeLeftovers(of: state.paths.draft)
        })
        terminal.close()
        switch outcome {
        case .quit:
            try reporting {
                if let exported = app.state.exported, app.state.saved == app.state.answers {
                    try Console.out(TerminalSafe.oneLine("Wrote " + exported.joined(separator: ", ")) + "\n")
                } else if let copy = app.state.savedCopy {
                    try Console.out(TerminalSafe.oneLine("Not saved to \(app.state.paths.answers); your answers are in \(copy).") + "\n")
                } else if let problem = app.state.draftProblem, app.state.hasUnsavedChanges {
                    try Console.out(TerminalSafe.oneLine("Not saved: the draft \(app.state.paths.draft) could not be written (\(problem)), "
                        + "so it holds only the answers from before that.") + "\n")
                } else if app.state.pendingDraft != nil {
                    try Console.out(TerminalSafe.oneLine("Your draft in \(app.state.paths.draft) is kept and offered next time.") + "\n")
                } else if app.state.hasUnsavedChanges {
                    try Console.out(TerminalSafe.oneLine("Not saved; your answers are kept in \(app.state.paths.draft) and offered next time.") + "\n")
                }
            }
        case .signalled(let signal):
            // Claim a draft only when there is one: with nothing typed, none was written.
            let draft = app.state.paths.draft
            let kept: String
            if !app.state.hasUnsavedChanges {
                kept = ""
            } else if let problem = app.state.draftProblem {
                kept = FileStore.exists(draft)
                    ? "; the draft \(draft) could not be written (\(problem)), so it holds only the answers from before that"
                    : "; the draft could not be written (\(problem)), so the unsaved answers are lost"
            } else {
                kept = FileStore.exists(draft) ? "; your answers are kept in \(draft)" : "; the draft could not be written, so the unsaved answers are lost"
            }
            Console.err(TerminalSafe.oneLine("Stopped by signal \(signal)\(kept).") + "\n")
            throw ExitCode(128 + signal)
        }
    }
}
