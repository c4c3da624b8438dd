"""The text of a page's <main> as a citizen sees it on screen, as units for tests.readability.lix.

Seen: every text node in <main>, closed accordions and <details> included (the citizen opens them
to read them), every option of a <select>, and the words on buttons. Not seen: what only a screen
reader gets (`.sr-only`), elements with the `hidden` attribute, scripts, styles, templates and
icons (<svg>), and what is in a form control (a <textarea> holds what a person typed, not what the
portal says).

Each block (a heading, a paragraph, a list item, a label, a legend, a button, a table cell, a
definition term or description, a hint under a label, ...) and each <br> starts a new unit: to a reader a heading or a
button is a piece of text of its own, with no full stop needed. So does each line break where the
page shows line breaks as typed (`.preserve-lines`, <pre>): an agenda or a summary written one
point a line reads as lines.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

NOT_SEEN = {"script", "style", "template", "svg", "textarea", "noscript"}
SEEN_ONLY_BY_SCREEN_READERS = {"sr-only", "character-limit-sr-only"}
#: Inline elements the stylesheets show as blocks of their own (DKFDS's hints and error messages,
#: the portal's lines under a heading or a link).
SHOWN_AS_BLOCKS = {"form-hint", "form-error-message", "plan-meta", "plan-warning", "joblog-chart-dates"}
#: Classes whose CSS shows the line breaks in the text (white-space: pre-line or pre-wrap).
KEEPS_LINES = {"preserve-lines", "code-block"}
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "button",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "label",
    "legend",
    "li",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}


def main_units(html: str) -> list[str]:
    """The units of visible text in the page's <main>, in reading order."""
    main = BeautifulSoup(html, "html5lib").find("main")
    assert main is not None, "the page has a <main>"
    units: list[str] = []
    current: list[str] = []

    def close() -> None:
        text = " ".join("".join(current).split())
        if text:
            units.append(text)
        current.clear()

    def walk(node: Tag, keeps_lines: bool) -> None:
        for child in node.children:
            if isinstance(child, Comment | Doctype | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                lines = str(child).split("\n") if keeps_lines else [str(child)]
                for number, line in enumerate(lines):
                    if number:
                        close()
                    current.append(line)
                continue
            if isinstance(child, Tag) and _seen(child):
                block = child.name in BLOCKS or bool(SHOWN_AS_BLOCKS & set(child.get("class") or ()))
                if block:
                    close()
                if child.name == "input" and child.get("type") in {"submit", "button"}:
                    current.append(child.get("value", ""))
                walk(child, keeps_lines or child.name == "pre" or bool(KEEPS_LINES & set(child.get("class") or ())))
                if block:
                    close()

    walk(main, keeps_lines=False)
    close()
    return units


def _seen(tag: Tag) -> bool:
    if tag.name in NOT_SEEN or tag.has_attr("hidden"):
        return False
    return not SEEN_ONLY_BY_SCREEN_READERS & set(tag.get("class") or ())
