"""Drop a file into content/sources/, run `make all`: it is in every output, no config edit.

A second file that cannot be read is reported with file and line, fails the build, and does
not stop the first one from reaching every output.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package
from conftest import ROOT

NOTES = """---
title: Kafka notes
---

# Kafka

**1\\. What is a consumer group?**

Consumers that share the partitions of a topic.

**2\\. What is a partition leader?**

The broker that serves reads and writes for a partition.

- How does a rebalance start?
- What is log compaction?
"""


def make(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # -o: never bootstrap from the copy (see test_build.make)
    return subprocess.run(["make", "-o", ".venv/.bootstrapped", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.mark.skipif(not (ROOT / ".venv" / ".bootstrapped").exists(),
                    reason="needs the bootstrapped .venv (make test provides it)")
def test_a_new_document_reaches_every_output_and_a_broken_one_is_reported(
        tmp_path: Path) -> None:
    project = tmp_path / "project"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in files:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    sources = project / "content" / "sources"
    (sources / "kafka_notes.md").write_text(NOTES, encoding="utf-8")
    (sources / "broken.md").write_bytes(b"# Notes\nQ: What?\n\x81\x90\xff\n")

    result = make("all", cwd=project)
    assert result.returncode != 0
    assert ("error: content/sources/broken.md:3: not text: byte 0x81 is neither UTF-8 nor "
            "Windows-1252") in result.stderr
    assert "Traceback" not in result.stderr
    deck = (project / "content" / "decks" / "kafka-notes.yaml").read_text(encoding="utf-8")
    assert "title: Kafka notes" in deck and "kind: prompt" in deck
    assert not (project / "content" / "decks" / "broken.yaml").exists()

    dist = project / "dist"
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, dist / "mlops-interview-prep.apkg")
    questions = [collection.get_note(n).fields[0] for n in collection.find_notes("")]
    assert {"What is a consumer group?", "What is a partition leader?",
            "How does a rebalance start?", "What is log compaction?"} <= set(questions)
    collection.close()
    assert "What is log compaction?" in (dist / "study-pack.html").read_text(encoding="utf-8")
    sheet = " ".join(p.extract_text() for p in pypdf.PdfReader(dist / "cheatsheet.pdf").pages)
    worksheet = " ".join(p.extract_text() for p in pypdf.PdfReader(dist / "worksheet.pdf").pages)
    cards = " ".join(p.extract_text() for p in pypdf.PdfReader(dist / "flashcards.pdf").pages)
    assert "consumer group" in " ".join(sheet.split())
    assert "log compaction" in " ".join(worksheet.split())
    assert "partition leader" in " ".join(cards.split())
