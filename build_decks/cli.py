"""Command line: `build-decks import|check|anki|pdf|html`.

Every error in the content is one line `file:line: message`; the exit code is 1 for content
errors, 2 for usage errors, 0 otherwise.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from build_decks import media
from build_decks.atomic import sweep
from build_decks.config import load_config
from build_decks.errors import BuildDecksError, ContentError, ContentErrors
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.render import renderer
from build_decks.render.options import BuildOptions, Output

if TYPE_CHECKING:
    from build_decks.render.pdf import Pending

PAPERS = ("a4", "letter")  # build_decks.render.pdf.PAPERS, without importing WeasyPrint here


def cmd_import(args: argparse.Namespace) -> int:
    """Import every source; one that cannot be read is an error, the others still import."""
    result = import_sources(load_config(args.content))
    for finding in result.findings:
        if args.verbose or finding.kind != "dropped":
            where = f"{finding.path}:{finding.line}" if finding.line else f"{finding.path}"
            print(f"{where}: {finding.kind}: {finding.message}")
    dropped = sum(1 for f in result.findings if f.kind == "dropped")
    cards = sum(len(d.cards) for d in result.decks)
    print(f"imported {cards} cards from {len(result.decks)} sources; {dropped} left-out passages "
          f"(--verbose lists them); wrote {len(result.written)} files")
    for path in result.written:
        print(f"  wrote {path}")
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} source(s) could not be read; the others were imported",
              file=sys.stderr)
    return 1 if result.errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    from build_decks.check import build_report, format_report

    content = load_content(args.content)
    print(format_report(build_report(content), content))
    return 0


def cmd_forget_removed(args: argparse.Namespace) -> int:
    from build_decks.render.anki import REMOVED_TAG, forget_removed

    gone = forget_removed(load_content(args.content))
    print(f"forgot {len(gone)} removed card(s): the next packages leave out their notes "
          f"(delete them in Anki first: search `tag:{REMOVED_TAG}`)")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """A starter project in args.folder (commented config and topics, an example source, a
    Makefile, a README), its example already imported."""
    from build_decks.starter import write_starter

    written = write_starter(args.folder)
    for path in written:
        print(f"wrote {path}")
    result = import_sources(load_config(args.folder))
    print(f"imported {sum(len(d.cards) for d in result.decks)} example cards; next: "
          f"build-decks --content {args.folder} build (or `make` in {args.folder})")
    return 0


def _report(output: Output) -> None:
    for note in output.notes:
        print(f"warning: {note}", file=sys.stderr)
    for path in output.paths:
        print(f"wrote {path}")


def _prepare(args: argparse.Namespace) -> tuple[Content, BuildOptions]:
    """The content to build, and the options; leftovers of a killed build swept away."""
    content = load_content(args.content)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not content.cards:
        raise BuildDecksError(f"{args.content}: no cards to build: put a document into "
                              f"{args.content / 'sources'} and run `build-decks import`")
    options = BuildOptions.from_env(args.dist, args.content)
    for folder in (options.dist, options.content_root, options.content_root / "decks",
                   options.content_root / media.FOLDER):
        sweep(folder)
    return content, options


def _publish(staged: list[Output], pending: Pending | None = None) -> None:
    """Publish every staged output, or, if one failed, none (nothing in dist/ changes)."""
    try:
        if pending is not None:
            staged.append(pending.wait())
    except BaseException:
        for output in staged:
            output.discard()
        raise
    output = Output.joined(staged).publish()
    _report(output)


def _staged(steps: list[Callable[[], Output]], pending: Pending | None = None) -> list[Output]:
    staged: list[Output] = []
    try:
        for step in steps:
            staged.append(step())
    except BaseException:
        if pending is not None:
            pending.cancel()
        for output in staged:
            output.discard()
        raise
    return staged


def cmd_render(args: argparse.Namespace) -> int:
    content, options = _prepare(args)
    if args.command == "pdf":
        from build_decks.render import pdf

        pending = pdf.start(content, options, pdf.PdfOptions(
            paper=pdf.PAPERS[args.paper], flip=args.flip,
            back_offset=(args.back_offset_x, args.back_offset_y), answer_key=args.answer_key))
        _publish([], pending)
    else:
        _publish(_staged([lambda: renderer(args.command)(content, options)]))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Every output from one load of the content: PDFs on the other cores meanwhile. Every
    file is staged; all are published together, or none if any output fails."""
    from build_decks.render import pdf

    status = cmd_import(args) if args.import_first else 0
    content, options = _prepare(args)
    pending = pdf.start(content, options)
    steps = [lambda name=name: renderer(name)(content, options) for name in ("anki", "html")]
    _publish(_staged(steps, pending), pending)
    return status  # a source that could not be read fails the build after the others are built


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "init": (cmd_init, "write a starter project (config, topics, an example, a Makefile)"),
    "import": (cmd_import, "read content/sources into content/decks/*.yaml (keeps hand edits)"),
    "check": (cmd_check, "validate the YAML and report counts, prompts, near-duplicates, ..."),
    "anki": (cmd_render, "write the .apkg package to dist/"),
    "pdf": (cmd_render, "write the cheat sheet, flashcards and worksheet PDFs to dist/"),
    "html": (cmd_render, "write the offline HTML study pack to dist/"),
    "build": (cmd_build, "write every output (anki, pdf, html) to dist/"),
    "forget-removed": (cmd_forget_removed, "leave cards removed from the YAML out of the next "
                       ".apkg (after deleting their notes in Anki)"),
}


MAX_OFFSET_MM = 20.0


def offset_mm(value: str) -> float:
    """A back-page shift in millimetres: a finite number no larger than a card margin."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of millimetres") from None
    if not math.isfinite(number) or abs(number) > MAX_OFFSET_MM:
        raise argparse.ArgumentTypeError(f"{value!r}: give a shift between -{MAX_OFFSET_MM:g} "
                                         f"and {MAX_OFFSET_MM:g} mm")
    return number


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="build-decks", description=__doc__.splitlines()[0])
    top.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    top.add_argument("--dist", type=Path, default=Path("dist"), help="output folder")
    sub = top.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        if name == "init":
            command.add_argument("folder", type=Path, help="the new project's folder")
        if name in ("import", "build"):  # both may import
            command.add_argument("-v", "--verbose", action="store_true",
                                 help="also list every left-out passage")
        if name == "build":
            command.add_argument("--import", dest="import_first", action="store_true",
                                 help="import the sources first, in the same process (make "
                                      "passes it when a source changed)")
        if name == "pdf":
            command.add_argument("--paper", choices=PAPERS, default="a4")
            command.add_argument("--flip", choices=["long", "short"], default="long",
                                 help="duplex flip edge of your printer (default: long)")
            command.add_argument("--back-offset-x", type=offset_mm, default=0.0, metavar="MM",
                                 help="shift the backs right by MM (negative: left)")
            command.add_argument("--back-offset-y", type=offset_mm, default=0.0, metavar="MM",
                                 help="shift the backs down by MM (negative: up)")
            command.add_argument("--answer-key", action="store_true",
                                 help="write worksheet-key.pdf with the answers at the end")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run a command; every failure is one line on stderr and an exit code, no traceback."""
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command][0](args)
    except ContentErrors as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing was written", file=sys.stderr)
        return 1
    except (ContentError, BuildDecksError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; outputs not replaced", file=sys.stderr)
        return 130
    except OSError as exc:  # read-only folder, disk full, a file where a folder should be
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except MemoryError:
        print("error: out of memory (is a source or an answer very large?)", file=sys.stderr)
        return 1
    except RecursionError:
        print("error: content nested too deep to process", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("BUILD_DECKS_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {str(exc)[:200]} (a bug: please report it;"
              " BUILD_DECKS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 70
