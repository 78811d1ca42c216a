"""Each block and line rule alone, through the registry: its `match` on one unit of a small
document, with the context the walker gives it, and the actions it returns (or None: not
mine). The whole-document tests (test_rule_blocks.py and the others) show the same rules
together."""

from __future__ import annotations

from reading import context, finder, first

from build_decks.readers import inline
from build_decks.readers.answers import HEADING, STRONG, Question, Reach
from build_decks.readers.elements import (
    Code,
    Definitions,
    Details,
    Html,
    ListBlock,
    Paragraph,
    Table,
)
from build_decks.readers.elements import Rule as Separator
from build_decks.readers.rule import Close, LeftOut, LineUnit, Open, Retract, Take, Walk
from build_decks.readers.rules import REGISTRY


def opened(actions: list | None) -> list[str]:
    return [a.question.front for a in actions or [] if isinstance(a, Open)]


def line(found, index: int = 0) -> LineUnit:
    """A line of the document's first paragraph, as the walker hands it to line rules."""
    para = first(found, Paragraph)
    return LineUnit(para, index, tuple(inline.plain_of(ln.tokens).strip() for ln in para.lines))


# summaries ---------------------------------------------------------------------------------------

def test_summaries_a_summary_that_asks_opens_a_complete_question() -> None:
    found = finder("<details>\n<summary>What is a lock?</summary>\n\nA guard.\n\n</details>\n")
    block = first(found, Details)
    actions = REGISTRY["summaries"].match(block, context(found, block))
    assert opened(actions) == ["What is a lock?"]
    assert actions[0].question.reach == Reach.COMPLETE


def test_summaries_an_answer_block_joins_the_open_question_or_is_walked() -> None:
    found = finder("<details>\n<summary>Show answer</summary>\n\nA guard.\n\n</details>\n")
    block = first(found, Details)
    open_q = Question("What is a lock?", 0, HEADING, "headings")
    title = LeftOut(1, 2, "answer block title", "Show answer", keep_open=True)  # a label
    assert REGISTRY["summaries"].match(block, context(found, block, open_q)) == [
        title, Take(element=block), Close()]
    alone = REGISTRY["summaries"].match(block, context(found, block))
    assert alone[0] == title and isinstance(alone[1], Walk) and alone[-1] == Close()


def test_summaries_a_sub_topic_belongs_to_the_open_answer() -> None:
    found = finder("<details>\n<summary>Isolation levels</summary>\n\nFour.\n\n</details>\n")
    block = first(found, Details)
    open_q = Question("What is a lock?", 0, HEADING, "headings")
    [take] = REGISTRY["summaries"].match(block, context(found, block, open_q))
    assert isinstance(take, Take) and [text for _, text in take.pieces] == [
        "**Isolation levels**", "", "Four."]  # its summary kept, as a bold line


# fenced cards ----------------------------------------------------------------------------------

def test_fenced_cards_are_read_as_a_small_document() -> None:
    found = finder("```\nQuestion: What is a key?\nAnswer: A unique id.\n\nQuestion: What is a "
                   "row?\nAnswer: A record.\n```\n")
    fence = first(found, Code)
    actions = REGISTRY["fenced cards"].match(fence, context(found, fence))
    assert opened(actions) == ["What is a key?", "What is a row?"]
    assert actions[0].question.line == 1  # the fence's first line is line 0
    assert actions[-1] == Close()


def test_fenced_cards_not_a_code_block_with_a_language() -> None:
    found = finder("```python\n# Question: why?\nanswer = 1  # Answer: this\n```\n")
    fence = first(found, Code)
    assert REGISTRY["fenced cards"].match(fence, context(found, fence)) is None


# cloze -----------------------------------------------------------------------------------------

def test_cloze_a_paragraph_with_deletions() -> None:
    found = finder("The capital of France is {{c1::Paris}}.\n")
    para = first(found, Paragraph)
    actions = REGISTRY["cloze"].match(para, context(found, para))
    assert opened(actions) == ["The capital of France is {{c1::Paris}}."]
    assert actions[0].question.kind == "cloze" and actions[-1] == Close()
    plain = finder("The capital of France is Paris.\n")
    para = first(plain, Paragraph)
    assert REGISTRY["cloze"].match(para, context(plain, para)) is None


def test_cloze_list_retracts_the_heading_that_only_names_it() -> None:
    found = finder("## Definitions\n\n- {{c1::Recall}} is TP over P.\n- {{c1::F1}} mixes both.\n")
    block = first(found, ListBlock)
    heading = Question("Definitions", 0, HEADING, "headings", level=2)
    actions = REGISTRY["cloze.list"].match(block, context(found, block, heading))
    assert actions[0] == Retract(heading)
    assert isinstance(actions[1], LeftOut) and actions[1].reason == "section heading"
    assert opened(actions) == ["{{c1::Recall}} is TP over P.", "{{c1::F1}} mixes both."]
    assert all(a.question.section == "Definitions" for a in actions if isinstance(a, Open))


# definitions, glossary -------------------------------------------------------------------------

def test_definitions_each_term_with_its_definition() -> None:
    found = finder("Latency\n: Time to the first byte.\n\nThroughput\n: Requests per second.\n")
    block = first(found, Definitions)
    actions = REGISTRY["definitions"].match(block, context(found, block))
    assert opened(actions) == ["Latency", "Throughput"]
    assert actions[0].question.kind == "term"
    assert actions[0].question.pieces == [(1, "Time to the first byte.")]


def test_glossary_a_line_that_leads_with_a_term_in_a_glossary() -> None:
    found = finder("# Glossary\n\n**Drift**: a change in data.\n")
    para = first(found, Paragraph)
    actions = REGISTRY["glossary"].match(para, context(found, para))
    assert opened(actions) == ["Drift"] and actions[0].question.kind == "term"
    outside = finder("# Notes\n\n**Drift**: a change in data.\n")
    para = first(outside, Paragraph)
    assert REGISTRY["glossary"].match(para, context(outside, para)) is None  # no glossary


def test_glossary_list_items_that_lead_with_terms() -> None:
    found = finder("# Glossary\n\n- **Skew**: a gap.\n- **Bias**: an error.\n")
    block = first(found, ListBlock)
    actions = REGISTRY["glossary.list"].match(block, context(found, block))
    assert opened(actions) == ["Skew", "Bias"] and actions[-1] == Close()
    term = Question("Skew", 0, STRONG, "glossary", kind="term")
    assert REGISTRY["glossary.list"].match(block, context(found, block, term)) == [
        Take(element=block)]  # a term defined by the list right after it


# noise -----------------------------------------------------------------------------------------

def test_noise_badges_comments_and_adverts() -> None:
    found = finder("![b](https://img.shields.io/badge/x.svg)\n\n<!-- note -->\n\n"
                   "Subscribe to our newsletter.\n\nPlain text.\n")
    badge, comment, advert, plain = found.source.elements
    match = REGISTRY["noise"].match
    assert match(badge, context(found, badge))[0].reason == "badge"
    assert match(comment, context(found, comment))[0].keep_open
    assert match(advert, context(found, advert))[0].reason == "advert"
    assert match(plain, context(found, plain)) is None
    assert isinstance(comment, Html)


def test_noise_separator_ends_the_answer() -> None:
    found = finder("Text.\n\n---\n\nMore.\n")
    rule = first(found, Separator)
    assert REGISTRY["noise.separator"].match(rule, context(found, rule)) == [Close()]


def test_noise_struck_out_lines() -> None:
    found = finder("~~What is old?~~\nWhat is new?\n")
    struck = REGISTRY["noise.struck-out"].match(line(found, 0), context(found, None))
    assert struck == [LeftOut(0, 1, "struck-out question", "What is old?", keep_open=True)]
    assert REGISTRY["noise.struck-out"].match(line(found, 1), context(found, None)) is None


# bold ------------------------------------------------------------------------------------------

def test_bold_a_bold_line_that_asks() -> None:
    found = finder("**What is precision at k?**\n")
    actions = REGISTRY["bold"].match(line(found), context(found, None))
    assert opened(actions) == ["What is precision at k?"]
    assert actions[0].question.strength == STRONG
    label = finder("**Advanced topics**\n")
    assert REGISTRY["bold"].match(line(label), context(label, None)) is None


# tables ----------------------------------------------------------------------------------------

def test_tables_a_pipe_table_by_its_column_names() -> None:
    found = finder("| Pregunta | Respuesta |\n|---|---|\n| ¿Qué es ETL? | Extraer. |\n"
                   "| ¿Qué es OLAP? | Analizar. |\n")
    table = first(found, Table)
    actions = REGISTRY["tables"].match(table, context(found, table))
    assert opened(actions) == ["¿Qué es ETL?", "¿Qué es OLAP?"] and actions[-1] == Close()
    assert actions[0].question.pieces == [(2, "Extraer.")]
    other = finder("| Name | Topic |\n|---|---|\n| a | b |\n")
    table = first(other, Table)
    assert REGISTRY["tables"].match(table, context(other, table)) is None
