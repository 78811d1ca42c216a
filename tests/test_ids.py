"""Ids that depend on the text, never on order or place (issue 16, part 5), checked with the
real `anki` importer where review history is at stake."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from anki.scheduler_pb2 import CardAnswer
from anki_import import fresh_collection, import_package
from conftest import SEEDS, small_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_decks import cli
from build_decks.config import load_config
from build_decks.importer import ImportResult, import_sources
from build_decks.keys import question_key


def document(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"Q: {question}\nA: {answer}\n\n" for question, answer in pairs)


def project(root: Path, sources: dict[str, str]) -> Path:
    content = small_project(root, sources, "Ids")
    import_sources(load_config(content))
    return content


def write(content: Path, sources: dict[str, str]) -> None:
    for name, text in sources.items():
        (content / "sources" / name).write_text(text, encoding="utf-8")


def reimport(content: Path) -> ImportResult:
    return import_sources(load_config(content))


def cards(content: Path) -> dict[str, dict]:
    """card id -> the card, with the deck it is in."""
    found = {}
    for deck in sorted((content / "decks").glob("*.yaml")):
        for card in yaml.safe_load(deck.read_text(encoding="utf-8"))["cards"]:
            found[card["id"]] = card | {"deck": deck.stem}
    return found


def by_question(content: Path) -> dict[str, str]:
    return {card["question"]: cid for cid, card in cards(content).items()}


SYMBOL_PAIRS = [("What is C++?", "What is C#?"), ("Is a == b?", "Is a != b?"),
                ("What is A/B?", "What is A-B?"), ("🚀?", "🔥?")]


@pytest.mark.parametrize(("one", "other"), SYMBOL_PAIRS)
def test_symbols_decide_the_key_and_order_never_decides_an_id(tmp_path: Path, one: str,
                                                              other: str) -> None:
    pairs = [(one, "First answer."), (other, "Second answer.")]
    content = project(tmp_path / "a", {"notes.txt": document(pairs)})
    first = {cid: card["answer"] for cid, card in cards(content).items()}
    assert len(first) == 2
    write(content, {"notes.txt": document(pairs[::-1])})
    reimport(content)
    assert {cid: card["answer"] for cid, card in cards(content).items()} == first
    # a fresh import of the other order gives the same ids: they come from the text alone
    again = project(tmp_path / "b", {"notes.txt": document(pairs[::-1])})
    assert {cid: card["answer"] for cid, card in cards(again).items()} == first


def test_identical_questions_are_told_apart_by_their_answers(tmp_path: Path) -> None:
    pairs = [("What is drift?", "First."), ("What is drift?", "Second."),
             ("What is drift?", "Third.")]
    content = project(tmp_path, {"notes.txt": document(pairs)})
    first = {cid: card["answer"] for cid, card in cards(content).items()}
    assert sorted(first) == ["notes-drift", "notes-drift-2", "notes-drift-3"]
    for order in ([2, 0, 1], [1, 2, 0]):
        write(content, {"notes.txt": document([pairs[i] for i in order])})
        reimport(content)
        assert {cid: card["answer"] for cid, card in cards(content).items()} == first


def test_a_card_moved_to_another_source_keeps_its_id_and_hand_edits(tmp_path: Path) -> None:
    content = project(tmp_path, {
        "alpha.txt": document([("What is drift?", "Change."), ("What is skew?", "Gap.")]),
        "beta.txt": document([("What is a canary?", "A small release.")])})
    deck = content / "decks" / "alpha.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("answer: Gap.", "answer: My gap."),
                    encoding="utf-8")
    write(content, {"alpha.txt": document([("What is drift?", "Change.")]),
                    "beta.txt": document([("What is a canary?", "A small release."),
                                          ("What is skew?", "Gap.")])})
    result = reimport(content)
    moved = cards(content)["alpha-skew"]
    assert moved["deck"] == "beta" and moved["answer"] == "My gap."
    assert sorted(cards(content)) == ["alpha-drift", "alpha-skew", "beta-canary"]
    assert [f.kind for f in result.findings if "alpha-skew" in f.message] == ["moved"]


def test_a_renamed_source_is_recognised_and_its_deck_follows_it(tmp_path: Path) -> None:
    pairs = [("What is drift?", "Change."), ("What is skew?", "Gap."), ("Why log?", "To see.")]
    content = project(tmp_path, {"old name.txt": document(pairs)})
    before = cards(content)
    (content / "sources" / "old name.txt").rename(content / "sources" / "new-name.txt")
    write(content, {"new-name.txt": document([*pairs[:2], ("What is new?", "This.")])})
    result = reimport(content)
    assert [p.name for p in (content / "decks").iterdir()] == ["old-name.yaml"]
    after = {cid: (c["question"], c["answer"]) for cid, c in cards(content).items()}
    assert {k: after[k] for k in before if k in after} == {
        cid: (c["question"], c["answer"]) for cid, c in before.items() if cid != "old-name-log"}
    assert "old-name-new" in after  # a new question: a new id in the same deck
    lock = json.loads((content / "import-lock.json").read_text(encoding="utf-8"))
    assert lock["old-name"]["_file"] == "sources/new-name.txt" and "new-name" not in lock
    assert any(f.kind == "renamed" for f in result.findings)


REWORDED = [("What is shadow mode?", "What is a shadow mode?"),
            ("What is model drift?", "Explain model drift."),
            ("How does a canary release work?", "How does the canary release work?")]
NOT_REWORDED = [("What changed in Python 2?", "What changed in Python 3?"),
                ("What is C++ used for?", "What is C# used for?")]


def test_reworded_questions_keep_their_id_and_other_questions_do_not(tmp_path: Path) -> None:
    pairs = REWORDED + NOT_REWORDED
    content = project(tmp_path, {"notes.txt": document([(old, "A.") for old, _ in pairs])})
    before = by_question(content)
    write(content, {"notes.txt": document([(new, "A.") for _, new in pairs])})
    reimport(content)
    after = by_question(content)
    for old, new in REWORDED:
        assert after[new] == before[old], (old, new)
    for old, new in NOT_REWORDED:
        assert after[new] not in before.values(), (old, new)


def test_an_older_lock_keeps_working_and_is_rewritten(tmp_path: Path) -> None:
    pairs = [("What is C++?", "One."), ("What is C#?", "Two."), ("What is drift?", "Three.")]
    content = project(tmp_path, {"notes.txt": document(pairs)})
    before = cards(content)
    lock_path = content / "import-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    for cid, entry in lock["notes"].items():  # as the previous version wrote it
        if not cid.startswith("_"):
            words = " ".join("".join(c if c.isalnum() else " " for c in entry["text"]).split())
            seen[words] = seen.get(words, 0) + 1
            entry["key"] = words if seen[words] == 1 else f"{words}#{seen[words]}"
            del entry["text"]
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    reimport(content)
    assert cards(content) == before
    rewritten = json.loads(lock_path.read_text(encoding="utf-8"))["notes"]
    assert all("text" in e and "key" not in e for k, e in rewritten.items() if k[0] != "_")


def test_the_committed_seed_ids_survive_a_reimport(tmp_path: Path) -> None:
    """The project's own decks and lock, copied and imported again: every question keeps the id
    it has (whatever the user changed in the copy's decks: this compares the copy with
    itself)."""
    copy = tmp_path / "content"
    shutil.copytree(SEEDS, copy, ignore=shutil.ignore_patterns("anki-lock.json"))
    before = {(c["deck"], c.get("question") or c.get("term") or c.get("text")): cid
              for cid, c in cards(copy).items()}
    reimport(copy)
    after = {(c["deck"], c.get("question") or c.get("term") or c.get("text")): cid
             for cid, c in cards(copy).items()}
    assert {k: after[k] for k in before if k in after} == before


# The property: for any list of distinct questions, any permutation, move between sources and
# file rename keeps every question's id.

TOKENS = ["what", "is", "C++", "C#", "C", "a", "==", "!=", "b", "A/B", "A-B", "🚀", "🔥",
          "drift", "2", "3", "model", "?", "(x)", "x_y", "€"]
QUESTIONS = st.lists(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5).map(" ".join),
                     min_size=1, max_size=8, unique_by=question_key)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(questions=QUESTIONS, data=st.data())
def test_any_permutation_move_and_rename_keeps_every_id(tmp_path_factory, questions: list[str],
                                                        data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("property")
    pairs = [(q, f"Answer {i}.") for i, q in enumerate(questions)]
    where = data.draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    first = {"one.txt": [p for p, w in zip(pairs, where, strict=True) if w],
             "two.txt": [p for p, w in zip(pairs, where, strict=True) if not w]}
    content = project(root, {name: document(ps) for name, ps in first.items() if ps})
    before = by_question(content)
    if len(before) != len(pairs):
        return  # the reader read these lines otherwise (not the property under test)
    order = data.draw(st.permutations(pairs))
    moved = data.draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    renamed = data.draw(st.sampled_from(["one.txt", "two.txt"]))
    for name in ("one.txt", "two.txt"):
        (content / "sources" / name).unlink(missing_ok=True)
    second = {"renamed.txt" if renamed == "one.txt" else "one.txt":
              [p for p, m in zip(order, moved, strict=True) if m],
              "renamed.txt" if renamed == "two.txt" else "two.txt":
              [p for p, m in zip(order, moved, strict=True) if not m]}
    write(content, {name: document(ps) for name, ps in second.items() if ps})
    reimport(content)
    assert by_question(content) == before


# The same in a real collection: review history stays on its card.

def _package(content: Path, dist: Path, epoch: int, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert cli.main(["--content", str(content), "--dist", str(dist), "anki"]) == 0
    return next(dist.glob("*.apkg"))


def _review(collection, question: str) -> None:
    for card_id in collection.find_cards(f'"Question:{question}"'):
        card = collection.get_card(card_id)
        card.start_timer()
        states = collection._backend.get_scheduling_states(card.id)
        collection.sched.answer_card(collection.sched.build_answer(
            card=card, states=states, rating=CardAnswer.GOOD))


def _reps(collection) -> dict[str, int]:
    """Question field -> reviews of its card."""
    return {collection.get_note(collection.get_card(c).nid).fields[0]: collection.get_card(c).reps
            for c in collection.find_cards("")}


def test_reordering_moving_and_renaming_keep_anki_review_history(tmp_path: Path,
                                                                monkeypatch, capsys) -> None:
    content = project(tmp_path, {
        "alpha.txt": document([("What is C++?", "One."), ("What is C#?", "Two."),
                               ("What is drift?", "Three.")]),
        "beta.txt": document([("What is a canary?", "Four.")])})
    dist = tmp_path / "dist"
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, _package(content, dist, 1_800_000_000, monkeypatch))
        _review(collection, "What is C++?")
        _review(collection, "What is drift?")
        notes = collection.note_count()
        reps = _reps(collection)
        (content / "sources" / "alpha.txt").unlink()  # renamed, reordered, one card moved out
        write(content, {"alpha notes.txt": document([("What is C#?", "Two."),
                                                     ("What is C++?", "One.")]),
                        "beta.txt": document([("What is a canary?", "Four."),
                                              ("What is drift?", "Three.")])})
        reimport(content)
        assert sorted(p.name for p in (content / "decks").iterdir()) == ["alpha.yaml",
                                                                         "beta.yaml"]
        log = import_package(collection, _package(content, dist, 1_800_000_100, monkeypatch))
        capsys.readouterr()
        assert not log.new and collection.note_count() == notes  # "duplicate": unchanged
        assert _reps(collection) == reps  # C++ and drift keep their reviews, C# has none
        assert reps["What is C++?"] == 1 and reps["What is C#?"] == 0
    finally:
        collection.close()


def test_a_deck_deleted_by_hand_is_not_brought_back_by_a_look_alike_file(tmp_path: Path) -> None:
    pairs = [("What is drift?", "Change."), ("What is skew?", "Gap.")]
    content = project(tmp_path, {"old.txt": document(pairs)})
    (content / "sources" / "old.txt").unlink()
    (content / "decks" / "old.yaml").unlink()
    write(content, {"new.txt": document(pairs)})
    result = reimport(content)
    assert sorted(cards(content)) == ["new-drift", "new-skew"]  # read, not "deleted by hand"
    assert not [f for f in result.findings if f.kind in ("kept-deleted", "renamed")]
