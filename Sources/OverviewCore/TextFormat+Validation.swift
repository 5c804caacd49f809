extension TextFormat {
    /// What is wrong with `text` for this format, in words; `nil` when it fits.
    /// These are deliberately plain checks of shape: the wizard runs them on
    /// every keystroke and the page only needs values that cannot break it.
    public func problem(with text: String) -> String? {
        switch self {
        case .email: return Self.emailProblem(text)
        case .domain: return Self.domainProblem(text)
        case .url: return Self.urlProblem(text)
        case .days:
            // Digits only, no sign and no leading zero: the page prints it as written.
            guard !text.hasPrefix("-"), let days = YAMLReader.plainInteger(text) else {
                return "'\(text)' is not a number of days (digits only, like 90)"
            }
            return (1...3650).contains(days) ? nil : "\(days) days is out of range (1 to 3650)"
        }
    }

    static func domainProblem(_ text: String) -> String? {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, text.count <= 253 else {
            return "'\(text)' is not a domain like example.com"
        }
        for label in labels {
            let ok = !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                    || ("0"..."9").contains($0) || $0 == "-" }
            if !ok { return "'\(text)' is not a domain like example.com" }
        }
        if labels.last!.allSatisfy(\.isNumber) { return "'\(text)' is an address, not a domain" }
        return nil
    }

    static func emailProblem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
              parts[0].unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }),
              domainProblem(String(parts[1])) == nil
        else { return "'\(text)' is not an email address like security@example.com" }
        return nil
    }

    static func urlProblem(_ text: String) -> String? {
        guard text.hasPrefix("https://") else { return "'\(text)' is not an https:// URL" }
        let rest = text.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostOnly = host.split(separator: ":").first.map(String.init) ?? ""
        guard domainProblem(hostOnly) == nil,
              text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && !"<>\"`{}|\\^ ()[]'".unicodeScalars.contains($0) && $0.value != 127 })
        else { return "'\(text)' is not an https:// URL" }
        return nil
    }
}
