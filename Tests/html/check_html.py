"""Checks HTML pages and fragments with html5lib in strict mode (the HTML
standard's own parsing rules: any parse error fails), and what the strict
parser does not judge: no script, no external resource, no event-handler
attribute, no stray backslash from a Markdown escape in the text.

Usage: check_html.py page.html ... [--fragment fragment.html ...]
Prints one line per problem (FILE: problem) and exits 1 when there is any.
"""
import re
import sys

import html5lib

PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def problems(path, fragment):
    with open(path, encoding="utf-8") as handle:
        data = handle.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parseFragment(data, container="div") if fragment else parser.parse(data)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"{path}:{line}:{column}: {error}"]
    found = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "script":
            found.append(f"{path}: a <script> element")
        if tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source"):
            found.append(f"{path}: a <{tag}> element (an external resource)")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{path}: an event-handler attribute {name}")
            if name.lower() in ("src", "srcset"):
                found.append(f"{path}: an external resource ({name}={value})")
            if name.lower() == "href" and value.strip().lower().startswith(("javascript:", "data:")):
                found.append(f"{path}: a script link ({value})")
        if tag == "style" and re.search(r"url\(|@import", element.text or ""):
            found.append(f"{path}: the style loads something")
        if tag in ("style", "pre", "code"):
            continue
        for text in (element.text, element.tail):
            if text and re.search(r"\\[!-/:-@\[-`{-~]", text):
                found.append(f"{path}: a stray backslash in the text: {text.strip()[:60]!r}")
    return found


def main(arguments):
    fragment = False
    found = []
    for argument in arguments:
        if argument == "--fragment":
            fragment = True
            continue
        found += problems(argument, fragment)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
