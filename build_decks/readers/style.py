"""What a whole document says about how it writes its questions.

Documents mark their questions in one style per kind of block, and the finder needs that
style before it can read any single block: whether `### Overview` is a section or a question
depends on whether the other `###` headings are questions, whether an unnumbered bold line is
a question depends on whether the bold questions are numbered, and whether `**Term**` opens a
definition depends on whether the section around it is a glossary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from build_decks import boilerplate
from build_decks.readers import inline, shapes
from build_decks.readers.elements import (
    Admonition,
    Container,
    Details,
    Element,
    FrontMatter,
    Heading,
    Html,
    Item,
    ListBlock,
    Paragraph,
    Quote,
)

SECTION_WORDS = frozenset(
    "introduction overview about preface background motivation prerequisites notes intro "
    "getting started".split())
GENERIC_SUMMARIES = frozenset([
    "answer", "answers", "show", "show answer", "view answer", "see answer", "reveal",
    "reveal answer", "solution", "show solution", "view solution", "explanation", "expand",
    "click to expand", "click here", "details", "hint", "show more", "more", "show details",
    "click to see answer", "toggle answer", "open", "see more"])
TERM_DEFINITION_WORDS = 45
GLOSSARY_WORDS = frozenset("glossary glossaries terminology terminologies vocabulary jargon "
                           "definition definitions term terms acronyms abbreviations".split())
LABEL_WORDS = frozenset("note notes tip tips example examples important warning caution hint "
                        "summary question questions definition explanation advantages "
                        "disadvantages pros cons".split())
ITEM_HEADING_SHARE = 2 / 3  # of a level's headings asking, for the others there to be items


@dataclass
class HeadingInfo:
    index: int  # position among the document's top-level elements
    element: Heading
    text: str  # Markdown of the heading (links and code kept)
    cleaned: shapes.Cleaned
    question_like: bool
    boilerplate: str | None
    body: list[Element]  # elements up to the next heading of any level
    leaf: bool = True  # no deeper heading before the next one of its level or higher
    toc: bool = False  # its body is only lists of links
    groups: bool = False  # question-like headings sit under it: it is a section

    @property
    def level(self) -> int:
        return self.element.level


@dataclass
class Style:
    title: str = ""
    title_index: int | None = None
    headings: dict[int, HeadingInfo] = field(default_factory=dict)
    item_headings: dict[int, str] = field(default_factory=dict)  # index -> question|item|term
    question_levels: set[int] = field(default_factory=set)
    numbered_levels: set[int] = field(default_factory=set)  # levels whose questions have numbers
    bold_numbered: bool = False  # the bold questions carry numbers: unnumbered bold is not one
    has_strong: bool = False  # some question is marked (Q:, summary, heading, bold number)
    glossary: dict[int, bool] = field(default_factory=dict)  # section of terms -> named one


def analyse(elements: list[Element]) -> Style:
    style = Style()
    headings = _headings(elements)
    style.headings = {h.index: h for h in headings}
    _title(style, elements, headings)
    _question_headings(style, headings)
    _term_headings(style, headings)
    lines = [line for element in elements for line in _first_lines(element)]
    style.bold_numbered = any(_bold_question(line, numbered=True) for line in lines)
    style.has_strong = bool(style.item_headings) or any(
        shapes.strip_marker(inline.plain_of(line.tokens).strip())[1]
        or _bold_question(line, numbered=style.bold_numbered) for line in lines) or any(
        isinstance(e, Details) and is_question_summary(e.summary) for e in _walk(elements))
    style.glossary = _glossary_sections(elements, style)
    return style


def is_generic_summary(text: str) -> bool:
    return " ".join(shapes.words(text)) in GENERIC_SUMMARIES or not shapes.words(text)


def is_question_summary(text: str) -> bool:
    return not is_generic_summary(text)


def _walk(elements: list[Element]):
    for element in elements:
        yield element
        if isinstance(element, Container):
            yield from _walk(element.children)
        elif isinstance(element, ListBlock):
            for item in element.items:
                yield from _walk(item.children)


def _first_lines(element: Element):
    """Every paragraph line and item lead in the document, for the style counts."""
    for found in _walk([element]):
        if isinstance(found, Paragraph):
            yield from found.lines


def _bold_question(line, numbered: bool) -> bool:
    if not inline.is_emphasized(line.tokens):
        return False
    cleaned = shapes.clean_question(inline.question_markdown(line.tokens))
    return (cleaned.numbered or not numbered) and (
        shapes.is_question_like(cleaned.text) or (cleaned.numbered and cleaned.tagged))


def _headings(elements: list[Element]) -> list[HeadingInfo]:
    found: list[HeadingInfo] = []
    for index, element in enumerate(elements):
        if isinstance(element, Heading) and element.line is not None:
            text = inline.question_markdown(element.line.tokens)
            cleaned = shapes.clean_question(text)
            found.append(HeadingInfo(index, element, text, cleaned,
                                     shapes.is_question_like(cleaned.text),
                                     boilerplate.section_kind(inline.plain_of(
                                         element.line.tokens)), []))
    for position, heading in enumerate(found):
        following = found[position + 1:]
        end = following[0].index if following else len(elements)
        heading.body = elements[heading.index + 1:end]
        for later in following:
            if later.level <= heading.level:
                break
            heading.leaf = False
        heading.toc = _is_toc(heading.body)
    return found


def _is_toc(body: list[Element]) -> bool:
    """A body of nothing but lists whose items are links (a table of contents)."""
    lists = [e for e in body if isinstance(e, ListBlock)]
    other = [e for e in body if not isinstance(e, ListBlock)]
    return bool(lists) and not other and all(is_link_list(e) for e in lists)


def is_link_list(block: ListBlock) -> bool:
    leads = [lead_tokens(item) for item in block.items]
    links = sum(1 for tokens in leads if tokens and inline.is_link_only(tokens))
    return bool(leads) and links >= 0.8 * len(leads)


def lead_tokens(item: Item) -> list:
    first = item.children[0] if item.children else None
    return first.lines[0].tokens if isinstance(first, Paragraph) and first.lines else []


def _title(style: Style, elements: list[Element], headings: list[HeadingInfo]) -> None:
    for element in elements:
        if isinstance(element, FrontMatter):
            style.title = _front_matter_title(element.content)
    ones = [h for h in headings if h.level == 1 and not h.boilerplate]
    first = headings[0] if headings else None
    if first is not None and first.level == 1 and not first.boilerplate and all(
            isinstance(e, FrontMatter) for e in elements[:first.index]):
        ones = [first]  # the document's first line, `# Title`, even if more `#` sections follow
    if len(ones) == 1 and (first is ones[0] or (first and first.level > 1)):
        style.title_index = ones[0].index
        style.title = style.title or shapes.strip_tags(inline.plain_of(
            ones[0].element.line.tokens)).strip()
    if not style.title:
        html = next((e for e in elements[:5] if isinstance(e, Html) and e.heading), None)
        style.title = html.heading if html else ""


def _front_matter_title(text: str) -> str:
    """`title:` of YAML front matter; read key by key when the whole does not parse (blogs
    put tables of contents in front matter that are not valid YAML)."""
    chunks, current = [], []
    for line in text.split("\n"):
        if line[:1].strip() and not line.startswith("#") and current:
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    chunks.append("\n".join(current))
    for chunk in (text, *chunks):
        try:
            data = yaml.safe_load(chunk)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            return data["title"].strip()
    return ""


def _under(inner: HeadingInfo, outer: HeadingInfo, headings: list[HeadingInfo]) -> bool:
    """`inner` lies in `outer`'s section: no heading of `outer`'s level or higher between."""
    return not any(outer.index < h.index < inner.index and h.level <= outer.level
                   for h in headings)


def _inside_boilerplate(heading: HeadingInfo, headings: list[HeadingInfo]) -> bool:
    """Under a boilerplate heading of a higher level (its subsections are boilerplate too)."""
    enclosing: list[HeadingInfo] = []
    for other in headings:
        if other.index >= heading.index:
            break
        while enclosing and enclosing[-1].level >= other.level:
            enclosing.pop()
        enclosing.append(other)
    return any(h.boilerplate and h.boilerplate != "toc" and h.level < heading.level
               for h in enclosing)


def _question_headings(style: Style, headings: list[HeadingInfo]) -> None:
    usable = [h for h in headings if not h.boilerplate and not h.toc
              and h.index != style.title_index and not _inside_boilerplate(h, headings)]
    if any(h.cleaned.marker for h in usable):  # `## Q1:` style: only marked headings ask
        marked = [h for h in usable if h.cleaned.marker or (h.cleaned.numbered and h.question_like)]
        style.item_headings = {h.index: "question" for h in marked}
        style.question_levels = {h.level for h in marked}
        return
    for heading in usable:  # a question-like heading over question-like ones is a section
        heading.groups = any(h.question_like for h in usable if h.index > heading.index
                             and h.level > heading.level and _under(h, heading, usable))
    for level in sorted({h.level for h in usable}):
        at_level = [h for h in usable if h.level == level]
        asking = [h for h in at_level if h.question_like and not h.groups]
        if len(asking) < min(2, len(at_level)) or len(asking) < len(at_level) / 3:
            continue
        style.question_levels.add(level)
        numbered = [h for h in asking if h.cleaned.numbered]
        if len(numbered) >= 0.7 * len(asking):  # `#### 8)` style: unnumbered are sub-headings
            style.numbered_levels.add(level)
            style.item_headings |= {h.index: "question" for h in at_level
                                    if h.cleaned.numbered and not h.groups}
            continue
        first = asking[0].index
        items = len(asking) >= ITEM_HEADING_SHARE * len(at_level)
        for heading in at_level:
            if heading.question_like and not heading.groups:
                style.item_headings[heading.index] = "question"
            elif (items and heading.leaf and heading.index > first
                  and " ".join(shapes.words(heading.cleaned.text)) not in SECTION_WORDS):
                style.item_headings[heading.index] = "item"


def _term_headings(style: Style, headings: list[HeadingInfo]) -> None:
    """Outlines: headings at the deepest level whose body is one short line define a term."""
    usable = [h for h in headings if not h.boilerplate and not _inside_boilerplate(h, headings)]
    if not usable:
        return
    deepest = max(h.level for h in usable)
    if deepest in style.question_levels:
        return
    glossaries = _glossary_headings(usable, style)
    entries = [h for h in usable if h.level == deepest and h.leaf and not h.question_like
               and h.body and h.index in glossaries and _names_one_term(h)]
    terms = [h for h in usable if h.level == deepest and h.leaf and not h.question_like
             and _is_definition(h.body) and h.index not in glossaries]
    style.item_headings |= {h.index: "entry" for h in entries}  # a glossary's: all its body
    if len(terms) >= 3:
        style.item_headings |= {h.index: "term" for h in terms}  # an outline's: one line


def _names_one_term(heading: HeadingInfo) -> bool:
    """Not a letter of an A-Z index, nor a group whose body defines terms itself."""
    if len(shapes.words(heading.cleaned.text)) == 1 and len(heading.cleaned.text.strip()) == 1:
        return False
    leads = [e.lines[0].tokens for e in heading.body if isinstance(e, Paragraph)]
    return sum(1 for tokens in leads if term_span(tokens, named=True)) < 2


def _glossary_headings(headings: list[HeadingInfo], style: Style) -> set[int]:
    """Headings in a document or section named as a glossary: each names a term."""
    found, enclosing = set(), []
    whole = names_glossary(style.title)
    for heading in headings:
        while enclosing and enclosing[-1].level >= heading.level:
            enclosing.pop()
        if whole or any(names_glossary(h.text) for h in enclosing):
            found.add(heading.index)
        enclosing.append(heading)
    return found


def _is_definition(body: list[Element]) -> bool:
    """One short paragraph, alone or followed by a list of questions under a label."""
    if not body or not isinstance(body[0], Paragraph) or inline.is_emphasized(
            body[0].lines[0].tokens):
        return False
    words = shapes.words(inline.plain_of([t for line in body[0].lines for t in line.tokens]))
    rest = body[1:]
    return len(words) <= TERM_DEFINITION_WORDS and (not rest or names_questions(rest[0]))


def names_questions(element: Element) -> bool:
    """A one-line label such as `**Questions:**` or `Sample Questions`."""
    if not isinstance(element, Paragraph) or len(element.lines) != 1:
        return False
    found = shapes.words(inline.plain_of(element.lines[0].tokens))
    return 0 < len(found) <= 4 and bool({"question", "questions"} & set(found))


def term_span(tokens: list, named: bool = False) -> str | None:
    """The term a glossary line defines: its first bold/italic span near the start, or the only
    one ("**Clustering**. ...", "In **supervised learning**, ...", "... called **weights**").

    Under a heading that names a glossary (`named`), also a plain `Term: definition` line and
    a short bold line alone (`**Accuracy**`, its definition below it)."""
    spans = inline.emphasized_spans(tokens)
    if named:
        words = inline.plain_of(tokens).strip()
        if spans and inline.is_emphasized(tokens) and len(shapes.words(words)) <= 6 and not (
                shapes.is_question_like(words) or _is_label(words)):
            return words.rstrip(":").strip()
        label, colon, rest = words.partition(":")
        if not spans and colon and rest.strip() and 0 < len(label.split()) <= 5 and not (
                shapes.is_question_like(label) or _is_label(label)):
            return label.strip()
    if not spans or inline.is_emphasized(tokens):
        return None
    position, text = spans[0]
    before = inline.plain_of(tokens[:position])
    if _is_label(text):
        return None  # `**Q1:**`, `**1.**`, `**Answer:**`, `**Note:**` are labels, not terms
    if len(shapes.words(before)) <= 3 or len(spans) == 1:
        return text.strip() or None
    return None


def _is_label(text: str) -> bool:
    cleaned = shapes.clean_question(text)
    return (cleaned.marker or cleaned.numbered or bool(shapes.answer_label(text))
            or not cleaned.text or " ".join(shapes.words(text)) in LABEL_WORDS)


def names_glossary(text: str) -> bool:
    """A heading or title that says its section defines terms ("Glossary", "Key terms")."""
    return bool(GLOSSARY_WORDS & set(shapes.words(text)))


def _glossary_sections(elements: list[Element], style: Style) -> dict[int, bool]:
    """Sections of definitions: section (heading index, -1 before any) -> named as one."""
    sections: dict[int, list[list]] = {-1: []}
    named: dict[int, bool] = {-1: names_glossary(style.title)}
    open_names: list[tuple[int, bool]] = []  # (level, named) of the enclosing headings
    key = -1
    for index, element in enumerate(elements):
        if isinstance(element, Heading):
            key = index
            sections[key] = []
            while open_names and open_names[-1][0] >= element.level:
                open_names.pop()
            words = inline.plain_of(element.line.tokens) if element.line else ""
            open_names.append((element.level, names_glossary(words)))
            named[key] = named[-1] or any(flag for _, flag in open_names)
        elif isinstance(element, Paragraph):
            sections[key].append(element.lines[0].tokens)
        elif isinstance(element, ListBlock) and not is_link_list(element):
            sections[key] += [lead_tokens(item) for item in element.items if lead_tokens(item)]
        elif isinstance(element, (Quote, Admonition)):
            continue
    glossary = {}
    for key, leads in sections.items():
        terms = sum(1 for tokens in leads if term_span(tokens, named[key]))
        if terms and (named[key] or (terms >= 3 and terms >= 0.6 * len(leads))):
            glossary[key] = named[key]
    return glossary
