"""Which column of a spreadsheet is the question, the answer, the tags, ...: from the
columns' content first, their names second.

Each column gets a content class from its values (CONTENT_SHARE of them must agree):
- `number`: numbers; `identifier`: one token with a digit or a symbol, unique per row (row
  ids, Anki GUIDs; not one HTML element, `<ul><li>a</li></ul>`). Neither is ever a question;
- `link`: one URL or one `<a>` link per row (the card's source);
- `category`: a few short values repeated down the rows (an area, a chapter, a subdeck);
- `tags`: space-separated lower-case words (`python ruby-diff footgun`) from a vocabulary
  the rows share: tokens repeat down the column; a column of few such values, each of two
  tokens or more, combined anew (`facts unit-1`, `rules unit-1`), is tags, not a category
  (rule `combined-tags`);
- `text`: anything else; `empty`: no value at all.

Then the roles, in this order:
1. columns an Anki header names (`#tags column:`, `#deck column:`, ...) keep that role;
2. a column named as a front (question, term, Вопрос, 问题, ...) is the front if its content
   is text, one named as a back (answer, definition, ...) the back (column_names.py);
3. otherwise the front is the first text column (else the first column of short words) and
   the back the next text column, or, rule `answer-key`, the first column after the front
   whose cell repeats another cell of its row in CONTENT_SHARE of the rows: a quiz lists
   its options, then writes the right one again (`question, option, option, option, right
   option, why`); a single text column is a list of prompts. A number
   column may still be the back (`What is 2+2?,4`) when it follows the front and no text
   column does, unless it only counts the rows; so may, after that, a column of one-token
   values of many widths (`lst.reverse()`, `O(log(n))`, `{}`): an id stands before what it
   names, written to one width (`Q-001`, a GUID); a file of one row shows neither, so there
   such a value after the front is card text (the back, else a note);
4. every other column keeps its content: tags (tag columns, more categories), the section (the
   first category or a column named so), the source (a link column) or notes (more text; a
   column of numbers or codes with a header name of its own). Row ids, numbers without a
   header and Anki's note type are not card text; the reader reports each such column. The
   column an Anki header names `#guid column:` is each note's GUID, kept for the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_decks.readers import column_names, shapes

CONTENT_SHARE = 0.9  # a stray value (a dash, a header repeated) does not change a class
CATEGORY_SHARE = 0.5  # at most one distinct value per two rows: values repeat
CATEGORY_WORDS = 6  # a category names a place; a longer value is text
MIN_CATEGORY_ROWS = 4  # repetition means nothing in fewer rows
TAG_WORDS = 12  # more words than tags on a card is prose
TAG_REPEAT_SHARE = 0.5  # tags come from a vocabulary: at most one new token in two
# Rule `combined-tags`: a category is one name a row; tags are several names, combined anew
# in each row. Where TAG_LIST_SHARE (half) of a column's tag lists hold two tokens or more
# and a token stands in two different values (`facts unit-1`, `rules unit-1`), the column
# is tags, though its few values repeat as a category's do.
TAG_LIST_SHARE = 0.5
QUESTION_SHARE = 0.5  # a front column where most rows ask: every row is a question card
IDENTIFIER_LENGTH = 40  # a row id or an Anki GUID is short
ROW_IDS = "row ids or numbers"  # why a column is no card text
ID_ROWS = 2  # a column shows it is unique, or of one width, only down two rows or more

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_TAG_TOKEN = re.compile(r"^[\w:./#+-]+$")


def is_number(value: str) -> bool:
    return bool(_NUMBER.match(value))


def is_identifier(value: str) -> bool:
    """One token with a digit or a symbol in it: `Q-017`, `42`, `Pk[.NrELs=`; not a field
    written as one HTML element (`<ul><li>merge</li><li>quick</li></ul>`): markup around text."""
    return (0 < len(value) <= IDENTIFIER_LENGTH and not any(c.isspace() for c in value)
            and any(not (c.isalpha() or c in "-'’") for c in value)
            and not (value.startswith("<") and value.endswith(">")))


def is_link(value: str) -> bool:
    value = value.strip()
    return bool(_URL.match(value)) or (value.lower().startswith("<a ")
                                       and value.lower().endswith("</a>")
                                       and value.lower().count("<a ") == 1)


def is_tag_list(value: str) -> bool:
    tokens = value.split()
    return 0 < len(tokens) <= TAG_WORDS and all(
        _TAG_TOKEN.match(t) and t == t.lower() and t[-1] not in ".,;!?" for t in tokens)


@dataclass(frozen=True)
class Profile:
    """What one column's values look like."""

    index: int
    content: str  # empty, number, identifier, link, category, tags or text
    question_share: float
    counts_rows: bool  # 1, 2, 3, ...: a row numbering
    one_width: bool = False  # every value as long as the others (`Q-001`, Anki's GUIDs)
    rows: int = 0  # the values it has
    repeats_row: bool = False  # rule `answer-key`: its cell is another cell of its row


def _share(values: list[str], test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _repeats(values: list[str]) -> bool:
    tokens = [t for v in values for t in v.split()]
    return len(values) >= MIN_CATEGORY_ROWS and len(set(tokens)) <= TAG_REPEAT_SHARE * len(tokens)


def _combines(values: list[str]) -> bool:
    """Rule `combined-tags` (see TAG_LIST_SHARE)."""
    lists = {v for v in values if len(v.split()) >= 2}
    if len(lists) < 2 or len([v for v in values if len(v.split()) >= 2]) < TAG_LIST_SHARE * len(
            values):
        return False
    seen: dict[str, str] = {}
    for value in lists:
        for token in value.split():
            if seen.setdefault(token, value) != value:
                return True
    return False


def profile(index: int, values: list[str]) -> Profile:
    filled = [v.strip() for v in values if v.strip()]
    questions = _share(filled, shapes.is_question_like)
    counts = bool(filled) and all(v.isascii() and v.isdigit() for v in filled) and [
        int(v) for v in filled] == list(range(int(filled[0]), int(filled[0]) + len(filled)))
    if not filled:
        return Profile(index, "empty", 0.0, False)
    if _share(filled, is_number) >= CONTENT_SHARE:
        content = "number"
    elif _share(filled, is_identifier) >= CONTENT_SHARE and len(set(filled)) == len(filled):
        content = "identifier"
    elif _share(filled, is_link) >= CONTENT_SHARE:
        content = "link"
    else:
        category = (len(filled) >= MIN_CATEGORY_ROWS
                    and len(set(filled)) <= CATEGORY_SHARE * len(filled)
                    and all(len(v.split()) <= CATEGORY_WORDS and not v.endswith("?")
                            for v in filled))
        listed = _share(filled, is_tag_list) >= CONTENT_SHARE
        if listed and (_repeats(filled) if not category else _combines(filled)):
            content = "tags"  # rule `combined-tags` where the values repeat like a category's
        else:
            content = "category" if category else "text"
    return Profile(index, content, questions, counts, len({len(v) for v in filled}) == 1,
                   len(filled))


def repeats_row(rows: list[list[str]], index: int) -> bool:
    """Rule `answer-key`: in CONTENT_SHARE of the rows where the column has a value, that
    value is also the value of another column of the same row (the right option, written
    again after the options), and not always of the same one (a copy of a column is no
    key: the right option is now one, now another)."""
    filled = [(row, row[index].strip()) for row in rows if index < len(row) and row[index].strip()]
    matched = [next((i for i, cell in enumerate(row) if i != index and cell.strip() == value),
                    None) for row, value in filled]
    found = [i for i in matched if i is not None]
    return (len(filled) >= MIN_CATEGORY_ROWS and len(found) >= CONTENT_SHARE * len(filled)
            and len(set(found)) >= 2)


@dataclass
class Roles:
    front: int | None = None
    back: int | None = None
    kind: str | None = None  # "qa" or "term" when a column name says so
    section: int | None = None
    tags: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    source: int | None = None
    guid: int | None = None  # Anki's note GUID (`#guid column:`): kept for the package
    choice: int | None = None  # the chosen option, where the back lists options (choices.py)
    ignored: dict[int, str] = field(default_factory=dict)  # column -> why it is no card text

    def describe(self, names: list[str]) -> str:
        def name(i: int | None) -> str:
            return "none" if i is None else (names[i] if i < len(names) and names[i]
                                             else f"column {i + 1}")
        extra = [f"tags: {', '.join(name(i) for i in self.tags)}"] if self.tags else []
        extra += [f"notes: {', '.join(name(i) for i in self.notes)}"] if self.notes else []
        extra += [f"section: {name(self.section)}"] if self.section is not None else []
        extra += [f"source: {name(self.source)}"] if self.source is not None else []
        return "; ".join([f"front: {name(self.front)}", f"back: {name(self.back)}", *extra])


FRONT_ROLES = {"question": "qa", "term": "term"}
BACK_ROLES = {"answer": "qa", "definition": "term"}


def _named(names: list[str], count: int) -> list[str | None]:
    return [column_names.role_of(names[i]) if i < len(names) and names[i] else None
            for i in range(count)]


def assign(profiles: list[Profile], names: list[str], fixed: dict[int, str]) -> Roles:
    """Roles for the columns (`fixed`: column -> role an Anki header gave it)."""
    roles = Roles()
    named = _named(names, len(profiles))
    free = [p for p in profiles if p.index not in fixed]
    text = [p.index for p in free if p.content == "text"]
    for p in free:
        if named[p.index] in FRONT_ROLES and p.content == "text" and roles.front is None:
            roles.front, roles.kind = p.index, FRONT_ROLES[named[p.index]]
    for p in free:
        if named[p.index] in BACK_ROLES and p.content != "empty" and roles.back is None \
                and p.index != roles.front:
            roles.back = p.index
            roles.kind = roles.kind or BACK_ROLES[named[p.index]]
    if roles.front is None:
        unnamed = [i for i in text if named[i] is None and i != roles.back]
        roles.front = next(iter(unnamed or [i for i in text if i != roles.back]), None)
    if roles.front is None:  # no column of sentences: short words (a vocabulary) may still ask
        roles.front = next((p.index for p in free if p.content in ("category", "tags")
                            and p.index != roles.back), None)
    if roles.back is None and roles.front is not None:
        roles.back = _back(profiles, named, roles.front, text, fixed)
    for p in profiles:
        if p.index not in (roles.front, roles.back):
            headed = p.index < len(names) and bool(names[p.index])
            _extra(roles, p, named[p.index], fixed.get(p.index), headed)
    return roles


def _back(profiles: list[Profile], named: list[str | None], front: int, text: list[int],
          fixed: dict[int, str]) -> int | None:
    after = [i for i in text if i != front and named[i] is None]
    keys = [p.index for p in profiles if p.index > front and p.repeats_row and p.index not in fixed
            and named[p.index] is None and p.content in ("text", "category", "identifier")]
    if keys:  # rule `answer-key`
        return keys[0]
    if after:
        return next((i for i in after if i > front), after[0])
    numbers = [p.index for p in profiles if p.index > front and p.index not in fixed
               and p.content == "number" and not p.counts_rows and named[p.index] is None]
    if numbers:
        return numbers[0]
    # An id stands before what it names, written to one width (`Q-001`, a GUID): one-token
    # values of many widths after the front, with no text column to answer it, are its
    # answers (`lst.reverse()`, `O(log(n))`, `{}`).
    codes = [p.index for p in profiles if p.index > front and p.index not in fixed
             and p.content == "identifier" and named[p.index] is None
             and (not p.one_width or p.rows < ID_ROWS)]
    return codes[0] if codes else None


KEPT_ROLES = frozenset({"tags", "section", "deck", "source", "notes"})


def _extra(roles: Roles, p: Profile, name: str | None, fixed: str | None,
           headed: bool) -> None:
    """Where a column that is neither front nor back goes: an Anki header's role, else a
    name that says where it goes, else its content. A name of a front or back role on an extra
    column (`question_type`) says nothing: its content decides."""
    role = fixed or (name if name in KEPT_ROLES | {"id"} else None)
    if p.content == "empty":
        roles.ignored[p.index] = "empty"
    elif fixed == "guid" and roles.guid is None:
        roles.guid = p.index
    elif role in ("guid", "notetype", "id") or (role is None and p.content in (
            "identifier", "number") and (not headed or p.counts_rows) and not (
            p.content == "identifier" and p.rows < ID_ROWS and roles.front is not None
            and p.index > roles.front)):  # one row after its front: its text, not its id
        roles.ignored[p.index] = {"guid": "Anki's note id", "notetype": "Anki's note type",
                                  }.get(role or "", ROW_IDS)
    elif role == "tags" or (role is None and p.content == "tags"):
        roles.tags.append(p.index)
    elif role in ("section", "deck") or (role is None and p.content == "category"):
        if roles.section is None:
            roles.section = p.index
        else:
            roles.tags.append(p.index)
    elif (role == "source" or (role is None and p.content == "link")) and roles.source is None:
        roles.source = p.index
    else:
        roles.notes.append(p.index)
