"""The flashcard syntaxes (rule `flashcards`), each in every encoding people save files in:
UTF-8, CRLF line ends, a UTF-8 BOM and Windows-1252; and in a non-Latin script."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import ENCODINGS, answer, cards, context, finder, first, read, reasons, rules

from build_decks.readers.elements import Paragraph
from build_decks.readers.rule import Close, Open
from build_decks.readers.rules import REGISTRY

SR_INLINE = ("# Storage\n\nNotes about buckets, not cards.\n\n"
             "What is the largest single upload?:: 5 GB.\n<!--SR:!2024-08-31,3,250-->\n\n"
             "Bucket policy:::A resource policy on a bucket\n\n"
             "Which class is cheapest?;;Glacier Deep Archive\n\nCold tier;;;Archive storage\n")


def test_obsidian_single_line_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, SR_INLINE)
    assert answer(doc, "What is the largest single upload?") == "5 GB."
    assert set(rules(doc)) == {"obsidian-sr"}
    assert "notes between the flashcards" in reasons(doc)
    assert "flashcard metadata" in reasons(doc) or "HTML comment" in reasons(doc)


def test_in_notes_not_known_to_hold_cards_names_and_fields_are_no_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, "# C++\n\nUse std::vector for arrays.\n\nstatus:: done\n\n"
               "Why prefer vectors to arrays?:: They grow.\n")
    assert cards(doc) == [("qa", "Why prefer vectors to arrays?")]


SR_MULTI = ("---\ntags:\n  - flashcards\n---\n#flashcards/ml/basics\n"
            "## What is artificial life?\n?\n- A branch of AI\n- It studies living systems\n\n"
            "Front of a card\non two lines\n??\nA reversed back\n\n"
            "The capital of France is ==Paris==, of Spain ==Madrid==.\n")


def test_obsidian_multi_line_cards_cloze_and_deck_tags(tmp_path: Path) -> None:
    doc = read(tmp_path, SR_MULTI)
    assert answer(doc, "What is artificial life?") == (
        "- A branch of AI\n- It studies living systems")
    assert all(e.section == "ml/basics" for e in doc.entries)
    assert all("flashcards/ml/basics" in e.tags for e in doc.entries)


def test_a_tagged_deck_becomes_tags_and_a_section_in_the_yaml(tmp_path: Path) -> None:
    from build_decks.config import load_config
    from build_decks.importer import import_sources
    from build_decks.yamlio import load_yaml
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "cards.md").write_text(SR_MULTI, encoding="utf-8")
    (content / "config.yaml").write_text("title: T\n", encoding="utf-8")
    (content / "topics.yaml").write_text("default: g\ntopics:\n  - id: g\n    title: G\n",
                                         encoding="utf-8")
    import_sources(load_config(content))
    card = load_yaml(content / "decks" / "cards.yaml")["cards"][0]
    assert "flashcards::ml::basics" in card["tags"] and card["section"] == "ml/basics"


OTA = ("---\ncreated: 2024-03-03\n---\n\nTARGET DECK: Databases\nFILE TAGS: sql exam\n\n"
       "START\nBasic\n\nWhat does `SELECT` do?\n\nBack:\n\nPicks columns.\n\n```sql\n"
       "SELECT a FROM t;\n```\n\nTags: optional\n<!--ID: 1709482501788-->\nEND\n\n---\n\n"
       "START\nCustom Type\n\n"
       "What is the order of:\n\n- `FROM`\n- `WHERE`\n\nBack: First `FROM`, then `WHERE`.\nEND\n\n"
       "STARTI [Basic] What is a view? Back: A stored query. ENDI\n")


def test_obsidian_to_anki_blocks(tmp_path: Path) -> None:
    doc = read(tmp_path, OTA)
    assert answer(doc, "What does `SELECT` do?") == (
        "Picks columns.\n\n```sql\nSELECT a FROM t;\n```")
    assert answer(doc, "What is the order of:\n\n- `FROM`\n- `WHERE`") == (
        "First `FROM`, then `WHERE`.")
    assert doc.entries[0].tags == ["sql", "exam", "optional"]
    assert "Tags: optional" not in answer(doc, "What does `SELECT` do?")


LOGSEQ = ("title:: Spread\n\n- # Range\n\t- What is the range? #card\n\t  card-last-interval:: 4\n"
          "\t  card-repeats:: 1\n\t\t- The largest value minus the smallest.\n"
          "\t\t\t- Sensitive to outliers.\n\t- What is a quantile?\n\t\t- A cut point.\n"
          "\t- A plain note, not a card.\n\t- The mean is {{cloze an average}} #card\n"
          "\t- Der Algorithmus **kann** nicht umgehen. #card\n")


def test_logseq_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, LOGSEQ)
    assert answer(doc, "What is the range?") == (
        "- The largest value minus the smallest.\n  - Sensitive to outliers.")
    assert all(e.section == "Range" for e in doc.entries)
    assert "notes between the flashcards" in reasons(doc)
    assert rules(doc) == ["logseq", "logseq.question", "logseq", "logseq"]


MOCHI = ("# Capitals\n\nWhat is the capital of France?\n\n---\n\nParis, on the Seine.\n\n---\n\n"
         "What is the capital of Spain?\n\n---\n\nMadrid.\n")


def test_mochi_sides_split_by_rules(tmp_path: Path) -> None:
    doc = read(tmp_path, MOCHI)
    assert answer(doc, "What is the capital of Spain?") == "Madrid."


def test_rules_between_sections_are_no_mochi_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Course\n\nBy a teacher.\n\n---\n\n## Overview\n\nText.\n\n---\n\n"
               "| Question | Answer |\n|---|---|\n| What is X? | Y |\n")
    assert cards(doc) == [("qa", "What is X?")] and rules(doc) == ["tables"]


NON_LATIN = ("#flashcards/数据库\n什么是事务？::一组不可分割的操作。\n\nЧто такое индекс?\n?\n"
             "Структура для быстрого поиска.\n\nما هو الفهرس؟::بنية للبحث السريع\n")


CARDS = {
    'SR_INLINE': [("qa", "What is the largest single upload?"),
        ("term", "Bucket policy"), ("qa", "Which class is cheapest?"),
        ("term", "Cold tier")],
    'SR_MULTI': [
        ("qa", "What is artificial life?"), ("term", "Front of a card\non two lines"),
        ("cloze", "The capital of France is {{c1::Paris}}, of Spain {{c2::Madrid}}.")],
    'OTA': [("qa", "What does `SELECT` do?"),
        ("qa", "What is the order of:\n\n- `FROM`\n- `WHERE`"),
        ("qa", "What is a view?")],
    'LOGSEQ': [("qa", "What is the range?"), ("qa", "What is a quantile?"),
        ("cloze", "The mean is {{c1::an average}}"),
        ("prompt", "Der Algorithmus kann nicht umgehen.")],
    'MOCHI': [("qa", "What is the capital of France?"),
        ("qa", "What is the capital of Spain?")],
}
FIXTURES = {"SR_INLINE": SR_INLINE, "SR_MULTI": SR_MULTI, "OTA": OTA, "LOGSEQ": LOGSEQ,
            "MOCHI": MOCHI}


@pytest.mark.parametrize("variant", ENCODINGS)
@pytest.mark.parametrize("syntax", list(FIXTURES))
def test_every_syntax_in_every_encoding(tmp_path: Path, syntax: str, variant: str) -> None:
    assert cards(read(tmp_path, FIXTURES[syntax], variant=variant)) == CARDS[syntax]


def test_a_non_latin_flashcard_file(tmp_path: Path) -> None:
    doc = read(tmp_path, NON_LATIN)
    assert cards(doc) == [("qa", "什么是事务？"), ("qa", "Что такое индекс?"),
                          ("qa", "ما هو الفهرس؟")]
    assert answer(doc, "Что такое индекс?") == "Структура для быстрого поиска."
    assert all(e.section == "数据库" for e in doc.entries)


def test_the_claims_are_read_where_their_first_line_is() -> None:
    found = finder("Notes.\nWhat is X?:: Y.\n")
    para = first(found, Paragraph)
    assert REGISTRY["flashcards"].match(para, context(found, para))[0].__class__.__name__ == (
        "Lines")
    found = finder("What is X?:: Y.\n")
    para = first(found, Paragraph)
    actions = REGISTRY["flashcards"].match(para, context(found, para))
    assert isinstance(actions[0], Open) and actions[-1] == Close()


def test_a_document_without_a_syntax_claims_nothing() -> None:
    found = finder("## What is X?\n\nY.\n")
    assert not found.source.surveys["flashcards"]
    assert not found.source.flashcards


def test_term_definition_lines_in_a_note_without_a_tag(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Transformers\n\nPositional encoding::Adds order information.\n"
               "Self-attention :: Mixes tokens by weights.\nLayer norm:: Normalises activations.\n")
    assert cards(doc) == [("qa", "Positional encoding"), ("qa", "Self-attention"),
                          ("qa", "Layer norm")]
    assert answer(doc, "Self-attention") == "Mixes tokens by weights."


def test_one_card_line_in_prose_swallows_nothing(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Attention\n\nSome prose that explains attention at length here.\n"
               "What does self-attention compute::A weighted sum of values.\n"
               "What is a head?::One attention computation.\n"
               "Why scale by sqrt(d)?::To keep softmax gradients stable.\n\n"
               "In Rust, Vec::new() and std::vec are names, and so is a::b::c.\n")
    assert cards(doc) == [("qa", "What does self-attention compute"), ("qa", "What is a head?"),
                          ("qa", "Why scale by sqrt(d)?")]
    assert answer(doc, "What does self-attention compute") == "A weighted sum of values."


@pytest.mark.parametrize("line", [
    "status:: done", "tags:: ml, nlp", "#deck: Main::Sub", "Computer Science::Databases::SQL",
    "Call Vec::new() to start.", "The {{c1::mean}} is an average."])
def test_properties_paths_names_and_cloze_are_no_cards(line: str) -> None:
    found = finder(f"Why is X?:: Because.\nWhat is Y?:: A thing.\n\n{line}\n")
    fronts = [c.question.front for c in found.source.surveys["flashcards"].claims
              if c.question is not None]
    assert fronts == ["Why is X?", "What is Y?"]


def test_glued_lower_case_lines_are_cards_where_the_note_writes_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, "Entropy :: Disorder.\nGini :: Impurity.\nlog loss::cross-entropy.\n")
    assert cards(doc)[-1] == ("qa", "log loss")
    alone = read(tmp_path, "# Notes\n\nUse std::vector for arrays.\n\n## What is X?\n\nY.\n")
    assert cards(alone) == [("qa", "What is X?")]  # in prose: a name


def test_a_logseq_card_inside_a_card_is_a_card_of_its_own(tmp_path: Path) -> None:
    doc = read(tmp_path, "- Python iterators #card\n  - An object with __next__\n"
               "  - What does next() do? #card\n    card-repeats:: 1\n    - Returns the next item\n"
               "  - Iterables give iterators\n    - Lists are iterables\n"
               "      - How do you get one? #card\n        - Call iter()\n"
               "- Generators #card\n  - What does yield do? #card\n    - Pauses the function\n")
    assert cards(doc) == [("qa", "Python iterators"), ("qa", "What does next() do?"),
                          ("qa", "How do you get one?"), ("prompt", "Generators"),
                          ("qa", "What does yield do?")]
    assert answer(doc, "Python iterators") == ("- An object with __next__\n"
                                               "- Iterables give iterators\n"
                                               "  - Lists are iterables")
    assert answer(doc, "What does next() do?") == "- Returns the next item"
    assert "flashcard metadata" in reasons(doc)


def test_the_tags_are_a_survey_not_a_rule() -> None:
    from build_decks.readers.rules import REGISTRY, SURVEYS
    assert "flashcards.tags" not in REGISTRY
    names = [s.name for s in SURVEYS]
    assert names.index("flashcards.tags") < names.index("flashcards")  # the cards read them
    found = finder("#flashcards/ml\nWhat is X?::Y.\n")
    assert found.source.surveys["flashcards.tags"].deck == "ml"


def test_in_a_note_of_cards_prose_with_a_name_and_fields_are_no_cards(tmp_path: Path) -> None:
    doc = read(tmp_path, "Notas soltas escritas durante o curso. Em C++ usamos std::vector.\n\n"
               "Pilha::Estrutura LIFO.\nFila :: Estrutura FIFO.\nstatus:: revisar\n")
    assert cards(doc) == [("qa", "Pilha"), ("qa", "Fila")]
    assert {d.text: d.reason for d in doc.dropped}["status:: revisar"] == "flashcard metadata"


def test_a_logseq_card_is_any_reference_to_the_card_page(tmp_path: Path) -> None:
    """Logseq reviews every block that references its page "card": `#card`, `#[[card]]` or a
    plain link `[[Card]]` (page names ignore case)."""
    doc = read(tmp_path, "- [[Shell]]\n\t- **Undo the last commit** [[Card]]\n"
               "\t\t- `git reset HEAD~1`\n\t- Show the log #[[card]]\n\t\t- `git log`\n"
               "\t- [[My note]]\n\t\t- Keep commits small.\n")
    assert cards(doc) == [("qa", "Undo the last commit"), ("qa", "Show the log")]
    assert answer(doc, "Undo the last commit") == "- `git reset HEAD~1`"
    assert "notes between the flashcards" in reasons(doc)


def test_the_tags_that_end_a_logseq_card_are_its_tags(tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is a heap? #review #card\n\t- A tree-shaped priority queue\n"
               "- Why use C# here? #card #[[data structures]]\n\t- Speed\n"
               "- #card #todo\n\t- A block of tags only\n")
    assert cards(doc)[:2] == [("qa", "What is a heap?"), ("qa", "Why use C# here?")]
    assert doc.entries[0].tags == ["review"]
    assert doc.entries[1].tags == ["data structures"]
    assert doc.entries[2].front == "#todo"


def test_cards_in_a_fence_named_for_flashcards_are_cards(tmp_path: Path) -> None:
    """A vault that shows its cards from an ```anki fence: the fence holds the cards; other
    code, even with the same syntax in it, stays code."""
    doc = read(tmp_path, "# Queues\n\nNotes on queues.\n\n## Cards\n\n```anki\nSTART\nBasic\n"
               "What order does a queue keep?\nBack: First in, first out.\n<!--ID: 17-->\nEND\n"
               "```\n\n```\nSTART\nBasic\nAn example front\nBack: An example back\nEND\n```\n")
    assert cards(doc) == [("qa", "What order does a queue keep?")]
    assert answer(doc, "What order does a queue keep?") == "First in, first out."


def test_the_schedule_after_a_multiline_back_is_no_part_of_it(tmp_path: Path) -> None:
    """The plugin writes a reviewed card's schedule on the line right after its back."""
    doc = read(tmp_path, "#flashcards/net\nWhat does ARP map?\n?\nIP addresses\nto MAC addresses\n"
               "<!--SR:!2026-08-28,4,270-->\n\nWhat does DNS map?\n?\nNames to addresses\n")
    assert answer(doc, "What does ARP map?") == "IP addresses\nto MAC addresses"
    assert {d.text: d.reason for d in doc.dropped}["<!--SR:!2026-08-28,4,270-->"] == (
        "flashcard metadata")


def test_logseq_clozes_in_a_cards_children_are_deletions(tmp_path: Path) -> None:
    """Logseq hides a card's `{{cloze}}` text, in the block and in its children ("show
    answers" shows the children with their clozes still hidden): each is a deletion, numbered
    on from the block's; a cloze block's other children are kept, as the card's extra."""
    doc = read(tmp_path, "- Reading a heap dump #card\n\t- Start the JVM with {{cloze  `-Xdump`}}\n"
               "\t- Open it in {{cloze VisualVM}}\n- Die Hauptstadt ist {{cloze Paris}} #card\n"
               "\t- An der Seine.\n- Warum {{cloze Hashing}}? #card\n\t- Wegen {{cloze O(1)}}\n")
    assert [e.kind for e in doc.entries] == ["cloze", "cloze", "cloze"]
    assert [e.front for e in doc.entries] == [
        "**Reading a heap dump**\n\n- Start the JVM with {{c1::`-Xdump`}}\n"
        "- Open it in {{c2::VisualVM}}",
        "Die Hauptstadt ist {{c1::Paris}}",
        "Warum {{c1::Hashing}}?\n\n- Wegen {{c2::O(1)}}"]
    assert answer(doc, "Die Hauptstadt ist {{c1::Paris}}") == "- An der Seine."


def test_a_logseq_page_reference_in_a_front_shows_the_page_name(tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is [[multi-head attention]]? #card\n\t- Several heads at once.\n"
               "- Was macht `df[['a']]` mit [[pandas]]? #card\n\t- Es wählt Spalten.\n"
               "- Why #[[deep learning]] now? #card\n\t- GPUs.\n")
    assert [e.front for e in doc.entries] == [
        "What is multi-head attention?", "Was macht `df[['a']]` mit pandas?",
        "Why #[[deep learning]] now?"]


def test_an_obsidian_to_anki_cloze_keeps_its_back_extra(tmp_path: Path) -> None:
    doc = read(tmp_path, "START\nCloze\nThe capital of France is {{c1::Paris}}.\n"
               "Back Extra: It lies on the Seine.\nEND\n")
    assert [e.kind for e in doc.entries] == ["cloze"]
    assert answer(doc, "The capital of France is {{c1::Paris}}.") == "It lies on the Seine."


def test_inline_notes_written_as_a_list_or_a_quote_are_cards(tmp_path: Path) -> None:
    """Rule `inline-note-in-list`: the plugin finds `STARTI ... ENDI` anywhere on a line, and
    people write a numbered or bulleted list of them; the marker is the list's. The note id
    the plugin writes into an inline note is metadata. Text before `STARTI` that is no marker
    makes no card."""
    doc = read(tmp_path, "# Graphs\n\n## Review\n\n"
               "1. STARTI [Basic] What is a DAG? Back: A directed graph without cycles. ENDI\n"
               "2. STARTI [Basic] Name a topological sort. Back: Kahn's algorithm. "
               "<!--ID: 1758253289554--> ENDI\n\n"
               "- STARTI [Basic] What is a tree? Back: A connected acyclic graph. ENDI\n\n"
               "> STARTI [Basic] What is a forest? Back: Disjoint trees. ENDI\n\n"
               "See STARTI [Basic] not a note. Back: prose. ENDI\n")
    assert [(e.front, answer(doc, e.front)) for e in doc.entries
            if e.rule == "obsidian-to-anki"] == [
        ("What is a DAG?", "A directed graph without cycles."),
        ("Name a topological sort.", "Kahn's algorithm."),
        ("What is a tree?", "A connected acyclic graph."),
        ("What is a forest?", "Disjoint trees.")]
