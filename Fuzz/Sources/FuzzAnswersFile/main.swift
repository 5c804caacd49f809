import CLibFuzzer
import FuzzSupport
import OverviewCore
#if canImport(Glibc)
import Glibc
#endif

// Any bytes as an answers file: parsing may refuse them, never crash or hang.
// With valid UTF-8 that parses, saving and parsing again must give the same answers.
let catalog = try! Catalog.builtin()

exit(runFuzzer { data in
    guard let text = String(validating: data, as: UTF8.self) else { return }
    guard let answers = try? AnswersFile.parse(text, file: "fuzz.yml", catalog: catalog) else { return }
    _ = AnswersFile.keyLines(text)
    let saved = AnswersFile.serialize(answers, catalog: catalog)
    guard let again = try? AnswersFile.parse(saved, file: "saved.yml", catalog: catalog) else {
        fatalError("an answers file that loaded does not load once saved:\n\(saved)")
    }
    precondition(AnswersFile.serialize(again, catalog: catalog) == saved, "saving is not stable")
    for format in PageFormat.allCases { _ = PageRenderer(catalog: catalog).page(answers, format: format) }
    _ = try? SecurityTxt.text(answers, catalog: catalog, file: "fuzz.yml", today: ReviewDate(year: 2026, month: 1, day: 1))
})
