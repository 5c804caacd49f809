import Foundation
import Mustache

/// What a section's template names and prints, checked when the catalog
/// loads, so that a typo cannot reach the public page as a blank.
///
/// swift-mustache does not show a template's tags, so the template is rendered
/// against a probe: a context with every question of the section present and
/// affirmed in each of its forms, which records every name looked up. It is
/// rendered again with each name found made false in turn, so the inside of
/// every `{{^name}}` block is looked at too.
enum TemplateCheck {
    /// What every section's template is checked against, made once for a
    /// catalog: each section's answers in every form, and the paths of every
    /// section's typed answers (`sections.<id>.<question>`). Made anew for
    /// each section checked, they made a catalog's check grow with the square
    /// of its size (a thousand sections of a company's own took minutes).
    struct Shapes {
        /// `answerShape` of every section, by id.
        let sections: [String: Any]
        /// The typed paths of every section, under `sections.<id>.`.
        let typed: Set<String>
        /// Of those, the few whose marker can hide inside another's (a `*` in the path).
        let typedWithStar: [String]

        init(_ catalog: Catalog) {
            var sections: [String: Any] = [:]
            var typed: Set<String> = []
            for section in catalog.sections {
                sections[section.id] = answerShape(section)
                typed.formUnion(typedPaths(section, prefix: "sections.\(section.id)."))
            }
            self.sections = sections
            self.typed = typed
            self.typedWithStar = typed.filter { $0.contains("*") }.sorted()
        }
    }

    static func problems(_ section: Section, in catalog: Catalog) -> [InputError] {
        problems(section, shapes: Shapes(catalog))
    }

    /// `problems(_:in:)` with the catalog's shapes made already.
    static func problems(_ section: Section, shapes: Shapes) -> [InputError] {
        guard let template = try? section.template.compile() else { return [] }
        var problems: [InputError] = []

        // Every sentence sits inside an answer's block: with no answers at all,
        // the template must print nothing.
        if !section.fixedText {
            let bare = template.render(TemplateValue([:], text: ""))
            if let text = bare.split(separator: "\n").map({ $0.trimmingBlanks() }).first(where: { !$0.isEmpty }) {
                problems.append(InputError(file: section.source, line: line(ofText: text, in: section),
                    "'\(text.prefix(40))' is printed whatever the answers: put it inside the {{#question}} block of the answer that affirms it, or add 'fixed_text: true' to the front matter if it is meant to be printed as it is"))
            }
        }

        let root = rootShape(section, shapes)
        let typed = TypedPaths(own: Set(typedPaths(section, prefix: "")).union(companyTyped),
                               others: shapes.typed, ownPrefix: "sections.\(section.id).")
        // The markers a path can hide in (a `*` in a path): looked for one by one.
        let starred = typed.own.filter { $0.contains("*") }.sorted()
            + shapes.typedWithStar.filter { !$0.hasPrefix(typed.ownPrefix) }
        var unknown: [String] = [], raw: [String] = []
        var seen: Set<String> = []
        var queue: [Set<String>] = [[]]
        var tried: Set<Set<String>> = []
        while let falsy = queue.popLast(), tried.count < 500 {
            guard tried.insert(falsy).inserted else { continue }
            let log = ProbeLog(falsy: falsy, typed: typed)
            let output = template.render(Probe(path: "", value: root, role: .root, log: log))
            for name in log.unknown where !unknown.contains(name) { unknown.append(name) }
            for path in Probe.markedPaths(in: output) where typed.contains(path) && !raw.contains(path) { raw.append(path) }
            for path in starred where output.contains(Probe.marker(path)) && !raw.contains(path) { raw.append(path) }
            for path in log.seen.sorted() where !seen.contains(path) {
                seen.insert(path)
                queue.append(falsy.union([path]))
            }
        }
        let questions = section.questions.map(\.id).joined(separator: ", ")
        for name in unknown {
            problems.append(InputError(file: section.source, line: line(ofName: name, in: section),
                "unknown name '\(name)' in the template: not a question of this section (\(questions.isEmpty ? "it has none" : questions)), nor company.name, company.domain, company.contact and the like, nor sections.<id>.<question>; see docs/section-format.md"))
        }
        for path in raw {
            // The company's and other sections' names are written whole; a
            // question's own, or a record's field inside its block, by the last part.
            let shown = path.hasPrefix("company.") || path.hasPrefix("sections.")
                ? path : path.split(separator: ".").last.map(String.init) ?? path
            problems.append(InputError(file: section.source, line: line(ofName: path, in: section, raw: true),
                "'\(path)' is text a person typed and is printed without escaping ({{{ }}} or {{& }}): use {{\(shown)}}, which escapes it for Markdown and HTML"))
        }
        problems += blankableText(section)
        return problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// A tag: its sigil and its name. Compiled once: compiling it for each
    /// section was a third of checking a thousand of them.
    nonisolated(unsafe) static let tagPattern = try? Regex(#"\{\{\s*([#^/&{]?)\s*([A-Za-z0-9_.]+)\s*\}?\}\}"#)

    /// An optional text answer printed outside its own block: left empty, it
    /// prints half a sentence ("It covers .") on the public page. Read from the
    /// body's tags, in order, with the blocks open at each.
    static func blankableText(_ section: Section) -> [InputError] {
        let optional = Set(section.questions.filter { ($0.kind == .text || $0.kind == .multiline) && !$0.required }.map(\.id))
        guard !optional.isEmpty, let tag = tagPattern else { return [] }
        var open: [(sigil: String, name: String)] = []
        var problems: [InputError] = []
        var reported: Set<String> = []
        for (offset, line) in section.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: tag) {
                let sigil = match.output[1].substring.map(String.init) ?? ""
                let name = match.output[2].substring.map(String.init) ?? ""
                switch sigil {
                case "#", "^": open.append((sigil, name))
                case "/": if let index = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(index...) }
                default:
                    guard optional.contains(name), !open.contains(where: { $0.sigil == "#" && $0.name == name }),
                          reported.insert(name).inserted else { continue }
                    problems.append(InputError(file: section.source, line: section.bodyLine + offset,
                        "'\(name)' is an optional answer printed outside its own block: left empty, the page prints the sentence without it. Put it inside {{#\(name)}}…{{/\(name)}}, or make the question required"))
                }
            }
        }
        return problems
    }

    // MARK: - The probe's shape

    /// The section's answers in every form at once, as the page's context has them.
    static func answerShape(_ section: Section) -> [String: Any] {
        var shape: [String: Any] = [:]
        for var question in section.questions {
            // Every choice with a link: `{{#url}}` is a name a choice gives.
            question.choices = question.choices.map { var choice = $0; choice.url = choice.url ?? "https://example.com"; return choice }
            let samples: [AnswerValue]
            switch question.kind {
            case .yesno: samples = [.bool(true)]
            case .single: samples = question.choices.map { .choice($0.id) }
            case .multiple:
                // Every choice picked, each as one that affirms, so `items` is there.
                question.choices = question.choices.map { var choice = $0; choice.affirms = true; return choice }
                samples = [.choices(question.choices.map(\.id))]
            case .text: samples = [.text(sample(question.format))]
            case .multiline: samples = [.text("x\ny")]
            case .records:
                // One record with every field given, so each field's name is there.
                let fields = question.record?.fields ?? []
                samples = [.records([Dictionary(uniqueKeysWithValues: fields.map {
                    ($0.id, $0.format == .url ? "https://example.com" : "x")
                })])]
            }
            for sample in samples { merge(question.field.templateValues(sample, of: question), into: &shape) }
        }
        return shape
    }

    /// A text answer of `format` that the format takes, so the names it
    /// adds (`{{id_days}}`, `{{id_quarter}}`, ...) are there.
    static func sample(_ format: TextFormat?) -> String {
        switch format {
        case nil: "x"
        case .email: "security@example.com"
        case .domain: "example.com"
        case .url: "https://example.com"
        case .contact: "https://example.com/security"
        case .days: "30"
        case .hours: "24"
        case .quarter: "2027-Q2"
        case .percent: "99.9"
        case .languages: "en"
        }
    }

    static func merge(_ values: [String: Any], into shape: inout [String: Any]) {
        for (key, value) in values {
            if let old = shape[key] as? TemplateValue, let new = value as? TemplateValue {
                shape[key] = TemplateValue(old.children.merging(new.children) { a, _ in a }, text: old.text)
            } else {
                shape[key] = value
            }
        }
    }

    /// The names the page's context has for a company, every one of them.
    static let companyKeys = ["name", "domain", "contact", "contact_url", "contact_email", "contact_form"]
        + CompanyContext.extraKeys

    /// The probe's root for `section`: its own answers, the company's, and
    /// every other section's under `sections`.
    static func rootShape(_ section: Section, _ shapes: Shapes) -> [String: Any] {
        var root = answerShape(section)
        root["company"] = Dictionary(uniqueKeysWithValues: companyKeys.map { ($0, "x" as Any) })
        root["sections"] = ProbeOtherSections(all: shapes.sections, excluded: section.id)
        return root
    }

    /// The company's paths whose text a person typed.
    static let companyTyped = ["company.name", "company.contact", "company.contact_email", "company.contact_form"]
        + CompanyContext.typedKeys.map { "company." + $0 }

    /// The paths of `section`'s answers whose text a person typed, after `prefix`: printed only escaped.
    static func typedPaths(_ section: Section, prefix: String) -> [String] {
        section.questions.flatMap { question -> [String] in
            switch question.kind {
            case .text where question.format != .url: [prefix + question.id]
            case .multiline where question.format != .url: [prefix + question.id, prefix + question.id + "_lines"]
            case .records:
                (question.record?.fields ?? []).filter { $0.format != .url }.map { prefix + question.id + "." + $0.id }
            default: []
            }
        }
    }

    // MARK: - Where in the file

    /// The line of the first tag naming `name` (or its last part) in the body.
    static func line(ofName name: String, in section: Section, raw: Bool = false) -> Int {
        let candidates = [name, String(name.split(separator: ".").last ?? "")]
        let lines = section.body.split(separator: "\n", omittingEmptySubsequences: false)
        for candidate in candidates where !candidate.isEmpty {
            let opening = raw ? ["{{{", "{{&"] : ["{{"]
            for (offset, line) in lines.enumerated() {
                for open in opening {
                    for sigil in raw ? [""] : ["", "#", "^", "&", "{"] {
                        if line.contains(open + sigil + candidate + (raw && open == "{{{" ? "}}}" : "}}"))
                            || line.contains(open + sigil + " " + candidate) || line.contains(open + sigil + candidate + ".")
                            || line.contains(open + sigil + candidate + " ") {
                            return section.bodyLine + offset
                        }
                    }
                }
            }
        }
        return section.bodyLine
    }

    /// The line of the body holding `text` as printed (its first words).
    static func line(ofText text: String, in section: Section) -> Int {
        let words = String(text.prefix(20))
        for (offset, line) in section.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(words) {
            return section.bodyLine + offset
        }
        return section.bodyLine
    }
}

/// The company's names beyond the security contact's, for the probe.
enum CompanyContext {
    static let extraKeys = ["privacy_contact", "privacy_contact_url"]
    static let typedKeys = ["privacy_contact"]
}

/// The paths whose text a person typed, for one section's check: its own and
/// the company's, and every other section's (`others` holds every section's;
/// the section's own under `ownPrefix` are not among them).
struct TypedPaths {
    let own: Set<String>
    let others: Set<String>
    let ownPrefix: String

    func contains(_ path: String) -> Bool {
        own.contains(path) || (others.contains(path) && !path.hasPrefix(ownPrefix))
    }
}

/// The other sections' answers under `sections`, for one section's probe:
/// the catalog's shapes, less the section's own.
struct ProbeOtherSections: @unchecked Sendable {
    let all: [String: Any]
    let excluded: String

    subscript(name: String) -> Any? { name == excluded ? nil : all[name] }
}

/// What the probe saw in one rendering.
final class ProbeLog: @unchecked Sendable {
    let falsy: Set<String>
    let typed: TypedPaths
    var seen: Set<String> = []
    var unknown: [String] = []
    init(falsy: Set<String>, typed: TypedPaths) {
        self.falsy = falsy
        self.typed = typed
    }
}

/// One value of the probe context. A value looked up is a sequence of one
/// item, the value as a block's context: a lookup that fails on the value
/// itself (`{{company.nam}}`) is a wrong name, while one that fails on a
/// block's context (`{{label}}` inside `{{#frameworks.items}}`) goes on down
/// the stack, as it does on the page, and is wrong only if the root lacks it.
struct Probe: MustacheParent, MustacheCustomRenderable, MustacheSequence, @unchecked Sendable {
    enum Role { case root, returned, pushed }
    let path: String
    let value: Any
    let role: Role
    let log: ProbeLog

    static func marker(_ path: String) -> String { "\u{27EA}*\(path)*\u{27EB}" }

    /// The paths of the markers in `output`, in order: what follows each
    /// opening `⟪*` up to the next closing `*⟫`. A path without a `*` has its
    /// marker in `output` exactly when it is one of these.
    static func markedPaths(in output: String) -> [String] {
        let open: [UInt8] = [0xE2, 0x9F, 0xAA, 0x2A], close: [UInt8] = [0x2A, 0xE2, 0x9F, 0xAB]
        var paths: [String] = []
        var output = output
        output.withUTF8 { bytes in
            var index = 0
            while index + open.count <= bytes.count {
                guard bytes[index] == open[0], bytes[index..<(index + open.count)].elementsEqual(open) else { index += 1; continue }
                let start = index + open.count
                var end = start
                while end + close.count <= bytes.count && !bytes[end..<(end + close.count)].elementsEqual(close) { end += 1 }
                guard end + close.count <= bytes.count else { return }
                paths.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                index = start
            }
        }
        return paths
    }

    /// The value's child `name`, whatever kind of map the value is.
    func lookup(_ name: String) -> Any? {
        if let map = value as? [String: Any] { return map[name] }
        if let value = value as? TemplateValue { return value.children[name] }
        if let others = value as? ProbeOtherSections { return others[name] }
        return nil
    }

    func child(named name: String) -> Any? {
        let childPath = path.isEmpty ? name : path + "." + name
        guard let child = lookup(name) else {
            if role != .pushed { log.unknown.append(childPath) }
            return nil
        }
        log.seen.insert(childPath)
        // False, not absent: the name is there, so the lookup stops here as
        // it does on the page, and `{{^name}}` shows its inside.
        if log.falsy.contains(childPath) { return false }
        return Probe(path: childPath, value: child, role: .returned, log: log)
    }

    func makeIterator() -> IndexingIterator<[Probe]> {
        let item: Any = (value as? TemplateList)?.items.first ?? value
        return [Probe(path: path, value: item, role: .pushed, log: log)].makeIterator()
    }

    var renderText: String { log.typed.contains(path) ? Self.marker(path) : "x" }
    var isNull: Bool { false }
}
