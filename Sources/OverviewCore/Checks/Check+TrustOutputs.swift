/// What `check` says about the trust file, the feed, the history and a
/// signed security.txt.
extension Reminders {
    static func trustOutputProblems(_ answers: Answers, catalog: Catalog, targets: Export.Targets,
                                    lines: [String: Int]) -> [InputError] {
        var problems: [InputError] = []
        if let path = targets.json,
           let problem = compare(path, with: TrustData.text(answers, catalog: catalog),
                                 missing: "the trust file does not exist: run 'security-overview export'",
                                 differs: "the trust file differs from what the answers produce: run 'security-overview export'") {
            problems.append(problem)
        }
        if let path = targets.feed, let expected = try? AtomFeed.text(answers, file: targets.answers),
           let problem = compare(path, with: expected,
                                 missing: "the feed does not exist: run 'security-overview export'",
                                 differs: "the feed differs from what the answers produce: run 'security-overview export'") {
            problems.append(problem)
        }
        // The feed and the page's changes follow the history: a review it has not recorded is missing from both.
        if targets.feed != nil || answers.outputs.showChanges == true,
           let text = answers.reviewed, let reviewed = ReviewDate(text),
           answers.history.entries.first.flatMap({ ReviewDate($0.reviewed) }).map({ $0 < reviewed }) ?? true {
            problems.append(InputError(file: targets.answers, line: lines["history"] ?? lines["reviewed"],
                "the history has no entry for the review of \(text): run 'security-overview export' to record it"))
        }
        return problems
    }

    /// security.txt on disk against the text the answers produce: the same
    /// text, and when the answers name a signing key, clear-signed with a
    /// signature that `gpg --verify` accepts.
    static func securityTxtProblems(_ path: String, expected: String, answers: Answers, file: String) -> [InputError] {
        let onDisk: String
        do {
            onDisk = try FileStore.read(path)
        } catch {
            return [FileStore.exists(path) ? error : InputError(file: path, "security.txt does not exist: run 'security-overview export'")]
        }
        let body = ClearSigned.body(of: onDisk)
        if (body ?? onDisk) != expected {
            return [InputError(file: path, "security.txt differs from what the answers produce: run 'security-overview export'")]
        }
        if answers.outputs.securityTxtSigningKey != nil && body == nil {
            return [InputError(file: path, "security.txt is not signed, but outputs.security_txt_signing_key names a key: run 'security-overview export'")]
        }
        guard body != nil else { return [] }
        do {
            if let problem = try SecurityTxtSigning.verify(onDisk) { return [InputError(file: path, "security.txt: \(problem)")] }
        } catch {
            return [InputError(file: path, "security.txt is signed and cannot be verified: \(error.message)")]
        }
        return []
    }
}
