import CLibFuzzer
import FuzzSupport
import OverviewCore
#if canImport(Glibc)
import Glibc
#endif

// Any bytes as a custom section file (front matter and template): parsing may
// refuse them, never crash or hang. A section that loads is rendered.
exit(runFuzzer { data in
    guard let text = String(validating: data, as: UTF8.self) else { return }
    guard let section = try? Catalog.section(parsing: text, file: "fuzz.md") else { return }
    _ = PageRenderer(catalog: Catalog(sections: [section])).sectionMarkdown(section, FuzzAnswers.affirmingAll(section))
})
