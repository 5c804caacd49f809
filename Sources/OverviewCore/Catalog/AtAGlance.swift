import Yams

/// The short block at the top of the page that says what is held and what is
/// under way, the way a trust center opens, with a link to the section that
/// says more. A section feeds it from its front matter:
///
/// ```yaml
/// at_a_glance:
///   held: |-
///     {{#frameworks.soc-2}}SOC 2 report{{/frameworks.soc-2}}
///   under_way: |-
///     {{#underway.iso-27001}}ISO/IEC 27001 certification, expected in {{iso_expected_quarter}}{{/underway.iso-27001}}
/// ```
///
/// Each group is a template rendered with the section's own context (so it sees
/// exactly the answers the body sees); each line it prints is one item. Only a
/// section that is on the page feeds it, so the block claims nothing its
/// section does not.
public struct AtAGlance: Sendable {
    /// The groups, in the order the block shows them.
    public enum Group: String, CaseIterable, Sendable {
        case held = "held"
        case underWay = "under_way"

        /// The line that introduces the group's list on the page.
        var lead: String {
            switch self {
            case .held: "What we have today:"
            case .underWay: "Under way:"
            }
        }
    }

    let templates: [(group: Group, template: SectionTemplate)]

    /// The heading of the block on the page.
    public static let title = "At a glance"

    /// Reads `at_a_glance` from a section file's front matter.
    static func parse(_ node: Node, _ reader: YAMLReader, _ parser: SectionParser) throws(InputError) -> AtAGlance {
        var templates: [(group: Group, template: SectionTemplate)] = []
        for (key, keyNode, value) in try reader.mapping(node, "at_a_glance") {
            guard let group = Group(rawValue: key) else {
                throw reader.error(keyNode, "unknown key '\(key)' in at_a_glance (\(Group.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let text = try parser.catalogText(value, reader, "at_a_glance.\(key)")
            let template = SectionTemplate(body: text)
            do {
                // Built-in sections compile on first use, as their bodies do (a test compiles them all).
                if !parser.lazyTemplate { try template.compile() }
            } catch {
                throw reader.error(value, "at_a_glance.\(key): template error: \(SectionParser.describe(error))")
            }
            templates.append((group, template))
        }
        return AtAGlance(templates: templates)
    }

    /// The block's Markdown (with its heading), or nil when nothing is listed.
    static func markdown(_ renderer: PageRenderer, _ answers: Answers, onPage: [Section]) -> String? {
        var groups: [String] = []
        for group in Group.allCases {
            var items: [String] = []
            for section in onPage {
                guard let glance = section.glance else { continue }
                let anchor = section.anchor ?? slug(section.title)
                for entry in glance.templates where entry.group == group {
                    let text = entry.template.render(renderer.context(section, answers))
                    for line in text.lines {
                        let item = line.trimmingBlanks()
                        if !item.isEmpty { items.append("- \(item) ([\(section.title)](#\(anchor)))") }
                    }
                }
            }
            if !items.isEmpty { groups.append(group.lead + "\n\n" + items.joined(separator: "\n")) }
        }
        guard !groups.isEmpty else { return nil }
        return "## \(title)\n\n" + groups.joined(separator: "\n\n")
    }

    /// The id Hugo, Jekyll and GitHub give a heading without an explicit one:
    /// lowercase, spaces as '-', punctuation dropped ("Compliance" → "compliance").
    static func slug(_ title: String) -> String {
        var out = ""
        for character in title.lowercased() {
            if character == " " { out.append("-") }
            else if character.isLetter || character.isNumber || character == "-" || character == "_" { out.append(character) }
        }
        return out
    }
}
