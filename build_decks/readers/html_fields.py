"""HTML fields of flashcard exports (Anki, Quizlet) as the Markdown the pipeline holds.

Anki stores every field as HTML. A field is read with the project's HTML parser
(html_events) and written back as Markdown: `<b>` becomes `**`, `<code>` backticks, `<a>` a
link, `<img>` an image, `<br>` and `<div>` paragraph breaks, `<ul>/<ol>` lists, `<pre>` a fence;
entities are decoded. Tags with no Markdown form keep their text (`<span>`, `<font>`), and
`<sub>`/`<sup>` stay as the small HTML the renderers allow. A field holding Anki's answer
mark (`<hr id=answer>`, in a "Cards in Plain Text" export) is only what follows the mark.

A front is one line of question text, written as the Markdown reader writes a question:
emphasis dropped, inline code and images kept, a link's text kept without its address, and
line and block breaks joined by a space.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from build_decks import html_events
from build_decks.html_events import Event

# Elements whose presence makes a field HTML (not `a<b`, `List<T>` or `<your name>`).
HTML_ELEMENTS = frozenset("""
    a abbr b big blockquote br center code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr i
    img ins kbd li mark ol p pre s small span strike strong sub sup table tbody td th thead
    tr tt u ul
""".split())
BLOCKS = frozenset({"div", "p", "li", "ul", "ol", "pre", "blockquote", "table", "tr", "dl",
                    "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center"})
STRONG, EMPHASIS = frozenset({"b", "strong"}), frozenset({"i", "em"})
CODE = frozenset({"code", "kbd", "tt"})
STRUCK = frozenset({"s", "strike", "del"})
KEPT_AS_HTML = frozenset({"sub", "sup"})
SKIPPED = frozenset({"script", "style", "head", "title"})
# Characters that would start Markdown syntax inside text taken from HTML.
_INLINE_SPECIAL = re.compile(r"(?<!\\)([*`])|(?<![\w\\])_|_(?!\w)|<")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s)|>)")


def is_html(text: str) -> bool:
    """The field holds a tag of a known HTML element or a character reference, as the HTML
    parser reads it (html_events; references decoded as the parser decodes them): `a<b`,
    `List<String>` and `R&D;` are text."""
    if "<" not in text and "&" not in text:
        return False
    return html.unescape(text) != text or any(
        e.kind in ("start", "end") and e.value in HTML_ELEMENTS for e in html_events.events(text))


def _escaped(text: str) -> str:
    return _INLINE_SPECIAL.sub(lambda m: "&lt;" if m.group(0) == "<" else "\\" + m.group(0),
                               text)


@dataclass
class _Writer:
    """Markdown out of parse events: a list of finished lines and the line being written."""

    inline: bool
    lines: list[str] = field(default_factory=list)
    current: str = ""
    lists: list[list] = field(default_factory=list)  # per open list: [ordered, next number]
    link: list[str] = field(default_factory=list)  # hrefs of open links
    pre: bool = False

    def text(self, value: str) -> None:
        if self.pre:
            parts = value.split("\n")
            self.current += parts[0]
            for part in parts[1:]:
                self.newline()
                self.current += part
            return
        value = re.sub(r"[\t\n\r]+", " ", value)
        if not self.current.strip():
            value = value.lstrip()
        self.current += _escaped(value)

    def write(self, markup: str) -> None:
        self.current += markup

    def space(self) -> None:
        if self.current and not self.current[-1].isspace():
            self.current += " "

    def newline(self) -> None:
        if self.inline:
            self.space()
            return
        self.lines.append(self.current.rstrip())
        self.current = ""

    def paragraph(self) -> None:
        """End the current block: a new line, and a blank line before the next block."""
        if self.inline:
            self.space()
            return
        if self.current.strip():
            self.newline()
        if self.lines and self.lines[-1] and not self.lists:
            self.lines.append("")

    def result(self) -> str:
        if self.current.strip():
            self.newline()
        text = "\n".join(self.lines) if not self.inline else self.current
        text = re.sub(r"\n{3,}", "\n\n", text)
        return text.strip()


def _mark(writer: _Writer, tag: str, closing: bool) -> bool:
    """Emphasis, code and kept tags: the same mark opens and closes them (fronts drop
    emphasis). Whether the tag was one of them."""
    if tag in STRONG | EMPHASIS | STRUCK:
        if not writer.inline:
            writer.write("**" if tag in STRONG else "*" if tag in EMPHASIS else "~~")
    elif tag in CODE:
        if not writer.pre:
            writer.write("`")
    elif tag in KEPT_AS_HTML:
        if not writer.inline:
            writer.write(f"</{tag}>" if closing else f"<{tag}>")
    else:
        return False
    return True


def _start(writer: _Writer, event: Event) -> None:
    tag = event.value
    if tag == "br":  # Anki writes paragraphs as lines ended by <br>
        writer.space() if writer.lists else writer.paragraph()
    elif tag in ("ul", "ol"):
        writer.paragraph()
        start = event.attr("start")
        writer.lists.append([tag == "ol", int(start) if start.isascii() and start.isdigit()
                             else 1])
    elif tag == "li":
        if not writer.inline:
            if writer.current.strip():
                writer.newline()
            ordered, number = writer.lists[-1] if writer.lists else (False, 1)
            indent = "   " * max(0, len(writer.lists) - 1)
            writer.write(f"{indent}{number}. " if ordered else f"{indent}- ")
            if writer.lists:
                writer.lists[-1][1] += 1
        else:
            writer.space()
    elif tag == "pre":
        writer.paragraph()
        if not writer.inline:
            writer.lines.append("```")
            writer.pre = True
    elif tag in BLOCKS:
        writer.paragraph()
        if tag == "hr" and not writer.inline:
            writer.lines += ["---", ""]
    elif _mark(writer, tag, closing=False):
        pass
    elif tag == "a":
        writer.link.append(event.attr("href"))
        if not writer.inline and event.attr("href"):
            writer.write("[")
    elif tag == "img" and event.attr("src"):
        alt = event.attr("alt").replace("[", "").replace("]", "")
        src = event.attr("src").replace(" ", "%20").replace(")", "%29")
        writer.write(f"![{alt}]({src})")


def _end(writer: _Writer, tag: str) -> None:
    if tag in ("ul", "ol"):
        if writer.lists:
            writer.lists.pop()
        writer.paragraph()
    elif tag == "pre" and writer.pre:
        writer.newline()
        writer.lines += ["```", ""]
        writer.pre = False
    elif tag == "li":
        if writer.current.strip() and not writer.inline:
            writer.newline()
    elif tag in BLOCKS:
        writer.paragraph()
    elif _mark(writer, tag, closing=True):
        pass
    elif tag == "a" and writer.link:
        href = writer.link.pop()
        if not writer.inline and href:
            writer.write(f"]({href.replace(' ', '%20')})")


def _after_answer_mark(found: list[Event]) -> list[Event]:
    """Anki's card exports write the answer side whole: the question, `<hr id=answer>`, the
    answer. Only what follows the mark is the answer."""
    marks = [i for i, e in enumerate(found) if e.kind == "start" and e.value == "hr"
             and e.attr("id") == "answer"]
    return found[marks[-1] + 1:] if marks else found


def _convert(fragment: str, inline: bool) -> str:
    writer = _Writer(inline)
    skipping, line = 0, 0
    for event in _after_answer_mark(html_events.events(fragment)):
        if event.kind == "data" and event.line > line:  # the parser splits text at newlines
            writer.text("\n")
        line = event.line
        if event.kind == "start" and event.value in SKIPPED:
            skipping += 1
        elif event.kind == "end" and event.value in SKIPPED:
            skipping = max(0, skipping - 1)
        elif skipping or event.kind == "comment":
            continue
        elif event.kind == "start":
            _start(writer, event)
        elif event.kind == "end":
            _end(writer, event.value)
        else:
            writer.text(event.value)
    text = writer.result()
    if inline:
        return text
    return "\n".join(line if line.startswith("```") else _LINE_START.sub(r"\1\\\2", line)
                     for line in text.split("\n"))


def to_markdown(fragment: str) -> str:
    """A field's HTML as block Markdown (an answer, a note)."""
    return _convert(fragment, inline=False)


def to_front(fragment: str) -> str:
    """A field's HTML as one line of question text."""
    return _convert(fragment, inline=True)
