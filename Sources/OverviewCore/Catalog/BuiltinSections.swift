import Yams

/// The catalog compiled into the binary from `sections/` by the EmbedCatalog
/// plugin, which adds `files` (see `Sources/CatalogEmbedder`).
///
/// A start takes the sections from `CompiledCatalog.swift`: Swift that builds
/// them as the parser would, written by `scripts/compile-catalog` from these
/// very files. Checking each file's tree at every start was half of a revise
/// run's work before its first frame. When the files differ from the ones that
/// Swift was written from (a section edited, the script not run yet), the
/// sections are parsed from `files` as before, and a test fails until it is run.
///
/// Each file's YAML front matter was parsed at build time: that parse only
/// rebuilds its node tree and makes the checks `SectionParser` makes of any
/// section file.
enum BuiltinCatalog {
    struct File: Sendable {
        var name: String
        /// The front matter's node tree, in the tokens `tree` reads; `nil`
        /// when it did not compose at build time (then the text is parsed at
        /// run time, and its error reported as for any section file).
        var frontMatter: [String]?
        /// The line of the `security_txt` key's value: a tree rebuilt from
        /// tokens has no positions, and a check across sections names it.
        var securityTxtLine: Int?
        var text: String

        /// The section, checked as any section file is, from its tree.
        func section() throws(InputError) -> Section {
            let root = frontMatter.map(BuiltinCatalog.tree)
            var section = try SectionParser(file: name, lazyTemplate: true).parse(text, composed: root)
            if root != nil { section.securityTxt?.line = securityTxtLine }
            return section
        }
    }

    /// Every built-in section, in file order: built by the compiled Swift when
    /// it was written from these files, else parsed (the first error in file
    /// order).
    static func sections() throws(InputError) -> [Section] {
        // Both fingerprints were worked out at build time (`CatalogBuild.fingerprint`).
        if filesFingerprint == compiledFingerprint { return compiledSections() }
        return try parsed(files)
    }

    /// `files` parsed, in their order, or the first error in that order.
    ///
    /// The files do not depend on one another, so they are parsed at once on
    /// every core, each into its own slot.
    static func parsed(_ files: [File]) throws(InputError) -> [Section] {
        // A run of its own for each file: they differ in size.
        let parsed = files.mapOnEveryCore(whenAtLeast: 2, parts: files.count) { file in
            Result { () throws(InputError) in try file.section() }
        }
        return try parsed.map { result throws(InputError) in try result.get() }
    }

    /// The node tree the embedder wrote as tokens, in pre-order: "{N" a map of
    /// N pairs, "[N" a list of N items, else a scalar: its style's letter, then its text.
    /// Every scalar a string, as the basic resolver leaves it when a section file is parsed.
    static func tree(_ tokens: [String]) -> Node {
        let stringTag = YAMLNode.stringTag, mapTag = YAMLNode.mapTag, sequenceTag = YAMLNode.sequenceTag
        var index = 0
        func next() -> Node {
            let token = tokens[index]
            index += 1
            let rest = String(token.dropFirst())
            switch token.first {
            case "{":
                var pairs: [(Node, Node)] = []
                for _ in 0..<(Int(rest) ?? 0) {
                    let key = next()
                    pairs.append((key, next()))
                }
                return .mapping(Node.Mapping(pairs, mapTag))
            case "[":
                var items: [Node] = []
                for _ in 0..<(Int(rest) ?? 0) { items.append(next()) }
                return .sequence(Node.Sequence(items, sequenceTag))
            case "p": return .scalar(Node.Scalar(rest, stringTag, .plain))
            case "s": return .scalar(Node.Scalar(rest, stringTag, .singleQuoted))
            case "d": return .scalar(Node.Scalar(rest, stringTag, .doubleQuoted))
            case "l": return .scalar(Node.Scalar(rest, stringTag, .literal))
            case "f": return .scalar(Node.Scalar(rest, stringTag, .folded))
            default: return .scalar(Node.Scalar(rest, stringTag, .any))
            }
        }
        return next()
    }
}
