"""Inline tokens -> the text of a question, as people write it in Markdown.

Emphasis markers and HTML tags go; inline code, links, images and math stay as written, so
a question keeps `code`, [links](url) and $x^2$ and renders again from the YAML.
"""

from __future__ import annotations

from markdown_it.token import Token

from build_decks import html_events
from build_decks.syntax import MATH_TOKENS, written

EMPHASIS = frozenset({"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"})


def markdown_of(tokens: list[Token], keep_markup: bool = False) -> str:
    """Markdown for a run of inline tokens, without emphasis markers or tags (kept with
    `keep_markup`, for text that is shown rather than compared: a table cell's answer)."""
    out: list[str] = []
    link_stack: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "text":
            out.append(token.content)
        elif kind == "code_inline":
            out.append(f"{token.markup}{token.content}{token.markup}")
        elif kind in MATH_TOKENS:
            out.append(written(token))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            if token.markup == "autolink":
                out.append("<")
                link_stack.append(">")
            else:
                out.append("[")
                link_stack.append(f"]({href})")
        elif kind == "link_close" and link_stack:
            out.append(link_stack.pop())  # an autolink's text is its address: <url>
        elif kind == "image":
            alt = markdown_of(token.children or [])
            out.append(f"![{alt}]({token.attrGet('src') or ''})")
        elif kind in EMPHASIS or kind == "html_inline":
            if keep_markup:
                out.append(token.markup or token.content)
        elif kind.startswith("footnote"):
            continue
        else:  # tokens of plugins not listed: their source text
            out.append(token.content)
    return "".join(out)


SOURCE_LINK_WORDS = frozenset({"src", "source", "sources", "ref", "reference", "link"})


def without_source_links(tokens: list[Token]) -> list[Token]:
    """The tokens without trailing source links: `[[src](url)]` and `[[src]](url)`."""
    tokens = list(tokens)
    while True:
        while tokens and tokens[-1].type == "text" and not tokens[-1].content.strip():
            tokens.pop()
        end = len(tokens)
        if end and tokens[-1].type == "text" and tokens[-1].content.strip() == "]":
            end -= 1
        if not end or tokens[end - 1].type != "link_close":
            return tokens
        start = max(i for i in range(end) if tokens[i].type == "link_open")
        label = plain_of(tokens[start + 1:end - 1]).strip().strip("[]").rstrip("0123456789")
        if label.lower() not in SOURCE_LINK_WORDS:
            return tokens
        before = tokens[:start]
        if end < len(tokens) and before and before[-1].type == "text" and (
                before[-1].content.endswith("[")):
            before[-1] = _with_content(before[-1], before[-1].content[:-1])
        tokens = before


def question_markdown(tokens: list[Token]) -> str:
    """A question's Markdown: no emphasis, tags or trailing source links."""
    return markdown_of(without_source_links(tokens)).strip()


def _with_content(token: Token, content: str) -> Token:
    copy = token.copy()
    copy.content = content
    return copy


def plain_of(tokens: list[Token]) -> str:
    """The words a reader sees: no markup at all (links keep their text)."""
    out: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline") or token.type in MATH_TOKENS:
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "image":
            out.append(plain_of(token.children or []))
        elif token.type == "html_inline":
            out.append(html_events.text_of(token.content))
    return "".join(out)


def is_emphasized(tokens: list[Token]) -> bool:
    """All visible text sits inside bold or italic (a question written as a bold line)."""
    depth, seen = 0, False
    for token in tokens:
        if token.type in ("strong_open", "em_open"):
            depth += 1
        elif token.type in ("strong_close", "em_close"):
            depth -= 1
        elif (token.type in ("text", "code_inline") or token.type in MATH_TOKENS) and (
                token.content.strip()):
            if depth <= 0 and not _is_decoration(token.content):
                return False
            seen = seen or depth > 0
    return seen


def _is_decoration(text: str) -> bool:
    """Text outside the emphasis that does not count: punctuation, emoji, difficulty tags."""
    return all(not c.isalnum() for c in text) or text.strip().strip("[]()").upper() in {
        "E", "M", "H"}


def emphasized_spans(tokens: list[Token]) -> list[tuple[int, str]]:
    """(position of the span's first token, its text) for each top-level bold/italic span."""
    spans, depth, start, words = [], 0, 0, []
    for index, token in enumerate(tokens):
        if token.type in ("strong_open", "em_open"):
            if depth == 0:
                start, words = index, []
            depth += 1
        elif token.type in ("strong_close", "em_close"):
            depth -= 1
            if depth == 0:
                spans.append((start, markdown_of(words).strip()))
        elif depth > 0:
            words.append(token)
    return spans


def links_of(tokens: list[Token]) -> list[str]:
    return [str(t.attrGet("href")) for t in tokens if t.type == "link_open" and t.attrGet("href")]


def is_link_only(tokens: list[Token]) -> bool:
    """The visible text is the text of links (a table of contents or reading-list line)."""
    inside, outside = 0, ""
    for token in tokens:
        if token.type == "link_open":
            inside += 1
        elif token.type == "link_close":
            inside -= 1
        elif not inside and token.type in ("text", "code_inline"):
            outside += token.content
    return bool(links_of(tokens)) and not any(c.isalnum() for c in outside)


def is_struck(tokens: list[Token]) -> bool:
    """The whole line is struck out (`~~old question~~`)."""
    depth, seen = 0, False
    for token in tokens:
        if token.type == "s_open":
            depth += 1
        elif token.type == "s_close":
            depth -= 1
        elif token.type == "text" and token.content.strip():
            if depth <= 0:
                return False
            seen = True
    return seen
