"""GitHub's block structure for Python-Markdown: a Python-Markdown extension.

Python-Markdown is not CommonMark: a list right under a paragraph line stays in the
paragraph, nested lists need four spaces, a fence inside a list item is text, `#tag` is a
heading. GitHub (and the reader, which sees every source through markdown-it-py) builds the
block structure by the CommonMark rules. So the first preprocessor of every conversion parses
the text's blocks with markdown-it-py (the reader's parser, syntax.py) and writes the same
blocks out again in the Markdown that Python-Markdown reads unambiguously: a blank line around
every block, four spaces per list level, every code block fenced, ATX headings, tables with
every cell, HTML blocks and display formulas stashed as they are. Inline text (emphasis,
links, code spans, inline HTML, footnote references) is left as written, for Python-Markdown
and its inline extensions; only a line start that Python-Markdown would take for a block
(`#x`, `>`, a fence, a rule, `[x]:`) is escaped. A tight list that needed blank lines is
made tight again after parsing. Text both parsers read alike (`reads_alike`: plain paragraphs,
flat lists) is not parsed twice: it goes to Python-Markdown as it is.

Formulas are found by markdown-it-py too (the `$`/`\\(` rules of syntax.py) and leave the
text: the extension's `slot` function (markup.py's) keeps each formula and returns the
placeholder written in its place, so neither Python-Markdown nor the sanitizer sees TeX.
"""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from functools import cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    LINK_RE,
    ImageInlineProcessor,
    LinkInlineProcessor,
)
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import validateLink
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from build_decks.syntax import MATH_TOKENS, card_markdown

INDENT = " " * 4  # one list level for Python-Markdown
BULLET = "* "  # not `- `: an empty `- ` item under a line would underline it as a heading
TIGHT = "\ue002"  # in the first line of a list GitHub shows tight
HEADER_ONLY = "\ue003"  # starts a table with no body rows (Python-Markdown adds an empty one)
MARKS = (TIGHT, HEADER_ONLY)
SEPARATOR = "<!-- -->"  # between two lists (or quotes) that Python-Markdown would merge
ANSWER_HEADING = 4  # an answer sits under its question: its own headings start at h4
COMMONMARK_ESCAPES = list(string.punctuation)  # CommonMark: any ASCII punctuation escapes
# A line start Python-Markdown may take for a block where CommonMark saw text (`#tag`, a line
# indented under a paragraph, `1986. was` inside one): its marker escaped with a backslash.
BLOCK_START = re.compile(r"[#>]|`{3}|~{3}|!!!|\[[^\]]*\]:|(?:[-*_][ \t]*){3,}$|[-+*=:](?:[ \t]|$)"
                         r"|=+[ \t]*$|\d+(?=[.)](?:[ \t]|$))")
TABLE_RULE = re.compile(r"[|: ]*-[-|: ]*$")  # what Python-Markdown takes for a table's rule
FENCE_RUN = re.compile(r"^[ \t]*(`{3,})", re.MULTILINE)
LANGUAGE = re.compile(r"[\w#+.-]+")
LISTS = ("bullet_list", "ordered_list")
BULLETS = "-*+"
MERGING = frozenset({*LISTS, "blockquote", "dl"})
TEXT_FIRST = ("paragraph", "heading")  # blocks of one line Python-Markdown reads after `- `
ALIGN = {"text-align:left": ":--", "text-align:center": ":-:", "text-align:right": "--:"}

Slot = Callable[[str, bool], str]  # (TeX, displayed) -> the placeholder left in the text


def _spanned(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """An inline formula rule that notes where in the text its formula was written."""
    def noted(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            state.tokens[-1].meta["span"] = (start, state.pos)
        return True
    return noted


@cache
def block_parser() -> MarkdownIt:
    """The reader's dialect (syntax.py, footnotes included), parsing blocks only: inline text is
    parsed on demand, where it may hold a formula."""
    md = card_markdown()
    md.disable(["inline", "linkify", "footnote_tail", "text_join"], ignoreInvalid=True)
    for name, displayed in MATH_TOKENS.items():
        if not displayed and name in md.inline.ruler.get_all_rules():
            rules = md.inline.ruler.__rules__
            md.inline.ruler.at(name, _spanned(rules[md.inline.ruler.__find__(name)].fn))
    return md


def reads_alike(lines: list[str]) -> bool:
    """Text both parsers read alike, with nothing to rewrite: paragraphs whose lines start,
    unindented, with a letter (no block of either starts with one), and flat lists of items
    that start with a letter or `**`, one bullet in the whole text, each list set off from a
    paragraph above it by a blank line (Python-Markdown would not end the paragraph there);
    no line ends in a backslash, no formula."""
    bullet, above = "", ""
    for line in lines:
        if line and (line[-1] == "\\" or _math_candidate(line)):
            return False
        if line and line[0] in BULLETS and line[1:2] == " ":
            text = line[2:]
            if (not text[:1].isalpha() and not (text[:2] == "**" and text[2:3].isalnum())) or (
                    bullet and line[0] != bullet) or (above and above[0] not in BULLETS):
                return False
            bullet = line[0]
        elif line and not line[0].isalpha():
            return False
        above = line
    return True


def _math_candidate(text: str) -> bool:
    return "$" in text or "\\(" in text


def with_formula_slots(text: str, slot: Slot, env: dict) -> str:
    """Inline text with each formula (as markdown-it-py finds it) replaced by its slot."""
    if not _math_candidate(text):
        return text
    md = block_parser()
    tokens: list[Token] = []
    md.inline.parse(text, md, env, tokens)
    spans = []
    stack = list(tokens)
    while stack:
        token = stack.pop()
        stack += token.children or []
        if token.type in MATH_TOKENS and "span" in token.meta:
            spans.append((*token.meta["span"], token.content))
    out, at = [], 0
    for start, end, tex in sorted(spans):
        out += [text[at:start], slot(tex, False)]
        at = end
    return "".join(out) + text[at:]


class Node:
    """A block of markdown-it-py's token stream with its children (markdown-it's own
    SyntaxTreeNode, without what this writer does not use: it takes a third of the time)."""

    __slots__ = ("children", "token", "type")

    def __init__(self, token: Token) -> None:
        self.token = token
        self.type = token.type.removesuffix("_open")
        self.children: list[Node] = []

    tag = property(lambda self: self.token.tag)
    attrs = property(lambda self: self.token.attrs)
    meta = property(lambda self: self.token.meta)
    info = property(lambda self: self.token.info)
    content = property(lambda self: self.token.content)
    hidden = property(lambda self: self.token.hidden)


def tree(tokens: list[Token]) -> list[Node]:
    root: list[Node] = []
    stack = [root]
    for token in tokens:
        if token.nesting == -1:
            stack.pop()
            continue
        node = Node(token)
        stack[-1].append(node)
        if token.nesting == 1:
            stack.append(node.children)
    return root


class Writer:
    """markdown-it-py's block tree -> Markdown with the same blocks for Python-Markdown."""

    def __init__(self, md: Markdown, slot: Slot) -> None:
        self.md = md
        self.slot = slot
        self.env: dict = {}

    def document(self, text: str) -> str:
        tokens = block_parser().parse(text, self.env)
        lines = self.blocks(tree(tokens))
        references = self.env.get("references") or {}
        for label, ref in references.items():
            title = f' "{ref["title"]}"' if ref.get("title") and '"' not in ref["title"] else ""
            lines += ["", f"[{label}]: <{ref['href']}>{title}"]
        return "\n".join(lines)

    # Blocks ----------------------------------------------------------------------------------

    def blocks(self, nodes: list[Node], tight: bool = False) -> list[str]:
        """Sibling blocks, a blank line between each two; none between the text that opens a
        tight item and its list (Python-Markdown nests that list in the item's first block,
        and only there)."""
        out: list[str] = []
        previous, count = "", 0
        for node in nodes:
            lines = self.block(node)
            if not lines:
                continue
            count += 1
            if out and not (tight and count == 2 and previous == "paragraph"
                            and node.type in LISTS):
                out.append("")
            if previous == node.type and node.type in MERGING:
                out += [self.stash(SEPARATOR), ""]
            out += lines
            previous = node.type
        return out

    def block(self, node: Node) -> list[str]:
        kind = node.type
        if kind == "paragraph":
            return self.inline_lines(self.text(node))
        if kind == "heading":
            level = max(ANSWER_HEADING, int(node.tag[1]))
            title = " ".join(self.text(node).split("\n")).strip()
            return [f"{'#' * level} {_escape_closing_hashes(title)}".rstrip()]
        if kind in ("fence", "code_block"):
            return _fenced(node.content, node.info if kind == "fence" else "")
        if kind == "hr":
            return ["___"]
        if kind == "html_block":
            return [self.stash(node.content.rstrip("\n"))]
        if kind in MATH_TOKENS:
            return [self.stash(f'<div class="formula">{self.slot(node.content, True)}</div>')]
        if kind == "blockquote":
            return [f"> {line}" if line else ">" for line in self.blocks(node.children)]
        if kind in ("bullet_list", "ordered_list"):
            return self.list_block(node)
        if kind == "table":
            return self.table(node)
        if kind == "dl":
            return self.definitions(node)
        if kind == "admonition":
            return self.admonition(node)
        if kind == "footnote_reference":
            body = self.blocks(node.children)
            label = node.meta.get("label", "")
            return [f"[^{label}]: {body[0] if body else ''}", *_indented(body[1:])]
        return self.blocks(node.children)  # a container this writer does not know: its blocks

    def list_block(self, node: Node) -> list[str]:
        """Items at four spaces a level. Python-Markdown reads only the item's first block
        after its marker, and a block there only if it is one line of text: an item that
        opens with a quote, code or a list gets an empty marker line, then its blocks."""
        items = node.children
        tight = all(child.hidden for item in items for child in item.children
                    if child.type == "paragraph")
        bodies = [self.blocks(item.children, tight) for item in items]
        opens_with_text = [bool(item.children) and item.children[0].type in TEXT_FIRST
                           for item in items]
        spread = not tight or any("" in body for body in bodies) or not all(
            opens_with_text[i] or not bodies[i] for i in range(len(items)))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        out: list[str] = []
        for index, body in enumerate(bodies):
            marker = f"{start + index}. " if node.type == "ordered_list" else BULLET
            mark = TIGHT if tight and index == 0 else ""
            if spread and out:
                out.append("")
            if not body:
                out.append(marker + mark)
            elif opens_with_text[index]:  # the mark at the line's end: `#### x` stays a heading
                first = body[0].rstrip(" ")
                out += [marker + first + mark + body[0][len(first):], *_indented(body[1:])]
            else:
                out += [marker + mark, "", *_indented(body)]
        return out

    def table(self, node: Node) -> list[str]:
        rows = [row for part in node.children for row in part.children]
        if not rows:
            return []
        header = rows[0].children
        width = len(header)

        def line(cells: list[Node]) -> str:
            texts = [_cell(self.text(cell)) for cell in cells][:width]
            texts += [""] * (width - len(texts))
            return "| " + " | ".join(texts) + " |"

        rule = "| " + " | ".join(ALIGN.get(str(c.attrs.get("style", "")), "---")
                                 for c in header) + " |"
        head = line(header)
        if len(rows) == 1:
            head = "| " + HEADER_ONLY + head[2:]
        return [head, rule, *(line(row.children) for row in rows[1:])]

    def definitions(self, node: Node) -> list[str]:
        out: list[str] = []
        for child in node.children:
            if child.type == "dt":
                if out:
                    out.append("")
                out += self.inline_lines(self.text(child))
            elif child.type == "dd":
                body = self.blocks(child.children)
                loose = any(not c.hidden for c in child.children if c.type == "paragraph")
                if loose:
                    out.append("")
                out += [f":   {body[0] if body else ''}", *_indented(body[1:])]
        return out

    def admonition(self, node: Node) -> list[str]:
        tag = str(node.meta.get("tag") or "note")
        kind = tag if re.fullmatch(r"[\w-]+", tag) else "note"
        titles = [c for c in node.children if c.type == "admonition_title"]
        title = " ".join(self.text(titles[0]).split()) if titles else ""
        head = f'!!! {kind} "{title}"' if title else f"!!! {kind}"
        body = self.blocks([c for c in node.children if c.type != "admonition_title"])
        return [head, *_indented(body)] if body else [head]

    # Inline text -----------------------------------------------------------------------------

    def text(self, node: Node) -> str:
        """The node's inline text as written, each formula replaced by its slot."""
        inline = next((c for c in node.children if c.type == "inline"), None)
        content = inline.content if inline is not None else ""
        return with_formula_slots(content, self.slot, self.env)

    def inline_only(self, text: str) -> list[str]:
        """A text that is inline content only (a question): one paragraph, whatever its
        lines look like."""
        content = with_formula_slots(text.strip(), self.slot, self.env)
        return [_escape_start(line.lstrip(" \t")) for line in content.split("\n")
                if line.strip()]

    def inline_lines(self, text: str) -> list[str]:
        lines = [_escape_start(line.lstrip(" \t")) for line in text.split("\n")]
        if len(lines) > 1 and TABLE_RULE.match(lines[1]):  # no table where GitHub saw none
            lines[1] = "\\" + lines[1]
        for index, line in enumerate(lines[:-1]):  # `line\` breaks the line (CommonMark)
            if (len(line) - len(line.rstrip("\\"))) % 2:
                lines[index] = line[:-1] + "  "
        return lines

    def stash(self, html: str) -> str:
        """Raw HTML kept as it is (the sanitizer cleans it later), on a line of its own."""
        return self.md.htmlStash.store(html)


def _escape_start(line: str) -> str:
    """The line with the marker a block would start with escaped (it shows the same)."""
    match = BLOCK_START.match(line)
    if not match:
        return line
    at = match.end() if line[:1].isdigit() else 0  # `1986\. was`, `\#tag`
    return f"{line[:at]}\\{line[at:]}"


def _indented(lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield INDENT + line if line else ""


def _escape_closing_hashes(title: str) -> str:
    """`C#` stays `C#`: Python-Markdown would read a closing `#` sequence there."""
    return title[:-1] + "\\#" if title.endswith("#") else title


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split("\n")).strip()


def _fenced(code: str, info: str) -> list[str]:
    """A code block as a backtick fence longer than any backtick run inside it."""
    runs = [len(run) for run in FENCE_RUN.findall(code)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    words = info.strip().split(maxsplit=1)
    language = words[0].strip("{}.") if words else ""
    language = language if LANGUAGE.fullmatch(language) else ""
    body = code[:-1] if code.endswith("\n") else code
    return [f"{fence}{language}", *body.split("\n"), fence] if body else [
        f"{fence}{language}", fence]


class _Rewrite(Preprocessor):
    def __init__(self, md: Markdown, extension: GitHubStructure) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        writer = Writer(self.md, self.extension.slot)
        text = "\n".join(lines)
        if self.extension.inline:
            return writer.inline_only(text)
        if reads_alike(lines):
            return lines
        return writer.document(text).split("\n")


class _Marks(Treeprocessor):
    """What the marks ask for, before inline parsing (a paragraph holds only text here):
    lists GitHub shows tight lose the paragraphs that blank lines gave their items; a table
    with no body rows loses the empty row Python-Markdown gave it."""

    def run(self, root: etree.Element) -> None:
        for table in [e for e in root.iter("table")]:
            first = table.find("thead/tr/th")
            if first is not None and (first.text or "").startswith(HEADER_ONLY):
                first.text = first.text[len(HEADER_ONLY):]  # type: ignore[index]
                for body in table.findall("tbody"):
                    table.remove(body)
        for element in [e for e in root.iter() if e.tag in ("ul", "ol") and len(e)]:
            first = element[0]
            holder = first if TIGHT in (first.text or "") or not len(first) else first[0]
            if TIGHT not in (holder.text or ""):
                continue
            holder.text = holder.text.replace(TIGHT, "", 1)  # type: ignore[union-attr]
            for item in element:
                _unwrap_paragraphs(item)
                if len(item) and (item.text or "").strip() and not item.text.endswith("\n"):
                    item.text += "\n"  # `<li>text\n<ul>`, as GitHub writes it


def _unwrap_paragraphs(item: etree.Element) -> None:
    """`<li><p>a</p><ul>...</ul><p>b</p></li>` -> `<li>a<ul>...</ul>b</li>`."""
    for child in [c for c in item if c.tag == "p" and not len(c)]:
        index = list(item).index(child)
        text = (child.text or "") + (child.tail or "")
        if index == 0:
            item.text = (item.text or "") + text
        else:
            before = item[index - 1]
            before.tail = (before.tail or "") + "\n" + text
        item.remove(child)


class _RefusedLinksStayText:
    """A link or image to a `javascript:`, `file:` or `data:` URL is no link at all, as in
    CommonMark (markdown-it-py's rule): its Markdown shows as the text it is."""

    def handleMatch(self, m, data):  # type: ignore[no-untyped-def]
        element, start, end = super().handleMatch(m, data)  # type: ignore[misc]
        if element is not None and not validateLink(element.get("href", element.get("src",
                                                                                   ""))):
            return None, None, None
        return element, start, end


class _Link(_RefusedLinksStayText, LinkInlineProcessor):
    pass


class _Image(_RefusedLinksStayText, ImageInlineProcessor):
    pass


class GitHubStructure(Extension):
    """Register with a `slot(tex, displayed)` function for formulas (see markup.py)."""

    def __init__(self, **kwargs: object) -> None:
        self.slot: Slot = lambda tex, displayed: tex
        self.inline = False
        super().__init__(**kwargs)

    def begin(self, slot: Slot, inline: bool) -> None:
        """The next conversion: where its formulas go, and whether it is one line of text."""
        self.slot, self.inline = slot, inline

    def extendMarkdown(self, md: Markdown) -> None:
        md.ESCAPED_CHARS = list(dict.fromkeys(md.ESCAPED_CHARS + COMMONMARK_ESCAPES))
        # After whitespace is normalized (30), before fences (25) and raw HTML (20) are seen:
        # every HTML block is stashed here already, as CommonMark delimits it.
        md.preprocessors.register(_Rewrite(md, self), "github_structure", 28)
        md.preprocessors.deregister("html_block", strict=False)
        md.treeprocessors.register(_Marks(md), "github_marks", 25)
        md.inlinePatterns.register(_Link(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(_Image(IMAGE_LINK_RE, md), "image_link", 150)
