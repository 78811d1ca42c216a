"""`build-decks watch`: rebuild the outputs on every save, in one warm process.

The process stays up between rebuilds, so WeasyPrint is imported and its fonts loaded once,
and each card's HTML is converted once per text (markup.to_html is cached by text and
output): after a one-card edit only that card is converted again. A saved source, the config
or the topics import first, as `make all` does; a saved deck, media file or template only
rebuilds. Files the build itself writes (locks, the deck files of an import) start no
rebuild. Each rebuild prints one line: what it wrote and its time, or the error at its
`file:line`, with the last good outputs kept (a build publishes all of its files or none).
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from build_decks import project
from build_decks.atomic import TEMP_SUFFIX
from build_decks.config import load_config
from build_decks.console import plural
from build_decks.errors import BuildDecksError, ContentError, ContentErrors
from build_decks.importer import import_sources
from build_decks.render import REGISTRY, build, prepare
from build_decks.render.env import builtin_templates

IMPORTED = ("sources", "config.yaml", "topics.yaml")  # a change here imports first
WATCHED = (*IMPORTED, "decks", "media", "templates")  # not dist/ (in a starter project, inside)


def needs_import(content_root: Path, changed: Iterable[Path]) -> bool:
    return any(path.is_relative_to(content_root) and path.relative_to(content_root).parts[0]
               in IMPORTED for path in changed)


def rebuild(args: argparse.Namespace, import_first: bool, outputs: list[str],
            own: _OwnWrites) -> str:
    """One rebuild; its one-line report."""
    started = time.perf_counter()
    try:
        problems = []
        if import_first:
            problems = [str(e) for e in import_sources(load_config(args.content)).errors]
            own.remember()  # the deck files the import just wrote
        content, options = prepare(args.content, args.dist)
        written = build(outputs, content, options, args)
    except ContentErrors as exc:
        more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
        return f"error: {exc.errors[0]}{more}; outputs unchanged"
    except (ContentError, BuildDecksError) as exc:
        return f"error: {exc}; outputs unchanged"
    except OSError as exc:
        return f"error: {exc.filename or ''}: {exc.strerror or exc}; outputs unchanged"
    seconds = time.perf_counter() - started
    notes = len(written.notes) + len(content.warnings)
    line = (f"rebuilt {plural(len(written.paths), 'file')} in {seconds:.2f} s"
            + (f"{' after import' if import_first else ''}; {plural(notes, 'warning')}"
               if notes else ""))
    return "; ".join([line, *(f"error: {p}" for p in problems)])


class _OwnWrites:
    """Files the last rebuild wrote into the content folder, by size and time: saving them
    again is the build's echo, not an edit."""

    def __init__(self, content_root: Path, templates: tuple[Path, ...] = ()) -> None:
        self.root = content_root
        self.templates = templates  # the project's override folders outside content/
        self.seen: dict[Path, tuple[int, int]] = {}

    def remember(self) -> None:
        decks = (self.root / "decks").glob("*.yaml")
        self.seen = {p.resolve(): _stamp(p) for p in decks}

    def edits(self, changed: set[Path]) -> set[Path]:
        return {p for p in changed if (self.template(p) or (p.is_relative_to(self.root)
                and p.relative_to(self.root).parts[0] in WATCHED))
                and not p.name.endswith(TEMP_SUFFIX) and self.seen.get(p) != _stamp(p)}

    def template(self, path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in self.templates) or (
            path.is_relative_to(self.root) and path.relative_to(self.root).parts[0] == "templates")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def run(args: argparse.Namespace, report: Callable[[str], None] = print,
        stop: threading.Event | None = None) -> int:
    """Build once, then rebuild on every save until Ctrl-C (or until `stop` is set)."""
    from watchfiles import watch

    outputs = args.only or list(REGISTRY)
    fitted: dict = {}  # the flashcards' type scales, when the PDFs are built
    if "pdf" in outputs:
        from build_decks.render.pdf import FITTED, LAID_OUT  # WeasyPrint imported, kept warm

        LAID_OUT.enabled = True
        fitted = FITTED
    root = args.content.resolve()
    templates = tuple(folder.resolve() for folder in project.override_folders(
        args.content, builtin_templates()) if not folder.resolve().is_relative_to(root))
    own = _OwnWrites(root, templates)
    report(rebuild(args, True, outputs, own))
    watching = False
    try:
        # yield_on_timeout: the first (empty) batch says the watcher is running
        for changes in watch(root, *templates, debounce=200, step=25, stop_event=stop,
                             rust_timeout=100, yield_on_timeout=True):
            if not watching:
                watching = True
                report(f"watching {args.content} (Ctrl-C stops)")
            edited = own.edits({Path(path) for _, path in changes})
            if any(own.template(p) for p in edited):
                fitted.clear()  # type scales found under the old stylesheets
            if edited:
                report(rebuild(args, needs_import(root, edited), outputs, own))
    except KeyboardInterrupt:
        report("stopped")
    return 0
