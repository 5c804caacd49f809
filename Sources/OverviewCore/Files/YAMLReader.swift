import CYaml
import Foundation
import Yams

/// Composes YAML into Yams' tree and reads it, with every complaint pointing
/// at the node's file, line and column. libyaml parses; this builds the tree
/// and checks shapes.
struct YAMLReader {
    let file: String
    /// Lines before the YAML text in its file (front matter starts on line 2).
    var lineOffset = 0

    /// Parses `text` into a node tree: libyaml reads the YAML, and its events
    /// become the same tree Yams composes (every scalar a string, as Yams' basic
    /// resolver leaves it), in one pass that also refuses what would make
    /// building or walking the tree explode or mean something the file does not
    /// say:
    ///
    /// - aliases (`*name`): an alias repeats a whole subtree, and a few levels
    ///   of them make a value of billions of nodes; as a map key, Yams hashes
    ///   it in full to look for duplicates (minutes for 300 bytes). Nothing
    ///   here needs them, so none is taken, key or value;
    /// - tags (`!!binary`, `!!python/object`): values are read by the shape the
    ///   question asks for, so a tag would be silently ignored;
    /// - more than `InputLimits.yamlNodes` values or nesting deeper than
    ///   `InputLimits.yamlDepth`, or a value longer than `InputLimits.valueBytes`.
    ///
    /// Yams read the text twice (once for those limits, once for the tree) and
    /// spent most of its time on what this tree does not need (an object per
    /// event and per tag, hashing every map's keys as nodes): composing was the
    /// largest part of a revise's start. The problems are Yams', worded alike:
    /// syntax errors as libyaml states them, a key given twice, a second document.
    func compose(_ text: String) throws(InputError) -> Node? {
        let tree = try composeEvents(text)
        // Yams gives `Mark` no public initializer: a mark is made from
        // libyaml's two numbers. Were its layout ever to change, Yams composes
        // the tree (the pass above has still checked the limits).
        return Self.marksFromNumbers ? tree : try composeWithYams(text)
    }

    /// The tree from libyaml's events, with its marks when they can be made.
    func composeEvents(_ text: String) throws(InputError) -> Node? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw InputError(file: file, "cannot read YAML: out of memory") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer throws(InputError) -> Node? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var composer = Composer(reader: self)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw located(parser, in: text) }
                defer { yaml_event_delete(&event) }
                if let root = try composer.take(event) { return root }
            }
        }
    }

    /// Nodes under construction, innermost last; what `compose` reads event by event.
    private struct Composer {
        let reader: YAMLReader
        /// A list's items or a map's pairs so far (and a key waiting for its value).
        struct Open {
            var isMapping: Bool
            var mark: Mark?
            var anchor: Anchor?
            var items: [Node] = []
            var pairs: [(Node, Node)] = []
            var key: Node?
            /// Each pair's key's text, nil for a key that is a list or a map.
            var keyTexts: [String?] = []
        }
        var open: [Open] = []
        var nodes = 0
        var documents = 0
        var root: Node?

        /// Takes one event; the tree at the end of the stream (nil for a stream without a document).
        mutating func take(_ event: yaml_event_t) throws(InputError) -> Node?? {
            let line = Int(event.start_mark.line) + 1 + reader.lineOffset, column = Int(event.start_mark.column) + 1
            let mark = YAMLReader.mark(event.start_mark)
            func problem(_ message: String) -> InputError {
                InputError(file: reader.file, line: line, column: column, message)
            }
            var tag: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .some(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw reader.syntaxError("but found another document", context: ("expected a single document in the stream", 1),
                                             line: Int(event.start_mark.line) + 1, column: column)
                }
                return nil
            case YAML_ALIAS_EVENT:
                throw problem("a YAML alias (*name) is not allowed here: write the value out in full")
            case YAML_SCALAR_EVENT:
                nodes += 1
                let scalar = event.data.scalar
                tag = scalar.tag
                if scalar.length > InputLimits.valueBytes {
                    throw problem("a value of more than \(InputLimits.valueBytes / 1024) KB: far longer than any real answer or text")
                }
                if tag == nil {
                    let string = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let style = Node.Scalar.Style(rawValue: scalar.style.rawValue) ?? .any
                    add(.scalar(Node.Scalar(string, YAMLNode.stringTag, style, mark, YAMLReader.anchor(scalar.anchor))), text: string)
                }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                nodes += 1
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                open.append(Open(isMapping: isMapping, mark: mark, anchor: YAMLReader.anchor(anchor)))
                if open.count > InputLimits.yamlDepth {
                    throw problem("lists and maps are nested more than \(InputLimits.yamlDepth) deep")
                }
            case YAML_SEQUENCE_END_EVENT:
                let list = open.removeLast()
                // Yams takes a list's and a map's style from their end event, which has none.
                add(.sequence(Node.Sequence(list.items, YAMLNode.sequenceTag, .any, list.mark, list.anchor)))
            case YAML_MAPPING_END_EVENT:
                let map = open.removeLast()
                try checkDuplicates(map.pairs, map.keyTexts)
                add(.mapping(Node.Mapping(map.pairs, YAMLNode.mapTag, .any, map.mark, map.anchor)))
            default:
                break
            }
            if let tag {
                let name = String(decoding: UnsafeBufferPointer(start: tag, count: strlen(tag)), as: UTF8.self)
                    .replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")
                throw problem("the YAML tag '\(name)' is not allowed: write the value without it")
            }
            if nodes > InputLimits.yamlNodes {
                throw problem("more than \(InputLimits.yamlNodes) values: far more than any real file holds")
            }
            return nil
        }

        /// `text`: a scalar's.
        mutating func add(_ node: Node, text: String? = nil) {
            let last = open.count - 1
            if last < 0 {
                root = node
            } else if !open[last].isMapping {
                open[last].items.append(node)
            } else if let key = open[last].key {
                open[last].pairs.append((key, node))
                open[last].key = nil
            } else {
                open[last].key = node
                open[last].keyTexts.append(text)
            }
        }

        /// A key given twice in one map, as Yams says it: every such key, in
        /// order, at the first one's first place.
        func checkDuplicates(_ pairs: [(Node, Node)], _ texts: [String?]) throws(InputError) {
            // Without marks, Yams composes the tree again and says it.
            guard YAMLReader.marksFromNumbers else { return }
            var duplicates: [Node] = []
            if !texts.contains(nil) {
                // Every key a string: their texts tell them apart. Most maps
                // have a few keys, and comparing each with those before it
                // allocates nothing (a table per map was a tenth of a start).
                var firsts: [Int] = []
                if texts.count <= 32 {
                    for index in texts.indices.dropFirst() {
                        if let earlier = texts[..<index].firstIndex(of: texts[index]), !firsts.contains(earlier) { firsts.append(earlier) }
                    }
                } else {
                    var first: [String: Int] = [:]
                    for (index, text) in texts.enumerated() {
                        if let earlier = first[text!] {
                            if !firsts.contains(earlier) { firsts.append(earlier) }
                        } else {
                            first[text!] = index
                        }
                    }
                }
                duplicates = firsts.map { pairs[$0].0 }
            } else {
                duplicates = Array(Dictionary(grouping: pairs.map(\.0)) { $0 }.filter { $1.count > 1 }.keys)
            }
            guard !duplicates.isEmpty else { return }
            duplicates.sort()
            let mark = duplicates[0].mark
            throw reader.duplicateKeys(duplicates.map { $0.string ?? "<uncovertable>" }, line: mark?.line ?? 0, column: mark?.column ?? 0)
        }
    }

    /// Yams' compose: for a build whose `Mark` cannot be made from two
    /// numbers, and for the tests that hold `compose` to it.
    func composeWithYams(_ text: String) throws(InputError) -> Node? {
        do {
            // The basic resolver leaves every scalar a string: we read values by
            // the shape the question asks for. The encoding is named because
            // Yams' default reads the whole process environment on every call.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw located(error)
        } catch {
            throw InputError(file: file, "cannot read YAML: \(error)")
        }
    }

    /// libyaml's place as Yams states it (1-based), made from the two numbers
    /// `Mark` holds, in its order; `marksFromNumbers` says whether that can be.
    static func mark(_ mark: yaml_mark_t) -> Mark? {
        marksFromNumbers ? unsafeBitCast((Int(mark.line) + 1, Int(mark.column) + 1), to: Mark.self) : nil
    }

    /// Whether a `Mark` is two integers, line then column (a test holds this
    /// build to it).
    static let marksFromNumbers: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size,
              MemoryLayout<Mark>.alignment == MemoryLayout<(Int, Int)>.alignment else { return false }
        let probe = unsafeBitCast((7, 11), to: Mark.self)
        return probe.line == 7 && probe.column == 11
    }()

    static func anchor(_ name: UnsafeMutablePointer<yaml_char_t>?) -> Anchor? {
        guard let name else { return nil }
        return Anchor(rawValue: String(decoding: UnsafeBufferPointer(start: name, count: strlen(name)), as: UTF8.self))
    }

    /// A syntax error as libyaml states it, where it says.
    func located(_ parser: yaml_parser_t, in text: String) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return InputError(file: file, "cannot read YAML: out of memory")
        case YAML_READER_ERROR:
            // libyaml counts the offset in bytes; say where that is.
            let (line, column) = Self.position(ofByte: parser.problem_offset, in: text)
            return syntaxError(problem, line: line, column: column)
        default:
            return syntaxError(problem, context: parser.context.map { (String(cString: $0), Int(parser.context_mark.line) + 1) },
                               line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
    }

    /// A syntax error in libyaml's words, at a 1-based line and column of the
    /// YAML text (and the line of what it was reading, when it says).
    func syntaxError(_ problem: String, context: (text: String, line: Int)? = nil, line: Int, column: Int) -> InputError {
        var message = "malformed YAML: \(problem)"
        if let context { message += " (\(context.text) at line \(context.line + lineOffset))" }
        return InputError(file: file, line: line + lineOffset, column: column, message)
    }

    /// Keys given twice in one map, at a 1-based line and column of the YAML text.
    func duplicateKeys(_ names: [String], line: Int, column: Int) -> InputError {
        InputError(file: file, line: line + lineOffset, column: column, "duplicate key '\(names.joined(separator: "', '"))'")
    }

    func located(_ error: YamlError) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return syntaxError(problem, context: context.map { ($0.text, $0.mark.line) }, line: mark.line, column: mark.column)
        case let .reader(problem, offset, _, yaml):
            // libyaml counts the offset in bytes; say where that is.
            guard let offset else { return InputError(file: file, "malformed YAML: \(problem)") }
            let (line, column) = Self.position(ofByte: offset, in: yaml)
            return syntaxError(problem, line: line, column: column)
        case let .duplicatedKeysInMapping(duplicates, context):
            return duplicateKeys(duplicates, line: context.mark.line, column: context.mark.column)
        default:
            return InputError(file: file, "malformed YAML: \(error)")
        }
    }

    /// The 1-based line and column (in characters) of the byte at `offset`.
    static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        let bytes = text.utf8
        let end = bytes.index(bytes.startIndex, offsetBy: min(max(offset, 0), bytes.count))
        let before = Substring(bytes[..<end])
        let lineStart = before.utf8.lastIndex(of: UInt8(ascii: "\n")).map { before.utf8.index(after: $0) } ?? before.startIndex
        let line = 1 + before.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return (line, before.unicodeScalars[lineStart...].count + 1)
    }

    func error(_ node: Node?, _ message: String) -> InputError {
        guard let mark = node?.mark else { return InputError(file: file, message) }
        return InputError(file: file, line: mark.line + lineOffset, column: mark.column, message)
    }

    /// The node's kind in words, for "expected a map, found a list".
    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func mapping(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else {
            throw error(node, "\(what()) must be a map, found \(Self.kind(node))")
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        // By index, over the integers Yams indexes a mapping with: its
        // iterator first copies every pair into an array of its own, and
        // with `result` growing a pair at a time that was half of this
        // function's time. (`count` and `indices` would go through the
        // generic Collection code, whose first use costs conformance lookups.)
        let indices = mapping.startIndex..<mapping.endIndex
        result.reserveCapacity(indices.count)
        for index in indices {
            let (key, value) = mapping[index]
            guard case let .scalar(scalar) = key else {
                throw error(key, "a key in \(what()) must be a plain name")
            }
            result.append((scalar.string, key, value))
        }
        return result
    }

    func string(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> String {
        guard case let .scalar(scalar) = node else {
            throw error(node, "\(what()) must be a single value, found \(Self.kind(node))")
        }
        if YAMLReader.isNull(node) {
            throw error(node, "\(what()) is empty")
        }
        return scalar.string
    }

    /// True for `~`, `null` or an empty value: "not answered yet".
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else { return false }
        // A switch, not `contains` on an array literal: that array was
        // allocated on every call, for every value of every file.
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    func bool(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else {
            throw error(node, "\(what()) must be true or false")
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw error(node, "\(what()) must be true or false, found '\(scalar.string)'")
        }
    }

    /// A whole number written the one plain way: digits, an optional leading
    /// `-`, no `+`, no leading zeros (`0090` and `+90` are not 90 here).
    func int(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> Int {
        guard case let .scalar(scalar) = node, let value = Self.plainInteger(scalar.string) else {
            throw error(node, "\(what()) must be a whole number written with digits only, like 10")
        }
        return value
    }

    /// `text` as an integer when it is written `-?(0|[1-9][0-9]*)`.
    public static func plainInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8.dropFirst(0)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ (48...57).contains($0) }),
              digits.first != 48 || digits.count == 1 else { return nil }
        return Int(text)
    }

    func sequence(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> [Node] {
        guard case let .sequence(sequence) = node else {
            throw error(node, "\(what()) must be a list, found \(Self.kind(node))")
        }
        return Array(sequence)
    }

    func stringList(_ node: Node, _ what: @autoclosure () -> String) throws(InputError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, what()) { result.append(try string(item, "an item of \(what())")) }
        return result
    }
}
