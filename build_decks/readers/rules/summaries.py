"""`<details>` blocks and mkdocs admonitions, by their `<summary>` or title.

- A title that only says "Answer", "Show answer", "Expand" (in any of the vocabulary's
  languages) marks an answer block: it belongs to the open question.
- A `<summary>` that asks is a question, its block the answer (inside a heading's answer, a
  sub-question of its own; the heading's answer goes on after it).
- A `<summary>` that does not ask names a sub-topic of the open answer; with no question open,
  the block is a card with the summary as its front.
- An admonition titled with a question (`??? question "What is X?"`) is a question; any other
  admonition (`!!! tip`) belongs to the open answer, or is left out.
- Rule `question-box`: a box of the question type whose title trails off (`??? question "2.
  The handler…"`, `> [!faq]- A retried message is…`) is a question: its type says it asks,
  and its title is a stem to complete. A question box titled with a name (`!!! question
  "Climbing stairs"`, over the problem's statement) is not one of these.
- Rule `callouts`: an Obsidian callout (`> [!question]- What is X?` and the quoted lines
  under it) is read as an admonition is, by its title: one that asks (or a question-type
  box) is a question, the callout's body its answer; one titled "Answer" after a question is
  its answer block. Any other callout is the quote it is written as (rules read its lines).
"""

from __future__ import annotations

from build_decks.readers import answers, inline, shapes
from build_decks.readers.answers import HEADING, Question, Reach
from build_decks.readers.elements import Admonition, Callout, Details
from build_decks.readers.parse import parser
from build_decks.readers.rule import Close, Context, LeftOut, Open, Rule, Take, Walk, left_out
from build_decks.readers.vocabulary import ANSWER_LABELS, Language

ANSWER_BLOCK_TITLE = "answer block title"  # `<summary>Show answer</summary>`: a label
MARKUP = frozenset({ANSWER_BLOCK_TITLE})  # no text to study (see rules/)

GENERIC_SUMMARIES = frozenset([
    "answer", "answers", "show", "show answer", "view answer", "see answer", "reveal",
    "reveal answer", "solution", "show solution", "view solution", "explanation", "expand",
    "click to expand", "click here", "details", "hint", "show more", "more", "show details",
    "click to see answer", "toggle answer", "open", "see more",
    "respuesta", "ver respuesta", "mostrar respuesta", "solución", "ver más",
    "réponse", "voir la réponse", "afficher la réponse", "voir plus",
    "antwort", "lösung", "antwort anzeigen", "mehr", "details anzeigen",
    "resposta", "ver resposta", "mostrar resposta", "solução", "ver mais",
    "ответ", "показать ответ", "решение", "подробнее", "развернуть",
    "答案", "展开", "点击展开", "查看答案", "显示答案", "解答", "详情", "详细", "答え"])


# The type names mkdocs-material and Obsidian both give a question box, and their aliases: the
# syntax's keywords, not words of a language (`!!! faq`, `> [!help]`).
QUESTION_BOX_TYPES = frozenset({"question", "faq", "help"})
ELLIPSES = ("…", "...")  # a title that trails off: a stem the reader completes


def is_question_box_stem(tag: str, text: str) -> bool:
    """A question-type box titled with a stem to complete (rule `question-box`)."""
    return tag in QUESTION_BOX_TYPES and text.rstrip().endswith(ELLIPSES)


def _title_asks(title: str, tag: str, lang: Language) -> tuple[shapes.Cleaned, bool]:
    """A box's or callout's title as a question, and whether it asks (or, a question-type
    box's stem, asks to be completed)."""
    tokens = parser().parseInline(title)[0].children or []
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    return cleaned, shapes.is_question_like(cleaned.text, lang=lang) or (
        is_question_box_stem(tag, cleaned.text))


def is_generic_summary(text: str) -> bool:
    words = " ".join(shapes.words(text))
    return not words or words in GENERIC_SUMMARIES or bool(
        set(words.split()) & set(ANSWER_LABELS) - {"a"})


def match(block: Details | Admonition, context: Context) -> list | None:
    open_q, source = context.open, context.source
    title = block.summary if isinstance(block, Details) else block.title
    if is_generic_summary(title):
        line = block.summary_line if isinstance(block, Details) else block.start
        label = LeftOut(line, line + 1, ANSWER_BLOCK_TITLE, title, keep_open=True)
        return [label, Take(element=block), Close()] if open_q else [
            label, Walk(block.children), Close()]
    cleaned, asking = _title_asks(title, block.tag if isinstance(block, Admonition) else "",
                                  source.lang)
    if not asking and open_q is not None:  # a sub-topic of the open answer
        return [Take(pieces=answers.admonition_lines(source.lines, block)  # as written
                     if isinstance(block, Admonition) else answers.sub_topic(source.lines, block))]
    if isinstance(block, Admonition) and not asking:
        return [left_out(source, block, f"{block.tag or 'admonition'} box")]
    line = block.summary_line if isinstance(block, Details) else block.start
    question = Question(cleaned.text, line, HEADING, "summaries", context.title,
                        reach=Reach.COMPLETE)
    question.add(answers.pieces(source.lines, block))
    return [Open(question)]


def callout(block: Callout, context: Context) -> list | None:
    open_q, source = context.open, context.source
    if is_generic_summary(block.title):
        if open_q is None:
            return None
        label = LeftOut(block.start, block.start + 1, ANSWER_BLOCK_TITLE, block.title,
                        keep_open=True)
        return [label, Take(pieces=answers.callout_lines(source.lines, block)), Close()]
    cleaned, asking = _title_asks(block.title, block.tag, source.lang)
    if not asking:
        return None
    question = Question(cleaned.text, block.start, HEADING, "callouts", context.title,
                        reach=Reach.COMPLETE)
    inner = [c for c in block.children if isinstance(c, Callout) and is_generic_summary(c.title)]
    question.add(_without_answer_callouts(answers.callout_lines(source.lines, block), inner))
    labels = [LeftOut(c.start, c.start + 1, ANSWER_BLOCK_TITLE, c.title, keep_open=True)
              for c in inner]
    return [*labels, Open(question)]


def _without_answer_callouts(lines: list[tuple[int, str]], inner: list[Callout],
                             ) -> list[tuple[int, str]]:
    """A callout's body where an answer callout stands in it (`> > [!success]- Answer`): the
    inner title is a label, the inner body is the answer, one more quote level off."""
    for child in inner:
        lines = [(n, answers.QUOTE_PREFIX.sub("", text, count=1)) if child.start < n < child.end
                 else (n, text) for n, text in lines if n != child.start]
    return lines


RULES = (Rule("summaries", 50, (Details, Admonition), match,
              about="`<summary>` and admonition titles"),
         Rule("callouts", 50, (Callout,), callout, about="Obsidian callouts, by their title"))
