"""An HTML field converted to Markdown by markdownify over BeautifulSoup (html_fields.py says
how, and what is our own). Imported only for a field that holds HTML: the two take 0.2 s to
import, and a table or text export of plain fields (or a document that only looks like one,
while its format is detected) never needs them."""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

from build_decks.readers.html_fields import (
    NUMBER_ATTRIBUTES,
    address,
    escaped_block,
    escaped_inline,
)


class _Answer(MarkdownConverter):
    """Block Markdown: an answer or a note."""

    class Options:
        heading_style = "atx"
        bullets = "-"
        sub_symbol = "<sub>"
        sup_symbol = "<sup>"
        autolinks = False

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escaped_block(text)

    def convert_br(self, el, text: str, parent_tags: set[str]) -> str:
        return " " if parent_tags & {"li", "_inline"} else "\n\n"

    def convert_a(self, el, text: str, parent_tags: set[str]) -> str:
        href = el.get("href") or ""
        if "_noformat" in parent_tags or not href or not text.strip():
            return text
        return f"[{text.strip()}]({address(href)})"

    def convert_img(self, el, text: str, parent_tags: set[str]) -> str:
        src = el.get("src") or ""
        alt = (el.get("alt") or "").replace("[", "").replace("]", "")
        return f"![{alt}]({address(src)})" if src else ""

    def convert_title(self, el, text: str, parent_tags: set[str]) -> str:
        return ""

    convert_head = convert_title
    convert_strike = MarkdownConverter.convert_del


class _Front(_Answer):
    """One line of question text: emphasis and link addresses dropped, blocks joined."""

    class Options(_Answer.Options):
        sub_symbol = ""
        sup_symbol = ""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escaped_inline(text)

    def _text(self, el, text: str, parent_tags: set[str]) -> str:
        return text

    def _spaced(self, el, text: str, parent_tags: set[str]) -> str:
        return f" {text} "

    convert_b = convert_strong = convert_i = convert_em = _text
    convert_s = convert_del = convert_strike = _text
    convert_a = _text
    convert_p = convert_div = convert_li = convert_ul = convert_ol = _spaced
    convert_blockquote = convert_dt = convert_dd = convert_dl = _spaced
    convert_table = convert_tr = convert_td = convert_th = _spaced

    def convert_br(self, el, text: str, parent_tags: set[str]) -> str:
        return " "

    def convert_hr(self, el, text: str, parent_tags: set[str]) -> str:
        return " "

    def convert_pre(self, el, text: str, parent_tags: set[str]) -> str:
        return f" {self.convert_code(el, ' '.join(text.split()), set())} "

    def convert_hN(self, n: int, el, text: str, parent_tags: set[str]) -> str:
        return f" {text} "


def _soup(fragment: str) -> BeautifulSoup:
    """The fragment parsed, only what follows Anki's last answer mark, numbers checked."""
    soup = BeautifulSoup(fragment, "html.parser")
    tags = soup.find_all(True)
    marks = [t for t in tags if t.name == "hr" and t.get("id") == "answer"]
    if marks:
        node = marks[-1]
        while node is not None and node is not soup:
            for before in list(node.previous_siblings):
                before.extract()
            node = node.parent
        marks[-1].extract()
    for tag in tags:
        if tag.name == "br":  # a line break starts a paragraph: no space around it
            for text, trim in ((tag.previous_sibling, str.rstrip), (tag.next_sibling, str.lstrip)):
                if isinstance(text, NavigableString) and not isinstance(text, Comment):
                    text.replace_with(trim(str(text)))
        for name in NUMBER_ATTRIBUTES:
            value = tag.get(name)
            if value is not None and not (value.isascii() and value.isdigit()):
                del tag[name]
    return soup


# One converter of each kind: markdownify reads its options once per instance.
_ANSWER, _FRONT = _Answer(), _Front()


def answer(fragment: str) -> str:
    """Block Markdown of a field's HTML, before its spacing is tidied (html_fields)."""
    return _ANSWER.convert_soup(_soup(fragment))


def front(fragment: str) -> str:
    """One line of question text of a field's HTML, before its spaces are joined."""
    return _FRONT.convert_soup(_soup(fragment))
