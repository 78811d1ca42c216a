"""Outputs: YAML content -> files in dist/, listed once in a registry keyed by name.

The CLI makes one command per entry (with the entry's own options) and `build` starts every
entry, so a new output is a module and a line here. Each module has
`start(content, options, args) -> Started`: its files staged beside their targets, not yet
replacing them (the PDFs lay out in forked workers meanwhile). A build waits for every output
and publishes them together (see atomic.py), so a failure anywhere leaves the previous
outputs in place. Modules are imported on first use: WeasyPrint alone takes most of a second.
Templates live in the package under the entry's name (`templates/<name>/`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Protocol

from build_decks import media
from build_decks.atomic import sweep
from build_decks.errors import BuildDecksError
from build_decks.model import Content
from build_decks.progress import each
from build_decks.render.options import BuildOptions, Output, pdf_arguments


class Started(Protocol):
    """An output under way: `wait()` gives its staged files, `cancel()` throws them away."""

    def wait(self) -> Output: ...

    def cancel(self) -> None: ...


@dataclass(frozen=True)
class Renderer:
    name: str  # the command, the key, and the templates' folder
    module: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None] | None = None

    def start(self, content: Content, options: BuildOptions,
              args: argparse.Namespace) -> Started:
        return import_module(self.module).start(content, options, args)


# In starting order: the PDFs first, so their workers lay out while the others are written.
REGISTRY: dict[str, Renderer] = {r.name: r for r in (
    Renderer("pdf", "build_decks.render.pdf",
             "write the cheat sheet, flashcards and worksheet PDFs to dist/", pdf_arguments),
    Renderer("anki", "build_decks.render.anki", "write the .apkg package to dist/"),
    Renderer("html", "build_decks.render.html", "write the offline HTML study pack to dist/"),
    Renderer("anki-text", "build_decks.render.anki_text", "write Anki's Notes in Plain Text"),
    Renderer("csv", "build_decks.render.csv_table", "write question, answer, topic, tags to a CSV"),
)}


@dataclass
class Done:
    """An output written at once, in this process."""

    output: Output

    def wait(self) -> Output:
        return self.output

    def cancel(self) -> None:
        self.output.discard()


def prepare(content_root: Path, dist: Path) -> tuple[Content, BuildOptions]:
    """The content to build, and the options; leftovers of a killed build swept away."""
    from build_decks.loader import load_content  # not for the PDF workers' server (server.py)

    content = load_content(content_root)
    # Decks whose every card was deleted still build: the package carries the notes once
    # more, tagged as removed (render/anki.py). With no deck at all there is nothing to do.
    if not content.decks:
        raise BuildDecksError(f"{content_root}: no cards to build: put a document into "
                              f"{content_root / 'sources'} and run `build-decks build`")
    options = BuildOptions.from_env(dist, content_root)
    for folder in (options.dist, options.content_root, options.content_root / "decks",
                   options.content_root / media.FOLDER):
        sweep(folder)
    return content, options


def build(names: list[str], content: Content, options: BuildOptions,
          args: argparse.Namespace) -> Output:
    """Start the named outputs in registry order, wait for each, and publish every staged
    file together, or, if one output failed, none (nothing in dist/ changes)."""
    started: list[Started] = []
    try:
        for name in sorted(names, key=list(REGISTRY).index):
            started.append(REGISTRY[name].start(content, options, args))
        outputs = [output.wait() for output in each(started, "building")]
    except BaseException:
        for output in started:
            output.cancel()
        raise
    return Output.joined(outputs).publish()
