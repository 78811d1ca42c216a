"""Raw HTML, read with the standard library's HTML parser (never with patterns).

HTML in Markdown arrives from markdown-it as fragments: whole HTML blocks, or single tags
inside a paragraph line. Each fragment becomes a list of events with the line they are on;
a start tag keeps its attributes and the text it was written as (images are rewritten by it).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Event:
    kind: str  # "start", "end", "data" or "comment"
    value: str  # tag name (lower case) or text
    line: int  # 0-based, counted from the fragment's first line
    attrs: tuple[tuple[str, str], ...] = ()  # a start tag's attributes, values unescaped
    written: str = ""  # a start tag as written

    def attr(self, name: str) -> str:
        return next((value for key, value in self.attrs if key == name), "")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def _add(self, kind: str, value: str) -> None:
        self.events.append(Event(kind, value, self.getpos()[0] - 1))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = tuple((key, value or "") for key, value in attrs)
        self.events.append(Event("start", tag, self.getpos()[0] - 1, values,
                                 self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self._add("end", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        # Data may span lines: split it so every piece keeps its own line.
        line = self.getpos()[0] - 1
        for offset, piece in enumerate(data.split("\n")):
            self.events.append(Event("data", piece, line + offset))

    def handle_comment(self, data: str) -> None:
        self._add("comment", data)


def events(fragment: str) -> list[Event]:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return collector.events


UNSHOWN = frozenset({"script", "style", "template"})  # elements whose content a page never shows


def text_of(fragment: str | list[Event]) -> str:
    """What the HTML shows, whitespace collapsed (not the code of a `<script>` or `<style>`)."""
    if isinstance(fragment, str) and "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())  # no tag and no reference: all of it is text
    found = events(fragment) if isinstance(fragment, str) else fragment
    shown, hidden = [], 0
    for event in found:
        if event.value in UNSHOWN and event.kind in ("start", "end"):
            hidden = max(0, hidden + (1 if event.kind == "start" else -1))
        elif event.kind == "data" and not hidden:
            shown.append(event.value)
    return " ".join(" ".join(shown).split())


def heading_of(found: list[Event]) -> str:
    """The text of the first h1-h6 element among the events, if any."""
    inside, words = False, []
    for event in found:
        if event.kind == "start" and event.value in HEADINGS:
            inside = True
        elif event.kind == "end" and event.value in HEADINGS and inside:
            break
        elif inside and event.kind == "data":
            words.append(event.value)
    return " ".join(" ".join(words).split())


def lone_heading(found: list[Event]) -> tuple[int, str] | None:
    """(level, text) where all the HTML shows is one h1-h6 element (`<h3>2. What is X?</h3>`,
    a heading as GitHub shows it), else None."""
    levels = [int(e.value[1]) for e in found if e.kind == "start" and e.value in HEADINGS]
    text = heading_of(found)
    if len(levels) != 1 or not text or " ".join(text_of(found).split()) != text:
        return None
    return levels[0], text


def is_comment(found: list[Event]) -> bool:
    return bool(found) and all(e.kind == "comment" or (e.kind == "data" and not e.value.strip())
                               for e in found)


def only_tags(fragment: str) -> bool:
    """Tags and nothing else (`</b></details>`)."""
    found = events(fragment)
    return bool(found) and all(e.kind in ("start", "end") or not e.value.strip() for e in found)
