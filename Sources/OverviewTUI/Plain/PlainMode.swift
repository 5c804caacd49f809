/// Whether the walk is drawn full screen or asked line by line.
public enum PlainMode {
    /// What runs when the full screen cannot.
    public enum Choice: Equatable, Sendable {
        /// The plain mode; `notice` says why, when nobody asked for it.
        case plain(notice: String?)
        /// Neither can run: the problem, in one line.
        case refused(String)
    }

    /// `--plain`, or `ACCESSIBLE` set in the environment (huh's convention),
    /// asks for the plain mode. Otherwise the full screen runs unless the
    /// terminal cannot take it (`instead(of:interactive:)`).
    public static func asked(flag: Bool, accessible: String?) -> Bool {
        flag || !(accessible ?? "").isEmpty
    }

    /// What runs when nobody asked for the plain mode and the full screen
    /// cannot run for `problem` (its reason alone): on a terminal a person
    /// types at (`TERM=dumb`, unknown or unset) the plain mode takes over
    /// and says so; with no terminal at all (a script, a CI job) nothing
    /// starts, since a walk waiting on a pipe nobody writes would hang.
    public static func instead(of problem: String, interactive: Bool) -> Choice {
        guard interactive else {
            return .refused(problem + "; to answer line by line from standard input, use `security-overview --plain`, "
                + "or to write the page without the wizard, `security-overview render --answers FILE`")
        }
        return .plain(notice: problem.prefix(1).uppercased() + problem.dropFirst() + ": answering line by line instead.")
    }
}
