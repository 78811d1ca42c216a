"""Tables of questions: a Markdown pipe table or a raw HTML `<table>` whose columns hold
questions (or terms) and their answers.

The question column is the one named like "Question" ("Front", "Term", "Pregunta", "Вопрос",
"问题"; see vocabulary.py), the answer column the one named like "Answer". With no such
names, a column most of whose cells end in a question mark is the question column and the
next text column the answer. A column of ids or numbers is never a question. Each row is a
card; a table inside a strong question's answer is part of that answer.
"""

from __future__ import annotations

from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG, Question, Reach
from build_decks.readers.elements import Html, Table
from build_decks.readers.html_table import rows_of
from build_decks.readers.rule import Close, Context, Open, Rule
from build_decks.readers.vocabulary import ANSWER_COLUMNS, QUESTION_COLUMNS, TERM_COLUMNS

FRONT_COLUMNS = QUESTION_COLUMNS | TERM_COLUMNS
ASKING_SHARE = 2 / 3  # of a column's cells that ask, for an unnamed column to hold questions


def columns(header: list[str], rows: list[list[str]], lang, links: frozenset[int] = frozenset(),
            ) -> tuple[int, int | None, bool] | None:
    """(question column, answer column, whether the questions are terms), or None. `links`
    are the columns of nothing but links (a reference, not an answer)."""
    names = [set(shapes.words(cell)) for cell in header]
    numeric = {i for i in range(len(header)) if _numeric(i, rows)}
    question = next((i for i, name in enumerate(names) if name & FRONT_COLUMNS
                     and i not in numeric), None)
    term = question is not None and bool(names[question] & TERM_COLUMNS)
    if question is None:
        question = next((i for i in range(len(header)) if i not in numeric
                         and _asking(i, rows, lang)), None)
        if question is None:
            return None
        answer = next((i for i in range(question + 1, len(header)) if i not in numeric), None)
        return question, answer, False
    answer = next((i for i, name in enumerate(names) if i != question and name & ANSWER_COLUMNS),
                  None)
    if answer is None and term:
        return None  # terms with nothing defining them: a table about something else
    others = [i for i in range(len(header)) if i != question and i not in numeric | links]
    if answer is None and not term and len(others) == 1:
        answer = others[0]  # `| Question | Status |`: the one other column answers
    return question, answer, term


def _cells(rows: list[list[str]], column: int) -> list[str]:
    return [row[column].strip() for row in rows if column < len(row) and row[column].strip()]


def _numeric(column: int, rows: list[list[str]]) -> bool:
    """A column of numbers or ids (`1`, `Q12`, `#3`, `A-7`)."""
    cells = _cells(rows, column)
    return bool(cells) and all((any(c.isdigit() for c in cell) and not shapes.words(
        cell.strip("#qQ"))) or cell.strip("#").isdigit() for cell in cells)


def _asking(column: int, rows: list[list[str]], lang) -> bool:
    cells = _cells(rows, column)
    asking = sum(1 for cell in cells if shapes.asks_explicitly(cell))
    return bool(cells) and asking >= ASKING_SHARE * len(cells)


def match_pipe(table: Table, context: Context) -> list | None:
    open_q = context.open
    if open_q is not None and open_q.strength >= STRONG:
        return None
    header = [inline.plain_of(cell) for cell in table.header]
    texts = [[inline.plain_of(cell) for cell in cells] for _, cells in table.rows]
    links = frozenset(i for i in range(len(header)) if all(
        i >= len(cells) or not inline.plain_of(cells[i]).strip() or inline.is_link_only(cells[i])
        for _, cells in table.rows))
    found = columns(header, texts, context.source.lang, links)
    if found is None:
        return None
    question, answer, term = found
    actions: list = []
    for line, cells in table.rows:
        if question < len(cells):
            front = shapes.clean_question(inline.markdown_of(cells[question])).text
            back = inline.markdown_of(cells[answer], keep_markup=True) if (
                answer is not None and answer < len(cells)) else ""
            actions.append(Open(_row(front, back, line, term, context)))
    return [*actions, Close()]


def match_html(block: Html, context: Context) -> list | None:
    open_q = context.open
    if (open_q is not None and open_q.strength >= STRONG) or "<table" not in block.content.lower():
        return None
    rows = rows_of(block.content)
    if len(rows) < 2:
        return None
    head, body = rows[0], rows[1:]
    if not any(cell.header for cell in head.cells) and not any(
            set(shapes.words(c.text)) & FRONT_COLUMNS for c in head.cells):
        head, body = None, rows  # no header row: columns by their content
    header = [c.text for c in head.cells] if head else [""] * max(len(r.cells) for r in body)
    texts = [[c.text for c in row.cells] for row in body]
    links = frozenset(i for i in range(len(header)) if all(
        i >= len(row.cells) or not row.cells[i].text or (
            row.cells[i].html.startswith("<a") and row.cells[i].html.endswith("</a>"))
        for row in body))
    found = columns(header, texts, context.source.lang, links)
    if found is None:
        return None
    question, answer, term = found
    actions: list = []
    for row in body:
        if question < len(row.cells):
            cells = row.cells
            front = shapes.clean_question(cells[question].text).text
            back = cells[answer].html if answer is not None and answer < len(cells) else ""
            actions.append(Open(_row(front, back, block.start + row.line, term, context)))
    return [*actions, Close()]


def _row(front: str, back: str, line: int, term: bool, context: Context) -> Question:
    question = Question(front, line, STRONG, "tables", context.title,
                        "term" if term else "qa", reach=Reach.COMPLETE)
    if back.strip():
        question.add([(line, back)])
    return question


RULES = (
    Rule("tables", 60, (Table,), match_pipe, about="pipe tables with question columns"),
    Rule("tables.html", 60, (Html,), match_html, about="raw HTML tables with question columns"),
)
