"""Each reader on a small fixture of its family's variants (not the seed documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_decks.readers import REGISTRY, detect_format, read_source

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"


@pytest.mark.parametrize(("file", "expected"), [
    ("qa_variants.txt", "qa-text"),
    ("details_variants.md", "details-md"),
    ("heading_variants.md", "heading-qa"),
    ("blog_variants.md", "blog"),
    ("outline_variants.md", "outline"),
])
def test_detects_the_family(file: str, expected: str) -> None:
    assert detect_format(SOURCES / file) == expected


def read(file: str):
    return read_source(SOURCES / file)[1]


def test_qa_text_variants_bom_crlf_bold_question_answer_words_and_no_final_newline() -> None:
    doc = read("qa_variants.txt")
    assert doc.title == "Study Notes"
    assert [(e.kind, e.front, e.line) for e in doc.entries] == [
        ("qa", "What is a feature store?", 3),
        ("qa", "What is shadow mode?", 9),
        ("prompt", "A question nobody answered?", 12),
        ("qa", "Is this the last one?", 13),
    ]
    first = [text for _, text in doc.entries[0].back_lines]
    assert first[0] == "A central place" and first[-1].strip() == "Second paragraph here."
    assert not any("\r" in t or "\ufeff" in t or "\t" in t for e in doc.entries
                   for _, t in e.back_lines)
    assert doc.entries[-1].back_lines == [(14, "Yes, and the file has no trailing newline.")]


def test_details_md_variants() -> None:
    doc = read("details_variants.md")
    assert doc.title == "Serving Questions"
    assert [(e.kind, e.line) for e in doc.entries] == [
        ("qa", 3), ("prompt", 13), ("prompt", 18), ("qa", 20)]
    batching = "\n".join(t for _, t in doc.entries[0].back_lines)
    assert "```python\nbatch = queue.get_many(32)\n```" in batching
    assert "Answer" not in batching
    assert doc.references == ["https://example.org/serving-guide", "https://example.org/docs"]
    assert any(d.reason == "template section" for d in doc.dropped)


def test_heading_qa_variants() -> None:
    doc = read("heading_variants.md")
    assert [(e.kind, e.front) for e in doc.entries] == [
        ("qa", "What is data versioning?"),
        ("qa", "What is a rollback?"),
        ("prompt", "Which question has no answer yet?"),
    ]


def test_blog_skips_contents_intro_and_author_box() -> None:
    doc = read("blog_variants.md")
    assert [e.front for e in doc.entries] == ["What is MLOps?", "Why monitor models?"]
    dropped = " ".join(d.text for d in doc.dropped)
    assert "Sign up for our newsletter" in dropped and "Jane writes" in dropped
    answer = [t for _, t in doc.entries[1].back_lines]
    assert "#### Signals to watch" in answer


def test_outline_terms_tools_and_question_lists() -> None:
    doc = read("outline_variants.md")
    terms = [(e.front, e.section) for e in doc.entries if e.kind == "term"]
    assert terms == [("Online Serving", "Serving"), ("Request Batching", "Serving"),
                     ("Tools: Serving", "Serving"), ("Tracing", "Observability")]
    prompts = [e.front for e in doc.entries if e.kind == "prompt"]
    assert prompts == ["How does request batching trade latency for throughput?",
                       "When would you choose online over batch serving?",
                       "What would you trace in a model service?"]
    reasons = {d.reason for d in doc.dropped}
    assert {"generic outline heading", "tail section", "preamble"} <= reasons


def test_registry_has_one_reader_per_family() -> None:
    assert sorted(REGISTRY) == ["blog", "details-md", "heading-qa", "outline", "qa-text"]


def test_unrecognised_document_names_the_file(tmp_path: Path) -> None:
    from build_decks.errors import ContentError

    path = tmp_path / "notes.txt"
    path.write_text("just some prose\nwith no questions\n")
    with pytest.raises(ContentError, match=r"notes\.txt: no reader recognises"):
        detect_format(path)
