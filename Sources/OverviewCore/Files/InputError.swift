/// A problem with something the user gave us (an answers file, a section file,
/// an output path), located as precisely as we know it.
///
/// It prints as one line, `FILE:LINE:COLUMN: message`, the form editors and CI
/// logs recognise, so the user can jump straight to the spot.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file.isEmpty ? "''" : file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return TerminalSafe.oneLine("\(location): \(message)")
    }
}

/// Several problems found in one pass (an answers file checked against the catalog).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Text from files and users is shown in terminals and logs; nothing in it may
/// move the cursor, change colours or split one error into several lines.
public enum TerminalSafe {
    /// Replaces control characters (C0, DEL, C1) and bidirectional overrides with
    /// a visible `?`; newlines (and the other line breaks) become spaces.
    public static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) || scalar == "\t" {
                out.append(" ")
            } else if isUnsafe(scalar) {
                out.append("?")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `text` holds a scalar a terminal would interpret. With
    /// `allowingLayout`, line breaks and tabs count as text, as they do in
    /// prose; without it, as in a name or a path, they do not.
    public static func hasControlCharacters(_ text: some StringProtocol, allowingLayout: Bool) -> Bool {
        // On the UTF-8 bytes when they are in one piece (they are for a file
        // read whole): a tenth of the time of decoding every scalar.
        if let found = text.utf8.withContiguousStorageIfAvailable({ hasUnsafeBytes($0, allowingLayout: allowingLayout) }) {
            return found
        }
        return text.unicodeScalars.contains {
            allowingLayout ? isUnsafe($0) && $0 != "\n" && $0 != "\t" : isUnsafe($0) || isLineBreak($0)
        }
    }

    /// True for every scalar some reader takes for the end of a line: LF, CR,
    /// VT, FF, NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR
    /// (U+2029). A security.txt parser that splits at U+2028 would read the
    /// rest of a one-line answer as a field of its own.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `hasControlCharacters` on UTF-8 bytes: C0 controls and DEL are one byte
    /// each, C1 controls (U+0080 to U+009F, NEL among them) are C2 80 to C2 9F,
    /// the bidi scalars E2 80 AA to E2 80 AE and E2 81 A6 to E2 81 A9, and
    /// (without layout) the line and paragraph separators E2 80 A8 and A9. No
    /// continuation byte is C2 or E2, so every byte can be looked at as it comes.
    static func hasUnsafeBytes(_ bytes: UnsafeBufferPointer<UInt8>, allowingLayout: Bool) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F {
                if !(allowingLayout && (byte == 0x0A || byte == 0x09)) { return true }
            } else if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) {
                return true
            } else if byte == 0xE2, index + 2 < count {
                let second = bytes[index + 1], third = bytes[index + 2]
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                    return true
                }
                if !allowingLayout && second == 0x80 && (third == 0xA8 || third == 0xA9) { return true }
            }
            index += 1
        }
        return false
    }

    /// True for scalars that a terminal interprets instead of showing.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings and overrides
        default: return false
        }
    }

    /// Removes control characters from text typed or pasted into a field, keeping
    /// newlines only where the field allows several lines.
    public static func sanitize(_ text: String, allowNewlines: Bool) -> String {
        // Most text (everything the canvas draws, each frame) has nothing to
        // remove or replace: the bytes tell, without building a copy.
        if !hasControlCharacters(text, allowingLayout: false) { return text }
        return sanitizingScalars(text, allowNewlines: allowNewlines)
    }

    /// `sanitize`, a scalar at a time.
    static func sanitizingScalars(_ text: String, allowNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" && allowNewlines { out.append(scalar); continue }
            if scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out.append(allowNewlines && scalar != "\t" ? "\n" : " ")
                continue
            }
            if isUnsafe(scalar) { continue }
            out.append(scalar)
        }
        return String(out)
    }
}
