extension TextFormat {
    /// What is wrong with `text` for this format, in words; `nil` when it fits.
    /// These are deliberately plain checks of shape: the wizard runs them on
    /// every keystroke and the page only needs values that cannot break it.
    public func problem(with text: String) -> String? {
        switch self {
        case .email: return Self.emailProblem(text)
        case .domain: return Self.domainProblem(text)
        case .url: return Self.urlProblem(text)
        case .contact:
            if Self.emailProblem(text) == nil || Self.urlProblem(text) == nil { return nil }
            return "'\(text)' is not an email address or an https:// URL"
        case .days:
            // Digits only, no sign and no leading zero: the page prints it as written.
            guard !text.hasPrefix("-"), let days = YAMLReader.plainInteger(text) else {
                if text.count > 1, text.hasPrefix("0"), text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    return "'\(text)' starts with a zero: write it without, like \(text.drop { $0 == "0" }.isEmpty ? "90" : String(text.drop { $0 == "0" }))"
                }
                return "'\(text)' is not a number of days (digits only, like 90)"
            }
            return (1...3650).contains(days) ? nil : "\(days) days is out of range (1 to 3650)"
        case .languages: return Self.languagesProblem(text)
        case .quarter: return Quarter(text) == nil ? "'\(text)' is not a quarter like 2027-Q2" : nil
        case .hours:
            guard let hours = Int(text), text.allSatisfy(\.isASCII) else { return "'\(text)' is not a number of hours" }
            return (1...8760).contains(hours) ? nil : "\(hours) hours is out of range (1 to 8760)"
        case .percent:
            let digits = text.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(digits.count), digits.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let value = Double(text), value > 0, value <= 100
            else { return "'\(text)' is not a percentage like 99.9 (without the % sign)" }
            return nil
        }
    }

    /// Comma-separated language tags in the shape of RFC 5646: a primary
    /// language of 2 or 3 letters (ISO 639; longer ones are reserved or
    /// unused, and "english" is a word), then subtags of 1 to 8 letters or digits
    /// (`en`, `fr-CA`, `zh-Hant-TW`, `sgn-BE-FR`). Shape only, not the registry.
    static func languagesProblem(_ text: String) -> String? {
        let tags = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        for tag in tags {
            let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
            let letters = { (s: Substring) in s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } }
            let alphanumeric = { (s: Substring) in s.utf8.allSatisfy(Self.isLetterOrDigit) }
            let primary = subtags[0]
            let ok = (2...3).contains(primary.count) && letters(primary)
                && subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && alphanumeric($0) }
            if !ok {
                return tag.isEmpty
                    ? "'\(text)' has an empty language tag: separate tags with one comma, like 'en, fr'"
                    : "'\(tag)' is not a language tag (RFC 5646) like en, fr or pt-BR: separate tags with commas"
            }
        }
        return nil
    }

    /// Read as bytes: a domain is ASCII, and any other byte makes it no
    /// domain, so that counting and splitting bytes counts and splits its
    /// characters. (Character by character, eleven URLs were 3% of the
    /// instructions to a revise's first frame.)
    static func domainProblem(_ text: String) -> String? {
        let notADomain = "'\(text)' is not a domain like example.com"
        let bytes = text.utf8
        guard bytes.allSatisfy({ Self.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else { return notADomain }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, bytes.count <= 253 else { return notADomain }
        for label in labels {
            let ok = !label.isEmpty && label.count <= 63 && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
            if !ok { return notADomain }
        }
        if labels.last!.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return "'\(text)' is an address, not a domain" }
        return nil
    }

    static func emailProblem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
              parts[0].utf8.allSatisfy(Self.isEmailLocalByte),
              domainProblem(String(parts[1])) == nil
        else { return "'\(text)' is not an email address like security@example.com" }
        return nil
    }

    // The checks below look at UTF-8 bytes: a character outside ASCII is
    // bytes of 0x80 and up, which none of them allows, so a byte test says
    // what a test of each character said, without decoding the text (these
    // run on every key typed in a field and for every link of a file).

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return false
        }
    }

    /// Printable ASCII, no space, none of `<>()[]\,;:"`.
    static func isEmailLocalByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""): return false
        default: return byte > 32 && byte < 128
        }
    }

    /// Printable ASCII, no space, none of ``<>"`{}|\^()[]'``.
    static func isURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "'"): return false
        default: return byte > 32 && byte < 127
        }
    }

    /// Read as bytes, as a domain is: a URL's are all ASCII.
    static func urlProblem(_ text: String) -> String? {
        let bytes = text.utf8
        guard text.hasPrefix("https://"), bytes.allSatisfy(Self.isURLByte) else { return "'\(text)' is not an https:// URL" }
        let host = bytes.dropFirst("https://".utf8.count)
            .prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        let hostOnly = host.split(separator: UInt8(ascii: ":")).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard domainProblem(hostOnly) == nil else { return "'\(text)' is not an https:// URL" }
        return nil
    }

    /// The canonical form of text that plainly means a valid value but is not
    /// one as typed: a domain given as an address, a number of days with its
    /// unit, an email address with `mailto:`. Nil when there is no such form.
    public func canonical(_ text: String) -> String? {
        let trimmed = text.trimmingBlanks()
        switch self {
        case .domain:
            var rest = Substring(trimmed.lowercased())
            for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
            var host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if let colon = host.firstIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isNumber) { host = host[..<colon] }
            if host.hasSuffix(".") { host = host.dropLast() }
            let domain = String(host)
            return domain != text && Self.domainProblem(domain) == nil ? domain : nil
        case .days:
            let words = trimmed.lowercased().split(separator: " ")
            guard let number = words.first, number.allSatisfy(\.isASCII), let days = Int(number), days > 0,
                  words.count == 1 || (words.count == 2 && ["day", "days", "d"].contains(words[1])) else { return nil }
            let canonical = String(days)
            return canonical != text ? canonical : nil
        case .email, .contact:
            let address = trimmed.hasPrefix("mailto:") ? String(trimmed.dropFirst("mailto:".count)) : trimmed
            return address != text && problem(with: address) == nil ? address : nil
        case .hours, .percent:
            // "72 hours", "99.9 %": the number alone.
            var words = trimmed.lowercased().split(separator: " ").map(String.init)
            if words.count == 1, words[0].hasSuffix("%") { words = [String(words[0].dropLast()), "%"] }
            guard let number = words.first, words.count == 1 || (words.count == 2 && ["hour", "hours", "h", "%", "percent"].contains(words[1])),
                  number != text, problem(with: number) == nil else { return nil }
            return number
        case .url, .languages, .quarter:
            return trimmed != text && problem(with: trimmed) == nil ? trimmed : nil
        }
    }
}
