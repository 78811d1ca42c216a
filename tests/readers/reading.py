"""Helpers for the reader tests: read a small document written in the test, and look at one
rule's match alone."""

from __future__ import annotations

from pathlib import Path

from build_decks.model import Document
from build_decks.readers import read_source
from build_decks.readers.elements import Element, walk
from build_decks.readers.finder import Finder
from build_decks.readers.rule import Context

ENCODINGS = ("utf-8", "crlf", "bom", "cp1252")


def encoded(text: str, variant: str) -> bytes:
    """The text as a file saved that way: UTF-8, CRLF line ends, a UTF-8 BOM, Windows-1252."""
    if variant == "cp1252":
        return text.encode("cp1252")
    return {"utf-8": text.encode(), "crlf": text.replace("\n", "\r\n").encode(),
            "bom": "\ufeff".encode() + text.encode()}[variant]


def read(tmp_path: Path, text: str, name: str = "notes.md", variant: str = "utf-8") -> Document:
    path = tmp_path / name
    path.write_bytes(encoded(text, variant))
    return read_source(path)[1]


def kind(entry) -> str:
    return entry.kind if entry.kind in ("term", "cloze") else (
        "qa" if any(t.strip() for _, t in entry.back_lines) else "prompt")


def cards(doc: Document) -> list[tuple[str, str]]:
    return [(kind(e), e.front) for e in doc.entries]


def answer(doc: Document, front: str) -> str:
    entry = next(e for e in doc.entries if e.front == front)
    return "\n".join(t for _, t in entry.back_lines)


def rules(doc: Document) -> list[str]:
    return [e.rule for e in doc.entries]


def reasons(doc: Document) -> set[str]:
    return {d.reason for d in doc.dropped}


def finder(text: str) -> Finder:
    return Finder(text)


def first(found: Finder, kind: type) -> Element:
    return next(e for e in walk(found.source.elements) if isinstance(e, kind))


def context(found: Finder, element: Element, open_q=None, nested: bool = False) -> Context:
    """The context the walker gives a rule for an element of the document."""
    outline = found.source.outline
    index = next((i for i, e in enumerate(found.source.elements) if e is element), None)
    section = outline.owners[index] if index is not None else outline.root
    return Context(found.source, open_q, section, "", nested)
