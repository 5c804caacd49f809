import Yams

/// Reads a composed YAML tree with every complaint pointing at the node's
/// file, line and column. We let Yams parse; this only checks shapes.
struct YAMLReader {
    let file: String
    /// Lines before the YAML text in its file (front matter starts on line 2).
    var lineOffset = 0

    /// Parses `text` into a node tree, turning Yams' errors into located ones.
    func compose(_ text: String) throws(InputError) -> Node? {
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
        case let .reader(problem, _, _, _):
            return InputError(file: file, "malformed YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(file: file, line: context.mark.line + lineOffset, column: context.mark.column,
                              "duplicate key '\(duplicates.joined(separator: "', '"))'")
        default:
            return InputError(file: file, "malformed YAML: \(error)")
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

    func int(_ node: Node, _ what: String) throws(InputError) -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            throw error(node, "\(what) must be a whole number")
        }
        return value
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
