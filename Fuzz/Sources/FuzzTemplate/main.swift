import CLibFuzzer
import FuzzSupport
import OverviewCore
#if canImport(Glibc)
import Glibc
#endif

// Any bytes as the template body of a section with a fixed front matter:
// refused or rendered, never a crash or a hang.
let frontMatter = """
    ---
    id: fuzz
    title: Fuzz
    order: 1
    guidance: {who: Everyone., why: Because.}
    questions:
      - {id: ok, kind: yesno, label: Yes?}
      - {id: note, kind: multiline, label: A note}
      - {id: pick, kind: multiple, label: Pick, choices: [{id: a, label: A}, {id: b, label: B, url: "https://b.example"}]}
    ---

    """

exit(runFuzzer { data in
    guard let body = String(validating: data, as: UTF8.self) else { return }
    guard let section = try? Catalog.section(parsing: frontMatter + body, file: "fuzz.md") else { return }
    _ = PageRenderer(catalog: Catalog(sections: [section])).sectionMarkdown(section, FuzzAnswers.affirmingAll(section))
})
