import Testing
@testable import OverviewCore

/// Domains and URLs are checked byte by byte. These are the checks as they
/// were written character by character; both must say the same of any text.
@Suite struct TextFormatBytesTests {
    static func domainByCharacters(_ text: String) -> String? {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, text.count <= 253 else {
            return "'\(text)' is not a domain like example.com"
        }
        for label in labels {
            let ok = !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { TextFormat.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            if !ok { return "'\(text)' is not a domain like example.com" }
        }
        if labels.last!.allSatisfy(\.isNumber) { return "'\(text)' is an address, not a domain" }
        return nil
    }

    static func urlByCharacters(_ text: String) -> String? {
        guard text.hasPrefix("https://") else { return "'\(text)' is not an https:// URL" }
        let rest = text.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostOnly = host.split(separator: ":").first.map(String.init) ?? ""
        guard domainByCharacters(hostOnly) == nil, text.utf8.allSatisfy(TextFormat.isURLByte)
        else { return "'\(text)' is not an https:// URL" }
        return nil
    }

    static let domains = [
        "", ".", "..", "example.com", "Example.COM", "a.b", "a..b", ".example.com", "example.com.", "-a.com", "a-.com",
        "a-b.com", "xn--bcher-kva.example", "192.168.0.1", "1.2.3.4a", "a.123", "a.١٢٣", "exa mple.com", "exämple.com",
        "example.c\u{301}om", "example\u{301}.com", "example.\u{301}com", "a.b\u{FF0E}c", "日本.jp", "a_b.com", "a.b-",
        String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 64) + ".com",
        Array(repeating: String(repeating: "a", count: 50), count: 5).joined(separator: ".") + ".com",
        Array(repeating: String(repeating: "b", count: 49), count: 5).joined(separator: ".") + ".io",
        // 253 characters, the most a domain has, and 254.
        Array(repeating: String(repeating: "c", count: 63), count: 3).joined(separator: ".") + "." + String(repeating: "d", count: 61),
        Array(repeating: String(repeating: "c", count: 63), count: 3).joined(separator: ".") + "." + String(repeating: "d", count: 62),
    ]

    static let urls = [
        "", "https://", "http://example.com", "https://example.com", "https://example.com/", "https://example.com:8443/x",
        "https://example.com?q=1", "https://example.com#frag", "https://:443/", "https://example.com:/", "https://a:b:c.com/",
        "https://example.com/a b", "https://example.com/<x>", "https://exämple.com/", "https://example.com/\u{301}",
        "https:/\u{301}/example.com", "https://example.com\u{301}/", "https://1.2.3.4/", "https://example.com/(x)",
        "HTTPS://example.com", "https://example.com/%20", "https://user@example.com/", "https://-a.com/", "https://a.b/c?d#e",
        "https://example.com\t/", "https://example.com/\u{7F}", "https://localhost/",
    ]

    @Test("A domain is judged by its bytes as it was by its characters")
    func domains() {
        var corpus = Self.domains
        for domain in Self.domains { corpus += ["https://" + domain, domain + ":443", domain.uppercased()] }
        for text in corpus {
            #expect(TextFormat.domainProblem(text) == Self.domainByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test("A URL is judged by its bytes as it was by its characters")
    func urls() {
        var corpus = Self.urls
        for domain in Self.domains {
            corpus += ["https://" + domain, "https://" + domain + "/path?x=1#y", "https://" + domain + ":8080", "https://" + domain + "\u{301}/"]
        }
        for text in corpus {
            #expect(TextFormat.urlProblem(text) == Self.urlByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test("Random texts over the characters that matter get the same verdict both ways")
    func randomTexts() {
        let pieces = ["a", "Z", "0", "9", "-", ".", ":", "/", "?", "#", "https://", "é", "\u{301}", " ", "١", "_", "%", "<", "@"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(TextFormat.domainProblem(text) == Self.domainByCharacters(text), "\(text.debugDescription)")
            #expect(TextFormat.urlProblem(text) == Self.urlByCharacters(text), "\(text.debugDescription)")
            let url = "https://" + text
            #expect(TextFormat.urlProblem(url) == Self.urlByCharacters(url), "\(url.debugDescription)")
        }
    }
}
