/// Text without the blanks at its ends, as Foundation's
/// `trimmingCharacters(in:)` trims with `.whitespaces` and
/// `.whitespacesAndNewlines`, scalar by scalar, but without its trip through
/// NSString and ICU's character sets: at a revise start that trip was 3
/// million instructions for 143 answers and questions, most of it building
/// ICU's tables the first time.
extension Unicode.Scalar {
    /// Foundation's `.whitespaces`: CHARACTER TABULATION, the space
    /// separators (Zs) and, as Foundation has it from an older Unicode,
    /// ZERO WIDTH SPACE.
    public var isBlank: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// Foundation's `.whitespacesAndNewlines`: the blanks, U+000A to U+000D,
    /// NEXT LINE and the line and paragraph separators (Zl, Zp).
    public var isBlankOrNewline: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if value == 0x85 || value == 0x200B { return true }
        switch properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}

extension Substring {
    /// Without the blanks (spaces, tabs) at its ends; no copy.
    public var blankTrimmed: Substring { Substring(trimmedScalars(where: \.isBlank)) }

    /// Without the blanks and line breaks at its ends; no copy.
    public var whitespaceTrimmed: Substring { Substring(trimmedScalars(where: \.isBlankOrNewline)) }

    private func trimmedScalars(where trimmed: (Unicode.Scalar) -> Bool) -> Substring.UnicodeScalarView {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
              let last = scalars.lastIndex(where: { !trimmed($0) }) else { return scalars[scalars.endIndex...] }
        return scalars[first...last]
    }

    /// Without the blanks (spaces, tabs) at its ends: `trimmingCharacters(in: .whitespaces)`.
    public func trimmingBlanks() -> String { String(blankTrimmed) }

    /// Without the blanks and line breaks at its ends: `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespace() -> String { String(whitespaceTrimmed) }
}

extension String {
    /// Without the blanks (spaces, tabs) at its ends: `trimmingCharacters(in: .whitespaces)`.
    public func trimmingBlanks() -> String { String(self[...].blankTrimmed) }

    /// Without the blanks and line breaks at its ends: `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespace() -> String { String(self[...].whitespaceTrimmed) }

    /// Nothing but blanks and line breaks, or empty.
    public var isBlankText: Bool { unicodeScalars.allSatisfy(\.isBlankOrNewline) }
}
