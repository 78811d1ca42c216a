"""The document's section tree, built once: each heading's section, its place and its role.

A section runs from its heading to the next heading of the same or a higher level; its body is
what lies before the next heading of any level. Its role says what the section is:

- `title`: the document's own `# Title`;
- `toc`: a table of contents (named so, or a body of nothing but link lists); it covers its
  own lines, not the sections under it;
- `references`, `template`, `tips`, `licence`, `contributing`, `tail` (contact, conclusion,
  thanks, ...; a closing section is never the document's first): boilerplate (see
  boilerplate.py); sections under them inherit the role. A name alone does not make a section
  boilerplate: a section whose subtree holds a heading or a line that asks in so many words
  (a question mark, a `Q:` label) is content, whatever it is called (`## Resources` over
  `### What is a resource quota?`); only a template and a contributing guide keep their role,
  their questions being examples of the entries to write;
- `glossary`: named as one ("Glossary", "Key terms"), or under one;
- `content`: everything else.

Every question in the tree is found by one walk over it (no heading is compared with every
other heading: the cost is linear in the document).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from build_decks import boilerplate
from build_decks.readers import inline, shapes, vocabulary
from build_decks.readers.elements import (
    Element,
    FrontMatter,
    Heading,
    Html,
    ListBlock,
    is_link_list,
    walk_lines,
)

INHERITED_ROLES = frozenset({"references", "template", "tips", "licence", "contributing",
                             "tail"})
CLOSING_ROLES = boilerplate.CLOSING_KINDS  # never a document's first section
# Roles a question in the section's subtree cancels: not a template's or a contributing guide's,
# whose questions are examples of the entries to write.
ASKING_DECIDES = INHERITED_ROLES - {"template", "contributing"}
BOILERPLATE_ROLES = INHERITED_ROLES | {"toc"}
GLOSSARY_WORDS = vocabulary.any_language(vocabulary.GLOSSARY_WORDS)
TITLE_LOOKAHEAD = 5  # an HTML `<h1>` among the first elements titles the document


@dataclass(eq=False)
class Section:
    index: int  # the heading's position among the top-level elements; -1 for the document
    heading: Heading | None
    level: int  # 0 for the document
    text: str  # the heading's Markdown (links and code kept, emphasis gone)
    words: str  # the heading as plain text
    cleaned: shapes.Cleaned
    role: str = "content"
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    body: list[Element] = field(default_factory=list)
    named_glossary: bool = False  # it, or a section around it, is named as a glossary

    @property
    def leaf(self) -> bool:
        return not self.children

    @property
    def boilerplate(self) -> bool:
        return self.role in BOILERPLATE_ROLES

    def ancestors(self) -> Iterator[Section]:
        section = self.parent
        while section is not None:
            yield section
            section = section.parent

    def descendants(self) -> Iterator[Section]:
        for child in self.children:
            yield child
            yield from child.descendants()


@dataclass
class Outline:
    root: Section
    sections: list[Section]  # every heading's section, in document order
    by_index: dict[int, Section]
    owners: list[Section]  # per top-level element: the section it lies in (a heading: its own)
    title: str = ""
    title_index: int | None = None


def names_glossary(text: str) -> bool:
    """A heading or title that says its section defines terms ("Glossary", "Key terms")."""
    return bool(GLOSSARY_WORDS & set(shapes.words(text)))


def build(elements: list[Element]) -> Outline:
    root = Section(-1, None, 0, "", "", shapes.clean_question(""))
    sections: list[Section] = []
    owners: list[Section] = []
    stack = [root]
    owner = root
    for element in elements:
        if not (isinstance(element, Heading) and element.line is not None):
            owner.body.append(element)
            owners.append(owner)
            continue
        text = inline.question_markdown(element.line.tokens)
        words = inline.plain_of(element.line.tokens)
        while stack[-1].level >= element.level:
            stack.pop()
        section = Section(len(owners), element, element.level, text, words,
                          shapes.clean_question(text), parent=stack[-1])
        stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
        owners.append(section)
        owner = section
    outline = Outline(root, sections, {s.index: s for s in sections}, owners)
    _title(outline, elements)
    root.named_glossary = names_glossary(outline.title)
    asking = _asking(sections)
    for section in sections:
        _role(section, outline, asking)
    return outline


def asks_outright(tokens: list) -> bool:
    """A line that asks in so many words: a question mark (`?`, `？`, `؟`, a leading `¿`) or a
    `Q:`-style label; a link to a question (a TOC line) asks nothing."""
    if inline.is_link_only(tokens):
        return False
    cleaned = shapes.clean_question(inline.plain_of(tokens).strip())
    return cleaned.marker or shapes.asks_explicitly(cleaned.text)


def _asking(sections: list[Section]) -> dict[Section, bool]:
    """Sections whose subtree holds a heading or a line that asks outright (one pass, children
    before their parents)."""
    asking: dict[Section, bool] = {}
    for section in reversed(sections):
        own = section.heading is not None and section.heading.line is not None and (
            asks_outright(section.heading.line.tokens))
        asking[section] = own or any(asking[c] for c in section.children) or any(
            asks_outright(line.tokens) for element in section.body
            for line in walk_lines(element))
    return asking


def _role(section: Section, outline: Outline, asking: dict[Section, bool]) -> None:
    parent = section.parent
    section.named_glossary = names_glossary(section.words) or bool(
        parent and parent.named_glossary)
    own = boilerplate.section_kind(section.words)
    if own in CLOSING_ROLES and section is outline.sections[0]:
        own = None  # a closing section closes something: the first heading opens the document
    if own in ASKING_DECIDES and asking[section]:
        section.role = "glossary" if section.named_glossary else "content"
        return  # named like boilerplate, but it asks: content (its link list too, no TOC)
    inherited = next((s.role for s in section.ancestors() if s.role in INHERITED_ROLES), None)
    if section.index == outline.title_index:
        section.role = "title"
    elif inherited or own:
        section.role = inherited or own or ""
    elif _is_toc(section.body):
        section.role = "toc"
    elif section.named_glossary:
        section.role = "glossary"


def _is_toc(body: list[Element]) -> bool:
    """A body of nothing but lists whose items are links (a table of contents)."""
    lists = [e for e in body if isinstance(e, ListBlock)]
    return bool(lists) and len(lists) == len(body) and all(is_link_list(e) for e in lists)


def _title(outline: Outline, elements: list[Element]) -> None:
    for element in elements:
        if isinstance(element, FrontMatter):
            outline.title = front_matter_title(element.content)
    sections = outline.sections
    ones = [s for s in sections if s.level == 1 and not boilerplate.section_kind(s.words)
            and not s.cleaned.marker  # `# Question 1.` is a question, not the title
            and not shapes.item_number_only(s.words)]  # nor is `# Frage 1`: it numbers an item
    first = sections[0] if sections else None
    if first is not None and first in ones \
            and all(isinstance(e, FrontMatter) for e in elements[:first.index]):
        ones = [first]  # the document's first line, `# Title`, even if more `#` sections follow
    if len(ones) == 1 and (first is ones[0] or (first and first.level > 1)):
        outline.title_index = ones[0].index
        outline.title = outline.title or shapes.strip_tags(ones[0].words).strip()
    if not outline.title:
        html = next((e for e in elements[:TITLE_LOOKAHEAD] if isinstance(e, Html) and e.heading),
                    None)
        outline.title = html.heading if html else ""


def front_matter_title(text: str) -> str:
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
