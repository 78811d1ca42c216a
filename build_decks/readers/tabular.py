"""Rows of fields -> entries: what the CSV/TSV reader and the Anki/Quizlet text reader share.

1. The separator: given by an Anki header, else sniffed (`sniff`), else the suffix's.
2. Rows are parsed by the csv module (quoted fields, doubled quotes, fields over several
   lines; in a table written with a space after each separator, the space skipped, rule
   `spaced-fields`); each keeps the line it starts on. At most MAX_CARDS_PER_SOURCE rows are read
   (readers/__init__.py says why).
3. A header row is recognised (`_header_names`), or names come from `#columns:`.
4. Column roles come from the columns' content and names (columns.py).
5. Fields are HTML when an Anki header says so or when fields visibly hold HTML
   (html_fields.is_html); HTML fields are turned into Markdown.
6. Each row is a card: `qa` in a question bank or an Anki file (a Basic note), `term` in a
   vocabulary list, `cloze` when its front has `{{c1::…}}` deletions, a prompt when its
   answer is empty or a placeholder. Columns that are not card text are reported once.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from build_decks import html_events
from build_decks.errors import ContentError
from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers import (
    MAX_CARDS_PER_SOURCE,
    choices,
    column_names,
    columns,
    html_fields,
    shapes,
)
from build_decks.readers.leftout import SECTION_LABEL
from build_decks.readers.vocabulary import QUESTION_MARKS
from build_decks.schema import guid_problem

# Rule `consistent-separator` (a headerless table): in the first SNIFF_CHARS characters, at
# least SPLIT_SHARE of the non-blank rows have two or more fields and a non-empty first one
# (an indented line or a Markdown `| table |` line has an empty first field), SPLIT_SHARE of
# those have the same number of fields, and there are MIN_SPLIT_ROWS of them. Prose breaks
# this at its first line without the separator; 0.9 tolerates a stray line in a real export.
SNIFF_CHARS = 64_000
SPLIT_SHARE = 0.9
# A TAB after some text never occurs in prose: half the lines split by TABs are enough (the
# others continue a definition Quizlet wrote over several lines). Rule `question-rows`: a line
# without a TAB that asks (a question, a task) is a card whose answer is not written yet, a
# row of its own: it does not count against the share (a list of questions, a few answered
# after a TAB).
TAB_SPLIT_SHARE = 0.5
MIN_SPLIT_ROWS = 2
CANDIDATES = ("\t", ";", "|", ",")  # TAB first: it never occurs in prose
# Rule `prose-separator`: a program that writes a table (a spreadsheet, Anki, Quizlet) puts
# nothing between a separator and the next field; a person writing prose puts a space after
# `,` and `;`, and a Markdown table written for reading puts one after `|`. When at least
# PROSE_SPACE_SHARE of the fields after the separator start with a space, the separator is
# punctuation, not a table's. It holds for every separator but TAB: a space after a TAB is
# alignment, and a TAB after some text is never prose.
PROSE_SPACE_SHARE = 0.5
# Rule `question-before-separator`: a question mark right before the separator (`What is X?;
# the answer`) ends a card's front; in prose a `?` ends a sentence and the next one starts,
# never a `;`, `,` or `|` right after it. Where ASKED_SHARE (half) of the split rows' first
# fields end so, the separator is the table's even with a space after it.
ASKED_SHARE = 0.5
# Rule `header-row`: the first row names the columns when a cell is a known column name and
# no cell is longer than HEADER_WORDS words or ends in `?`; or, with no known name, when
# its cells are that short and the text columns below hold HEADER_LENGTH_RATIO times more
# words on average (a name is a word or two; the values are sentences).
HEADER_WORDS = 4
HEADER_LENGTH_RATIO = 3
PROFILE_ROWS = 2_000  # column classes are decided on the first rows: enough to see repeats

CLOZE = re.compile(r"\{\{c\d+::")
# Rule `placeholder-answer`: an answer cell that is nothing but a mark saying the answer is
# not written yet makes the row a prompt. A cell holds exactly its answer, so only the whole
# cell counts: `TODO: check RFC 9293` is an answer, and so are one-word answers that notes
# use as placeholders (`Pending`, `Later`, `Na`: sodium). The marks are a general class:
# the words for "not done" (MARKER_WORDS, any case), `PASS` in capitals only (written as a
# marker beside the words; `pass` is Python's statement), a phrase "to be completed/added/…"
# (shapes.TO_BE_DONE), and symbols with no letter or digit (`-`, `?`, `…`; not `△`).
MARKER_WORDS = frozenset({"todo", "tbd", "tba", "n a", "wip"})  # `N/A` reads as `n a`
CAPITAL_MARKERS = frozenset({"PASS"})
SYMBOL_PLACEHOLDERS = frozenset({"-", "--", "—", "–", "?", "??", "???", "...", "…", "/"})
# Rule `definition-label`: a front written `<label>: <name>`, the label a word that says the
# row defines a term (column_names.DEFINITION_LABELS: Definition, Term, Concept, in many
# languages) and the rest a name, is a term card for the name: the label tells what the row
# is, as a `Definition` column name does. A name is no question and at most TERM_WORDS words
# (`Term Frequency-Inverse Document Frequency (TF-IDF)` is five); longer, it is a sentence.
TERM_WORDS = 8


@dataclass
class Options:
    """What the file says about itself (Anki headers) or its name implies."""

    separator: str | None = None
    html: bool | None = None
    names: list[str] = field(default_factory=list)
    fixed: dict[int, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    section: str = ""
    anki: bool = False  # Anki headers: every row is a note, no header row
    default_separator: str = ","


def _records(text: str, separator: str, spaced: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, fields) for every row; csv.Error propagates. `spaced`: the
    space after each separator is skipped (rule `spaced-fields`)."""
    reader = csv.reader(io.StringIO(text), delimiter=separator, quotechar='"',
                        doublequote=True, strict=False, skipinitialspace=spaced)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _consistent(sample: str, separator: str, spaced: bool = False) -> list[list[str]] | None:
    """The sample's split rows when the separator splits it consistently (rule
    `consistent-separator`), else None."""
    try:
        rows = [row for _, row in _records(sample, separator, spaced)
                if any(c.strip() for c in row)]
    except csv.Error:
        return None
    if len(sample) >= SNIFF_CHARS:
        rows = rows[:-1]  # the last row may be cut by the sample's end
    split = [row for row in rows if len(row) >= 2 and row[0].strip() and row[0] == row[0].lstrip()]
    share = TAB_SPLIT_SHARE if separator == "\t" else SPLIT_SHARE
    counted = rows if separator != "\t" else [  # rule `question-rows`
        row for row in rows if len(row) >= 2 or not shapes.is_question_like(row[0])]
    if len(split) < MIN_SPLIT_ROWS or len(split) < share * len(counted):
        return None
    common = Counter(len(row) for row in split).most_common(1)[0][1]
    return split if common >= SPLIT_SHARE * len(split) else None


def is_prose_spaced(split: list[list[str]], separator: str) -> bool:
    """Rule `prose-separator` (see PROSE_SPACE_SHARE) over rows split by `separator`."""
    if separator == "\t":
        return False
    later = [cell for row in split for cell in row[1:]]
    return sum(cell.startswith(" ") for cell in later) >= PROSE_SPACE_SHARE * len(later)


def asks_before_separator(split: list[list[str]]) -> bool:
    """Rule `question-before-separator` (see ASKED_SHARE) over rows split by a separator."""
    return sum(row[0].endswith(tuple(QUESTION_MARKS)) for row in split) >= (
        ASKED_SHARE * len(split))


def sniff(sample: str, prose_allowed: bool = False) -> str | None:
    """The separator that splits the sample consistently and is no prose punctuation
    (csv.Sniffer's guess first). With `prose_allowed` (a file declared a table, `.csv`), a
    consistent separator with a space after it is taken when no other one fits."""
    try:
        guess = csv.Sniffer().sniff(sample[:SNIFF_CHARS], delimiters="".join(CANDIDATES))
        order = [guess.delimiter, *(c for c in CANDIDATES if c != guess.delimiter)]
    except csv.Error:
        order = list(CANDIDATES)
    consistent = [(c, split) for c in order if (split := _consistent(sample, c))]
    table = next((c for c, split in consistent
                  if not is_prose_spaced(split, c) or asks_before_separator(split)), None)
    if table is None and prose_allowed and consistent:
        return consistent[0][0]
    return table


def is_spaced_table(sample: str, separator: str) -> bool:
    """Rule `spaced-fields`: a table written by hand puts a space after each separator
    (`question, answer`), the rule `prose-separator` sees (PROSE_SPACE_SHARE): the space is
    no part of the field, and a quoted field starts after it (`, "a, b"` is one field)."""
    try:
        rows = [row for _, row in _records(sample, separator) if len(row) >= 2]
    except csv.Error:
        return False
    return bool(rows) and is_prose_spaced(rows, separator) and (
        _consistent(sample, separator, spaced=True) is not None)


def check_rows(path: Path, line: int, rows: list) -> None:
    """At most MAX_CARDS_PER_SOURCE rows, and one more (a header row): checked as rows are
    read, so a huge table ends at the limit."""
    if len(rows) > MAX_CARDS_PER_SOURCE + 1:
        raise ContentError(path, line, f"more than {MAX_CARDS_PER_SOURCE:,} rows: a source "
                           f"holds at most {MAX_CARDS_PER_SOURCE:,} cards; split the file")


def _read_rows(path: Path, body: str, separator: str) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    line = 1
    spaced = is_spaced_table(body[:SNIFF_CHARS], separator)
    try:
        for line, row in _records(body, separator, spaced):
            if not any(cell.strip() for cell in row):
                continue
            rows.append((line, row))
            check_rows(path, line, rows)
    except csv.Error as exc:
        raise ContentError(path, line, f"cannot read the table: {exc}") from exc
    return rows


def _words(text: str) -> int:
    return len(text.split())


# A name's note in brackets (`Pregunta (Question)`, `Respuesta (1=A, 2=B)`) says more about
# the name; its words do not count towards HEADER_WORDS.
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
COLUMN_NAMES = "column names"  # a header row: read, and no card
FILE_HEADERS = "Anki file headers"  # `#separator:`, `#columns:`, ...: read, said in every card


def _header_names(rows: list[tuple[int, list[str]]]) -> list[str]:
    """The first row's cells when they name the columns (rule `header-row`), else []."""
    if len(rows) < 2:
        return []
    first = [c.strip() for c in rows[0][1]]
    short = all(_words(BRACKETED.sub("", c)) <= HEADER_WORDS and not c.endswith("?")
                for c in first)
    if not short or not any(first):
        return []
    if any(column_names.role_of(c) for c in first):
        return first
    body = rows[1:PROFILE_ROWS]
    for index, name in enumerate(first):
        values = [r[index].strip() for _, r in body if index < len(r) and r[index].strip()]
        if name and values and not columns.is_number(name) and (
                sum(_words(v) for v in values) / len(values)
                >= HEADER_LENGTH_RATIO * max(1, _words(name))):
            return first
    return []


BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _bracketed_names(rows: list[tuple[int, list[str]]],
                     separator: str) -> list[tuple[int, list[str]]]:
    """Rule `bracketed-name`: a column name written with the separator inside brackets
    (`Respuesta Correcta (1=A, 2=B, 3=C, 4=D)`, unquoted) is one name: the csv module splits
    it, so the first row has more fields than the rows under it. Where the first row is
    longer than every row below it, its cells are joined while a bracket is open; the joined
    row is taken only when it is then exactly as long as those rows."""
    if len(rows) < 2:
        return rows
    first_line, first = rows[0]
    widths = {len(r) for _, r in rows[1:PROFILE_ROWS]}
    if len(widths) != 1 or len(first) <= (width := widths.pop()):
        return rows
    joined: list[str] = []
    open_brackets: list[str] = []
    for cell in first:
        if open_brackets:
            joined[-1] = f"{joined[-1]}{separator}{cell}"
        else:
            joined.append(cell)
        for char in cell:
            if char in BRACKETS:
                open_brackets.append(BRACKETS[char])
            elif open_brackets and char == open_brackets[-1]:
                open_brackets.pop()
    if open_brackets or len(joined) != width:
        return rows
    return [(first_line, joined), *rows[1:]]


def _end(line: int, row: list[str]) -> int:
    """The line a row ends on (its fields may run over several lines)."""
    return line + sum(cell.count("\n") for cell in row)


def _joined_continuations(rows: list[tuple[int, list[str]]]
                          ) -> tuple[list[tuple[int, list[str]]], dict[int, tuple[int, str]]]:
    """(rows, group labels: row line -> (label line, label)) of a headerless export whose
    rows have two or more fields. Two rules for a line of one field that does not ask:

    - `continued-row`: right under a row (no blank line between), it continues that row's
      last field (Quizlet writes a definition over several lines unquoted);
    - `group-label`: after a blank line (or on the file's first line) and right over a row,
      a line that names a section (shapes.names_section: a few words, no sentence
      punctuation: `Counting Sort`) names the rows under it, up to the next such line: their
      section. It is no card.
    """
    if sum(len(r) >= 2 for _, r in rows) < TAB_SPLIT_SHARE * len(rows):
        return rows, {}
    joined: list[tuple[int, list[str]]] = []
    labels: dict[int, tuple[int, str]] = {}
    label: tuple[int, str] | None = None
    for index, (line, row) in enumerate(rows):
        lone = len(row) == 1 and not shapes.is_question_like(row[0])
        after = joined[-1] if joined else None
        below = rows[index + 1] if index + 1 < len(rows) else None
        if lone and after and line == _end(*after) + 1:
            after[1][-1] = f"{after[1][-1]}\n{row[0]}"
        elif lone and below and below[0] == line + 1 and len(below[1]) >= 2 \
                and shapes.names_section(row[0]):  # after a blank line, or the file's first
            label = (line, row[0].strip())
        else:
            joined.append((line, list(row)))
            if label:
                labels[line] = label
    return joined, labels


def as_tag(text: str) -> str:
    """An Anki or spreadsheet tag in the project's tag syntax: each `::` level a slug
    (config.slug: lower-case ASCII words joined by `-`, other scripts transliterated), its
    `_` kept (the syntax allows it, and an Anki tag `unit_01` stays `unit_01`, so the notes
    sent back to Anki keep their tags); empty levels dropped."""
    from build_decks.config import slug  # config reads the reader registry: import when used

    levels = ("_".join(p for p in (slug(part, fallback="") for part in level.split("_")) if p)
              for level in text.split("::"))
    return "::".join(level for level in levels if level)


def is_placeholder(answer: str) -> bool:
    """Rule `placeholder-answer` (see MARKER_WORDS): the whole cell says the answer is
    missing."""
    text = answer.strip()
    if not re.search(r"[^\W_]", text):
        return text in SYMBOL_PLACEHOLDERS
    words = " ".join(re.findall(r"[^\W_]+", text.lower()))
    return (text.rstrip(".!") in CAPITAL_MARKERS or words in MARKER_WORDS
            or bool(shapes.TO_BE_DONE.fullmatch(words)))


def defined_term(front: str) -> str | None:
    """Rule `definition-label` (see TERM_WORDS): `Definition: X` -> X, else None."""
    label, colon, rest = front.partition(":")
    name = rest.strip()
    if not colon or label.strip().lower() not in column_names.DEFINITION_LABELS or not name:
        return None
    if shapes.is_question_like(name) or len(name.split()) > TERM_WORDS:
        return None
    return name


def _link_text(cell: str, html: bool) -> str:
    """A source cell as plain text: `text (address)` for a link."""
    if not html:
        return cell.strip()
    text = html_fields.to_front(cell)
    address = next((e.attr("href") for e in html_events.events(cell)
                    if e.kind == "start" and e.value == "a" and e.attr("href")), "")
    return f"{text} ({address})" if address and address not in text else text


@dataclass
class _Table:
    path: Path
    rows: list[tuple[int, list[str]]]
    names: list[str]
    roles: columns.Roles
    profiles: list[columns.Profile]
    html: bool
    options: Options
    groups: dict[int, tuple[int, str]] = field(default_factory=dict)  # rule `group-label`

    def cell(self, row: list[str], index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    def markdown(self, value: str) -> str:
        return html_fields.to_markdown(value) if self.html else value.strip()

    def front(self, value: str) -> str:
        return html_fields.to_front(value) if self.html else value.strip()

    def notes(self, row: list[str]) -> str:
        parts = []
        for index in self.roles.notes:
            text = self.markdown(self.cell(row, index))
            if text:
                name = self.names[index] if index < len(self.names) else ""
                parts.append(f"**{name}:** {text}" if name else text)
        return "\n\n".join(parts)

    def tags(self, row: list[str]) -> list[str]:
        found = [*self.options.tags]
        for index in self.roles.tags:
            value = self.cell(row, index)
            found += value.split() if index in self.tag_lists else [value]
        return list(dict.fromkeys(t for t in map(as_tag, found) if t))

    @cached_property
    def tag_lists(self) -> frozenset[int]:
        """The tag columns whose cells are lists of tags split by spaces (an Anki header or a
        name says so, or the column's profile found tag lists); any other tag column (a
        category) gives one tag per cell. Decided once per column, not per row."""
        return frozenset(index for index in self.roles.tags
                         if self.options.fixed.get(index) == "tags"
                         or column_names.role_of(self.names[index] if index < len(self.names)
                                                 else "") == "tags"
                         or (index < len(self.profiles)
                             and self.profiles[index].content == "tags"))


def _kind_rule(table: _Table) -> str:
    """`qa` for a question bank, `term` for a vocabulary list, `mixed` to decide per row."""
    if table.roles.kind:
        return table.roles.kind
    if table.options.anki:  # an Anki note goes front -> back (Basic) unless a column says term
        return "qa"
    fronts = [table.front(table.cell(r, table.roles.front)) for _, r in table.rows[:PROFILE_ROWS]]
    fronts = [f for f in fronts if f]
    asking = sum(shapes.is_question_like(f) for f in fronts)
    return "qa" if fronts and asking >= columns.QUESTION_SHARE * len(fronts) else "mixed"


def _entry(table: _Table, line: int, row: list[str], rule: str) -> RawEntry | None:
    """A row's card. Its kind, by rules in this order: a `{{c1::…}}` front is a cloze;
    `definition-label` makes a term; an answer missing or a placeholder (`placeholder-answer`)
    makes a prompt; else the file's kind (`rule`), else `qa` when the front asks."""
    front = table.front(table.cell(row, table.roles.front))
    if not front:
        return None
    back = table.markdown(table.cell(row, table.roles.back))
    chosen = table.markdown(table.cell(row, table.roles.choice))
    if chosen and back:  # the options on the front, the chosen one on the back
        front, back = f"{front}\n\n{back}", chosen
    if back and is_placeholder(back):
        back = ""
    if CLOZE.search(front):
        kind = "cloze"
    elif (defined := defined_term(front)) and back:
        front, kind = defined, "term"
    elif not back:
        kind = "qa"  # normalize makes it a prompt
    elif rule in ("qa", "term"):
        kind = rule
    else:
        kind = "qa" if shapes.is_question_like(front) else "term"
    group = table.groups.get(line, (0, ""))[1]
    section = table.cell(row, table.roles.section).strip() or group or table.options.section
    source = table.cell(row, table.roles.source)
    return RawEntry(kind, front, [(line, back)] if back else [], line, "markdown",
                    section=table.front(section) if table.html else section,
                    tags=table.tags(row), notes=table.notes(row),
                    attribution=_link_text(source, table.html) if source.strip() else "",
                    guid=_guid(table, line, row))


def _guid(table: _Table, line: int, row: list[str]) -> str:
    """The row's Anki note GUID (`#guid column:`), checked as the loader checks it."""
    guid = table.cell(row, table.roles.guid).strip()
    if guid and (problem := guid_problem(guid)):
        raise ContentError(table.path, line, problem)
    return guid


def _title(table: _Table) -> str:
    """The deck every row is in (`#deck:`), else the top deck all rows share, else none (the
    file name is the title)."""
    if table.options.section:
        return table.options.section
    decks = {table.cell(r, table.roles.section).split("::")[0].strip() for _, r in table.rows}
    named = table.options.fixed.get(table.roles.section) == "deck"
    return decks.pop() if named and len(decks) == 1 else ""


def read_table(path: Path, text: str, body: str, options: Options,
               rows: list[tuple[int, list[str]]] | None = None) -> Document:
    """A Document from a table's text (`body`: the rows, header lines blanked out), or from
    its `rows` as a spreadsheet gives them (line number, cells)."""
    separator = (options.separator or sniff(body[:SNIFF_CHARS], prose_allowed=True)
                 or options.default_separator)
    rows = _read_rows(path, body, separator) if rows is None else rows
    if not rows:
        raise ContentError(path, 1, "no rows")
    names = options.names
    header: tuple[int, list[str]] | None = None
    if not names and not options.anki:
        rows = _bracketed_names(rows, separator)
    if not names and not options.anki and (names := _header_names(rows)):
        header, rows = rows[0], rows[1:]
    groups: dict[int, tuple[int, str]] = {}
    if not names and not options.anki and header is None:
        rows, groups = _joined_continuations(rows)
    sample = rows[:PROFILE_ROWS]
    width = max(len(r) for _, r in sample) if sample else 0
    profiles = [dataclasses.replace(columns.profile(i, [r[i] if i < len(r) else ""
                                                        for _, r in sample]),
                                    repeats_row=columns.repeats_row([r for _, r in sample], i))
                for i in range(width)]
    roles = columns.assign(profiles, names, options.fixed)
    if roles.front is None:
        raise ContentError(path, rows[0][0] if rows else 1, "no column holds questions or terms "
                           f"(columns: {', '.join(p.content for p in profiles)})")
    html = options.html if options.html is not None else any(
        html_fields.is_html(cell) for _, r in sample for cell in r)
    table = _Table(path, rows, names, roles, profiles, html, options, groups)
    unkept = [i for i, why in sorted(roles.ignored.items()) if why == columns.ROW_IDS]
    chosen = choices.chosen_column([r for _, r in sample], roles.back, roles.notes + unkept,
                                   lambda row, i: table.markdown(table.cell(row, i)))
    if chosen is not None:  # a multiple-choice export: the options join the question
        roles.notes = [i for i in roles.notes if i != chosen]
        roles.ignored.pop(chosen, None)  # one of the row's options is no row id
        roles.choice = chosen
    rule = _kind_rule(table)
    doc = Document(path, _title(table), [], text=text)
    if header is not None:  # the names of the columns: read, no card
        doc.dropped.append(Dropped(header[0], COLUMN_NAMES, separator.join(header[1])[:200],
                                   boilerplate=True))
    for label_line, label in sorted(set(groups.values())):  # kept as the rows' section
        doc.dropped.append(Dropped(label_line, SECTION_LABEL, label, boilerplate=True))
    for index, why in sorted(roles.ignored.items()):
        if why != "empty":
            name = names[index] if index < len(names) and names[index] else f"column {index + 1}"
            doc.dropped.append(Dropped(rows[0][0], f"column not kept ({why})", name))
    guids: dict[str, int] = {}
    for line, row in rows:
        entry = _entry(table, line, row, rule)
        if entry is None:
            doc.dropped.append(Dropped(line, "row without a question",
                                       separator.join(row)[:200]))
            continue
        if entry.guid and (first := guids.setdefault(entry.guid, line)) != line:
            raise ContentError(path, line, f"GUID {entry.guid!r} is also the GUID of line "
                               f"{first}: one Anki note per GUID")
        doc.entries.append(entry)
    return doc
