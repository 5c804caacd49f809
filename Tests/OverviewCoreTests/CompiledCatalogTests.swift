import CatalogBuild
import Foundation
import Testing
@testable import OverviewCore

/// `CompiledCatalog.swift` is Swift that builds the built-in sections as the
/// parser builds them from `sections/*.md`. These tests write it (when asked
/// to, by `scripts/compile-catalog`), fail while it is stale, and check that
/// what it builds is what the parser builds, every stored value of it.
@Suite struct CompiledCatalogTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/OverviewCore/Catalog/CompiledCatalog.swift").standardizedFileURL.path

    /// What a start compares with the compiled catalog's: the embedder's sum over these files.
    static func fingerprint<Files: Sequence>(_ files: Files) -> UInt64 where Files.Element == BuiltinCatalog.File {
        CatalogBuild.fingerprint(files.map { (name: $0.name, text: $0.text) })
    }

    /// The parser's sections, from the texts compiled into the binary.
    static func parsed() throws -> [Section] { try BuiltinCatalog.parsed(BuiltinCatalog.files) }

    @Test func theCompiledCatalogIsCurrent() throws {
        let source = CatalogSource.file(try Self.parsed(), fingerprint: Self.fingerprint(BuiltinCatalog.files))
        if ProcessInfo.processInfo.environment["SECURITY_OVERVIEW_WRITE_COMPILED_CATALOG"] == "1" {
            try source.write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        let onDisk = try String(contentsOfFile: Self.path, encoding: .utf8)
        if onDisk != source {
            let (disk, fresh) = (onDisk.split(separator: "\n", omittingEmptySubsequences: false),
                                 source.split(separator: "\n", omittingEmptySubsequences: false))
            let line = zip(disk, fresh).enumerated().first { $1.0 != $1.1 }?.offset ?? min(disk.count, fresh.count)
            Issue.record("CompiledCatalog.swift:\(line + 1) is not what sections/*.md give: run scripts/compile-catalog")
        }
        #expect(BuiltinCatalog.compiledFingerprint == Self.fingerprint(BuiltinCatalog.files))
        // The embedder's sum, which a start compares, is this one.
        #expect(BuiltinCatalog.filesFingerprint == Self.fingerprint(BuiltinCatalog.files))
    }

    /// Every stored value, the order of dictionaries and sets aside: a field
    /// the emitter forgot would be left at its default here and differ.
    @Test func theCompiledSectionsAreTheParsedOnes() throws {
        let parsed = try Self.parsed()
        let compiled = BuiltinCatalog.compiledSections()
        #expect(compiled.count == parsed.count)
        for (a, b) in zip(compiled, parsed) {
            #expect(Self.canonical(a) == Self.canonical(b), "\(b.source)")
        }
        // And a start takes them.
        #expect(try BuiltinCatalog.sections().map(Self.canonical) == parsed.map(Self.canonical))
    }

    /// A section edited after the Swift was written: the start parses the files.
    @Test func filesThatChangedAreParsed() throws {
        var files = BuiltinCatalog.files
        let index = try #require(files.firstIndex { $0.text.contains("title: ") })
        files[index].text = files[index].text.replacingOccurrences(of: "title: ", with: "title: Edited ", options: [], range: nil)
        files[index].frontMatter = nil
        #expect(Self.fingerprint(files) != BuiltinCatalog.compiledFingerprint)
        let sections = try BuiltinCatalog.parsed(files)
        #expect(sections[index].title.hasPrefix("Edited "))
        // Names count as much as texts, and the order of the files too.
        var renamed = BuiltinCatalog.files
        renamed[0].name += "x"
        #expect(Self.fingerprint(renamed) != BuiltinCatalog.compiledFingerprint)
        #expect(Self.fingerprint(BuiltinCatalog.files.reversed()) != BuiltinCatalog.compiledFingerprint)
    }

    /// A value as text through every stored property (Mirror), with the
    /// entries of dictionaries and sets sorted, and a template by its text.
    static func canonical(_ value: Any) -> String {
        if let template = value as? SectionTemplate { return "template(\(template.body.debugDescription))" }
        let mirror = Mirror(reflecting: value)
        let children = mirror.children.map { child in (child.label.map { $0 + ": " } ?? "") + canonical(child.value) }
        switch mirror.displayStyle {
        case .dictionary?, .set?: return "{" + children.sorted().joined(separator: ", ") + "}"
        case nil: return String(reflecting: value)
        case .optional? where children.isEmpty: return "nil"
        case .enum?: return "\(value)".prefix { $0 != "(" } + "(" + children.joined(separator: ", ") + ")"
        default: return "\(type(of: value))(" + children.joined(separator: ", ") + ")"
        }
    }
}

/// Swift source that builds sections: what `CompiledCatalog.swift` holds.
/// Every value is written through its type's initializer or case, by name.
enum CatalogSource {
    static func file(_ sections: [Section], fingerprint: UInt64) -> String {
        var out = """
        // Written by scripts/compile-catalog from sections/*.md. Do not edit.
        //
        // The built-in sections as Swift, so that a start builds them instead of
        // checking every file's front matter again (see BuiltinCatalog). A test
        // fails when this differs from what the parser makes of sections/*.md.

        extension BuiltinCatalog {
            static let compiledFingerprint: UInt64 = 0x\(String(fingerprint, radix: 16))

            static func compiledSections() -> [Section] {
                [\(sections.indices.map { "section\($0)()" }.joined(separator: ", "))]
            }

        """
        for (index, section) in sections.enumerated() {
            // The head at once; the rest built when first asked for (a
            // revise's first frame asks for none of it).
            out += "\n    /// \(section.source)\n"
            out += "    private static func section\(index)() -> Section {\n"
            out += "        Section(id: \(string(section.id)), title: \(string(section.title)), anchor: \(optional(section.anchor, string)), "
                + "order: \(section.order), source: \(string(section.source)), details: SectionDetailsBox(building: details\(index)))\n"
            out += "    }\n"
            out += "\n    @Sendable private static func details\(index)() -> SectionDetails {\n"
            out += "        var questions: [Question] = []\n"
            for question in section.questions { out += "        questions.append(\(self.question(question)))\n" }
            if let line = section.securityTxt?.line {
                out += "        var securityTxt: SecurityTxtContract? = \(optional(section.securityTxt, contract))\n"
                out += "        securityTxt?.line = \(line)\n"
            } else {
                out += "        let securityTxt: SecurityTxtContract? = \(optional(section.securityTxt, contract))\n"
            }
            out += "        return SectionDetails(\n"
            let arguments = [
                "rule: RecommendationRule(anyOf: \(list(section.rule.anyOf, condition)))",
                "guidance: Guidance(who: \(string(section.guidance.who)), why: \(string(section.guidance.why)), how: \(string(section.guidance.how)))",
                "questions: questions",
                "body: \(string(section.body))",
                "securityTxt: securityTxt",
                "retired: \(list(section.retired.sorted(), string))",
                "fixedText: \(section.fixedText)",
                "conflicts: \(list(section.conflicts, conflict))",
                "bodyLine: \(section.bodyLine)",
                "template: SectionTemplate(body: \(string(section.template.body)))",
                "glance: \(optional(section.glance, glance))",
            ]
            out += arguments.map { "            " + $0 }.joined(separator: ",\n") + ")\n"
            out += "    }\n"
        }
        return out + "}\n"
    }

    static func string(_ text: String) -> String { CatalogBuild.swiftLiteral(text) }

    static func optional<T>(_ value: T?, _ write: (T) -> String) -> String { value.map(write) ?? "nil" }

    static func list<T>(_ values: [T], _ write: (T) -> String) -> String {
        "[" + values.map(write).joined(separator: ", ") + "]"
    }

    static func question(_ question: Question) -> String {
        "Question(id: \(string(question.id)), kind: .\(question.kind.caseName), label: \(string(question.label)), "
            + "help: \(optional(question.help, string)), required: \(question.required), choices: \(list(question.choices, choice)), "
            + "format: \(optional(question.format) { "." + $0.caseName }), when: \(optional(question.when, when)), "
            + "record: \(optional(question.record, record)))"
    }

    static func choice(_ choice: Choice) -> String {
        "Choice(id: \(string(choice.id)), label: \(string(choice.label)), url: \(optional(choice.url, string)), "
            + "affirms: \(choice.affirms), exclusive: \(choice.exclusive))"
    }

    static func record(_ shape: RecordShape) -> String {
        "RecordShape(noun: \(string(shape.noun)), fields: \(list(shape.fields, recordField)))"
    }

    static func recordField(_ field: RecordField) -> String {
        "RecordField(id: \(string(field.id)), label: \(string(field.label)), required: \(field.required), "
            + "format: \(optional(field.format) { "." + $0.caseName }))"
    }

    static func when(_ condition: QuestionCondition) -> String {
        switch condition {
        case .profile(let profile): ".profile(\(self.condition(profile)))"
        case .answerIs(let question, let value): ".answerIs(question: \(string(question)), value: \(answer(value)))"
        case .answerIncludes(let question, let choice): ".answerIncludes(question: \(string(question)), choice: \(string(choice)))"
        }
    }

    static func answer(_ value: AnswerValue) -> String {
        switch value {
        case .bool(let value): ".bool(\(value))"
        case .choice(let id): ".choice(\(string(id)))"
        case .choices(let ids): ".choices(\(list(ids, string)))"
        case .text(let text): ".text(\(string(text)))"
        case .records(let records):
            ".records(\(list(records) { record in record.isEmpty ? "[:]" : "[" + record.sorted { $0.key < $1.key }.map { "\(string($0.key)): \(string($0.value))" }.joined(separator: ", ") + "]" }))"
        }
    }

    static func condition(_ condition: ProfileCondition) -> String {
        switch condition {
        case .always: ".always"
        case .stageAtLeast(let stage): ".stageAtLeast(.\(stage.caseName))"
        case .dataAtLeast(let data): ".dataAtLeast(.\(data.caseName))"
        case .dataIs(let data): ".dataIs(.\(data.caseName))"
        case .enterpriseCustomers(let value): ".enterpriseCustomers(\(value))"
        case .acceptsPayments(let value): ".acceptsPayments(\(value))"
        case .availabilityCritical(let value): ".availabilityCritical(\(value))"
        case .hosting(let values): ".hosting(\(list(values) { "." + $0.caseName }))"
        case .aiCustomerData(let value): ".aiCustomerData(\(value))"
        }
    }

    static func contract(_ contract: SecurityTxtContract) -> String {
        let fields = SecurityTxtContract.Field.allCases.compactMap { field in
            contract.fields[field].map { sources in
                ".\(field.caseName): " + list(sources) { source in
                    switch source {
                    case .answer(let id): ".answer(\(string(id)))"
                    case .onPage: ".onPage"
                    }
                }
            }
        }
        return "SecurityTxtContract(pageLink: \(optional(contract.pageLink, string)), fields: "
            + (fields.isEmpty ? "[:]" : "[" + fields.joined(separator: ", ") + "]") + ")"
    }

    static func conflict(_ conflict: ChoiceConflict) -> String {
        func pick(_ pick: ChoicePick) -> String { "ChoicePick(question: \(string(pick.question)), choice: \(string(pick.choice)))" }
        return "ChoiceConflict(first: \(pick(conflict.first)), second: \(pick(conflict.second)))"
    }

    static func glance(_ glance: AtAGlance) -> String {
        "AtAGlance(templates: " + list(glance.templates) { "(group: .\($0.group.caseName), template: SectionTemplate(body: \(string($0.template.body))))" } + ")"
    }
}

fileprivate extension RawRepresentable {
    /// The case's name in Swift (`seriesA`), whatever its raw value (`series-a`).
    var caseName: String { "\(self)" }
}
