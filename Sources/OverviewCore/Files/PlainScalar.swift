/// Whether a one-line text, written plain, is a string to any YAML reader
/// that resolves tags as Yams' default resolver does, settled without that
/// resolver where the answer is plain to see.
///
/// Yams decides with seven regular expressions (bool, int, float, merge,
/// null, timestamp, value), which its first use compiles through
/// NSRegularExpression: 8.8M instructions and ICU's regex engine made
/// resident, at the draft's first writing. Each rule is anchored at both
/// ends, so it can match only a text that starts with one of its first
/// characters and holds only characters it can consume:
/// - a text that starts with a letter can only be one of the bool and null
///   words;
/// - one that starts with a digit, a sign or a point can only be a number or
///   a timestamp, made of digits and the few marks and letters those use;
/// - `~`, `<<`, `=` and the empty text are left to Yams, as is any text with
///   a control character or a line separator (ICU's `$` matches before a
///   final line break).
///
/// Any other text is a string as it stands. Where this says `false`, Yams is
/// asked. A test holds both to the same bytes over every rule's examples.
enum PlainScalar {
    static func isString(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 }) {
            return false
        }
        switch first {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return !words.contains(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !text.utf8.allSatisfy { numberBytes.contains($0) }
        case UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "="):
            return false
        default:
            return true
        }
    }

    /// The bool rule's words and the null rule's.
    static let words: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
                                     "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                     "null", "Null", "NULL"]

    /// Every character the int, float and timestamp rules can consume:
    /// digits, signs, `_ . :`, blanks, the hex digits, the base marks `b o x`,
    /// `e E` of exponents, `.inf` and `.nan` in their cases, and `T t Z` of
    /// timestamps.
    static let numberBytes = Set("0123456789+-_.: \tabcdefABCDEFboxeEinfINFaNtTZ".utf8)
}
