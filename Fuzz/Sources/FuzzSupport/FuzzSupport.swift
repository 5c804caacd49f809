import CLibFuzzer
import OverviewCore

/// What the running fuzz target does with one input (libFuzzer calls a C
/// function, which cannot capture it).
nonisolated(unsafe) private var currentTest: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Hands the process's arguments to libFuzzer and runs `test` on every input
/// it generates; returns libFuzzer's exit status.
public func runFuzzer(_ test: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Int32 {
    currentTest = test
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        currentTest?(UnsafeBufferPointer(start: data, count: size))
        return 0
    }
}

/// Answers that make every question of a section say something, with text
/// that tries every escape: a section that loads is rendered in full.
public enum FuzzAnswers {
    public static func affirmingAll(_ section: Section) -> Answers {
        var given = SectionAnswers(include: true)
        let text = "a *b* <i>&amp;</i> {{<x>}} www.example.com/x a@b.example\n: def\n1. x"
        for question in section.questions {
            switch question.kind {
            case .yesno: given.answers[question.id] = .bool(true)
            case .single: given.answers[question.id] = question.choices.first.map { .choice($0.id) }
            case .multiple: given.answers[question.id] = .choices(question.choices.map(\.id))
            case .text: given.answers[question.id] = .text(text.replacingOccurrences(of: "\n", with: " "))
            case .multiline: given.answers[question.id] = .text(text)
            case .records:
                // One record with every field, each as hostile as a one-line text.
                let fields = question.record?.fields ?? []
                let record = Dictionary(uniqueKeysWithValues: fields.map { ($0.id, "| " + text.replacingOccurrences(of: "\n", with: " ")) })
                given.answers[question.id] = record.isEmpty ? nil : .records([record])
            }
        }
        return Answers(company: Company(name: "Fuzz {{%x%}}", domain: "fuzz.example", securityContact: "{{%x%}}@fuzz.example"),
                       sections: [section.id: given], reviewed: "2026-01-01")
    }
}
