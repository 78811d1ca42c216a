"""`build-decks watch`: rebuild the outputs on every save, in one warm process.

The process stays up between rebuilds, so WeasyPrint is imported and its fonts loaded once,
and each card's HTML is converted once per text (markup.to_html is cached by text and
output): after a one-card edit only that card is converted again. A saved source, the config
or the topics import first, as `make all` does; a saved deck, media file or template only
rebuilds. Files the build itself writes (locks, the deck files of an import) start no
rebuild. Each rebuild prints one line: what it wrote and its time, or the error at its
`file:line`, with the last good outputs kept (a build publishes all of its files or none).

A save is rebuilt once the saved files stop changing (an editor or a copy writes in pieces),
and again if one changed while a failing rebuild read it. A content folder that disappears
is waited for, then built and watched again. Images are shown by content digest (media.py,
markup.py), so an image replaced under the same name shows at once, and the caches of image
checks are bounded.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from build_decks import project
from build_decks.atomic import TEMP_SUFFIX
from build_decks.config import load_config
from build_decks.console import plural
from build_decks.errors import BuildDecksError, ContentError, ContentErrors, shown
from build_decks.importer import import_sources
from build_decks.model import Content
from build_decks.project import builtin_templates
from build_decks.render import REGISTRY, build, prepare

IMPORTED = ("sources", "config.yaml", "topics.yaml")  # a change here imports first
WATCHED = (*IMPORTED, "decks", "media", "templates")  # not dist/ (in a starter project, inside)
# Told of each finished build: the content it built (None: it failed, nothing was written) and
# its errors (`file:line: message`; with content, the sources the import could not read).
OnBuild = Callable[[Content | None, list[str]], None]


def _nobody(content: Content | None, errors: list[str]) -> None:
    """No one to tell."""


def needs_import(content_root: Path, changed: Iterable[Path]) -> bool:
    return any(path.is_relative_to(content_root) and path.relative_to(content_root).parts[0]
               in IMPORTED for path in changed)


def rebuild(args: argparse.Namespace, import_first: bool, outputs: list[str],
            own: _OwnWrites, on_build: OnBuild = _nobody) -> str:
    """One rebuild (`on_build` told of it); its one-line report."""
    started = time.perf_counter()
    try:
        problems = []
        if import_first:
            problems = [str(e) for e in import_sources(load_config(args.content)).errors]
            own.remember()  # the deck files the import just wrote
        content, options = prepare(args.content, args.dist)
        written = build(outputs, content, options, args)
    except ContentErrors as exc:
        on_build(None, [str(e) for e in exc.errors])
        more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
        return f"error: {exc.errors[0]}{more}; outputs unchanged"
    except (ContentError, BuildDecksError) as exc:
        on_build(None, [str(exc)])
        return f"error: {exc}; outputs unchanged"
    except OSError as exc:
        message = f"{shown(exc.filename or '')}: {exc.strerror or exc}"
        on_build(None, [message])
        return f"error: {message}; outputs unchanged"
    except Exception as exc:  # a bug: said in one line, and the watch goes on
        if os.environ.get("BUILD_DECKS_DEBUG"):
            raise
        message = (f"internal error: {type(exc).__name__}: {str(exc)[:200]} (a bug: please "
                   "report it; BUILD_DECKS_DEBUG=1 shows the traceback)")
        on_build(None, [message])
        return f"{message}; outputs unchanged"
    on_build(content, problems)
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
        return {p for p in changed if p != self.root and (self.template(p) or (
                p.is_relative_to(self.root) and p.relative_to(self.root).parts[0] in WATCHED))
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


SETTLE_SECONDS = 0.3  # a file changed more recently than this is still being written
MISSING_POLL_SECONDS = 0.5  # how often to look for a content folder that is gone


def _settled(paths: set[Path], stop: threading.Event) -> None:
    """Wait until none of `paths` changed for SETTLE_SECONDS: an editor saving in place, or
    a copy of a large image, writes in several pieces."""
    stamps = {p: _stamp(p) for p in paths}
    while not stop.wait(SETTLE_SECONDS):
        now = {p: _stamp(p) for p in paths}
        if now == stamps:
            return
        stamps = now


def _rebuild_settled(args: argparse.Namespace, edited: set[Path], outputs: list[str],
                     own: _OwnWrites, stop: threading.Event, on_build: OnBuild) -> str:
    """A rebuild once the saved files settle; again if one changed while it ran and it
    failed (it read a file half written)."""
    root = args.content.resolve()
    while True:
        _settled(edited, stop)
        stamps = {p: _stamp(p) for p in edited}
        line = rebuild(args, needs_import(root, edited), outputs, own, on_build)
        if not line.startswith("error") or {p: _stamp(p) for p in edited} == stamps or (
                stop.is_set()):
            return line


def _wait_for(root: Path, report: Callable[[str], None], stop: threading.Event) -> bool:
    """Wait while the content folder is gone (deleted, or a drive unmounted); False if
    stopped meanwhile."""
    if root.is_dir():
        return True
    report(f"error: {shown(root)}: the content folder is gone; waiting for it to come back "
           "(Ctrl-C stops); outputs unchanged")
    while not root.is_dir():
        if stop.wait(MISSING_POLL_SECONDS):
            return False
    return True


def run(args: argparse.Namespace, report: Callable[[str], None] = print,
        stop: threading.Event | None = None, on_build: OnBuild = _nobody) -> int:
    """Build once, then rebuild on every save until Ctrl-C (or until `stop` is set); each
    build's line goes to `report`, its content and errors to `on_build`. A content folder
    that disappears is waited for, then built and watched again."""
    from watchfiles import watch

    stop = stop or threading.Event()
    outputs = args.only or list(REGISTRY)
    if "pdf" in outputs:  # WeasyPrint imported once; the PDFs' laid-out parts stay in memory
        import build_decks.render.pdf  # noqa: F401
    root = args.content.resolve()
    templates = tuple(folder.resolve() for folder in project.override_folders(
        args.content, builtin_templates()) if not folder.resolve().is_relative_to(root))
    own = _OwnWrites(root, templates)
    try:
        while _wait_for(root, report, stop):
            report(rebuild(args, True, outputs, own, on_build))
            watching = False
            # yield_on_timeout: the first (empty) batch says the watcher is running
            for changes in watch(root, *templates, debounce=200, step=25, stop_event=stop,
                                 rust_timeout=100, yield_on_timeout=True):
                if not root.is_dir():
                    break  # the watcher does not see a folder made again: start anew
                if not watching:
                    watching = True
                    report(f"watching {shown(args.content)} (Ctrl-C stops)")
                edited = own.edits({Path(path) for _, path in changes})
                if edited:
                    report(_rebuild_settled(args, edited, outputs, own, stop, on_build))
            else:
                break  # stopped
    except KeyboardInterrupt:
        report("stopped")
    return 0
