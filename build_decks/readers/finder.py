"""The question finder: one walk over a document's element tree, whatever its shape.

A question is found in one of a few places: a heading, a `<summary>`, an admonition title, a
line with a `Q:`-style marker, a bold (or numbered bold) line, a list item in a list of
questions, a table row under a "Question" column, a line in a run of plain questions, or the
lead of a glossary entry. Its answer is what follows, in the same container, up to the next
question that is at least as strong (or a heading, a rule, the end of the container):

- strong questions (headings, summaries, markers, bold lines) take everything after them;
- a lone plain question takes what follows too, but only in documents with no marked ones;
- weak ones (list items, lines in a run of questions) take only what is visibly an answer:
  their own nested blocks, a labelled `A:` line, a list, code, a quote, an answer block.

`<details>` and admonitions whose title says "Answer" are answers of the open question.
Everything else is left out and reported with its line and the reason.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from linkify_it import LinkifyIt

from build_decks import boilerplate, cloze, html_events
from build_decks.model import Dropped, RawEntry
from build_decks.readers import inline, shapes
from build_decks.readers.elements import (
    Admonition,
    Code,
    Container,
    Definitions,
    Details,
    Element,
    FrontMatter,
    Heading,
    Html,
    Item,
    Line,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
    TextLine,
)
from build_decks.readers.parse import parse, parser
from build_decks.readers.style import (
    HeadingInfo,
    Style,
    analyse,
    is_generic_summary,
    is_link_list,
    lead_tokens,
    names_questions,
    term_span,
)

HEADING, STRONG, MEDIUM, WEAK = 4, 3, 2, 1
CARD_FENCES = frozenset({"", "text", "txt", "plain", "plaintext"})
TERM_COLUMNS = frozenset({"term", "terms", "concept", "acronym", "abbreviation", "keyword"})
QUESTION_COLUMNS = frozenset({"question", "questions", "q", "prompt", "front"}) | TERM_COLUMNS
ANSWER_COLUMNS = frozenset({"answer", "answers", "a", "definition", "explanation", "back",
                            "solution", "meaning", "description"})
# An answer label at the start of a source line, with the emphasis or list marker around it
# (`A:`, `**Answer:**`, `- **Expected Answer**:`); applied only where the words matched one.
LABEL_PREFIX = re.compile(
    r"^\s*(?:\d+[.)]\s+)?[^\w\n]*?(?:(?:expected|short|sample|model|suggested)\s+)?"
    r"(?:answer|ans|solution|a)\s*\d*[*_\s]*(?:[:.)]|[-–]\s)(?:[*_]{1,2})?\s*", re.IGNORECASE)
QUOTE_PREFIX = re.compile(r"^\s{0,3}> ?")
DEFINITION_MARKER = re.compile(r"^\s{0,3}[:~]\s+")
DEFINITION_LABEL = re.compile(r"^[^\w\n]*definition[*_\s]*:[*_]*\s*", re.IGNORECASE)
TERM_PREFIX = re.compile(r"^\s*(?:[-*+]\s+)?(?:(\*\*|__|\*|_)(?P<term>.+?)\1|(?P<plain>[^:\n]+?))"
                         r"\s*[:.\-–—]\s+")
AD_PHRASES = re.compile(
    r"\b(visit (our|my) (website|blog|channel)|follow (us|me) on|subscribe to (our|my)|"
    r"sign up (for|to) (our|my)|enrol+ (now|today)|promo code|buy me a coffee|"
    r"join medium|(our|my) referral link)\b", re.IGNORECASE)
LINKIFY = LinkifyIt()
SOCIAL_HOSTS = ("linkedin.com", "facebook.com", "twitter.com", "x.com", "youtube.com",
                "instagram.com", "ko-fi.com", "patreon.com", "buymeacoffee.com", "medium.com")


@dataclass
class Found:
    """A question (or term) being read, and the source lines of its answer so far."""

    front: str
    line: int  # 0-based
    strength: int
    section: str
    kind: str = "qa"  # qa | term | cloze | item (a heading: a term, a question or a prompt)
    level: int = 0  # heading level, for questions that are headings
    pieces: list[tuple[int, str]] = field(default_factory=list)
    takes_prose: bool = True  # plain paragraphs after it are its answer
    blocks_only: bool = False  # only an answer block (`<details>`) may follow as its answer
    one_paragraph: bool = False  # an outline's term: defined by its first paragraph alone

    def add(self, pieces: list[tuple[int, str]], new_block: bool = True) -> None:
        """Add source lines; a new block is set off from the last one by a blank line where
        the source had lines between them (so nothing left out joins two paragraphs)."""
        if not pieces:
            return
        if new_block and self.pieces and self.pieces[-1][1].strip() and (
                pieces[0][0] != self.pieces[-1][0] + 1):
            self.pieces.append((pieces[0][0], ""))
        self.pieces.extend(pieces)


class Finder:
    def __init__(self, text: str, plain: bool = False, offset: int = 0) -> None:
        self.source = [line.expandtabs(4) for line in text.split("\n")]
        self.plain = plain
        self.offset = offset  # where `text` starts in its file (a fenced card's content)
        self.elements = parse(text, plain)
        self.style: Style = analyse(self.elements)
        self.found: list[Found] = []
        self.dropped: list[Dropped] = []
        self.references: list[str] = []
        self.section = ""
        self.glossary: bool | None = self.style.glossary.get(-1)  # None: not a glossary
        self.scraped = plain and _scraped([line for e in self.elements
                                           if isinstance(e, Paragraph) and len(e.lines) > 1
                                           for line in [*self.source[e.start:e.end], ""]])

    # Results ---------------------------------------------------------------------------------

    def run(self) -> list[RawEntry]:
        self.top(self.elements)
        return [e for found in self.found if (e := self.entry(found))]

    def entry(self, found: Found) -> RawEntry | None:
        if not found.front:
            return None
        line = found.line + self.offset + 1
        if found.kind == "cloze":
            return RawEntry("cloze", found.front, [], line, "markdown", found.section)
        pieces = self.answer(found)
        answer = "\n".join(text for _, text in pieces)
        if pieces and cloze.has_deletion(answer):  # an answer written as cloze text
            return RawEntry("cloze", f"**{found.front}**\n\n{answer}", [], line, "markdown",
                            found.section)
        if not pieces and cloze.has_deletion(found.front):  # "Capital of France? {{c1::Paris}}"
            return RawEntry("cloze", found.front, [], line, "markdown", found.section)
        kind = found.kind
        if kind == "item":
            kind = "term" if pieces and _defines(found.front, answer) else "qa"
        if pieces and kind != "term" and shapes.is_placeholder(answer):
            self.drop(pieces[0][0], "placeholder answer", answer)
            pieces = []
        layout = "markdown"
        if self.plain and pieces and _plain_prose(pieces):
            layout = "lines" if self.scraped else "wrapped"
        return RawEntry(kind, found.front, [(n + self.offset + 1, t) for n, t in pieces],
                        line, layout, found.section)

    def answer(self, found: Found) -> list[tuple[int, str]]:
        """The answer's source lines: labels and blank ends trimmed, indentation removed."""
        pieces = list(found.pieces)
        while pieces and not pieces[0][1].strip():
            pieces.pop(0)
        while pieces and not pieces[-1][1].strip():
            pieces.pop()
        labelled = shapes.answer_label(_words_of_line(pieces[0][1])) if pieces else None
        if pieces and (labelled or (found.kind == "term" and DEFINITION_LABEL.match(pieces[0][1]))):
            first = DEFINITION_LABEL.sub("", LABEL_PREFIX.sub("", pieces[0][1], count=1), count=1)
            pieces = ([(pieces[0][0], first)] if first.strip() else []) + pieces[1:]
            while pieces and not pieces[0][1].strip():
                pieces.pop(0)
        match = TERM_PREFIX.match(pieces[0][1]) if found.kind == "term" and pieces else None
        if match and shapes.words(match["term"] or match["plain"]) == shapes.words(found.front):
            pieces[0] = (pieces[0][0], pieces[0][1][match.end():])
        indent = min((len(t) - len(t.lstrip()) for _, t in pieces if t.strip()), default=0)
        return [(n, t[indent:].rstrip()) for n, t in pieces]

    def drop(self, line: int, reason: str, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.dropped.append(Dropped(line + self.offset + 1, reason, text[:200]))

    def new(self, front: str, line: int, strength: int, kind: str = "qa", level: int = 0,
            takes_prose: bool = True) -> Found:
        found = Found(front, line, strength, self.section, kind, level, takes_prose=takes_prose)
        self.found.append(found)
        return found

    # Source lines ----------------------------------------------------------------------------

    def lines(self, start: int, end: int) -> list[tuple[int, str]]:
        return [(n, self.source[n]) for n in range(start, min(end, len(self.source)))]

    def pieces(self, element: Element, unwrap_quote: bool = False) -> list[tuple[int, str]]:
        if isinstance(element, (Details, Admonition)):
            out: list[tuple[int, str]] = []
            for child in element.children:
                piece = self.pieces(child, unwrap_quote=not out)
                if out and piece and piece[0][0] != out[-1][0] + 1:
                    out.append((piece[0][0], ""))
                out += piece
            return out
        if isinstance(element, TextLine):
            return [(element.start, element.text)]
        if isinstance(element, Paragraph):
            return [(line.number, self.source[line.number]) for line in element.lines]
        if isinstance(element, Quote) and unwrap_quote:
            return [(n, QUOTE_PREFIX.sub("", t, count=1)) for n, t in self.lines(
                element.start, element.end)]
        lines = self.lines(element.start, element.end)
        while lines and (not lines[-1][1].strip() or (element.closes and html_events.only_tags(
                lines[-1][1]))):
            lines.pop()  # `</b></details>` that lazily continued the last list item
        return lines

    def item_pieces(self, item: Item) -> list[tuple[int, str]]:
        """An item's lines without its own list marker."""
        pieces = self.lines(item.start, item.end)
        if pieces:
            number, first = pieces[0]
            marker = first.lstrip()[:len(item.marker)]
            if marker == item.marker:
                pieces[0] = (number, first.lstrip()[len(marker):])
        return pieces

    def absorb(self, found: Found, element: Element) -> None:
        """Add a block to an answer, unless it is a back-to-top link, a badge or a comment."""
        reason = _noise(element)
        if reason:
            self.drop(element.start, reason, self.text(element))
            return
        found.add(self.pieces(element, unwrap_quote=not found.pieces))

    def text(self, element: Element) -> str:
        return " ".join(t.strip() for _, t in self.lines(element.start, element.end))

    # The top level: headings open and close sections and heading questions -------------------

    def top(self, elements: list[Element]) -> None:
        open_q: Found | None = None
        sections: list[tuple[int, str, str | None]] = []  # (level, title, boilerplate kind)
        for index, element in enumerate(elements):
            if isinstance(element, Heading):
                info = self.style.headings[index]
                while sections and (sections[-1][0] >= info.level or sections[-1][2] == "toc"):
                    sections.pop()
                inherited = next((kind for _, _, kind in sections if kind), None)
                self.glossary = self.style.glossary.get(index)
                if index == self.style.title_index:
                    open_q = None
                    continue
                if inherited or info.boilerplate or info.toc:
                    kind = inherited or info.boilerplate or "toc"
                    # A table of contents covers its own lines, not the headings under it.
                    sections.append((info.level if kind != "toc" else 99, "", kind))
                    open_q = None
                    self.drop(element.start, f"{kind} section", info.text)
                    continue
                role = self.style.item_headings.get(index)
                if role:
                    open_q = None
                    self.section = _section_title(sections) or self.section
                    open_q = self.heading_item(info, role)
                    continue
                if open_q and ((open_q.level and self.subheading(info, open_q))
                               or shapes.answer_label(info.text)):  # `#### **Answer:**`
                    self.absorb(open_q, element)
                    continue
                open_q = None
                sections.append((info.level, boilerplate.heading_text(info.text), None))
                self.section = _section_title(sections)
                continue
            kind = next((kind for _, _, kind in sections if kind), None)
            if kind and names_questions(element):  # "**Questions:**" opens questions again
                sections = [(level, title, None) for level, title, _ in sections]
                kind = None
            if kind:
                self.left_out(element, kind)
                continue
            open_q = self.element(element, open_q, nested=False)

    def subheading(self, info: HeadingInfo, open_q: Found) -> bool:
        """A heading inside a heading question's answer ("### **Z-score**" under "### 25.")."""
        if info.level > open_q.level:
            return True
        if info.level == open_q.level:
            return open_q.level in self.style.numbered_levels
        return self.scraped  # text scraped from a web page lost its heading levels

    def heading_item(self, info: HeadingInfo, role: str) -> Found:
        kind = {"question": "qa", "term": "term", "entry": "term", "item": "item"}[role]
        found = self.new(info.cleaned.text, info.element.start, HEADING, kind, info.level)
        found.one_paragraph = role == "term"
        return found

    def left_out(self, element: Element, kind: str) -> None:
        if kind != "references":
            self.drop(element.start, f"{kind} section", self.text(element))
            return
        for line in _walk_lines(element):  # links, and addresses written out as text
            self.references += [u for u in inline.links_of(line.tokens) if _is_web(u)]
            self.references += [link.url for link in LINKIFY.match(
                inline.plain_of(line.tokens)) or [] if _is_web(link.url)]

    # Any container's elements ----------------------------------------------------------------

    def walk(self, elements: list[Element], open_q: Found | None, nested: bool) -> Found | None:
        for element in elements:
            open_q = self.element(element, open_q, nested)
        return open_q

    def element(self, element: Element, open_q: Found | None, nested: bool) -> Found | None:
        if open_q and open_q.one_paragraph and open_q.pieces:
            open_q = None  # an outline heading's definition is its first paragraph
        if open_q and open_q.blocks_only and not isinstance(element, Details | Admonition):
            open_q = None
        if isinstance(element, Paragraph) and not (open_q and open_q.takes_prose) and (
                self.cloze_paragraph(element)):
            return None
        if isinstance(element, ListBlock) and self.cloze_items(element, open_q):
            return None
        if isinstance(element, Paragraph):
            return self.paragraph(element, open_q, nested)
        if isinstance(element, ListBlock):
            return self.list_block(element, open_q, nested)
        if isinstance(element, Details):
            return self.details(element, open_q, element.summary, nested)
        if isinstance(element, Admonition):
            return self.details(element, open_q, element.title, nested)
        if isinstance(element, Code) and _is_card_fence(element):
            self.cards(element)
            return None
        if isinstance(element, Table) and not (open_q and open_q.strength >= STRONG) and (
                columns := _question_columns(element)):
            self.table(element, *columns)
            return None
        if isinstance(element, Definitions):
            self.definitions(element)
            return None
        if isinstance(element, Rule):  # `---` between items ends the answer before it
            return None
        if isinstance(element, FrontMatter) or (isinstance(element, Html) and element.comment):
            if isinstance(element, FrontMatter):
                self.drop(element.start, "front matter", "---")
            return open_q
        if isinstance(element, Quote) and not (open_q and open_q.takes_prose):
            self.walk(element.children, None, nested=True)
            return None
        if open_q and (open_q.takes_prose or not isinstance(element, TextLine | Html | Heading)):
            self.absorb(open_q, element)
            return open_q
        self.drop(element.start, "outside any question", self.text(element))
        return None

    def cloze_paragraph(self, para: Paragraph, section: str | None = None) -> bool:
        """A paragraph (or list item) written as cloze text outside any answer: a card. One
        that asks is read as a question first (it may have an answer of its own)."""
        text = "\n".join(inline.markdown_of(line.tokens, keep_markup=True).strip()
                         for line in para.lines)
        if not cloze.has_deletion(text) or shapes.is_question_like(
                shapes.clean_question(inline.plain_of(para.lines[0].tokens)).text):
            return False
        found = self.new(text, para.start, STRONG, "cloze", takes_prose=False)
        found.section = self.section if section is None else section
        return True

    def cloze_items(self, block: ListBlock, open_q: Found | None) -> bool:
        """A list whose every item is cloze text: a card per item. A heading above it with
        nothing else under it ("Definitions") names their section, it is no question."""
        paragraphs = [item.children[0] if item.children else None for item in block.items]
        if self.question_list(block) or not all(
                isinstance(p, Paragraph) and cloze.has_deletion(self.text(p)) for p in paragraphs):
            return False
        section = self.section
        if open_q and not open_q.pieces and open_q in self.found:
            self.found.remove(open_q)
            section = open_q.front
        for paragraph in paragraphs:
            self.cloze_paragraph(paragraph, section)  # type: ignore[arg-type]
        return True

    # Paragraph lines -------------------------------------------------------------------------

    def paragraph(self, para: Paragraph, open_q: Found | None, nested: bool) -> Found | None:
        if reason := _noise(para):  # a badge or a back-to-top link: not a boundary either
            self.drop(para.start, reason, self.text(para))
            return open_q
        lines = para.lines
        words = [inline.plain_of(line.tokens).strip() for line in lines]
        if open_q and open_q.takes_prose and _is_ad(words[0], lines[0]):
            self.drop(para.start, "advert", " ".join(words))
            return None
        if self.glossary is not None and not (open_q and open_q.strength > STRONG) and (
                term := term_span(lines[0].tokens, self.glossary)):
            found = self.new(shapes.clean_question(term).text, para.start, STRONG, "term")
            if not inline.is_emphasized(lines[0].tokens):  # `**Accuracy**` alone: defined below
                found.add(self.pieces(para))
            return found
        asking = [i for i, line in enumerate(lines) if self.plain_question(line, words[i])]
        run = len(asking) >= 2 or (len(lines) > 1 and asking == list(range(1, len(lines))))
        if run and open_q and open_q.strength <= MEDIUM:  # a list of questions starts
            open_q = None
        pending: Found | None = None  # a question that goes on on the next line
        for i, line in enumerate(lines):
            if pending is not None:
                if _continues(pending.front, words[i]):
                    pending.front = f"{pending.front} {shapes.clean_question(words[i]).text}"
                    pending.front = pending.front.strip()
                    continue
                pending = None
            candidate = self.line_candidate(line, words[i], run, nested,
                                            single=len(lines) == 1)
            if candidate is not None and (open_q is None or (candidate[1] >= open_q.strength
                                          and open_q.strength < HEADING)):
                text, strength = candidate
                open_q = self.new(text, line.number, strength, takes_prose=strength >= MEDIUM)
                if not text and i + 1 == len(lines):
                    self.found.remove(open_q)  # a lone `Question:` label heads what follows
                    open_q = None
                elif i + 1 < len(lines) and _continues(text, words[i + 1]):
                    pending = open_q
                continue
            if i == 0 and i + 1 < len(lines) and self.is_marker(words[1]) and _title_like(words[0]):
                open_q = None
                self.drop(line.number, "section label", words[0])
                continue
            if open_q and (open_q.takes_prose or shapes.answer_label(words[i])
                           or _bullet_like(words[i])):
                open_q.add([(line.number, self.source[line.number])],
                           new_block=i == 0 or not open_q.pieces)
                continue
            if open_q:
                open_q = None
            self.drop(line.number, "outside any question", words[i])
        return open_q

    def is_marker(self, words: str) -> bool:
        return shapes.strip_marker(words)[1]

    def plain_question(self, line: Line, words: str) -> bool:
        """A line that asks, written plainly (for counting runs of questions)."""
        if not words or self.is_marker(words) or shapes.answer_label(words):
            return False
        if inline.is_emphasized(line.tokens) or inline.is_link_only(line.tokens):
            return False
        text = shapes.clean_question(words).text
        return shapes.is_question_like(text) and not shapes.is_labelled(text)

    def line_candidate(self, line: Line, words: str, run: bool, nested: bool,
                       single: bool) -> tuple[str, int] | None:
        if not words or inline.is_link_only(line.tokens) or _struck(line.tokens):
            if words and _struck(line.tokens):
                self.drop(line.number, "struck-out question", words)
            return None
        cleaned = shapes.clean_question(inline.question_markdown(line.tokens))
        if cleaned.marker:
            return cleaned.text, STRONG
        if inline.is_emphasized(line.tokens):
            if (cleaned.numbered or not self.style.bold_numbered) and (
                    shapes.is_question_like(cleaned.text) or (cleaned.numbered and cleaned.tagged)):
                return cleaned.text, STRONG
            return None
        if not shapes.is_question_like(cleaned.text) and not cleaned.tagged:
            return None
        if run and not shapes.is_labelled(cleaned.text):
            return cleaned.text, WEAK
        if single and not nested and (cleaned.numbered or not self.style.has_strong) and (
                shapes.is_question_like(cleaned.text, strict=True)):
            return cleaned.text, MEDIUM
        return None

    # Lists -----------------------------------------------------------------------------------

    def list_block(self, block: ListBlock, open_q: Found | None, nested: bool) -> Found | None:
        questions = self.question_list(block)
        if open_q and open_q.kind == "term" and not open_q.pieces:
            self.absorb(open_q, block)  # the definition of a term on a line of its own
            return open_q
        if self.glossary is not None and not questions and (
                not open_q or open_q.kind == "term") and any(
                term_span(lead_tokens(item), self.glossary) for item in block.items):
            for item in block.items:
                term = term_span(lead_tokens(item), self.glossary)
                if term:
                    found = self.new(shapes.clean_question(term).text, item.start, STRONG, "term")
                    found.add(self.item_pieces(item))
            return None
        if open_q and not questions:
            self.absorb(open_q, block)
            return open_q
        answered_line = open_q and not open_q.level and open_q.pieces  # `**Q**` + its answer
        if open_q and open_q.strength >= STRONG and not self.marked(block) and not answered_line:
            self.absorb(open_q, block)
            return open_q
        if is_link_list(block):
            self.drop(block.start, "list of links", self.text(block))
            return None
        if not questions:
            for item in block.items:
                self.walk(item.children, None, nested=True)
            return None
        last = None
        for item in block.items:
            last = self.item_question(item)
        if not last or last.pieces:
            return None
        # One numbered question per list: what follows the list answers it. In a longer list,
        # only an answer block right after it can (and only the last item's).
        last.blocks_only = len(block.items) > 1
        return last

    def marked(self, block: ListBlock) -> bool:
        return any(self.is_marker(inline.plain_of(lead_tokens(item)).strip())
                   for item in block.items)

    def question_list(self, block: ListBlock) -> bool:
        leads = [lead_tokens(item) for item in block.items]
        leads = [tokens for tokens in leads if tokens and not inline.is_link_only(tokens)]
        if not leads:
            return False
        asking = 0
        for tokens in leads:
            cleaned = shapes.clean_question(inline.question_markdown(tokens))
            if cleaned.marker:
                return True
            asking += shapes.is_question_like(cleaned.text) or cleaned.tagged
        return asking >= 1 and asking >= 0.5 * len(leads)

    def item_question(self, item: Item) -> Found | None:
        """A list item of a question list: its lead asks, the rest of the item answers."""
        first = item.children[0] if item.children else None
        if not isinstance(first, Paragraph):
            self.walk(item.children, None, nested=True)
            return None
        lead, rest = first.lines[0], first.lines[1:]
        cleaned = shapes.clean_question(inline.question_markdown(lead.tokens))
        sub_questions = [c for c in item.children[1:]
                         if isinstance(c, ListBlock) and self.question_list(c)]
        asks = shapes.is_question_like(cleaned.text) or cleaned.tagged or cleaned.marker
        if _struck(lead.tokens):
            self.drop(lead.number, "struck-out question", cleaned.text)
            return None
        if inline.is_link_only(lead.tokens) or not cleaned.text:
            self.drop(item.start, "list item", self.text(item))
            return None
        found = None
        if asks or not sub_questions:  # a stem ("1. Convexity") only groups sub-questions
            strength = STRONG if cleaned.marker or inline.is_emphasized(lead.tokens) else WEAK
            found = self.new(cleaned.text, lead.number, strength, takes_prose=False)
            while rest and _continues(found.front, inline.plain_of(rest[0].tokens).strip()):
                found.front += " " + shapes.clean_question(
                    inline.question_markdown(rest[0].tokens)).text
                rest = rest[1:]
            found.add([(line.number, self.source[line.number]) for line in rest])
        else:
            self.drop(item.start, "stem of sub-questions", cleaned.text)
        for child in item.children[1:]:
            if child in sub_questions:
                self.list_block(child, None, nested=True)
            elif found is not None:
                self.absorb(found, child)
        return found

    # Blocks that hold an answer or a question ------------------------------------------------

    def details(self, block: Details | Admonition, open_q: Found | None, title: str,
                nested: bool) -> Found | None:
        """`<details>` and admonitions: an answer block, or a question with its answer."""
        words = " ".join(shapes.words(title))
        if is_generic_summary(title) or "answer" in words.split():
            if open_q is not None:
                self.absorb(open_q, block)
                return None
            self.walk(block.children, None, nested=True)
            return None
        cleaned = shapes.clean_question(inline.question_markdown(parser().parseInline(title)[0]
                                                           .children or []))
        if isinstance(block, Admonition) and not shapes.is_question_like(cleaned.text):
            if open_q is not None:
                self.absorb(open_q, block)
                return open_q
            self.drop(block.start, f"{block.tag or 'admonition'} box", self.text(block))
            return None
        line = block.summary_line if isinstance(block, Details) else block.start
        found = self.new(cleaned.text, line, HEADING)
        self.absorb(found, block)
        return None

    def cards(self, fence: Code) -> None:
        """A fenced block of `Question:` / `Answer:` text: a small plain-text document."""
        inner = Finder(fence.content, plain=True, offset=self.offset + fence.start + 1)
        inner.top(inner.elements)
        shift = fence.start + 1
        for found in inner.found:
            found.line += shift
            found.pieces = [(n + shift, text) for n, text in found.pieces]
            found.section = self.section
            self.found.append(found)
        self.dropped += inner.dropped

    def table(self, table: Table, question: int, answer: int | None) -> None:
        for line, cells in table.rows:
            if question >= len(cells):
                continue
            front = shapes.clean_question(inline.markdown_of(cells[question])).text
            found = self.new(front, line, STRONG, "term" if _is_term_column(table, question)
                             else "qa")
            if answer is not None and answer < len(cells):
                found.add([(line, inline.markdown_of(cells[answer], keep_markup=True))])

    def definitions(self, block: Definitions) -> None:
        for term_line, body in block.entries:
            front = shapes.clean_question(inline.markdown_of(term_line.tokens)).text
            found = self.new(front, term_line.number, STRONG, "term")
            for element in body:
                self.absorb(found, element)
            if found.pieces:  # the definition's own marker: `: text` or `~ text`
                number, first = found.pieces[0]
                found.pieces[0] = (number, DEFINITION_MARKER.sub("", first, count=1))


# Helpers ----------------------------------------------------------------------------------------

def _words_of_line(source_line: str) -> str:
    tokens = parser().parseInline(source_line.strip())[0].children or []
    return inline.plain_of(tokens).strip()


def _struck(tokens: list) -> bool:
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


def _section_title(sections: list[tuple[int, str, str | None]]) -> str:
    return next((title for _, title, kind in sections if title and not kind), "")


def _continues(front: str, following: str) -> bool:
    """The next line goes on with the question: the question has no end yet (a label alone,
    or words with no end punctuation) and the line is not an answer or another question."""
    if not following or shapes.answer_label(following) or shapes.strip_marker(following)[1]:
        return False
    if not front:
        return True
    return not front.rstrip().endswith(("?", ".", "!", ":", ")")) and following[0].islower()


def _title_like(words: str) -> bool:
    """A short line with no sentence punctuation: a bare section name."""
    return 0 < len(words.split()) <= 8 and not words.rstrip().endswith((".", "?", "!", ":", ","))


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _bullet_like(words: str) -> bool:
    return words[:1] in "*•·-–▪◦" and len(words) > 1


def _is_ad(words: str, line: Line) -> bool:
    if boilerplate.is_ad_line(words) or AD_PHRASES.search(words):
        return True
    links = inline.links_of(line.tokens)
    return bool(links) and inline.is_link_only(line.tokens) and all(
        any(host in link for host in SOCIAL_HOSTS) for link in links)


def _noise(element: Element) -> str | None:
    if isinstance(element, Html) and element.comment:
        return "HTML comment"
    if isinstance(element, Html) and not element.text.strip() and not any(
            e.kind == "start" and e.value == "img" for e in element.events):
        return "HTML separator"
    if not isinstance(element, Paragraph) or len(element.lines) != 1:
        return None
    tokens = element.lines[0].tokens
    links = inline.links_of(tokens)
    if links and inline.is_link_only(tokens) and all(link.startswith("#") for link in links):
        return "back-to-top link"
    images = [t for t in tokens if t.type == "image"]
    if images and not inline.plain_of([t for t in tokens if t.type != "image"]).strip() and all(
            str(t.attrGet("src")).startswith("http") and (
                str(t.attrGet("src")).split("?")[0].endswith(".svg")
                or "badge" in str(t.attrGet("src")) or "shields.io" in str(t.attrGet("src")))
            for t in images):
        return "badge"
    return None


def _is_card_fence(fence: Code) -> bool:
    if not fence.fenced or fence.info.lower() not in CARD_FENCES:
        return False
    lines = [line.strip() for line in fence.content.split("\n")]
    return any(shapes.strip_marker(line)[1] for line in lines) and any(
        shapes.answer_label(line) for line in lines)


def _question_columns(table: Table) -> tuple[int, int | None] | None:
    """The columns of a table of questions: one named like "Question" (or "Question title"),
    and the answer's, if any."""
    names = [set(shapes.words(inline.plain_of(cell))) for cell in table.header]
    question = next((i for i, name in enumerate(names) if name & QUESTION_COLUMNS), None)
    if question is None:
        return None
    answer = next((i for i, name in enumerate(names) if i != question and name & ANSWER_COLUMNS),
                  None)
    if answer is None and _is_term_column(table, question):
        return None  # terms with nothing defining them: a table about something else
    return question, answer


def _is_term_column(table: Table, column: int) -> bool:
    return bool(TERM_COLUMNS & set(shapes.words(inline.plain_of(table.header[column]))))


def _defines(term: str, answer: str) -> bool:
    """The answer's first sentence defines the heading ("A REST API (...) is a set of ...")."""
    first = shapes.SENTENCE.split(" ".join(answer.split()), maxsplit=1)[0]
    found, wanted = shapes.words(first), shapes.words(term)
    if not wanted:
        return False
    for start in range(min(4, len(found))):
        if found[start:start + len(wanted)] == wanted:
            rest = found[start + len(wanted):]
            return bool({"is", "are", "refers", "means", "stands", "describes"} & set(rest[:12]))
    return False


def _plain_prose(pieces: list[tuple[int, str]]) -> bool:
    """Whether an answer is plain paragraphs (no Markdown blocks): then its lines are text."""
    return all(not text.lstrip().startswith(("- ", "* ", "```", "|", ">", "<")) and not
               re.match(r"^\s*\d+[.)]\s", text) for _, text in pieces)


def _scraped(lines: list[str]) -> bool:
    """Text scraped from a web page (one paragraph or list item per line), not paragraphs
    hard-wrapped at a width: no line runs on into the next one in lower case."""
    pairs = [(a.strip(), b.strip()) for a, b in itertools.pairwise(lines)
             if a.strip() and b.strip()]
    running_on = sum(1 for a, b in pairs if not a.endswith((".", ":", "?", "!")) and
                     b[:1].islower())
    return bool(pairs) and running_on < max(1, len(pairs) / 10)


def _walk_lines(element: Element):
    if isinstance(element, Paragraph):
        yield from element.lines
    elif isinstance(element, Container):
        for child in element.children:
            yield from _walk_lines(child)
    elif isinstance(element, ListBlock):
        for item in element.items:
            yield from _walk_lines(item)

