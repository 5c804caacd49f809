import Foundation

/// Writing everything one set of answers produces, in one go: the answers
/// file, the page and (when configured) security.txt. Used by `export` and by
/// the wizard's Export step.
public enum Export {
    /// Where each output goes.
    public struct Targets: Equatable, Sendable {
        public var answers: String
        public var page: String
        public var format: PageFormat
        public var securityTxt: String?
        /// The trust file (JSON) and the Atom feed of reviewed changes.
        public var json: String?
        public var feed: String?

        public init(answers: String, page: String, format: PageFormat = .markdown, securityTxt: String? = nil,
                    json: String? = nil, feed: String? = nil) {
            self.answers = answers
            self.page = page
            self.format = format
            self.securityTxt = securityTxt
            self.json = json
            self.feed = feed
        }

        /// The targets an answers file names (`outputs:`), relative to its folder,
        /// with the page defaulting to `security-overview.md` beside it
        /// (`security-overview.html` for the HTML forms).
        public static func from(_ answers: Answers, answersPath: String) -> Targets {
            let format = answers.outputs.format ?? .markdown
            return Targets(answers: answersPath,
                    page: resolve(answers.outputs.page ?? format.defaultPage, besides: answersPath),
                    format: format,
                    securityTxt: answers.outputs.securityTxt.map { resolve($0, besides: answersPath) },
                    json: answers.outputs.json.map { resolve($0, besides: answersPath) },
                    feed: answers.outputs.feed.map { resolve($0, besides: answersPath) })
        }

        /// `path` relative to the folder of `file`, unless absolute.
        public static func resolve(_ path: String, besides file: String) -> String {
            let folder = FileStore.folder(of: file)
            return path.hasPrefix("/") || folder.isEmpty ? path : FileStore.joining(folder, path)
        }
    }

    /// The generated files (page, security.txt) and their contents, computed
    /// without touching the disk.
    public static func generated(_ answers: Answers, catalog: Catalog, targets: Targets,
                                 today: ReviewDate = .today()) throws(InputError) -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = [
            (targets.page, PageRenderer(catalog: catalog).page(answers, format: targets.format)),
        ]
        if let securityTxt = targets.securityTxt {
            files.append((securityTxt, try SecurityTxt.text(answers, catalog: catalog, file: targets.answers, today: today)))
        }
        if let json = targets.json { files.append((json, TrustData.text(answers, catalog: catalog))) }
        if let feed = targets.feed { files.append((feed, try AtomFeed.text(answers, file: targets.answers))) }
        return files
    }

    /// Refuses targets that name one file twice (the page over the answers
    /// file, security.txt over the page), even with `force`: one write would
    /// destroy the other.
    static func checkDistinct(_ targets: Targets) throws(InputError) {
        var named = [(key: "the answers file", path: targets.answers), (key: "its draft", path: targets.answers + ".draft"),
                     (key: "outputs.page", path: targets.page)]
        if let securityTxt = targets.securityTxt { named.append((key: "outputs.security_txt", path: securityTxt)) }
        if let json = targets.json { named.append((key: "outputs.json", path: json)) }
        if let feed = targets.feed { named.append((key: "outputs.feed", path: feed)) }
        for (index, later) in named.enumerated() {
            guard let earlier = named.prefix(index).first(where: { FileStore.sameFile($0.path, later.path) }) else { continue }
            // Point at the key in the answers file, when it is there.
            let lines = (try? FileStore.read(targets.answers)).map(AnswersFile.keyLines) ?? [:]
            throw InputError(file: targets.answers, line: lines[later.key],
                             "\(later.key) (\(later.path)) is the same file as \(earlier.key); nothing was written. Give it a path of its own")
        }
    }

    /// Refuses outputs the answers file names (`outputs.page`,
    /// `outputs.security_txt`) that lie outside its own folder and the folders
    /// below it, links resolved: an answers file from a pull request must not
    /// write over `../../.github/workflows/ci.yml` or `/etc/...`. A user who
    /// means it passes `--allow-outputs-outside`.
    public static func checkOutputsInside(_ answers: Answers, answersPath: String) throws(InputError) {
        let folder = FileStore.folder(of: answersPath)
        for (key, path) in [("outputs.page", answers.outputs.page), ("outputs.security_txt", answers.outputs.securityTxt)] {
            guard let path else { continue }
            let target = Targets.resolve(path, besides: answersPath)
            if !FileStore.isInside(target, folder: folder) {
                let lines = (try? FileStore.read(answersPath)).map(AnswersFile.keyLines) ?? [:]
                throw InputError(file: answersPath, line: lines[key],
                    "\(key) '\(path)' is outside the answers file's folder; nothing was written. Give a path inside it, or pass --allow-outputs-outside if you mean it")
            }
        }
    }

    /// Refuses to replace a generated file that was edited by hand (or that we
    /// did not write), unless `force`.
    public static func checkNotClobbering(_ files: [(path: String, contents: String)], force: Bool) throws(InputError) {
        guard !force else { return }
        for file in files where FileStore.exists(file.path) {
            let existing = try FileStore.read(file.path)
            if existing == file.contents { continue }
            switch GeneratedMark.state(of: existing) {
            case .untouched: continue
            case .edited:
                throw InputError(file: file.path,
                    "was edited by hand since it was generated; nothing was written. Move the change into the answers file or a custom section (--sections), or run again with --force to overwrite it")
            case .foreign:
                throw InputError(file: file.path,
                    "was not written by security-overview (no generated-by mark); nothing was written. Move it away, or run again with --force to overwrite it")
            }
        }
    }

    /// The files on disk a write would replace that were edited by hand since
    /// they were generated, or never generated (`generated: false`): what
    /// `checkNotClobbering` refuses without `force`. Each with the text a
    /// write would put in its place (unsigned: a signed security.txt's text is
    /// nil, its signature would be all a diff showed).
    public static func editedByHand(_ answers: Answers, catalog: Catalog, targets: Targets,
                                    today: ReviewDate = .today()) -> [(path: String, expected: String?, generated: Bool)] {
        var answers = answers
        answers.history = History.recording(answers, catalog: catalog)
        guard let files = try? generated(answers, catalog: catalog, targets: targets, today: today) else { return [] }
        return files.compactMap { file in
            guard FileStore.exists(file.path), let existing = try? FileStore.read(file.path), existing != file.contents else { return nil }
            let mark = GeneratedMark.state(of: existing)
            guard mark != .untouched else { return nil }
            let signed = file.path == targets.securityTxt && answers.outputs.securityTxtSigningKey != nil
            return (file.path, signed ? nil : file.contents, mark == .edited)
        }
    }

    /// Writes the generated files and, with `writeAnswers`, the answers file,
    /// all-or-nothing. Returns the paths written.
    @discardableResult
    public static func write(_ answers: Answers, catalog: Catalog, targets: Targets,
                             writeAnswers: Bool = true, force: Bool = false,
                             today: ReviewDate = .today()) throws(InputError) -> [String] {
        try checkDistinct(targets)
        // A review date that moved on adds an entry to the history, which the
        // page and the feed then show.
        var answers = answers
        let unrecorded = answers.history
        answers.history = History.recording(answers, catalog: catalog)
        var files = try generated(answers, catalog: catalog, targets: targets, today: today)
        try sign(&files, answers, targets)
        // The generated files, which must not replace a hand edit.
        let outputs = files
        if writeAnswers {
            let recorded = answers.recordingOpenQuestions(catalog)
            files.insert((targets.answers, AnswersFile.serialize(recorded, catalog: catalog)), at: 0)
        } else if answers.history != unrecorded {
            // Only the history block changes: the rest of the file, comments included, stays as written.
            files.insert((targets.answers, answers.history.replacing(in: try FileStore.read(targets.answers))), at: 0)
        }
        // From the look at what is on disk to the last rename, no other export
        // to the same folders runs: two at once could leave the page of one
        // and security.txt of the other.
        try makeFolders(for: files.map(\.path))
        try FileStore.withFolderLocks(for: files.map(\.path)) { () throws(InputError) in
            try checkNotClobbering(outputs, force: force)
            try FileStore.write(files)
        }
        return files.map(\.path)
    }

    /// Clear-signs security.txt among `files` when the answers name a key.
    static func sign(_ files: inout [(path: String, contents: String)], _ answers: Answers, _ targets: Targets) throws(InputError) {
        guard let key = answers.outputs.securityTxtSigningKey, let path = targets.securityTxt,
              let index = files.firstIndex(where: { $0.path == path }) else { return }
        let existing = FileStore.exists(path) ? try? FileStore.read(path) : nil
        files[index].contents = try SecurityTxtSigning.signed(files[index].contents, key: key, existing: existing, file: targets.answers)
    }
}
