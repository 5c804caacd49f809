"""The plain mode in a real pseudo-terminal with TERM=dumb, answered as a
person would: reading each prompt, then typing.

Runs the binary named by SECURITY_OVERVIEW_BINARY (default: the debug build).
`.ci/run` runs this file with pytest; pexpect comes from PyPI.
"""

import io
import os
import re
import shutil
import tempfile

import pexpect
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SECURITY_OVERVIEW_BINARY") or os.path.join(ROOT, ".build", "debug", "security-overview")

# Every prompt ends so; the question it asks is on the lines before it.
PROMPT = re.compile(rb"\]: ")


@pytest.fixture
def folder():
    path = tempfile.mkdtemp(prefix="plain-pty-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


class Walk:
    """The program in a pty, with everything it wrote kept for the end."""

    def __init__(self, folder, env=None, args=()):
        environment = {k: v for k, v in os.environ.items() if k != "ACCESSIBLE"}
        environment.update({"TERM": "dumb", "LANG": "C.UTF-8"})
        environment.update(env or {})
        self.output = io.BytesIO()
        self.child = pexpect.spawn(BINARY, list(args), cwd=folder, env=environment,
                                   dimensions=(24, 80), timeout=20)
        self.child.logfile_read = self.output

    def prompt(self):
        """Waits for the next prompt; returns what came since the last answer."""
        self.child.expect(PROMPT)
        return self.child.before.decode("utf-8")

    def answer(self, expected, line):
        """Waits for a prompt whose question holds `expected`, then types `line`."""
        before = self.prompt()
        assert expected in before, f"expected {expected!r} before the prompt, got:\n{before}"
        self.child.sendline(line)
        return before

    def finish(self):
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    def written(self):
        return self.output.getvalue()


def read(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as file:
        return file.read()


def test_a_walk_through_several_sections_with_a_rejected_answer_and_back(folder):
    os.makedirs(os.path.join(folder, "static"))  # a Hugo site's; the export makes .well-known in it
    walk = Walk(folder)
    first = walk.answer("Company name (required)", "Acme Analytics")
    assert "cannot move the cursor" in first and "answering line by line instead" in first
    walk.answer("Website domain", "example")
    before = walk.answer("", "example.com")
    assert "'example' is not a domain like example.com" in before, "a rejected answer says why"
    walk.answer("Security contact", "security@example.com")
    before = walk.answer("Funding stage", "3")                     # Series A
    assert "1) Pre-seed" in before and "2) Seed" in before, "numbered choices"
    walk.answer("The data you hold", "back")                       # back to the stage
    before = walk.answer("Funding stage", "")                      # kept
    assert '[Enter: keep "Series A"; -: skip' in before
    walk.answer("The data you hold", "3")                          # personal
    walk.answer("enterprise customers", "n")
    walk.answer("accept payments", "n")
    walk.answer("downtime", "n")
    walk.answer("Where does your service run", "1")
    walk.answer("customer data to AI models", "n")
    walk.answer("Plan your page", "")                              # as recommended

    # Section after section, until the review: the overview, then data
    # retention answered with a rejected number of days; Enter elsewhere.
    retention_done = False
    for _ in range(200):
        before = walk.prompt()
        if "Step 4 of 5: Review" in before:
            break
        if "Open the page with a one-sentence introduction" in before:
            walk.child.sendline("y")
        elif "a fixed number of days after an account is closed" in before and not retention_done:
            walk.child.sendline("y")
        elif "How many days after the account is closed?" in before and not retention_done:
            walk.child.sendline("ninety")
            again = walk.prompt()
            assert "'ninety' is not a number of days" in again
            walk.child.sendline("90")
            retention_done = True
        else:
            walk.child.sendline("")
    else:
        pytest.fail("never reached the review")
    assert retention_done
    walk.child.sendline("")                                        # on to export
    walk.answer("Where the page will be published", "https://example.com/security/")
    walk.answer("In which form", "2")                              # Hugo
    walk.answer("security.txt file", "")                           # keeps the path offered for Hugo
    walk.answer("Ready to write your files", "y")
    assert walk.finish() == 0

    assert b"\x1b" not in walk.written(), "no escape sequence of any kind"
    answers = read(folder, "security-overview.yml")
    assert "stage: series-a" in answers
    assert "data: personal" in answers
    assert "retention_days: 90" in answers
    assert "format: hugo" in answers
    assert "security_txt: static/.well-known/security.txt" in answers
    assert "Contact: mailto:" in read(folder, "static/.well-known/security.txt")
    assert "intro: true" in answers
    assert "reviewed: " in answers
    assert "## Data retention and removal" in read(folder, "security-overview.md")


def test_end_of_input_keeps_the_answers_and_the_next_run_resumes(folder):
    walk = Walk(folder, env={"TERM": "xterm", "ACCESSIBLE": "1"})
    walk.answer("Company name", "Acme")
    walk.answer("Website domain", "acme.example")
    walk.child.expect(PROMPT)
    walk.child.sendeof()                                           # Ctrl-D
    assert walk.finish() == 0
    out = walk.written().decode()
    assert "End of input." in out and "Still open:" in out
    assert "Security contact" in out.split("Still open:")[1]
    assert b"\x1b" not in walk.written()
    assert "domain: acme.example" in read(folder, "security-overview.yml.draft")

    again = Walk(folder, args=["--plain"])
    before = again.answer("A draft from an earlier session was found", "1")
    assert "1) Resume the draft" in before
    before = again.answer("Company name", "")
    assert '[Enter: keep "Acme"; -: skip' in before
    again.answer("Website domain", "quit")
    again.answer("Save the answers file and quit", "1")
    assert again.finish() == 0
    assert "domain: acme.example" in read(folder, "security-overview.yml")
