import Foundation
import Testing

/// The command line's answers to odd arguments and files: one safe line, the
/// right exit status.
@Suite struct HardeningCommandLineTests {
    @Test("An empty --output is named as such")
    func emptyOutput() throws {
        let result = try Run.tool(["render", "--answers", CommandLineTests.fixture("pre-seed.yml"), "-o", ""])
        #expect(result.status == 1)
        #expect(result.stderr == "error: --output is empty: give a file name, or - for standard output\n")
    }

    @Test("Argument errors do not echo escape sequences to the terminal")
    func argumentErrorsAreSafe() throws {
        let result = try Run.tool(["render", "--answers", "x", "--\u{1B}]0;owned\u{07}\u{1B}[2J"])
        #expect(result.status == 64)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"), "\(result.stderr)")
        #expect(result.stderr.contains("Unknown option"))
    }

    @Test("--help and --version to a full device fail", arguments: [["--help"], ["--version"], ["render", "--help"]])
    func helpToAFullDevice(_ arguments: [String]) throws {
        let result = try Run.tool(arguments, stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr.contains("standard output: cannot write: No space left on device"), "\(result.stderr)")
        #expect(try Run.tool(arguments).status == 0)
    }

    @Test("A symbolic link loop is called one")
    func symlinkLoop() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = scratch.file("a.yml"), b = scratch.file("b.yml")
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        let result = try Run.tool(["render", "--answers", a])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(a): is a symbolic link loop (the links lead back to themselves)\n")
    }

    @Test("export refuses outputs outside the answers file's folder unless told")
    func outputsOutside() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fixture = try String(contentsOfFile: CommandLineTests.fixture("pre-seed.yml"), encoding: .utf8)
        try FileManager.default.createDirectory(atPath: scratch.file("repo"), withIntermediateDirectories: true)
        let answers = try scratch.write("repo/security-overview.yml",
                                        fixture.replacingOccurrences(of: "reviewed:", with: "outputs:\n  page: ../escaped.md\nreviewed:"))
        let refused = try Run.tool(["export", "--answers", answers])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("outputs.page '../escaped.md' is outside the answers file's folder; nothing was written"), "\(refused.stderr)")
        #expect(scratch.read("escaped.md") == nil)
        let allowed = try Run.tool(["export", "--answers", answers, "--allow-outputs-outside"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(scratch.read("escaped.md") != nil)
    }

    @Test("render will not write over the answers file's draft")
    func draftIsNoOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = try scratch.write("a.yml", try String(contentsOfFile: CommandLineTests.fixture("pre-seed.yml"), encoding: .utf8))
        let draft = try scratch.write("a.yml.draft", "version: 1\n")
        let result = try Run.tool(["render", "--answers", answers, "-o", draft])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is the answers file's draft; nothing was written"))
        #expect(scratch.read("a.yml.draft") == "version: 1\n")
    }
}
