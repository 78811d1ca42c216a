"""`build-decks diff`: the change report against anki-lock.json, checked against what Anki's
own importer does with the next package (the counts of its import log), and `build`'s summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from anki_import import fresh_collection, import_package

from build_decks import cli

TOPICS = ("serving", "monitoring")


def run(content: Path, *args: str, capsys: pytest.CaptureFixture) -> tuple[str, str]:
    assert cli.main(["--content", str(content), "--dist", str(content.parent / "dist"),
                     *args]) == 0
    return capsys.readouterr()


def diff(content: Path, capsys: pytest.CaptureFixture) -> dict:
    out, _ = run(content, "diff", "--json", capsys=capsys)
    return json.loads(out)


def ids(report: dict, *actions: str) -> set[str]:
    return {c["id"] for deck in report["decks"] for a in actions for c in deck.get(a, [])}


def package(content: Path, capsys: pytest.CaptureFixture) -> tuple[Path, str]:
    _, said = run(content, "anki", capsys=capsys)  # messages go to stderr
    return next((content.parent / "dist").glob("*.apkg")), said


def revise(content: Path) -> dict[str, str]:
    """The second revision: an answer edited, a card deleted, a card added, a topic changed, a
    tag added (in whichever decks hold Q&A cards); returns which card got which change."""
    decks = {p: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted((content / "decks").glob("*.yaml"))}
    qa = [(data, c) for data in decks.values() for c in data["cards"] if c["kind"] == "qa"]
    (_, edited), (_, moved), (_, tagged), (holder, deleted) = qa[:4]
    edited["answer"] = "An answer rewritten for the second revision."
    moved["topic"] = next(t for t in TOPICS if t != moved["topic"])
    tagged["tags"] = [*(tagged.get("tags") or []), "revised"]
    holder["cards"].remove(deleted)
    qa[0][0]["cards"].append({"id": "diff-test-new-card", "kind": "qa", "topic": "serving",
                              "tags": [], "question": "What is new in revision two?",
                              "answer": "This card."})
    for path, data in decks.items():
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return {"edited": edited["id"], "moved": moved["id"], "tagged": tagged["id"],
            "deleted": deleted["id"], "added": "diff-test-new-card"}


def test_diff_counts_are_the_counts_of_ankis_import_log(fixture_content: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    first = diff(fixture_content, capsys)
    assert first["counts"]["updated"] == first["counts"]["unchanged"] == 0
    collection = fresh_collection(tmp_path / "anki")
    apkg, _ = package(fixture_content, capsys)
    log = import_package(collection, apkg)
    assert {n.fields[2] for n in log.new} == ids(first, "added")
    assert len(log.new) == first["counts"]["added"] > 10

    changed = revise(fixture_content)
    second = diff(fixture_content, capsys)
    assert ids(second, "added") == {changed["added"]}
    assert ids(second, "removed") == {changed["deleted"]}
    assert ids(second, "moved") == {changed["moved"]}
    updated = {c["id"]: c["fields"] for d in second["decks"] for c in d.get("updated", [])}
    assert updated[changed["edited"]] == ["Answer"]
    assert updated[changed["tagged"]] == ["tags"]
    assert set(updated[changed["moved"]]) == {"Topic", "tags"}
    moved = next(c for d in second["decks"] for c in d.get("moved", []))
    assert moved["from"] != next(d["deck"] for d in second["decks"]
                                 if any(c["id"] == moved["id"] for c in d.get("moved", [])))

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000100")
    apkg, _ = package(fixture_content, capsys)
    log = import_package(collection, apkg)
    counts = second["counts"]
    assert len(log.new) == counts["added"]
    assert {n.fields[2] for n in log.updated} == ids(second, "updated", "removed", "moved")
    assert len(log.duplicate) == counts["unchanged"]
    assert not log.conflicting

    third = diff(fixture_content, capsys)  # after the build: nothing left to change
    assert third["decks"] == [] and third["counts"]["unchanged"] == len(log.duplicate) + len(
        log.updated) + len(log.new)
    collection.close()


def test_diff_prints_per_deck_and_build_prints_one_line(qa_content: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    _, out = package(qa_content, capsys)
    assert [line for line in out.splitlines() if line.startswith("anki: ")] == [
        f"anki: {len(load_ids(qa_content))} added, 0 updated, 0 removed, 0 moved, 0 unchanged "
        "since the last package (`build-decks diff` lists them before a build)"]
    deck = qa_content / "decks" / "qa.yaml"
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    data["cards"][0]["answer"] = "Rewritten."
    deck.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out, _ = run(qa_content, "diff", capsys=capsys)
    lines = out.splitlines()
    assert lines[0].startswith("Test Prep::")
    assert lines[1].startswith(f"  ~ updated  {data['cards'][0]['id']} (Answer)  ")
    assert lines[-1].startswith("0 added, 1 updated, 0 removed, 0 moved, ")
    assert lines[-1].endswith(f"(against {qa_content / 'anki-lock.json'})")
    _, said = run(qa_content, "build", capsys=capsys)
    summary = [line for line in said.splitlines() if line.startswith("anki: ")]
    assert len(summary) == 1 and summary[0].startswith("anki: 0 added, 1 updated, ")


def load_ids(content: Path) -> list[str]:
    from build_decks.loader import load_content

    return [c.id for c in load_content(content).cards]
