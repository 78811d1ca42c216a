"""The section tree: built once, each heading's section with its place and role."""

from __future__ import annotations

from build_decks.readers.parse import parse
from build_decks.readers.sections import build


def roles(text: str) -> dict[str, str]:
    return {s.words: s.role for s in build(parse(text)).sections}


def test_roles_and_their_inheritance() -> None:
    found = roles("# Notes\n\n## Table of Contents\n\n- [A](#a)\n\n### A\n\nText.\n\n"
                  "## Glossary\n\n### Term\n\nText.\n\n## License\n\n### Third party\n\nText.\n\n"
                  "## References\n\n- https://example.org\n\n## Links\n\n- [x](#x)\n")
    assert found == {"Notes": "title", "Table of Contents": "toc", "A": "content",
                     "Glossary": "glossary", "Term": "glossary", "License": "licence",
                     "Third party": "licence", "References": "references", "Links": "references"}


def test_a_toc_covers_its_own_lines_and_a_list_of_links_is_one() -> None:
    found = roles("## Contents\n\n- [One](#one)\n\n### One\n\nBody.\n\n## Index of parts\n\n"
                  "- [A](#a)\n- [B](#b)\n")
    assert found == {"Contents": "toc", "One": "content", "Index of parts": "toc"}


def test_a_closing_section_never_opens_the_document() -> None:
    assert roles("# Summary\n\n| Question | Status |\n|---|---|\n| Why? | Because. |\n")[
        "Summary"] == "content"
    assert roles("# Notes\n\nText.\n\n## Summary\n\nBye.\n")["Summary"] == "tail"


def test_boilerplate_in_other_languages() -> None:
    found = roles("# 数据库\n\n### 什么是索引？\n\n答案。\n\n### 参考\n\n- [a](https://a.org)\n\n"
                  "## Referencias\n\n- x\n\n## Литература\n\n- y\n\n## 目录\n\n- [a](#a)\n")
    assert found["参考"] == found["Referencias"] == found["Литература"] == "references"
    assert found["目录"] == "toc"


def test_the_tree_is_nested_by_level_and_knows_its_bodies() -> None:
    outline = build(parse("# T\n\nIntro.\n\n## A\n\nOne.\n\n### A1\n\nTwo.\n\n## B\n\nThree.\n"))
    a, a1, b = outline.sections[1:]
    assert a.children == [a1] and a1.parent is a and b.parent is outline.sections[0]
    assert [len(s.body) for s in outline.sections] == [1, 1, 1, 1]
    assert outline.title == "T" and a1.leaf and not a.leaf


def test_every_heading_has_its_section_once() -> None:
    text = "".join(f"## What is item {i}?\n\nAnswer {i}.\n\n" for i in range(2_000))
    outline = build(parse(text))  # (`make bench` measures that this is linear)
    assert len(outline.sections) == 2_000 == len(set(map(id, outline.sections)))
    assert all(s.parent is outline.root and len(s.body) == 1 for s in outline.sections)
