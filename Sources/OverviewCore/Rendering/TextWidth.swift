/// Terminal column widths, like `wcwidth`: East Asian wide and fullwidth
/// characters and most emoji take two columns, combining marks none.
public enum TextWidth {
    public static func of(_ grapheme: Character) -> Int {
        // Most characters on these screens are one printable ASCII byte.
        if grapheme.utf8.count == 1, let byte = grapheme.utf8.first { return byte >= 0x20 && byte < 0x7F ? 1 : 0 }
        guard let first = grapheme.unicodeScalars.first else { return 0 }
        // A sequence joined by ZERO WIDTH JOINER (👩‍👩‍👧‍👦) is drawn by ncurses and
        // most terminals as its parts side by side: count it as they do, or it
        // runs past its box.
        if grapheme.unicodeScalars.contains(where: { $0.value == 0x200D }) {
            return grapheme.unicodeScalars.reduce(0) { $0 + of($1) }
        }
        if grapheme.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && isEmojiBase(first) { return 2 }
        return of(first)
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }
        return isWide(v) ? 2 : 1
    }

    public static func of(_ text: String) -> Int { of(text[...]) }

    public static func of(_ text: Substring) -> Int {
        // Printable ASCII, most of what is measured, is a column a byte: one
        // pass over the bytes instead of a walk over grapheme clusters.
        // Over the contiguous bytes where the string has them (a native
        // string does), not through the view's indices.
        let printable = { (byte: UInt8) in byte >= 0x20 && byte < 0x7F }
        if text.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(printable) }) ?? text.utf8.allSatisfy(printable) {
            return text.utf8.count
        }
        return text.reduce(0) { $0 + of($1) }
    }

    static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isEmoji }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B16F,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
             0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335,
             0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
             0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
             0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
             0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` columns, with "…" when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for grapheme in text {
            let w = of(grapheme)
            if used + w > width - 1 { break }
            out.append(grapheme)
            used += w
        }
        return out + "…"
    }

    /// Word-wraps `text` to lines of at most `width` columns (long words are cut).
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        // Split at the newline and space bytes: a Character-wise split walks
        // grapheme clusters and was two thirds of this function's time.
        for paragraph in text.lines {
            var line = ""
            var used = 0
            for bytes in paragraph.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true) {
                var word = Substring(bytes)
                var w = of(word)
                if used > 0 && used + 1 + w > width {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                while w > width {
                    // A word longer than the line: cut it.
                    var head = ""
                    var headWidth = 0
                    for g in word {
                        if headWidth + of(g) > width - used - (used > 0 ? 1 : 0) { break }
                        head.append(g)
                        headWidth += of(g)
                    }
                    if head.isEmpty { lines.append(line); line = ""; used = 0; continue }
                    line += (used > 0 ? " " : "") + head
                    lines.append(line)
                    line = ""
                    used = 0
                    word = word.dropFirst(head.count)
                    w = of(word)
                }
                if word.isEmpty { continue }
                if used > 0 {
                    line.append(" ")
                    used += 1
                }
                line.append(contentsOf: word)
                used += w
            }
            lines.append(line)
        }
        return lines
    }
}
