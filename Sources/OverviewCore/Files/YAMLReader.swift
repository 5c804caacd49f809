import CYaml
import Foundation
import Yams

/// Reads a composed YAML tree with every complaint pointing at the node's
/// file, line and column. We let Yams parse; this only checks shapes.
struct YAMLReader {
    let file: String
    /// Lines before the YAML text in its file (front matter starts on line 2).
    var lineOffset = 0

    /// Parses `text` into a node tree, turning Yams' errors into located ones.
    /// `prechecked`: this very text passed `precheck` before (and only then).
    func compose(_ text: String, prechecked: Bool = false) throws(InputError) -> Node? {
        if !prechecked, let problem = precheck(text) { throw problem }
        do {
            // The basic resolver leaves every scalar a string: we read values by
            // the shape the question asks for, and regex-based tag resolution
            // was two thirds of the time spent loading the catalog. The encoding
            // is named because Yams' default reads the whole process environment
            // on every call (a sixth of the catalog's load time).
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw located(error)
        } catch {
            throw InputError(file: file, "cannot read YAML: \(error)")
        }
    }

    func located(_ error: YamlError) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "malformed YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return InputError(file: file, line: mark.line + lineOffset, column: mark.column, message)
        case let .reader(problem, offset, _, yaml):
            // libyaml counts the offset in bytes; say where that is.
            guard let offset else { return InputError(file: file, "malformed YAML: \(problem)") }
            let (line, column) = Self.position(ofByte: offset, in: yaml)
            return InputError(file: file, line: line + lineOffset, column: column, "malformed YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(file: file, line: context.mark.line + lineOffset, column: context.mark.column,
                              "duplicate key '\(duplicates.joined(separator: "', '"))'")
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

    // MARK: - Before composing

    /// Reads the text's events once, before Yams builds a tree of it, and
    /// refuses what would make building or walking the tree explode or mean
    /// something the file does not say:
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
    /// Syntax errors are left to `compose`, which reports them.
    func precheck(_ text: String) -> InputError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return InputError(file: file, "cannot read YAML: out of memory") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> InputError? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var nodes = 0
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func problem(_ message: String) -> InputError {
                    InputError(file: file, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1, message)
                }
                var tag: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return problem("a YAML alias (*name) is not allowed here: write the value out in full")
                case YAML_SCALAR_EVENT:
                    nodes += 1
                    tag = event.data.scalar.tag
                    if event.data.scalar.length > InputLimits.valueBytes {
                        return problem("a value of more than \(InputLimits.valueBytes / 1024) KB: far longer than any real answer or text")
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    nodes += 1
                    depth += 1
                    tag = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.tag : event.data.mapping_start.tag
                    if depth > InputLimits.yamlDepth {
                        return problem("lists and maps are nested more than \(InputLimits.yamlDepth) deep")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if let tag {
                    let name = String(decoding: UnsafeBufferPointer(start: tag, count: strlen(tag)), as: UTF8.self)
                        .replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")
                    return problem("the YAML tag '\(name)' is not allowed: write the value without it")
                }
                if nodes > InputLimits.yamlNodes {
                    return problem("more than \(InputLimits.yamlNodes) values: far more than any real file holds")
                }
            }
        }
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

    func mapping(_ node: Node, _ what: String) throws(InputError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else {
            throw error(node, "\(what) must be a map, found \(Self.kind(node))")
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                throw error(key, "a key in \(what) must be a plain name")
            }
            result.append((scalar.string, key, value))
        }
        return result
    }

    func string(_ node: Node, _ what: String) throws(InputError) -> String {
        guard case let .scalar(scalar) = node else {
            throw error(node, "\(what) must be a single value, found \(Self.kind(node))")
        }
        if YAMLReader.isNull(node) {
            throw error(node, "\(what) is empty")
        }
        return scalar.string
    }

    /// True for `~`, `null` or an empty value: "not answered yet".
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func bool(_ node: Node, _ what: String) throws(InputError) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else {
            throw error(node, "\(what) must be true or false")
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw error(node, "\(what) must be true or false, found '\(scalar.string)'")
        }
    }

    /// A whole number written the one plain way: digits, an optional leading
    /// `-`, no `+`, no leading zeros (`0090` and `+90` are not 90 here).
    func int(_ node: Node, _ what: String) throws(InputError) -> Int {
        guard case let .scalar(scalar) = node, let value = Self.plainInteger(scalar.string) else {
            throw error(node, "\(what) must be a whole number written with digits only, like 10")
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

    func sequence(_ node: Node, _ what: String) throws(InputError) -> [Node] {
        guard case let .sequence(sequence) = node else {
            throw error(node, "\(what) must be a list, found \(Self.kind(node))")
        }
        return Array(sequence)
    }

    func stringList(_ node: Node, _ what: String) throws(InputError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, what) { result.append(try string(item, "an item of \(what)")) }
        return result
    }
}
