"""Plain questions: lines that ask with nothing else marking them.

- A run of questions, one per line (two or more asking lines in a paragraph, or every line
  after a lead line): each line is a question, with only what is visibly its answer (an
  answer-labelled line, a bullet, a nested block). The run ends a weak answer before it.
- A lone paragraph that asks (ends in `?`, or opens with a question or task word) is a
  question whose answer is what follows, but only in documents that mark none of their
  questions (no heading, label, bold line or `<summary>` asks): where they do, it is prose.
"""

from __future__ import annotations

from build_decks.readers import inline, shapes
from build_decks.readers.answers import MEDIUM, WEAK, Reach
from build_decks.readers.elements import Details, Line, Paragraph, walk
from build_decks.readers.rule import Close, Context, Lines, LineUnit, Rule
from build_decks.readers.rules.bold import bold_question
from build_decks.readers.rules.lines import line_question
from build_decks.readers.rules.markers import is_marker
from build_decks.readers.rules.summaries import is_generic_summary

MIN_RUN = 2  # asking lines in a paragraph that make it a run of questions


def asks_plainly(line: Line, words: str, lang) -> bool:
    """A line that asks, written plainly (for counting runs of questions)."""
    if not words or is_marker(words) or shapes.answer_label(words):
        return False
    if inline.is_emphasized(line.tokens) or inline.is_link_only(line.tokens):
        return False
    text = shapes.clean_question(words).text
    return shapes.is_question_like(text, lang=lang) and not shapes.is_labelled(text)


def survey(source) -> dict:
    """Per paragraph, whether it is a run of questions; and whether the document marks any."""
    runs: dict[int, bool] = {}
    marked = bool(source.surveys.get("headings")) or bool(source.surveys.get("markers")) or (
        bool(source.surveys["numbers"].questions))
    for element in walk(source.elements):
        if isinstance(element, Details) and not is_generic_summary(element.summary):
            marked = True
        if not isinstance(element, Paragraph):
            continue
        lines = element.lines
        if len(lines) > 1:  # one line alone is no run
            words = [inline.plain_of(line.tokens).strip() for line in lines]
            asking = [i for i, line in enumerate(lines)
                      if asks_plainly(line, words[i], source.lang)]
            runs[id(element)] = len(asking) >= MIN_RUN or asking == list(range(1, len(lines)))
        marked = marked or any(bold_question(line.tokens, source.surveys.get("bold"),
                                             source.lang) for line in lines)
    return {"runs": runs, "marked": marked}


def match_paragraph(para: Paragraph, context: Context) -> list | None:
    open_q = context.open
    if context.survey("plain")["runs"].get(id(para)) and open_q is not None and (
            open_q.strength <= MEDIUM):
        return [Close(), Lines()]  # a list of questions starts
    return None


def match_line(unit: LineUnit, context: Context) -> list | None:
    tokens, lang = unit.line.tokens, context.source.lang
    if not unit.text or inline.is_emphasized(tokens) or inline.is_link_only(tokens):
        return None
    found = context.survey("plain")
    in_run = found["runs"].get(id(unit.paragraph))
    alone = len(unit.words) == 1 and not context.nested  # its paragraph's only line
    if not in_run and not alone:
        return None
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    if not in_run and found["marked"] and not cleaned.numbered:
        return None  # a line alone asks plainly only where no question is marked otherwise
    if not shapes.is_question_like(cleaned.text, lang=lang) and not cleaned.tagged:
        return None
    if in_run and not shapes.is_labelled(cleaned.text):
        return line_question(unit, cleaned.text, WEAK, "plain", context, Reach.OWN)
    if alone and (cleaned.numbered or not found["marked"]) and (
            shapes.is_question_like(cleaned.text, strict=True, lang=lang)):
        return line_question(unit, cleaned.text, MEDIUM, "plain", context)
    return None


RULES = (
    Rule("plain.run", 95, (Paragraph,), match_paragraph, in_notes=False,
         about="a paragraph that is a run of questions ends a weak answer"),
    Rule("plain", 95, (LineUnit,), match_line, survey, in_notes=False,
         about="lines that ask, in runs, or alone in documents that mark no question"),
)
