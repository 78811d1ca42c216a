"""Command line: `build-decks init|import|check|build|forget-removed` and one command per output
of the registry (`anki`, `pdf`, `html`, see build_decks.render).

Every error in the content is one line `file:line: message`; the exit code is 1 for content
errors, 2 for usage errors, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from build_decks import push_options
from build_decks.config import load_config
from build_decks.errors import BuildDecksError, ContentError, ContentErrors, shown
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.render import REGISTRY, build, prepare
from build_decks.render.options import BuildOptions, Output


def cmd_import(args: argparse.Namespace) -> int:
    """Import every source; one that cannot be read is an error, the others still import."""
    result = import_sources(load_config(args.content))
    for finding in result.findings:  # left-out passages with their lines; -v: also boilerplate
        if args.verbose or not finding.quiet:  # and the rule that found each card
            where = f"{shown(finding.path)}:{finding.line}" if finding.line else shown(
                finding.path)
            print(f"{where}: {finding.kind}: {finding.message}")
    dropped = [f for f in result.findings if f.kind == "dropped"]
    quiet = sum(1 for f in dropped if f.quiet)
    cards = sum(len(d.cards) for d in result.decks)
    print(f"imported {cards} cards from {len(result.decks)} sources; {len(dropped)} left-out "
          f"passages ({quiet} of them recognised boilerplate, which --verbose lists); wrote "
          f"{len(result.written)} files")
    for path in result.written:
        print(f"  wrote {shown(path)}")
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
    from build_decks.push import forget_removed as forget_pushed
    from build_decks.render.anki import REMOVED_TAG, forget_removed

    gone = forget_removed(load_content(args.content))
    forget_pushed(args.content)  # push-lock.json's notes tagged removed, too
    print(f"forgot {len(gone)} removed card(s): the next packages leave out their notes "
          f"(delete them in Anki first: search `tag:{REMOVED_TAG}`)")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What the next package changes, per deck, against anki-lock.json; writes nothing."""
    from build_decks.changes import against_package

    report = against_package(*_prepare(args))
    print(report.json_text() if args.json else report.text())
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from build_decks.push import run

    return run(args)


def cmd_init(args: argparse.Namespace) -> int:
    """A starter project in args.folder (commented config and topics, an example source, a
    Makefile, a README), its example already imported."""
    from build_decks.starter import write_starter

    written = write_starter(args.folder)
    for path in written:
        print(f"wrote {shown(path)}")
    result = import_sources(load_config(args.folder))
    print(f"imported {sum(len(d.cards) for d in result.decks)} example cards; next: "
          f"build-decks --content {args.folder} build (or `make` in {args.folder})")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from build_decks.watch import run

    return run(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from build_decks.serve import run

    return run(args)


def _report(output: Output) -> None:
    for note in output.notes:
        print(f"warning: {note}", file=sys.stderr)
    for path in output.paths:
        print(f"wrote {shown(path)}")
    for line in output.summary:
        print(line)


def _prepare(args: argparse.Namespace) -> tuple[Content, BuildOptions]:
    content, options = prepare(args.content, args.dist)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return content, options


def _build(names: list[str], args: argparse.Namespace) -> None:
    content, options = _prepare(args)
    _report(build(names, content, options, args))


def cmd_render(args: argparse.Namespace) -> int:
    _build([args.command], args)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Every output of the registry from one load of the content."""
    status = cmd_import(args) if args.import_first else 0
    _build(list(REGISTRY), args)
    return status  # a source that could not be read fails the build after the others are built


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "init": (cmd_init, "write a starter project (config, topics, an example, a Makefile)"),
    "import": (cmd_import, "read content/sources into content/decks/*.yaml (keeps hand edits)"),
    "check": (cmd_check, "validate the YAML and report counts, prompts, near-duplicates, ..."),
    **{name: (cmd_render, r.help) for name, r in REGISTRY.items()},
    "build": (cmd_build, f"write every output ({', '.join(REGISTRY)}) to dist/"),
    "watch": (cmd_watch, "build, then rebuild the outputs on every save (Ctrl-C stops)"),
    "serve": (cmd_serve, "build, serve dist/ and a card preview on 127.0.0.1, rebuild and "
              "reload on every save"),
    "diff": (cmd_diff, "print, per deck, the notes the next .apkg adds, updates, removes and "
             "moves (against anki-lock.json)"),
    "push": (cmd_push, "write the content into a running Anki through AnkiConnect (new notes, "
             "changed fields; never deletes, never touches scheduling)"),
    "forget-removed": (cmd_forget_removed, "leave cards removed from the YAML out of the next "
                       ".apkg (after deleting their notes in Anki)"),
}


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
        for output in REGISTRY.values():  # an output's options: on its command, build, watch
            if output.arguments and name in (output.name, "build", "watch", "serve"):
                output.arguments(command)
        if name == "diff":
            command.add_argument("--json", action="store_true",
                                 help="the report as JSON on stdout")
        if name == "push":
            push_options.arguments(command)
        if name in ("watch", "serve"):
            command.add_argument("--only", nargs="+", choices=list(REGISTRY), metavar="OUTPUT",
                                 help=f"rebuild only these outputs ({', '.join(REGISTRY)})")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000,
                                 help="port on 127.0.0.1 (0: any free port; the URL is printed)")
            command.add_argument("--open", action="store_true", help="open it in a browser")
    return top


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so that it stops as on Ctrl-C: the PDF workers
    killed, no output replaced."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Run a command; every failure is one line on stderr and an exit code, no traceback."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints escaped
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
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
    except KeyboardInterrupt as exc:
        print("interrupted; outputs not replaced", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    except OSError as exc:  # read-only folder, disk full, a file where a folder should be
        where = f"{shown(exc.filename)}: " if exc.filename else ""
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
