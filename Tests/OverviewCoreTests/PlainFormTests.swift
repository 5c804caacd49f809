import Testing
@testable import OverviewCore

/// Each kind's plain form: how the line-by-line mode lists a question's
/// options, quotes its answer, and reads a typed line.
@Suite("Field kinds, plain form")
struct PlainFormTests {
    static func question(_ kind: QuestionKind, format: TextFormat? = nil) -> Question {
        FieldKindTests.question(kind, format: format)
    }

    @Test("Prompts show what to type, the answer Enter keeps, and how to skip")
    func prompts() {
        #expect(Self.question(.yesno).plainPrompt(nil) == "y or n [Enter: skip]: ")
        #expect(Self.question(.yesno).plainPrompt(.bool(false)) == "y or n [Enter: keep \"no\"; -: skip]: ")
        #expect(Self.question(.single).plainPrompt(.choice("b")) == "A number from 1 to 3 [Enter: keep \"B\"; -: skip]: ")
        #expect(Self.question(.multiple).plainPrompt(.choices(["a", "b"]))
            == "Numbers of all that apply, separated by commas (1 to 3) [Enter: keep \"A, B\"; -: skip]: ")
        #expect(Self.question(.text).plainPrompt(.text("Acme")) == "Answer [Enter: keep \"Acme\"; -: skip]: ")
        #expect(Self.question(.multiline).plainPrompt(.text("one\ntwo"))
            == "Lines of text, then a line holding only . [Enter: keep \"one … (2 lines)\"; -: skip]: ")
        let stage = ProfileField.stage.question
        #expect(stage.plainPrompt(.choice("seed")) == "A number from 1 to 5 [Enter: keep \"Seed\"; -: skip]: ")
    }

    @Test("Options are numbered; a multiple choice marks what is ticked; typed fields list none")
    func options() {
        #expect(Self.question(.single).plainOptions(.choice("a")) == ["1) A", "2) B", "3) None"])
        #expect(Self.question(.multiple).plainOptions(.choices(["b"])) == ["1) [ ] A", "2) [x] B", "3) [ ] None"])
        #expect(Self.question(.yesno).plainOptions(nil).isEmpty)
        #expect(Self.question(.text).plainOptions(.text("x")).isEmpty)
        #expect(Self.question(.multiline).plainOptions(nil).isEmpty)
        #expect(ProfileField.stage.question.plainOptions(nil).first == "1) Pre-seed")
    }

    @Test("A typed line becomes the answer its kind means: numbers, ids, y/n, text")
    func answers() {
        #expect(Self.question(.yesno).plainAnswer("Y") == .answer(.bool(true)))
        #expect(Self.question(.yesno).plainAnswer(" no ") == .answer(.bool(false)))
        #expect(Self.question(.single).plainAnswer("2") == .answer(.choice("b")))
        #expect(Self.question(.single).plainAnswer("none") == .answer(.choice("none")), "an id works too")
        #expect(Self.question(.multiple).plainAnswer("3, 1") == .answer(.choices(["a", "none"])), "catalog order")
        #expect(Self.question(.multiple).plainAnswer("2 2 b") == .answer(.choices(["b"])))
        #expect(Self.question(.text).plainAnswer(" Acme ") == .answer(.text(" Acme ")), "typed text is kept as typed")
        #expect(Self.question(.multiline).plainAnswer("one\ntwo") == .answer(.text("one\ntwo")))
        #expect(Self.question(.text, format: .days).plainAnswer("90") == .answer(.text("90")))
    }

    @Test("A line that is no answer says why, in one line")
    func rejections() {
        #expect(Self.question(.yesno).plainAnswer("maybe") == .rejected("'maybe' is not an answer to a yes/no question: type y or n"))
        #expect(Self.question(.single).plainAnswer("4") == .rejected("'4' is not one of the choices: type a number from 1 to 3"))
        #expect(Self.question(.single).plainAnswer("0") == .rejected("'0' is not one of the choices: type a number from 1 to 3"))
        #expect(Self.question(.multiple).plainAnswer("1,7") == .rejected("'7' is not one of the choices: type numbers from 1 to 3"))
        #expect(Self.question(.multiple).plainAnswer(",") == .rejected("type the numbers of all that apply, such as 1,3"))
        #expect(Self.question(.text, format: .days).plainAnswer("ninety") == .rejected("'ninety' is not a number of days (digits only, like 90)"))
        #expect(CompanyField.domain.question.plainAnswer("example") == .rejected("'example' is not a domain like example.com"))
        // An arrow key in a terminal that cannot move the cursor types an escape sequence.
        #expect(Self.question(.text).plainAnswer("Acme\u{1B}[A")
            == .rejected("the answer holds a control character (an arrow or function key?): type it again"))
        #expect(Self.question(.multiline).plainAnswer("a\u{1B}b") != .answer(.text("a\u{1B}b")))
    }
}
