"""The tabular readers: Anki text-import files, Quizlet exports, CSV/TSV; their encodings."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package
from conftest import make_content

from build_decks.config import load_config
from build_decks.errors import ContentError
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.readers import anki_text, check_total, columns, html_fields, read_source
from build_decks.readers import text as text_module
from build_decks.readers.column_names import role_of
from build_decks.readers.tabular import (
    MAX_CARDS_PER_SOURCE,
    PROFILE_ROWS,
    as_tag,
    defined_term,
    is_placeholder,
    sniff,
)
from build_decks.render import anki
from build_decks.render.options import BuildOptions
from build_decks.yamlio import load_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"


def read(tmp_path: Path, data: str | bytes, name: str) -> tuple[str, list]:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    fmt, doc = read_source(path)
    return fmt, doc


def cards(doc) -> list[tuple[str, str, str]]:
    return [(e.kind, e.front, "\n".join(t for _, t in e.back_lines)) for e in doc.entries]


# --- Anki "Notes in Plain Text" ---------------------------------------------------------------

def test_anki_export_headers_give_every_column_its_role() -> None:
    fmt, doc = read_source(FIXTURES / "anki_export.txt")
    assert fmt == "anki"
    assert [(e.kind, e.front) for e in doc.entries] == [
        ("qa", "What does TCP guarantee?"),
        ("qa", "Why is `UDP` used for DNS?"),
        ("cloze", "{{c1::IPv6}} addresses are 128 bits long."),
        ("qa", "What is a /24 network?"),  # TODO: no answer, a prompt after normalize
    ]
    first, second, _, todo = doc.entries
    assert cards(doc)[0][2] == ("Ordered, reliable delivery:\n\n- acknowledgements\n"
                                "- retransmission")
    assert first.line == 9  # header and comment lines count
    assert first.tags == ["tcp", "layer::4"]
    assert first.section == "Networking::Transport"  # the deck path, never a `::` card
    assert first.notes == "**Extra:** *See RFC 9293*"
    assert cards(doc)[1][2] == "One round trip; no connection set-up & no state."
    assert second.tags == ["udp", "dns"]
    assert todo.back_lines == []
    assert doc.title == "Networking"  # the top deck every row shares
    assert not any("Basic" in e.front or "q7%" in e.front for e in doc.entries)


@pytest.mark.parametrize("written, separator", [
    ("tab", "\t"), ("Semicolon", ";"), ("comma", ","), ("PIPE", "|"), (" colon ", ":"),
    (";", ";"), ("|", "|"),
])
def test_separator_header_by_name_or_character(tmp_path: Path, written: str,
                                               separator: str) -> None:
    rows = [f"What is {n}?{separator}It is {n}." for n in ("a", "b")]
    _, doc = read(tmp_path, f"#separator:{written}\n" + "\n".join(rows) + "\n", "deck.txt")
    assert cards(doc) == [("qa", "What is a?", "It is a."), ("qa", "What is b?", "It is b.")]


def test_html_false_keeps_tags_as_text_and_global_tags_apply(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "#separator:semicolon\n#html:false\n#tags:net exam::2024\n"
                  "What does <br> do?;It breaks a line.\n", "deck.txt")
    assert cards(doc) == [("qa", "What does <br> do?", "It breaks a line.")]
    assert doc.entries[0].tags == ["net", "exam::2024"]


def test_headerless_front_back_lines_and_placeholders(tmp_path: Path) -> None:
    text = ("What is a pod?;The smallest deployable unit.\nWhat is a node?;PASS\n"
            "What is a taint?;TBD\nWhat is a sidecar?;todo\n")
    fmt, doc = read(tmp_path, text, "k8s.txt")
    assert fmt == "anki"
    assert [(k, f, b) for k, f, b in cards(doc)] == [
        ("qa", "What is a pod?", "The smallest deployable unit."), ("qa", "What is a node?", ""),
        ("qa", "What is a taint?", ""), ("qa", "What is a sidecar?", "")]


def test_quizlet_export_terms_and_continued_definitions(tmp_path: Path) -> None:
    text = ("latency\ttime until the first byte\nthroughput\trequests served per second,\n"
            "measured at peak\njitter\tvariation in latency\n")
    fmt, doc = read(tmp_path, text, "quizlet.txt")
    assert fmt == "anki"
    assert cards(doc) == [("term", "latency", "time until the first byte"),
                          ("term", "throughput", "requests served per second,\nmeasured at peak"),
                          ("term", "jitter", "variation in latency")]
    assert [e.line for e in doc.entries] == [1, 2, 4]


def test_html_fields_without_a_header_are_read_as_html(tmp_path: Path) -> None:
    text = ("What is <a href=https://x.org/a>attention</a>?\tA weighting of inputs.<br><br>"
            "<img src=https://x.org/a.png>\n"
            "Why scale dot products?\tTo keep the softmax &quot;soft&quot;.\n")
    _, doc = read(tmp_path, text, "quiz.txt")
    assert cards(doc) == [
        ("qa", "What is attention?", "A weighting of inputs.\n\n![](https://x.org/a.png)"),
        ("qa", "Why scale dot products?", 'To keep the softmax "soft".')]


# --- which .txt is a table ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Q: What is 6 times 7?\nA: 42\n\nQ: Binary search cost?\nA: O(log n)\n",
    "# Notes\n\n## How does a CDN work?\n\nIt caches content near users, by region.\n",
    "I like caching, mostly.\nIt helps, sometimes.\nIt hurts, rarely.\n",  # prose commas
    "- item one\n\t- nested; with a semicolon\n\t- another; one\n",
    "| Q | A |\n|---|---|\n| What? | That. |\n| Why? | Because. |\n",
    "#flashcards/ml\nWhat is a tensor?::An n-dimensional array.\n",
    # rule `prose-separator`: a space after the separator is a person's punctuation
    "Bias is error from wrong assumptions; variance is error from noise.\n"
    "Regularization trades one for the other; it adds a penalty.\n"
    "Early stopping is another; it watches the validation loss.\n",  # prose semicolons
    "Q | A\n--- | ---\nWhat? | That.\nWhy? | Because.\n",  # a pipe table without outer pipes
])
def test_notes_in_a_txt_stay_markdown(text: str) -> None:
    assert not anki_text.detect(text)


@pytest.mark.parametrize("text", [
    "#separator:tab\nfront\tback\n",
    "#html:true\nWhat?;<b>That</b>\n",
    "What is a pod?\tThe smallest unit.\nWhat is a node?\tA machine.\n",
    "pod;smallest unit\nnode;a machine\nkubelet;node agent\n",
    "pod|smallest unit\nnode|a machine\n",
    "pod,smallest unit\nnode,a machine\nkubelet,node agent\n",
])
def test_exports_in_a_txt_are_tables(text: str) -> None:
    assert anki_text.detect(text)


def test_a_txt_of_notes_still_goes_to_the_markdown_reader(tmp_path: Path) -> None:
    fmt, doc = read(tmp_path, "Q: What is 6 times 7?\nA: 42\n\nQ: How do you reverse a list?\n"
                    "A: lst.reverse()\n", "notes.txt")
    assert fmt == "markdown"
    assert [e.front for e in doc.entries] == ["What is 6 times 7?", "How do you reverse a list?"]


def test_a_txt_table_is_read_and_decoded_once(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    decoded = []
    original = text_module.decode
    monkeypatch.setattr(text_module, "decode",
                        lambda data, path: decoded.append(path) or original(data, path))
    fmt, doc = read(tmp_path, "What is a pod?\tThe smallest unit.\nWhat is a node?\tA machine.\n",
                    "k8s.txt")
    assert fmt == "anki" and len(doc.entries) == 2
    assert decoded == [tmp_path / "k8s.txt"]


def test_sniff_chooses_the_consistent_separator() -> None:
    assert sniff("a;b\nc;d\n") == ";"
    assert sniff("a\tb, c\nd\te, f\n") == "\t"
    assert sniff('"x, y"|b\nc|d\n') == "|"
    assert sniff("one line of prose.\n") is None


def test_prose_separator_rule_for_every_separator_but_tab() -> None:
    """Rule `prose-separator`: a program writing a table puts nothing between a separator and
    the next field; a person puts a space after `,` `;` `|`. Such a separator is prose to
    detection; a declared table (.csv) still splits on it when nothing else fits. A space
    after a TAB is alignment, never prose."""
    for separator in (",", ";", "|"):
        spaced = f"a{separator} b\nc{separator} d\ne{separator} f\n"
        assert sniff(spaced) is None, separator
        assert sniff(spaced, prose_allowed=True) == separator
        assert sniff(spaced.replace(" ", "")) == separator
    assert sniff("a\t b\nc\t d\n") == "\t"


def test_a_csv_with_a_space_after_each_semicolon_is_still_a_table(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "What is a pod?; The smallest unit.\nWhat is a node?; A machine.\n",
                  "k8s.csv")
    assert cards(doc) == [("qa", "What is a pod?", "The smallest unit."),
                          ("qa", "What is a node?", "A machine.")]



def test_a_csv_written_with_a_space_after_each_comma_quotes_after_the_space(
        tmp_path: Path) -> None:
    """Rule `spaced-fields`: `, "a, b"` is one field, its quotes no part of it."""
    _, doc = read(tmp_path, 'question, answer\nWhat is a pod?, The smallest unit\n'
                  'What does a node run?, "Pods, the kubelet, a runtime"\n'
                  '"In short, what is etcd?", "The store"\nWhat is a taint?, \n', "k8s.csv")
    assert cards(doc) == [("qa", "What is a pod?", "The smallest unit"),
                          ("qa", "What does a node run?", "Pods, the kubelet, a runtime"),
                          ("qa", "In short, what is etcd?", "The store"),
                          ("qa", "What is a taint?", "")]  # no answer: a prompt

# --- CSV / TSV column roles -------------------------------------------------------------------

def test_an_id_column_is_never_the_question_and_one_text_column_is_prompts() -> None:
    _, doc = read_source(FIXTURES / "ids_and_prompts.csv")
    assert cards(doc) == [("qa", "Explain backpropagation.", ""),
                          ("qa", "What is a learning rate?", ""), ("qa", "Describe dropout.", ""),
                          ("qa", "Why normalise inputs?", "")]


def test_front_back_tags_header(tmp_path: Path) -> None:
    _, doc = read_source(FIXTURES / "front_back_tags.tsv")
    assert [(k, f) for k, f, _ in cards(doc)] == [
        ("qa", "Swap two variables"), ("qa", "What does `enumerate` return?"),
        ("qa", "Footgun: mutable default argument"), ("qa", "What is a generator?")]
    assert doc.entries[0].tags == ["idioms", "basics"]
    assert cards(doc)[0][2] == "`a, b = b, a`"


def test_question_text_answer_text_and_extra_columns(tmp_path: Path) -> None:
    text = ("question_id,question_text,answer_text,difficulty,source\n"
            "1,What is MLOps?,Ops for ML systems.,easy,https://example.org/mlops\n"
            "2,What is drift?,A change in data.,hard,https://example.org/drift\n"
            "3,What is a feature store?,A store of features.,easy,https://example.org/fs\n"
            "4,What is serving?,Answering requests.,easy,https://example.org/serve\n")
    _, doc = read(tmp_path, text, "bank.csv")
    assert [(k, f, b) for k, f, b in cards(doc)][1] == ("qa", "What is drift?", "A change in data.")
    assert doc.entries[1].section == "hard"
    assert doc.entries[1].attribution == "https://example.org/drift"


def test_non_latin_header_names_and_a_category_column() -> None:
    _, doc = read_source(FIXTURES / "russian.csv")
    assert cards(doc)[0] == ("qa", "Что такое градиент?", "Вектор частных производных.")
    assert [e.section for e in doc.entries] == ["Математика", "Обучение", "Обучение", "Обучение"]


@pytest.mark.parametrize("header", ["问题,答案", "Pregunta,Respuesta", "Frage,Antwort",
                                    "Question,Réponse", "Term,Definition"])
def test_column_names_in_many_languages(tmp_path: Path, header: str) -> None:
    _, doc = read(tmp_path, f"{header}\nalpha,the first letter\nbeta,the second letter\n",
                  "words.csv")
    kind = "term" if header.startswith("Term") else "qa"
    assert cards(doc) == [(kind, "alpha", "the first letter"), (kind, "beta", "the second letter")]


def test_number_answers_and_definition_labels(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "What is 6 times 7?,42\nWhat is 2 cubed?,8\n"
                  "Definition: Overfitting,Fitting noise instead of signal\n", "math.csv")
    assert cards(doc) == [("qa", "What is 6 times 7?", "42"), ("qa", "What is 2 cubed?", "8"),
                          ("term", "Overfitting", "Fitting noise instead of signal")]


@pytest.mark.parametrize("front, term", [
    ("Definition: Overfitting", "Overfitting"),
    ("Term: Gradient descent", "Gradient descent"),
    ("Définition : Surapprentissage", "Surapprentissage"),  # French puts a space before `:`
    ("Определение: Градиент", "Градиент"),
    ("定义: 过拟合", "过拟合"),
    ("Glossary: Cut score", "Cut score"),  # an entry of the glossary
    ("Glosario: Sobreajuste", "Sobreajuste"),
    ("Definition: Term Frequency-Inverse Document Frequency (TF-IDF)",
     "Term Frequency-Inverse Document Frequency (TF-IDF)"),
    ("Definition: what does overfitting mean?", None),  # the rest asks: a question
    ("Definition: a model fits the noise in its training data instead of the signal", None),
    ("My definition: Overfitting", None),  # the label is the whole text before the colon
    ("Definition of overfitting", None),  # no label
    ("Definition:", None),
])
def test_rule_definition_label(front: str, term: str | None) -> None:
    """Rule `definition-label`: `Definition: X` says the row defines the term X."""
    assert defined_term(front) == term


def test_definition_label_needs_an_answer_to_make_a_term(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "What is bias?;Error from wrong assumptions\n"
                  "Definition: Overfitting;TODO\nDefinition: Variance;Error from noise\n",
                  "defs.txt")
    assert cards(doc) == [("qa", "What is bias?", "Error from wrong assumptions"),
                          ("qa", "Definition: Overfitting", ""),  # a prompt, after normalize
                          ("term", "Variance", "Error from noise")]


@pytest.mark.parametrize("answer, missing", [
    ("PASS", True), ("TODO", True), ("todo", True), ("TBD", True), ("tbd.", True),
    ("TBA", True), ("To be completed", True), ("N/A", True), ("-", True), ("?", True),
    ("…", True), ("WIP", True),
    ("pass", False),  # Python's statement: PASS is a marker only in capitals
    ("Pass", False), ("TODO: check RFC 9293 first", False),  # not the whole answer
    ("PASS or FAIL", False), ("Na", False),  # sodium
    ("Pending", False), ("Later", False),  # answers in a table's cell
    ("x", False), ("△", False), ("42", False),
])
def test_rule_placeholder_answer(answer: str, missing: bool) -> None:
    """Rule `placeholder-answer`: only a cell that is nothing but a placeholder."""
    assert is_placeholder(answer) is missing


def test_role_of_names() -> None:
    assert [role_of(n) for n in ("question_text", "Question ID", "Correct answer", "Вопрос",
                                 "问题", "Pregunta técnica", "Tags", "Area", "DESCRIPTION")] == [
        "question", "id", "answer", "question", "question", "question", "tags", "section", None]


def test_a_names_bracketed_note_and_an_options_letter_say_no_role() -> None:
    """The head word is the name's own, not its note's; a lone letter is an option's."""
    assert [role_of(n) for n in ("Respuesta Correcta (1=A, 2=B)", "Tema (Topic)", "Opción A",
                                 "Option B", "A", "Q")] == [
        "answer", "section", None, None, "answer", "question"]


def test_rule_bracketed_name_a_separator_inside_a_column_names_brackets(tmp_path: Path) -> None:
    """`Respuesta (1=A, 2=B)` written unquoted: the header splits into more fields than the
    rows; joined where a bracket is open, it names the columns the rows have."""
    text = ("ID,Pregunta (Question),Opción A,Opción B,Respuesta (1=A, 2=B),Explicación\n"
            "1,¿Cuánto es 2+3?,4,5,2,Se suman.\n2,¿Cuánto es 2*3?,6,5,1,Se multiplican.\n")
    _, doc = read(tmp_path, text, "banco.csv")
    assert cards(doc) == [("qa", "¿Cuánto es 2+3?", "2"), ("qa", "¿Cuánto es 2*3?", "1")]
    assert "**Opción A:** 4" in doc.entries[0].notes
    assert "**Explicación:** Se suman." in doc.entries[0].notes
    unbalanced = "Front,Back,Extra (a\nWhat is a pod?,A unit.\n"  # no bracket closes: as written
    assert cards(read(tmp_path, unbalanced, "cards.csv")[1]) == [("qa", "What is a pod?",
                                                                   "A unit.")]


def test_column_content_classes() -> None:
    assert columns.profile(0, ["1", "2", "3"]).content == "number"
    assert columns.profile(0, ["Pk[.NrELs=", "tP+7g(0~bv", "E)^gr&BD^$"]).content == "identifier"
    assert columns.profile(0, ["ops", "ops", "ml", "ml"]).content == "category"
    assert columns.profile(0, ["a b", "a c", "b c", "a b c"]).content == "tags"
    assert columns.profile(0, ["What is X?", "Why Y?"]).content == "text"


def test_as_tag() -> None:
    assert [as_tag(t) for t in ("Data science", "Écoles::Niveau 2", "日本語", "--",
                                "AnKing::#AK_Step1", "a::::b", "__init__")] == [
        "data-science", "ecoles::niveau-2", "ribenyu", "", "anking::ak_step1", "a::b", "init"]


# --- HTML fields ------------------------------------------------------------------------------

def test_html_fields_become_markdown() -> None:
    assert html_fields.to_markdown("<div>First</div><div><b>Second</b> &amp; <i>third</i></div>"
                                   "<pre>x = 1\ny = 2</pre>") == (
        "First\n\n**Second** & *third*\n\n```\nx = 1\ny = 2\n```")
    assert html_fields.to_markdown("<ol><li>one</li><li>two</li></ol># not a heading") == (
        "1. one\n2. two\n\n\\# not a heading")
    assert html_fields.to_markdown("a * b <sub>2</sub> &lt;tag&gt;") == (
        "a \\* b <sub>2</sub> &lt;tag>")
    assert html_fields.to_front("Call: <ul> <li>one</li> <li>two</li> </ul> ") == (
        "Call: one two")
    assert html_fields.to_front("<span style='x'>What is <strong>x</strong>?</span>"
                                "<script>alert(1)</script>") == "What is x?"
    assert html_fields.is_html("a <br> b") and html_fields.is_html("&nbsp;")
    assert not html_fields.is_html("List<String> and a<b")
    assert not html_fields.is_html("R&D; then QA")  # no character reference by that name
    assert html_fields.is_html("&#955; &lambda;") and html_fields.is_html("a<BR/>b")


def test_html_structure_survives_as_markdown() -> None:
    """Tables, headings, quotes and code come through as Markdown (markdownify), and text is
    escaped only outside code."""
    assert html_fields.to_markdown("<table><tr><th>Metric</th><th>Use</th></tr>"
                                   "<tr><td>AUC</td><td>ranking</td></tr></table>") == (
        "| Metric | Use |\n| --- | --- |\n| AUC | ranking |")
    assert html_fields.to_markdown("<h3>Why</h3><blockquote>quoted</blockquote>") == (
        "### Why\n\n> quoted")
    assert html_fields.to_markdown("Call <code>f(*args, **kwargs)</code> or <code>__init__</code>"
                                   "<pre># a comment\nx = 1</pre>") == (
        "Call `f(*args, **kwargs)` or `__init__`\n\n```\n# a comment\nx = 1\n```")
    assert html_fields.to_markdown("<b>unclosed <i>tags") == "**unclosed *tags***"
    assert html_fields.to_markdown("a\n- not a list") == "a - not a list"  # a space in HTML
    assert html_fields.to_markdown('<a href="https://en.wikipedia.org/wiki/Perceptrons_(book)">'
                                   'book</a> <a href="https://x.org/a b(">odd</a>') == (
        "[book](https://en.wikipedia.org/wiki/Perceptrons_(book)) "
        "[odd](https://x.org/a%20b%28)")
    assert html_fields.to_markdown('<table><tr><td colspan="②">x</td></tr></table>') == (
        "|  |\n| --- |\n| x |")  # not an ASCII number: markdownify would crash on it


def test_a_link_column_in_html_gives_text_and_address(tmp_path: Path) -> None:
    text = ("#separator:tab\n#html:true\n#columns:Front\tBack\tLink\n"
            "What is a pod?\tThe smallest unit.\t<a title='href=x' "
            'href="https://x.org/?a=1&amp;b=2">Pods</a>\n')
    _, doc = read(tmp_path, text, "k8s.txt")
    assert doc.entries[0].attribution == "Pods (https://x.org/?a=1&b=2)"


# --- encodings ---------------------------------------------------------------------------------

ROWS = "Question\tAnswer\nWhat’s “drift”?\tA change in data.\nWhy monitor?\tTo see it.\n"
EXPECTED = [("qa", "What’s “drift”?", "A change in data."), ("qa", "Why monitor?", "To see it.")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "crlf", "utf-16-le-bom",
                                      "utf-16-be-bom", "utf-16-le", "utf-32-le-bom",
                                      "utf-32-be-bom", "cp1252"])
def test_encodings_give_the_same_cards(tmp_path: Path, encoding: str) -> None:
    data = {
        "utf-8": ROWS.encode(), "utf-8-bom": codecs.BOM_UTF8 + ROWS.encode(),
        "crlf": ROWS.replace("\n", "\r\n").encode(),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + ROWS.replace("\n", "\r\n").encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"),
        "utf-16-le": ROWS.encode("utf-16-le"),
        "utf-32-le-bom": codecs.BOM_UTF32_LE + ROWS.encode("utf-32-le"),
        "utf-32-be-bom": codecs.BOM_UTF32_BE + ROWS.encode("utf-32-be"),
        "cp1252": ROWS.encode("cp1252"),
    }[encoding]
    for name in ("excel.tsv", "excel.txt", "excel.csv"):
        _, doc = read(tmp_path, data, name)
        assert cards(doc) == EXPECTED, name
        assert [e.line for e in doc.entries] == [2, 3]


def test_undecodable_files_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"bad\.csv:2: not text: byte 0x81"):
        read(tmp_path, b"q,a\nWhat?,\x81\x90\n", "bad.csv")
    broken = codecs.BOM_UTF16_LE + "q\ta\nWhat?\tX\n".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(ContentError, match=r"bad16\.tsv:3: cannot decode as UTF-16-LE"):
        read(tmp_path, broken, "bad16.tsv")
    with pytest.raises(ContentError, match=r"zero\.csv:1: not text: it holds a zero byte"):
        read(tmp_path, b"q,a\x00\x01\x00\x00\x00\x05", "zero.csv")


# --- limits ------------------------------------------------------------------------------------

def test_a_million_rows_stop_at_the_cap_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("question,answer\n" + "".join(f"q{n}?,a\n" for n in range(1_000_000)))
    with pytest.raises(ContentError) as error:
        read_source(path)
    assert error.value.line == MAX_CARDS_PER_SOURCE + 2
    assert f"at most {MAX_CARDS_PER_SOURCE:,} cards" in error.value.message


def test_the_project_total_is_capped(tmp_path: Path) -> None:
    check_total(100_000, tmp_path / "a.csv")
    with pytest.raises(ContentError, match="more than 100,000 cards in total"):
        check_total(100_001, tmp_path / "a.csv")


# --- through the real pipeline, into a real Anki collection ---------------------------------------

def test_an_anki_export_imports_builds_and_opens_in_anki(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"net": FIXTURES / "anki_export.txt",
                                      "ru": FIXTURES / "russian.csv"})
    result = import_sources(load_config(content))
    assert not result.errors
    deck = load_yaml(content / "decks" / "net.yaml")
    assert deck["format"] == "anki"
    by_front = {c.get("question") or c.get("text"): c for c in deck["cards"]}
    assert by_front["What is a /24 network?"]["kind"] == "prompt"
    assert by_front["{{c1::IPv6}} addresses are 128 bits long."]["kind"] == "cloze"
    tcp = by_front["What does TCP guarantee?"]
    assert {"tcp", "layer::4"} <= set(tcp["tags"])
    assert tcp["section"] == "Networking::Transport" and tcp["notes"] == "**Extra:** *See RFC 9293*"
    package = anki.build(load_content(content),
                         BuildOptions(dist=tmp_path / "dist", content_root=content,
                                      now=1_760_000_000)).paths[0]
    collection = fresh_collection(tmp_path / "anki")
    log = import_package(collection, package)
    assert len(log.new) == 8 and not log.duplicate and not log.conflicting
    fronts = {collection.get_note(n).fields[0] for n in collection.find_notes("")}
    assert "What does TCP guarantee?" in fronts and "Что такое градиент?" in fronts
    note = collection.get_note(collection.find_notes('"Question:What does TCP*"')[0])
    assert "<li>acknowledgements</li>" in note["Answer"] and "tcp" in note.tags


def test_card_exports_keep_only_the_answer_and_anki_rows_are_basic_notes(tmp_path: Path) -> None:
    text = ('#separator:tab\n#html:true\nThe capital of Peru is\t"The capital of Peru is\n\n'
            '<hr id=""answer"">\n\nLima"\nThe sign for a triangle\t△\nA row with\t-\n')
    _, doc = read(tmp_path, text, "cards.txt")
    assert cards(doc) == [("qa", "The capital of Peru is", "Lima"),
                          ("qa", "The sign for a triangle", "△"), ("qa", "A row with", "")]


def test_columns_that_are_not_card_text_are_reported(tmp_path: Path) -> None:
    text = ("Key\tWord\tMeaning\tFrequency\nk-1\tsol\tsun\t12\nk-2\tluna\tmoon\t30\n"
            "k-3\tmar\tsea\t7\n")
    _, doc = read(tmp_path, text, "words.tsv")
    assert cards(doc)[0] == ("term", "sol", "sun")
    assert doc.entries[0].notes == "**Frequency:** 12"
    assert [(d.reason, d.text) for d in doc.dropped] == [
        ("column names", "Key\tWord\tMeaning\tFrequency"),
        ("column not kept (row ids or numbers)", "Key")]


def test_the_header_row_and_anki_headers_are_reported_as_boilerplate(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "Question,Answer\nWhat is a pod?,A unit.\nWhat is a node?,A host.\n",
                  "cards.csv")
    assert [(d.line, d.reason, d.boilerplate) for d in doc.dropped] == [
        (1, "column names", True)]
    _, doc = read(tmp_path, "#separator:tab\n#html:false\nWhat is a pod?\tA unit.\n"
                  "What is a node?\tA host.\n", "export.txt")
    assert [(d.line, d.end, d.reason, d.boilerplate) for d in doc.dropped] == [
        (1, 2, "Anki file headers", True)]


def test_digits_of_other_scripts_are_not_numbers() -> None:
    assert not columns.profile(0, ["²", "³", "¹"]).counts_rows
    assert anki_text.parse_headers("#separator:tab\n#tags column:²\n").fixed == {}
    assert html_fields.to_markdown('<ol start="²"><li>a</li></ol>') == "1. a"


# --- cost ---------------------------------------------------------------------------------------

def _category_bank(rows: int) -> str:
    """question,answer and two category columns (area: the section; level: a tag)."""
    return "question,answer,area,level\n" + "".join(
        f"What is item {n}?,It is the answer to {n}.,area {n % 7},{('easy', 'hard')[n % 2]}\n"
        for n in range(rows))


def test_column_roles_are_decided_once_not_per_row(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A second category column (a tag column of single words) once made every row re-check
    the column's first rows: the cost grew with rows x rows. Each column's class is decided
    once, on the profile's rows, so the checks do not grow with the row count."""
    calls = []
    original = columns.is_tag_list
    monkeypatch.setattr(columns, "is_tag_list", lambda value: calls.append(1) or original(value))
    counts = {}
    for rows in (2_000, 20_000):
        calls.clear()
        _, doc = read(tmp_path, _category_bank(rows), f"bank{rows}.csv")
        assert len(doc.entries) == rows
        assert doc.entries[1].section == "area 1" and doc.entries[1].tags == ["hard"]
        counts[rows] = len(calls)
    assert counts[20_000] == counts[2_000] <= 4 * PROFILE_ROWS  # columns, not rows x columns


def test_plain_fields_are_read_without_the_html_converter(tmp_path: Path) -> None:
    """BeautifulSoup and markdownify (0.2 s to import) load for a field that holds HTML only."""
    source = tmp_path / "cards.txt"
    source.write_text("What is a cache?\tA fast store.\nWhat is a queue?\tFirst in, first out.\n",
                      encoding="utf-8")
    script = (f"import sys\nfrom build_decks.readers import read_source\n"
              f"from pathlib import Path\nread_source(Path({str(source)!r}))\n"
              "print(sorted(m for m in ('bs4', 'markdownify') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == "[]"


def test_a_quiz_without_names_takes_the_right_option_written_again_as_the_answer(
        tmp_path: Path) -> None:
    """Rule `answer-key`: a headerless quiz lists its options, then writes the right one
    again; that column is the back (not the first option), the options are notes. A column
    that repeats its row only now and then is no key."""
    rows = [("What is a stack?", "FIFO list", "LIFO list", "A tree", "LIFO list", "Push/pop."),
            ("What does BFS use?", "A stack", "A queue", "A heap", "A queue", "Level order."),
            ("Cost of binary search?", "O(log n)", "O(n)", "O(1)", "O(log n)", "Halves."),
            ("What is a leaf?", "A root", "A node", "A node without children",
             "A node without children", "No children."),
            ("What sorts in O(n log n)?", "Bubble sort", "Merge sort", "Insertion sort",
             "Merge sort", "Divide and conquer.")]
    text = "".join(f"{n}\t" + "\t".join(row) + "\n" for n, row in enumerate(rows, 1))
    _, doc = read(tmp_path, text, "quiz.tsv")
    assert [(e.front, "".join(t for _, t in e.back_lines)) for e in doc.entries] == [
        (row[0], row[4]) for row in rows]
    assert doc.entries[1].notes.split("\n\n")[:3] == ["A stack", "A queue", "A heap"]
    # a key of one-token codes (unique per row, like row ids) is still the key, not an id
    codes = [("Sort a list in place?", "sorted(xs)", "xs.sort()", "xs.reverse()", "xs.sort()"),
             ("Copy a list?", "xs.copy()", "xs[0]", "list.sort", "xs.copy()"),
             ("Last item?", "xs[0]", "xs[-1]", "xs.pop(0)", "xs[-1]"),
             ("Count items?", "len(xs)", "xs.size", "count()", "len(xs)"),
             ("Reverse a list?", "xs.rev()", "reversed", "xs[::-1]", "xs[::-1]")]
    _, doc = read(tmp_path, "".join("\t".join(row) + "\n" for row in codes), "codes.tsv")
    assert [e.back_lines[0][1] for e in doc.entries] == [row[4] for row in codes]
    # a copy of a column (a tag written twice) is no key: the back stays the next text column
    copied = "".join(f"{row[0]}\t{row[5]}\t{row[4]}\t{row[4]}\n" for row in rows)
    _, doc = read(tmp_path, copied, "copied.tsv")
    assert [e.back_lines[0][1] for e in doc.entries] == [row[5] for row in rows]
    # the options alone, without the key: the first option is the back, as before
    plain = "".join("\t".join(row[:4]) + "\n" for row in rows)
    _, doc = read(tmp_path, plain, "plain.tsv")
    assert [e.back_lines[0][1] for e in doc.entries] == [row[1] for row in rows]


def test_a_question_mark_right_before_the_separator_makes_a_txt_a_table(tmp_path: Path) -> None:
    """Rule `question-before-separator`: `What is X?; answer` with a space after the `;` is a
    card list, not prose (prose starts a new sentence after a `?`, never a `;`). Questions
    with a comma inside them, or prose with a `?` and a `;`, stay notes."""
    text = ("What is a heap?; A tree where each parent is smaller than its children.\n\n"
            "Cost of heapify?; O(log n).\n\n"
            "Build a heap from a list; heapq.heapify(xs)\n")
    assert anki_text.detect(text)
    fmt, doc = read(tmp_path, text, "heaps.txt")
    assert fmt == "anki"
    assert cards(doc) == [
        ("qa", "What is a heap?", "A tree where each parent is smaller than its children."),
        ("qa", "Cost of heapify?", "O(log n)."),
        ("qa", "Build a heap from a list", "heapq.heapify(xs)")]
    for notes in ("What is a heap, and why use one?\nHow is it built, and how fast?\n",
                  "Is it fast? It is; mostly.\nIs it small? Yes; always.\n"):
        assert not anki_text.detect(notes), notes


def test_a_line_right_under_a_row_continues_it_a_short_line_over_rows_names_them(
        tmp_path: Path) -> None:
    """Rule `continued-row` takes only the line right under a row; rule `group-label`: a
    short line that names a section, after a blank line and right over rows, is their
    section and no card; a lone line between blank lines stays a prompt."""
    text = ("heap\ta tree ordered by parent,\nsmallest on top\n\n"
            "Sorting\nmerge sort\tsplit, sort, merge\nquick sort\tpartition around a pivot\n\n"
            "radix sort\n")
    _, doc = read(tmp_path, text, "algorithms.txt")
    assert [(e.front, "".join(t for _, t in e.back_lines), e.section) for e in doc.entries] == [
        ("heap", "a tree ordered by parent,\nsmallest on top", ""),
        ("merge sort", "split, sort, merge", "Sorting"),
        ("quick sort", "partition around a pivot", "Sorting"),
        ("radix sort", "", "Sorting")]
    assert ("section label", "Sorting") in [(d.reason, d.text) for d in doc.dropped]


def test_a_group_label_on_the_first_line_names_the_rows_under_it(tmp_path: Path) -> None:
    """Rule `group-label` for the file's first group too: no row stands before its label."""
    text = ("Sorting\nmerge sort\tsplit, sort, merge\nquick sort\tpartition around a pivot\n\n"
            "Heaps\nheapify\tbuild a heap in place\nheappop\ttake the smallest\n")
    _, doc = read(tmp_path, text, "algorithms.txt")
    assert [(e.front, e.section) for e in doc.entries] == [
        ("merge sort", "Sorting"), ("quick sort", "Sorting"), ("heapify", "Heaps"),
        ("heappop", "Heaps")]


def test_a_list_of_questions_a_few_answered_after_a_tab_is_a_table(tmp_path: Path) -> None:
    """Rule `question-rows`: a line without a TAB that asks is a card whose answer is not
    written yet, so it does not count against the TAB rows; a `#` comment line on top is
    no row. A note whose lines do not ask, with one TAB in it, stays Markdown."""
    text = ("# my questions for Anki\nWhat is a Markov chain?\tA process whose next state "
            "depends only on the present one.\nWhat is the Bellman equation?\n"
            "What is a policy?\n"
            "What is a discount factor?\tHow much a later reward counts, <b>0 to 1</b>.\n"
            "Derive the TD(0) update\n")
    fmt, doc = read(tmp_path, text, "rl.txt")
    assert fmt == "anki"
    assert [(e.front, bool(e.back_lines)) for e in doc.entries] == [
        ("What is a Markov chain?", True), ("What is the Bellman equation?", False),
        ("What is a policy?", False), ("What is a discount factor?", True),
        ("Derive the TD(0) update", False)]
    assert not anki_text.detect("Some notes on RL.\nThe agent acts.\tThe world answers.\n"
                                "Rewards come later.\nThe end.\n")


def test_a_column_of_few_tag_lists_combined_anew_is_tags_not_a_section(tmp_path: Path) -> None:
    """Rule `combined-tags`: `facts unit-1`, `rules unit-1`, `facts unit-2` repeat like
    categories, but each names several things, combined anew: tags. A column of one name a
    row (`networking`, `Machine Learning`) stays the section."""
    rows = [("TCP port of HTTPS", "443", "facts unit-1"),
            ("UDP or TCP for DNS", "UDP", "facts unit-1"),
            ("Why retry with backoff", "To spread load", "rules unit-1"),
            ("Why keep-alive", "Fewer handshakes", "rules unit-1"),
            ("Default MTU", "1500 bytes", "facts unit-2"),
            ("Why use TLS", "Privacy", "rules unit-2"),
            ("TTL of a packet", "Hop limit", "facts unit-2"),
            ("Why jitter", "To desync", "rules unit-2")]
    text = "".join("\t".join(row) + "\n" for row in rows)
    _, doc = read(tmp_path, text, "net.tsv")
    assert [(e.tags, e.section) for e in doc.entries][:3] == [
        (["facts", "unit-1"], ""), (["facts", "unit-1"], ""), (["rules", "unit-1"], "")]
    for category in ("networking", "Machine Learning"):
        text = "".join(f"{front}\t{back}\t{category}\n" for front, back, _ in rows)
        _, doc = read(tmp_path, text, "net.tsv")
        assert {e.section for e in doc.entries} == {category}, category


def test_one_token_code_answers_after_the_question_are_answers_not_row_ids(
        tmp_path: Path) -> None:
    code = ("Reverse a list in place?\tlst.reverse()\nBig-O of binary search?\tO(log(n))\n"
            "Empty dict literal?\t{}\nCopy a list?\tlst[:]\n")
    _, doc = read(tmp_path, code, "idioms.tsv")
    assert [b for _, _, b in cards(doc)] == ["lst.reverse()", "O(log(n))", "{}", "lst[:]"]
    # Row ids, written to one width, after the prompts they name are still no answers.
    ids = "Explain backprop.\tQ-001\nWhat is a learning rate?\tQ-002\nDescribe dropout.\tQ-003\n"
    _, doc = read(tmp_path, ids, "prompts.tsv")
    assert [b for _, _, b in cards(doc)] == ["", "", ""]
    assert any("row ids" in d.reason for d in doc.dropped)


def test_a_file_of_one_row_shows_no_id_after_its_front(tmp_path: Path) -> None:
    _, doc = read(tmp_path, "Big-O of binary search?\tO(log(n))\n", "one.tsv")
    assert cards(doc) == [("qa", "Big-O of binary search?", "O(log(n))")]
    _, doc = read(tmp_path, "What is a+b?\tThe sum, or the options: a+b, 0\t(a+b)\n", "mc.tsv")
    assert cards(doc) == [("qa", "What is a+b?", "The sum, or the options: a+b, 0")]
    assert doc.entries[0].notes == "(a+b)"
    # Before its front, a one-token value is still the row's id.
    _, doc = read(tmp_path, "Q-017\tWhat is a pod?\tThe smallest unit.\n", "id.tsv")
    assert cards(doc) == [("qa", "What is a pod?", "The smallest unit.")]


def test_a_multiple_choice_export_asks_with_its_options_and_answers_with_the_chosen_one(
        tmp_path: Path) -> None:
    html = ('What is 2+2?\t"<ol><li><p>3</p></li><li><p>4</p></li></ol>"\t<p>4</p>\t'
            '<p>Sums.</p>\n'
            'What is 3+3?\t"<ol><li><p>6</p></li><li><p>5</p></li></ol>"\t<p>6</p>\t'
            '<p>Sums again.</p>\n')
    _, doc = read(tmp_path, html, "quiz.tsv")
    assert cards(doc) == [("qa", "What is 2+2?\n\n1. 3\n2. 4", "4"),
                          ("qa", "What is 3+3?\n\n1. 6\n2. 5", "6")]
    assert doc.entries[0].notes == "Sums."
    # A list answer with a note that is no option of it stays the answer.
    notes = ('Name two sorts.\t"- merge\n- quick"\tboth O(n log n)\n'
             'Name two queues.\t"- FIFO\n- LIFO"\tboth fast\n')
    _, doc = read(tmp_path, notes, "lists.tsv")
    assert [b for _, _, b in cards(doc)] == ["- merge\n- quick", "- FIFO\n- LIFO"]


def test_a_field_written_as_one_html_element_is_text_not_an_id(tmp_path: Path) -> None:
    html = ('Name two sorts.\t<ul><li>merge</li><li>quick</li></ul>\tboth O(n log n)\n'
            'Name two queues.\t<ul><li>FIFO</li><li>LIFO</li></ul>\tboth fast\n')
    _, doc = read(tmp_path, html, "lists.tsv")
    assert [b for _, _, b in cards(doc)] == ["- merge\n- quick", "- FIFO\n- LIFO"]
    assert [e.notes for e in doc.entries] == ["both O(n log n)", "both fast"]
    assert columns.is_identifier("Pk[.NrELs=") and not columns.is_identifier("<b>x</b>")
