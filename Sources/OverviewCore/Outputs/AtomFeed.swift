import Crypto
import Foundation

/// The Atom feed (RFC 4287) of reviewed changes, `outputs.feed`: one entry per
/// review in the answers file's history, so customers can subscribe to what
/// the page claims without the company running email.
///
/// Ids are name-based UUIDs (RFC 9562, version 5) of the company's domain and
/// the review date, so an entry keeps its id however often the feed is
/// written; every date comes from the answers, so the same answers give the
/// same bytes.
public enum AtomFeed {
    /// The feed's text, ending in a newline, with the generated-by mark.
    public static func text(_ answers: Answers, file: String) throws(InputError) -> String {
        guard let domain = answers.company.domain else {
            throw InputError(file: file, "cannot write the feed: company.domain is missing (the feed's ids are made from it)")
        }
        let entries = answers.history.entries
        guard let updated = entries.first?.reviewed ?? answers.reviewed else {
            throw InputError(file: file, "cannot write the feed: 'reviewed' is missing and there is no history yet")
        }
        let name = answers.company.name.map(TerminalSafe.oneLine) ?? domain
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom">"#,
            "  <id>\(id(domain))</id>",
            "  <title>\(escape(name)) Security Overview: reviewed changes</title>",
            "  <updated>\(updated)T00:00:00Z</updated>",
            "  <author>",
            "    <name>\(escape(name))</name>",
            "    <uri>https://\(escape(domain))/</uri>",
            "  </author>",
        ]
        if let url = answers.outputs.feedURL {
            lines.append(#"  <link rel="self" type="application/atom+xml" href="\#(escape(url))"/>"#)
        }
        if let url = answers.outputs.pageURL {
            lines.append(#"  <link rel="alternate" type="text/html" href="\#(escape(url))"/>"#)
        }
        lines.append("  <generator>security-overview</generator>")
        for entry in entries {
            lines.append("  <entry>")
            lines.append("    <id>\(id(domain, review: entry.reviewed))</id>")
            lines.append("    <title>\(escape(title(entry)))</title>")
            lines.append("    <updated>\(entry.reviewed)T00:00:00Z</updated>")
            if let url = answers.outputs.pageURL {
                lines.append(#"    <link rel="alternate" type="text/html" href="\#(escape(url))"/>"#)
            }
            lines.append(#"    <content type="xhtml">"#)
            lines.append(#"      <div xmlns="http://www.w3.org/1999/xhtml">"#)
            lines.append(contentsOf: content(entry).map { "        " + $0 })
            lines.append("      </div>")
            lines.append("    </content>")
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return GeneratedMark.apply(to: lines.joined(separator: "\n") + "\n", style: .html)
    }

    /// "Reviewed on 2026-10-15: 3 changes since 2025-10-15".
    static func title(_ entry: History.Entry) -> String {
        guard let since = entry.since else { return "Reviewed on \(entry.reviewed): first review recorded" }
        let count = entry.changes.count
        if count == 0 { return "Reviewed on \(entry.reviewed): no changes since \(since)" }
        return "Reviewed on \(entry.reviewed): \(count) change\(count == 1 ? "" : "s") since \(since)"
    }

    /// The entry's changes as XHTML lines.
    static func content(_ entry: History.Entry) -> [String] {
        guard entry.since != nil else {
            return ["<p>The first review recorded; later entries list what changed at each review.</p>"]
        }
        if entry.changes.isEmpty { return ["<p>Reviewed; nothing the page claims has changed.</p>"] }
        var lines: [String] = []
        for (heading, items) in [("Now claimed", entry.changes.added), ("No longer claimed", entry.changes.removed),
                                 ("Changed", entry.changes.changed)] where !items.isEmpty {
            lines.append("<p>\(heading):</p>")
            lines.append("<ul>")
            lines.append(contentsOf: items.map { "  <li>\(escape($0))</li>" })
            lines.append("</ul>")
        }
        return lines
    }

    /// The feed's id, or an entry's: a version 5 UUID of a URL in the company's domain.
    static func id(_ domain: String, review: String? = nil) -> String {
        "urn:uuid:" + uuid5(namespace: urlNamespace,
                            name: "https://\(domain.lowercased())/.well-known/security-overview/changes" + (review.map { "#\($0)" } ?? ""))
    }

    /// RFC 9562's namespace for URLs.
    static let urlNamespace: [UInt8] = [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                        0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]

    static func uuid5(namespace: [UInt8], name: String) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.hexDigits
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    /// Text for XML content or a quoted attribute: markup characters escaped,
    /// and characters XML 1.0 does not allow left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0x7f...0x9f).contains(v) || v == 0xfffe || v == 0xffff { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
