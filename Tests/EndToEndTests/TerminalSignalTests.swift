import Foundation
import Testing

/// The wizard in a pseudo-terminal of its own (Python's pty module), with every
/// byte it writes kept: what it asks of the terminal, and the terminal's modes
/// after a signal.
@Suite struct TerminalSignalTests {
    static var enabled: Bool { Run.onPath("python3") || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Starts the wizard with `TERM=term`, waits, sends each signal in turn
    /// (waiting after each), then reports the output, the exit status and the
    /// terminal's local modes.
    static let driver = #"""
        import json, os, pty, select, signal, sys, termios, time
        binary, folder, term = sys.argv[1:4]
        signals = sys.argv[4:]
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(folder)
            os.environ.update({"TERM": term, "LANG": "C.UTF-8", "LINES": "24", "COLUMNS": "80"})
            os.execv(binary, [binary])
        out, marks = b"", []
        def read(seconds):
            global out
            end = time.time() + seconds
            while time.time() < end:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    try:
                        out += os.read(fd, 65536)
                    except OSError:
                        return
        read(2.0)
        for name in signals:
            marks.append(len(out))
            os.kill(pid, getattr(signal, name))
            read(1.5)
        lflag = termios.tcgetattr(fd)[3]
        status = None
        for _ in range(50):
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
                break
            time.sleep(0.1)
        if status is None:
            os.kill(pid, signal.SIGKILL)
        print(json.dumps({"out": out.decode("latin-1"), "marks": marks, "status": status,
                          "canonical": bool(lflag & termios.ICANON), "echo": bool(lflag & termios.ECHO)}))
        """#

    struct Outcome: Decodable {
        var out: String
        var marks: [Int]
        var status: Int?
        var canonical: Bool
        var echo: Bool

        /// The output after the `index`-th signal was sent (bytes as Latin-1).
        func after(_ index: Int) -> String {
            let bytes = Array(out.unicodeScalars)
            let mark = marks[index]
            let end = index + 1 < marks.count ? marks[index + 1] : bytes.count
            return String(String.UnicodeScalarView(bytes[mark..<end]))
        }

        /// The last bracketed-paste request in `text`: true for on, false for off.
        static func pasteState(_ text: String) -> Bool? {
            let on = text.range(of: "\u{1B}[?2004h", options: .backwards)?.lowerBound
            let off = text.range(of: "\u{1B}[?2004l", options: .backwards)?.lowerBound
            switch (on, off) {
            case (nil, nil): return nil
            case (_?, nil): return true
            case (nil, _?): return false
            case let (on?, off?): return on > off
            }
        }
    }

    func run(term: String, signals: [String]) throws -> Outcome {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try Run.command("python3", ["-c", Self.driver, Run.binary, scratch.path, term] + signals)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Outcome.self, from: Data(result.stdout.utf8))
    }

    @Test("A terminal without bracketed paste (VT52) is not asked for it", .enabled(if: enabled))
    func vt52() throws {
        let outcome = try run(term: "vt52", signals: ["SIGTERM"])
        #expect(outcome.out.contains("Company name"), "the wizard ran")
        #expect(!outcome.out.contains("\u{1B}[?2004"))
        let xterm = try run(term: "xterm-256color", signals: ["SIGTERM"])
        #expect(xterm.out.contains("\u{1B}[?2004h"))
    }

    @Test("SIGQUIT gives the terminal back: canonical mode, echo, bracketed paste off", .enabled(if: enabled))
    func sigquit() throws {
        let outcome = try run(term: "xterm-256color", signals: ["SIGQUIT"])
        #expect(outcome.status == 128 + Int(SIGQUIT))
        #expect(outcome.canonical && outcome.echo)
        #expect(Outcome.pasteState(outcome.out) == false)
    }

    @Test("SIGTSTP turns bracketed paste off; SIGCONT turns it on and redraws; SIGTERM claims no draft", .enabled(if: enabled))
    func stopAndContinue() throws {
        // The wizard here leads its own session, an orphaned process group, so
        // the kernel does not really stop it: it leaves the screen and comes
        // straight back, as after a SIGCONT.
        let outcome = try run(term: "xterm-256color", signals: ["SIGTSTP", "SIGCONT", "SIGTERM"])
        let stopped = outcome.after(0) + outcome.after(1)
        let off = try #require(stopped.range(of: "\u{1B}[?2004l"), "paste off when stopped")
        #expect(Outcome.pasteState(String(stopped[off.lowerBound...])) == true, "paste on again")
        #expect(stopped[off.upperBound...].contains("Company name"), "the screen is drawn again")
        #expect(outcome.status == 128 + Int(SIGTERM))
        #expect(outcome.after(2).contains("Stopped by signal 15."))
        #expect(!outcome.after(2).contains("draft"), "nothing was typed: no draft to claim")
        #expect(Outcome.pasteState(outcome.out) == false)
    }
}

/// SIGKILL gives the wizard no chance to save anything: what is in the draft
/// then is all there is.
@Suite struct DraftAfterKillTests {
    /// Types `text` into the first screen's company name one character at a
    /// time, waiting for each to be drawn, and sends SIGKILL the moment the
    /// last one shows; prints the draft as it is then (or nothing).
    static let driver = #"""
        import os, pty, select, signal, sys, time
        binary, folder, text = sys.argv[1:4]
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(folder)
            os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LINES": "24", "COLUMNS": "80"})
            os.execv(binary, [binary])
        out = b""
        def read_until(mark, seconds=10):
            global out
            end = time.time() + seconds
            start = len(out)
            while time.time() < end:
                if mark in out[start:]:
                    return True
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    out += os.read(fd, 65536)
            return False
        if not read_until(b"Company name"):
            sys.exit("the wizard did not start")
        for character in text:
            os.write(fd, character.encode())
            if not read_until(character.encode()):
                sys.exit("not drawn: " + character)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        try:
            print(open(os.path.join(folder, "security-overview.yml.draft")).read(), end="")
        except FileNotFoundError:
            pass
        # The next start offers the draft; once it is drawn, an earlier draft
        # a kill left beside it (between replacing and removing it) is gone:
        # one is put there, as the kill above may or may not have left one.
        with open(os.path.join(folder, ".security-overview.yml.draft.Ab3xY9"), "w") as leftover:
            leftover.write("version: 1\n")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(folder)
            os.execv(binary, [binary])
        out = b""
        if not read_until(b"Resume the draft"):
            sys.exit("the next start did not offer the draft")
        time.sleep(0.5)
        print("left beside it:", sorted(name for name in os.listdir(folder) if name.startswith(".security-overview.yml.draft.")))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        """#

    @Test("An answer on the screen is in the draft, even when SIGKILL comes the moment it is drawn",
          .enabled(if: TerminalSignalTests.enabled), arguments: ["Q", "AcmeZ"])
    func killedRightAfterAKey(_ text: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try Run.command("python3", ["-c", Self.driver, Run.binary, scratch.path, text])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("name: \(text)\n"), "the draft after SIGKILL:\n\(result.stdout)")
        #expect(result.stdout.hasSuffix("left beside it: []\n"), "\(result.stdout)")
    }
}
