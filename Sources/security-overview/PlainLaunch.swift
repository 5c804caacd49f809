import ArgumentParser
import OverviewCore
import OverviewTUI

#if canImport(Glibc)
import Glibc
#endif

/// The wizard's plain mode: when it runs, and running it.
extension WizardLaunch {
    /// Whether `--plain` or `ACCESSIBLE` asks for it.
    var plainAsked: Bool {
        PlainMode.asked(flag: plain, accessible: getenv("ACCESSIBLE").map { String(cString: $0) })
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
