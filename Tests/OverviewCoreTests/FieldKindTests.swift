import Foundation
import Testing
import Yams
@testable import OverviewCore

/// Each kind of question, through what it owns: picking, checking, the
/// answers file and the template.
@Suite("Field kinds")
struct FieldKindTests {
    static func question(_ kind: QuestionKind, format: TextFormat? = nil) -> Question {
        let choices = kind == .single || kind == .multiple
            ? [Choice(id: "a", label: "A", url: nil, affirms: true), Choice(id: "b", label: "B", url: nil, affirms: true),
               Choice(id: "none", label: "None", url: nil, affirms: false)]
            : []
        return Question(id: "q", kind: kind, label: "Q", help: nil, required: false, choices: choices, format: format, when: nil)
    }

    @Test("Space picks, picks another, and un-picks, as each kind means it")
    func picking() {
        let yesno = Self.question(.yesno)
        #expect(yesno.options == ["Yes", "No"])
        #expect(yesno.picking(0, in: nil) == .bool(true))
        #expect(yesno.picking(1, in: .bool(true)) == .bool(false))
        #expect(yesno.picking(1, in: .bool(false)) == nil)
        #expect(yesno.isPicked(1, in: .bool(false)) && !yesno.isPicked(0, in: .bool(false)))

        let single = Self.question(.single)
        #expect(single.picking(1, in: .choice("a")) == .choice("b"))
        #expect(single.picking(1, in: .choice("b")) == nil)

        let multiple = Self.question(.multiple)
        #expect(multiple.picking(1, in: nil) == .choices(["b"]))
        #expect(multiple.picking(0, in: .choices(["b"])) == .choices(["a", "b"]), "catalog order, whatever the order of ticking")
        #expect(multiple.picking(1, in: .choices(["b"])) == nil)

        for kind in [QuestionKind.text, .multiline] {
            #expect(Self.question(kind).options.isEmpty && Self.question(kind).isTyped)
        }
        #expect(Self.question(.multiline).isMultiline && !Self.question(.text).isMultiline)
    }

    @Test("Typed text is checked by its kind and its format")
    func checks() {
        #expect(Self.question(.text).problem(with: "two\nlines") == "one line only")
        #expect(Self.question(.multiline).problem(with: "two\nlines") == nil)
        #expect(Self.question(.text, format: .days).problem(with: "ninety") == "'ninety' is not a number of days (digits only, like 90)")
        let contact = Self.question(.text, format: .contact)
        #expect(contact.problem(with: "security@example.com") == nil)
        #expect(contact.problem(with: "https://example.com/report") == nil)
        #expect(contact.problem(with: "call us") == "'call us' is not an email address or an https:// URL")
        // The company's contact is such a question, so the wizard and the
        // answers file say the same.
        #expect(CompanyField.securityContact.question.problem(with: "call us") == contact.problem(with: "call us"))
    }

    @Test("Every kind reads back what it writes", arguments: [
        (QuestionKind.yesno, AnswerValue.bool(false)),
        (.single, .choice("b")),
        (.multiple, .choices(["a", "b"])),
        (.text, .text("yes: it's \"quoted\" # not a comment")),
        (.multiline, .text("line one\n  line two\n")),
    ])
    func roundTrip(kind: QuestionKind, value: AnswerValue) throws {
        let question = Self.question(kind)
        let yaml = try Yams.serialize(node: question.field.yaml(value, of: question))
        let reader = YAMLReader(file: "t.yml")
        let node = try #require(try reader.compose(yaml))
        #expect(try question.field.read(node, of: question, as: "q", reader) == value)
    }

    @Test("A number of days is written as a number")
    func daysAreNumbers() throws {
        let question = Self.question(.text, format: .days)
        #expect(try Yams.serialize(node: question.field.yaml(.text("90"), of: question)) == "90\n")
    }

    @Test("Each kind refuses the definitions that make no sense for it")
    func definitions() {
        var yesno = Self.question(.yesno)
        yesno.choices = Self.question(.single).choices
        #expect(yesno.field.definitionProblem(yesno) == "question 'q' is yesno and cannot have choices")
        var single = Self.question(.single)
        single.choices = []
        #expect(single.field.definitionProblem(single) == "question 'q' is single choice but has no choices")
        #expect(Self.question(.multiline, format: .days).field.definitionProblem(Self.question(.multiline, format: .days))
                == "question 'q': 'validate' is for text questions (a multiline question takes contact or url, checked on each line)")
        #expect(Self.question(.multiline, format: .contact).field.definitionProblem(Self.question(.multiline, format: .contact)) == nil)
        #expect(Self.question(.text, format: .days).field.definitionProblem(Self.question(.text, format: .days)) == nil)
    }

    @Test("What a template sees: labels of affirming choices, lines of a multi-line answer")
    func templateValues() {
        let multiple = Self.question(.multiple)
        let none = multiple.field.templateValues(.choices(["none"]), of: multiple)
        #expect(none.isEmpty, "a list of nothing that affirms leaves the name out, so its block stays silent")
        let picked = multiple.field.templateValues(.choices(["a", "b"]), of: multiple)
        #expect((picked["q"] as? TemplateValue)?.text == "A and B", "as a sentence lists two")
        let lines = Self.question(.multiline).field.templateValues(.text("one\n\n two \n"), of: Self.question(.multiline))
        #expect((lines["q_lines"] as? TemplateList)?.items.map(\.text) == ["one", "two"])
        #expect(Self.question(.text).field.templateValues(.text("   "), of: Self.question(.text)).isEmpty)
    }

    @Test("The profile's questions are of the same kinds, stored where the profile keeps them")
    func profileQuestions() {
        var profile = Profile()
        for field in ProfileField.allCases {
            let question = field.question
            #expect(question.kind == .single || question.kind == .yesno, "\(field)")
            field.set(question.picking(0, in: nil), in: &profile)
            #expect(field.value(in: profile) == question.picking(0, in: nil))
        }
        #expect(profile.missingFields.isEmpty)
        #expect(profile.stage == .preSeed && profile.enterpriseCustomers == true)
        ProfileField.stage.set(nil, in: &profile)
        #expect(profile.missingFields == ["stage"])
    }

    @Test("A string written without asking Yams' resolver is the string Yams writes")
    func plainScalars() throws {
        // Each default rule's examples, its near misses, and plain words.
        var texts = ["", "~", "<<", "=", "<", "==", "null", "Null", "NULL", "nULL", "nul", "nulls",
                     "0", "-0", "+12", "012", "0o17", "0O17", "0b101", "0x1F", "0xfg", "1_000", "1,000", "12:30", "190:20:30",
                     "1.5", ".5", "1e5", "1.0e+5", "6.8523015e+5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", ".nAn",
                     "2026-09-30", "2026-9-3 1:02:03", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 Z",
                     "2027-Q4", "2027 Q4", "24 hours", "30 days", "99.9%", "1.2.3", "- item", "-", "+", ".", "...", "-x", ".git",
                     "October 1, 2025", "Our team", "The team", "Yesterday", "Note number 3 with *stars* and <tags>",
                     "é ü", "日本", "#tag", "@handle", "`code`", "'quoted'", "\"double\"", "a: b", "a #b", " lead", "trail ",
                     "yes\r", "12\r", "x\u{85}", "x\u{2028}", "tab\there", "bell\u{7}"]
        for word in ["yes", "no", "true", "false", "on", "off"] {
            texts += [word, word.capitalized, word.uppercased(), String(word.reversed()), word + "!", word + " ", " " + word,
                      String(word.prefix(1)) + word.dropFirst().uppercased()]
        }
        for text in texts {
            let fast = try Yams.serialize(node: YAMLNode.string(text), allowUnicode: true)
            let yams = try Yams.serialize(node: text.contains("\n") ? YAMLNode.string(text) : .scalar(text.represented()),
                                          allowUnicode: true)
            #expect(fast == yams, "\(text.debugDescription)")
            if PlainScalar.isString(text) {
                #expect(Resolver.default.resolveTag(of: Node(text)) == .str, "\(text.debugDescription) was taken for a string")
            }
        }
        // The words are the ones the resolver reads as something else.
        for word in PlainScalar.words {
            #expect(Resolver.default.resolveTag(of: Node(word)) != .str, "\(word)")
        }
    }

    /// The link, address and domain checks test UTF-8 bytes: held here to the
    /// tests of each Unicode scalar they replaced, for every scalar of the
    /// Basic Multilingual Plane (surrogates aside) and a few beyond it, in
    /// each place of a link, an address, a domain and a language subtag.
    @Test("Links, addresses and domains are checked byte by byte as they were scalar by scalar")
    func byteChecksAsScalarChecks() {
        let urlScalar = { (text: String) in
            text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && !"<>\"`{}|\\^ ()[]'".unicodeScalars.contains($0) && $0.value != 127 }
        }
        let emailScalar = { (text: Substring) in
            text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
        }
        let labelScalar = { (text: Substring) in
            text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        let alphanumericScalar = { (text: Substring) in
            text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
        let scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init) + ["\u{1F600}", "\u{10FFFF}", "\u{E0041}"]
        var differing: [String] = []
        for scalar in scalars {
            let c = String(scalar)
            let url = "https://example.com/a\(c)b"
            if urlScalar(url) != url.utf8.allSatisfy(TextFormat.isURLByte) { differing.append("url \(scalar.value)") }
            let local = Substring("a\(c)b")
            if emailScalar(local) != local.utf8.allSatisfy(TextFormat.isEmailLocalByte) { differing.append("email \(scalar.value)") }
            let label = Substring("a\(c)b")
            if labelScalar(label) != label.utf8.allSatisfy({ TextFormat.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }) {
                differing.append("label \(scalar.value)")
            }
            if alphanumericScalar(label) != label.utf8.allSatisfy(TextFormat.isLetterOrDigit) { differing.append("subtag \(scalar.value)") }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
        #expect(TextFormat.url.problem(with: "https://example.com/a b") != nil)
        #expect(TextFormat.url.problem(with: "https://example.com/é") != nil)
        #expect(TextFormat.url.problem(with: "https://example.com/a?b=c#d") == nil)
        #expect(TextFormat.email.problem(with: "sécurité@example.com") != nil)
        #expect(TextFormat.email.problem(with: "security+team@example.com") == nil)
        #expect(TextFormat.domain.problem(with: "exämple.com") != nil)
        #expect(TextFormat.domain.problem(with: "sub-domain.example.com") == nil)
    }
}
