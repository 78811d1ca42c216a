"""Rules on blocks: `summaries`, `tables`, `tables.html`, `definitions`, `glossary`, `cloze`,
`fenced cards`, `noise`, `sections`."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import ENCODINGS, answer, cards, context, finder, first, read, reasons, rules

from build_decks.readers.elements import Html
from build_decks.readers.rule import Close, LeftOut, Open
from build_decks.readers.rules import REGISTRY


def test_summaries_answer_blocks_sub_topics_and_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "# DB\n\n### 数据库的范式？\n\n第一范式。\n\n<details>\n"
               "<summary>展开</summary>\n\n更多。\n\n</details>\n\n<details>\n"
               "<summary>不符合范式会出现哪些异常？</summary>\n\n冗余。\n\n</details>\n\n"
               "<details><summary>What is a lock?</summary>\nA guard.\n</details>\n")
    assert cards(doc) == [("qa", "数据库的范式？"), ("qa", "不符合范式会出现哪些异常？"),
                          ("qa", "What is a lock?")]
    assert "更多。" in answer(doc, "数据库的范式？")


@pytest.mark.parametrize(("header", "question", "answer_"), [
    ("| Question | Answer |", "What is ETL?", "Extract, transform, load"),
    ("| Вопрос | Ответ |", "Что такое ETL?", "Извлечение, преобразование, загрузка"),
    ("| 问题 | 答案 |", "什么是 ETL？", "抽取、转换、加载"),
    ("| Pregunta | Respuesta |", "¿Qué es ETL?", "Extraer, transformar, cargar"),
    ("| # | Frage | Antwort |", "Was ist ETL?", "Extrahieren, Transformieren, Laden"),
])
def test_pipe_tables_in_any_column_language(tmp_path: Path, header: str, question: str,
                                            answer_: str) -> None:
    columns = header.count("|") - 1
    row = f"| {question} | {answer_} |" if columns == 2 else f"| 1 | {question} | {answer_} |"
    doc = read(tmp_path, f"# T\n\n{header}\n|{'---|' * columns}\n{row}\n")
    assert cards(doc) == [("qa", question)] and answer(doc, question) == answer_


def test_a_column_of_numbers_is_never_the_question_and_links_answer_nothing(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "| No. | Question | Link |\n|---|---|---|\n| 1 | What is X? | "
               "[x](https://example.org) |\n| 2 | What is Y? | [y](https://example.org) |\n")
    assert cards(doc) == [("prompt", "What is X?"), ("prompt", "What is Y?")]


@pytest.mark.parametrize("variant", ENCODINGS)
def test_html_tables_with_entities(tmp_path: Path, variant: str) -> None:
    doc = read(tmp_path, "# FAQ\n\n<table>\n<tr><th>Question</th><th>Answer</th></tr>\n"
               "<tr><td>What does AT&amp;T sell?</td><td>Phone &amp; <b>internet</b></td></tr>\n"
               "<tr><td>Is 1 &lt; 2?</td><td>Yes<br>always</td>\n</table>\n", variant=variant)
    assert cards(doc) == [("qa", "What does AT&amp;T sell?"), ("qa", "Is 1 &lt; 2?")]
    assert answer(doc, "What does AT&amp;T sell?") == "Phone &amp; <b>internet</b>"
    assert answer(doc, "Is 1 &lt; 2?") == "Yes<br>always"


def test_html_table_rule_alone() -> None:
    found = finder("<table><tr><td>Why?</td><td>Because.</td></tr>"
                   "<tr><td>How?</td><td>So.</td></tr></table>\n")
    block = first(found, Html)
    actions = REGISTRY["tables.html"].match(block, context(found, block))
    assert [a.question.front for a in actions if isinstance(a, Open)] == ["Why?", "How?"]
    assert actions[-1] == Close()


def test_definitions_glossaries_and_a_terms_own_list(tmp_path: Path) -> None:
    doc = read(tmp_path, "Latency\n: Time to the first byte.\n\n# Glossary\n\n**Drift**: a change"
               " in data.\n\n**Skew**\n- A gap between training and serving.\n")
    assert cards(doc) == [("term", "Latency"), ("term", "Drift"), ("term", "Skew")]
    assert answer(doc, "Skew") == "- A gap between training and serving."
    assert set(rules(doc)) == {"definitions", "glossary"}
    listed = read(tmp_path, "| Name | Topic |\n|---|---|\n| a | b |\n\nLatency\n"
                  ": Time to the first byte.\n")
    assert cards(listed) == [("term", "Latency")] and rules(listed) == ["definitions"]


def test_a_q_line_in_a_section_named_terminology_is_a_question(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Key Concepts and Terminology\n\nQ: What is a policy?\nA: A rule.\n\n"
               "Q: What is a reward?\nA: A number.\n")
    assert cards(doc) == [("qa", "What is a policy?"), ("qa", "What is a reward?")]


def test_cloze_paragraphs_and_lists(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Facts\n\n- The {{c1::F1 score}} combines P and R.\n- {{c1::Recall}} is"
               " TP over P.\n\nThe capital of France is {{c1::Paris}}.\n")
    assert cards(doc) == [("cloze", "The {{c1::F1 score}} combines P and R."),
                          ("cloze", "{{c1::Recall}} is TP over P."),
                          ("cloze", "The capital of France is {{c1::Paris}}.")]


def test_fenced_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Cards\n\n```\nQuestion:\nWhat is a key?\n\nAnswer:\n"
               "A unique id.\n```\n")
    assert cards(doc) == [("qa", "What is a key?")] and rules(doc) == ["markers"]


def test_noise_is_left_out_by_name_and_an_answer_goes_on_after_it(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: T\n---\n\n- ~~What is old?~~\n- What is new?\n\n"
               "## What is A?\n\nFirst part.\n\n"
               "![x](https://img.shields.io/badge/x.svg)\n\n[⬆ Back to top](#t)\n\n"
               "<!-- hidden -->\n\nSecond part.\n\nSubscribe to our newsletter for more.\n")
    assert answer(doc, "What is A?").startswith("First part.\n\n")
    assert "Second part." in answer(doc, "What is A?")
    assert {"front matter", "badge", "back-to-top link", "HTML comment", "struck-out question",
            "advert"} <= reasons(doc)


def test_a_script_shows_nothing_and_an_answer_goes_on_after_it(tmp_path: Path) -> None:
    """An advert's `<ins>` and `<script>` blocks between the paragraphs of an answer: the page
    shows none of their code, so they are empty HTML, not part of the answer."""
    doc = read(tmp_path, "## What is A?\n\nFirst part.\n\n<ins class=\"ad\" data-slot=\"1\">"
               "</ins>\n<script>\n  (ads = window.ads || []).push({});\n</script>\n\n"
               "Second part.\n\n## What is B?\n\n<style>p { color: red }</style>\n\nB.\n")
    assert answer(doc, "What is A?") == "First part.\n\nSecond part."
    assert answer(doc, "What is B?") == "B."
    assert "HTML separator" in reasons(doc)


def test_boilerplate_sections_and_reference_links(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q: What is X?\nA: Y.\n\n## Further Reading\n\n- https://example.org/a\n\n"
               "## Contributing\n\nQ: May I add one?\nA: Yes.\n")
    assert cards(doc) == [("qa", "What is X?")]
    assert doc.references == ["https://example.org/a"]
    found = finder("# Notes\n\nText.\n\n## License\n\nMIT.\n")
    para = found.source.elements[-1]
    assert REGISTRY["sections"].match(para, context(found, para)) == [
        LeftOut(6, 7, "licence section", "MIT.")]
