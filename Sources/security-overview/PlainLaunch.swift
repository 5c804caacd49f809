import ArgumentParser
import NcursesTerminal
import OverviewCore
import OverviewTUI

#if canImport(Glibc)
import Glibc
#endif

/// The wizard's plain mode: when it runs, and running it.
extension WizardLaunch {
    /// `--plain` or `ACCESSIBLE` asks for it; a terminal a person types at that
    /// cannot take the full screen falls back to it.
    func plainMode() -> PlainMode.Choice {
        PlainMode.choose(flag: plain, accessible: getenv("ACCESSIBLE").map { String(cString: $0) },
                         interactive: isatty(0) != 0, terminalProblem: { NcursesTerminal.check()?.reason })
    }

    /// Runs the walk line by line. Exit status 0 when it ended or the input
    /// did with every answer kept (in the draft); 1 when answers are lost.
    func runPlain(_ logic: Wizard, _ state: WizardState, fileBase: Draft.Base,
                  notice: String?) throws {
        let walk = PlainWalk(wizard: logic, state: state, io: StandardPlainIO(), answersFileBase: fileBase)
        _ = walk.run(notice: notice)
        let end = walk.state
        if end.hasUnsavedChanges, end.draftProblem != nil, end.savedCopy == nil { throw ExitCode(1) }
    }
}
