"""Random Markdown made of the blocks where Python-Markdown and CommonMark part ways: lists
nested by 2, 3 or 4 spaces, lists right under a paragraph line, lazy lines, fences and quotes
inside items, tables (with `<br>` and `~~`), HTML blocks, `#tag` and `1986.` lines."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(["alpha", "beta", "*em*", "`code`", "**bold**", "x<br>y", "~~old~~",
                         "#tag", "1986.", "C#", "a|b", "2)", "+", "[x](https://e.org)", "&amp;",
                         "\\*", "https://e.org/p", "<b>hi</b>", "*", "_u_", "`a|b`"])


@st.composite
def text_line(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(text_line(), min_size=1, max_size=3))
    continued = draw(st.sampled_from(["", "", "  ", "    "]))  # lazy or indented lines
    return [lines[0], *(continued + line for line in lines[1:])]


@st.composite
def fence(draw: st.DrawFn) -> list[str]:
    ticks = draw(st.sampled_from(["```", "~~~", "````"]))
    body = draw(st.lists(st.sampled_from(["x = 1", "  y", "", "# c", "- not a list", "```no"]),
                         max_size=3))
    if ticks == "```":
        body = [line for line in body if not line.startswith("```")]
    return [ticks + draw(st.sampled_from(["", "python", "bash"])), *body, ticks]


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(1, 3))
    head = "| " + " | ".join(draw(text_line()) for _ in range(columns)) + " |"
    rule = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"]))
                          for _ in range(columns)) + "|"
    rows = ["| " + " | ".join(draw(text_line()) for _ in range(draw(st.integers(1, columns + 1))))
            + " |" for _ in range(draw(st.integers(0, 2)))]
    return [head, rule, *rows]


@st.composite
def list_block(draw: st.DrawFn, depth: int) -> list[str]:
    ordered = draw(st.booleans())
    start = draw(st.sampled_from([1, 1, 3]))
    step = draw(st.sampled_from([2, 3, 4]))  # how far the author indents what an item holds
    lines: list[str] = []
    for number in range(draw(st.integers(1, 3))):
        marker = (f"{number + start}{draw(st.sampled_from(['.', ')']))}" if ordered
                  else draw(st.sampled_from(["-", "-", "*", "+"])))
        pad = " " * (len(marker) + 1 if ordered else max(2, step))
        body = draw(document(depth - 1)) or ["item"]
        lines += [f"{marker} {body[0].lstrip()}",
                  *(pad + line if line else "" for line in body[1:])]
        if draw(st.booleans()):
            lines.append("")
    return lines


@st.composite
def block(draw: st.DrawFn, depth: int) -> list[str]:
    kinds = ["paragraph", "paragraph", "fence", "table", "rule", "heading", "indented", "html",
             "lazy", *(["list", "list", "quote"] if depth > 0 else [])]
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return draw(paragraph())
    if kind == "fence":
        return draw(fence())
    if kind == "table":
        return draw(table())
    if kind == "rule":
        return [draw(st.sampled_from(["---", "***", "* * *", "___"]))]
    if kind == "heading":
        return [draw(st.sampled_from(["#", "##", "###", "####"])) + " " + draw(text_line())]
    if kind == "indented":
        return ["", "    code line", "    more"]
    if kind == "html":
        return ["<div>", "", draw(text_line()), "", "</div>"]
    if kind == "lazy":
        return ["- " + draw(text_line()), draw(text_line())]
    if kind == "quote":
        return [f"> {line}" if line else ">" for line in draw(document(depth - 1))]
    return draw(list_block(depth))


@st.composite
def document(draw: st.DrawFn, depth: int = 2) -> list[str]:
    lines: list[str] = []
    for lines_of_block in draw(st.lists(block(depth), min_size=1, max_size=3)):
        if lines and draw(st.integers(0, 3)):  # mostly a blank line between; sometimes none
            lines.append("")
        lines += lines_of_block
    return lines


def markdown_text() -> st.SearchStrategy[str]:
    return document().map(lambda lines: "\n".join(lines) + "\n")
