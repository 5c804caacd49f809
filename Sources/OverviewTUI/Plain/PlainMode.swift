/// Whether the walk is drawn full screen or asked line by line.
public enum PlainMode {
    public enum Choice: Equatable, Sendable {
        case fullScreen
        /// The plain mode; `notice` says why, when nobody asked for it.
        case plain(notice: String?)
        /// Neither can run: the problem, in one line.
        case refused(String)
    }

    /// `--plain`, or `ACCESSIBLE` set in the environment (huh's convention),
    /// asks for the plain mode. Otherwise the full screen runs unless
    /// `terminalProblem` says it cannot: on a terminal a person types at
    /// (`TERM=dumb`, unknown or unset) the plain mode takes over and says so;
    /// with no terminal at all (a script, a CI job) nothing starts unless asked,
    /// since a walk waiting on a pipe nobody writes would hang. `terminalProblem`
    /// is why the full screen cannot run (its reason alone), or nil.
    public static func choose(flag: Bool, accessible: String?, interactive: Bool,
                              terminalProblem: () -> String?) -> Choice {
        if flag || !(accessible ?? "").isEmpty { return .plain(notice: nil) }
        guard let problem = terminalProblem() else { return .fullScreen }
        guard interactive else {
            return .refused(problem + "; to answer line by line from standard input, use `security-overview --plain`, "
                + "or to write the page without the wizard, `security-overview render --answers FILE`")
        }
        return .plain(notice: problem.prefix(1).uppercased() + problem.dropFirst() + ": answering line by line instead.")
    }
}
