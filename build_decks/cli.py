"""Command line: `build-decks COMMAND`, in a project found from the current folder or a parent
(see project.py); one command per entry of COMMANDS, the outputs' from their registry.

Every error in the content is one line `file:line: message` on stderr; the exit code is 1
for errors (and, with --strict, for warnings), 2 for usage errors, 0 otherwise. What a
command is asked for (a report, a completion script) goes to stdout, messages to stderr.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

import shtab

from build_decks import lockfile, project, push_options
from build_decks.__main__ import PDF_COMMANDS
from build_decks.config import FILE_KEY, load_config
from build_decks.console import Console, plural
from build_decks.errors import BuildDecksError, ContentError, ContentErrors, shown
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.render import REGISTRY, build, prepare
from build_decks.render.options import BuildOptions, Output

IMPORT_WARNINGS = frozenset({"missing-figure", "missing-image", "remote-image", "embedded-image",
                             "formula", "conflict", "not-read"})
SHELLS = ("bash", "zsh", "fish")


def _console(args: argparse.Namespace) -> Console:
    return args.console


def cmd_import(args: argparse.Namespace) -> int:
    """Import every source; one that cannot be read is an error, the others still import."""
    from build_decks.importer import import_sources  # the readers: only when a build imports

    console = _console(args)
    config = load_config(args.content)
    result = import_sources(config)
    quiet = 0  # passages left out as recognised boilerplate: listed under -v only
    for finding in result.findings:  # the other left-out passages always, with their lines
        where = f"{shown(finding.path)}:{finding.line}" if finding.line else shown(finding.path)
        line = f"{where}: {finding.kind}: {finding.message}"
        if finding.quiet:
            quiet += finding.kind == "dropped"
            console.detail(line)
        elif finding.kind in IMPORT_WARNINGS:
            console.warn(line)
        else:
            console.say(line)
    decks = [p for p in result.written if p.parent == config.decks_dir]
    for path in decks:
        console.detail(f"  wrote {shown(path)}")
    cards = sum(len(d.cards) for d in result.decks)
    kept = len(result.decks) - len(decks)
    if kept and decks:
        state = f"{plural(kept, 'deck')} up to date, {len(decks)} written"
    else:
        state = f"{plural(len(decks), 'deck')} written" if decks else (
            f"{plural(kept, 'deck')} up to date")
    summary = (f"imported {plural(cards, 'card')} from {plural(len(result.decks), 'source')}: "
               f"{state}")
    if quiet and not console.verbose:
        summary += (f"; {plural(quiet, 'passage')} of recognised boilerplate left out "
                    "(`build-decks import -v` lists them)")
    console.say(summary)
    for error in result.errors:
        console.error(str(error))
    if result.errors:
        console.say(f"{plural(len(result.errors), 'source')} could not be read; the others "
                    "were imported")
        return 1
    if config.lock_path.exists():  # the time of the last import, for `build` to compare with
        os.utime(config.lock_path)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from build_decks.check import build_report, format_report

    content = load_content(args.content)
    report = build_report(content)
    _console(args).data(format_report(report, content))
    _console(args).counted(len(content.warnings) + len(report.near_duplicates))
    return 0


def cmd_forget_removed(args: argparse.Namespace) -> int:
    from build_decks.push import forget_removed as forget_pushed
    from build_decks.render.anki import REMOVED_TAG, forget_removed

    gone = forget_removed(load_content(args.content))
    forget_pushed(args.content)  # push-lock.json's notes tagged removed, too
    _console(args).say(f"forgot {plural(len(gone), 'removed card')}: the next packages leave "
                       f"out their notes (delete them in Anki first: search `tag:{REMOVED_TAG}`)")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What the next package changes, per deck, against anki-lock.json; writes nothing."""
    from build_decks.changes import against_package

    report = against_package(*_prepare(args))
    _console(args).data(report.json_text() if args.json else report.text())
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from build_decks.push import run

    return run(args, _console(args))


def cmd_init(args: argparse.Namespace) -> int:
    """A starter project in args.folder, shaped like this repository."""
    from build_decks.starter import write_starter

    written = write_starter(args.folder)
    console = _console(args)
    for path in written:
        console.detail(f"  wrote {shown(path)}")
    folder = args.folder
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(folder))} && "
    console.say(f"created a project in {shown(folder)}/: content/ (config.yaml, topics.yaml, "
                "sources/example.md), templates/, Makefile, README.md, .gitignore")
    console.say(f"next: {go}build-decks build   (or `make`)")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from build_decks.watch import run

    return run(args, report=_console(args).report)


def cmd_serve(args: argparse.Namespace) -> int:
    from build_decks.serve import run

    console = _console(args)
    return run(args, report=lambda line: console.always(line) if line.startswith("serving ")
               else console.report(line))


def cmd_completion(args: argparse.Namespace) -> int:
    _console(args).data(shtab.complete(parser(), shell=args.shell))
    return 0


def _report(output: Output, args: argparse.Namespace) -> None:
    console = _console(args)
    for note in output.notes:
        console.warn(note)
    for line in output.info:
        console.say(line)
    for path in output.paths:
        console.detail(f"  wrote {shown(path)}")
    if output.paths:
        names = ", ".join(shown(path.name) for path in output.paths)
        console.say(f"wrote {plural(len(output.paths), 'file')} to {shown(args.dist)}/: {names}")


def _prepare(args: argparse.Namespace) -> tuple[Content, BuildOptions]:
    content, options = prepare(args.content, args.dist)
    for warning in content.warnings:
        _console(args).warn(str(warning))
    return content, options


def _build(names: list[str], args: argparse.Namespace) -> None:
    content, options = _prepare(args)
    _report(build(names, content, options, args), args)


def cmd_render(args: argparse.Namespace) -> int:
    _build([args.command], args)
    return 0


def sources_changed(content: Path) -> bool:
    """Whether the sources say something the decks may not have yet: a source, config.yaml or
    topics.yaml newer than the last import (import-lock.json), a source with no deck, or a
    deck whose source is gone."""
    lock_path = content / "import-lock.json"
    config = load_config(content)
    if not lock_path.exists():
        return bool(config.sources)
    last = lock_path.stat().st_mtime
    inputs = [config.path, config.topics_path, *(content / s.file for s in config.sources)]
    if any(path.exists() and path.stat().st_mtime > last for path in inputs):
        return True
    if any(not config.deck_path(s.name).exists() for s in config.sources):
        return True
    read = {str(entry.get(FILE_KEY)) for entry in lockfile.load(lock_path).values()
            if isinstance(entry, dict)}
    return bool(read - {s.file for s in config.sources})


def cmd_build(args: argparse.Namespace) -> int:
    """Import when the sources changed (always with --import, never with --no-import), then
    every output of the registry from one load of the content."""
    wanted = args.import_first or (not args.no_import and sources_changed(args.content))
    status = cmd_import(args) if wanted else 0
    _build(list(REGISTRY), args)
    return status  # a source that could not be read fails the build after the others are built


def _build_arguments(command: argparse.ArgumentParser) -> None:
    when = command.add_mutually_exclusive_group()
    when.add_argument("--import", dest="import_first", action="store_true",
                      help="import the sources first even if none changed since the last "
                           "import (by default `build` imports when one did)")
    when.add_argument("--no-import", action="store_true",
                      help="build from content/decks/*.yaml as they are, without importing")


def _watch_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--only", nargs="+", choices=list(REGISTRY), metavar="OUTPUT",
                         help=f"rebuild only these outputs ({', '.join(REGISTRY)})")


def _serve_arguments(command: argparse.ArgumentParser) -> None:
    _watch_arguments(command)
    command.add_argument("--port", type=int, default=8000,
                         help="port on 127.0.0.1 (0: any free port; the URL is printed)")
    command.add_argument("--open", action="store_true", help="open it in a browser")


def _diff_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="the report as JSON on stdout")


def _init_arguments(command: argparse.ArgumentParser) -> None:
    folder = command.add_argument("folder", type=Path,
                                  help="the new project's folder (new, or empty of its files)")
    folder.complete = shtab.DIRECTORY  # type: ignore[attr-defined]


def _completion_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("shell", choices=SHELLS, help="the shell to complete for")


class Command(NamedTuple):
    """A command: what runs it, its one-line help, its own options, and whether it works in a
    project (found from the current folder, or given by --content)."""

    run: Callable[[argparse.Namespace], int]
    help: str
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    in_project: bool = True


COMMANDS: dict[str, Command] = {
    "init": Command(cmd_init, "write a starter project (content/, templates/, a Makefile)",
                    _init_arguments, in_project=False),
    "import": Command(cmd_import, "read content/sources into content/decks/*.yaml (keeps hand "
                      "edits)"),
    "check": Command(cmd_check, "validate the YAML and report counts, prompts, near-duplicates, "
                     "..."),
    **{name: Command(cmd_render, r.help, r.arguments) for name, r in REGISTRY.items()},
    "build": Command(cmd_build, f"import what changed, then write every output "
                     f"({', '.join(REGISTRY)}) to dist/", _build_arguments),
    "watch": Command(cmd_watch, "build, then rebuild the outputs on every save (Ctrl-C stops)",
                     _watch_arguments),
    "serve": Command(cmd_serve, "build, serve dist/ and a card preview on 127.0.0.1, rebuild "
                     "and reload on every save", _serve_arguments),
    "diff": Command(cmd_diff, "print, per deck, the notes the next .apkg adds, updates, "
                    "removes and moves (against anki-lock.json)", _diff_arguments),
    "push": Command(cmd_push, "write the content into a running Anki through AnkiConnect (new "
                    "notes, changed fields; never deletes, never touches scheduling)",
                    push_options.arguments),
    "forget-removed": Command(cmd_forget_removed, "leave cards removed from the YAML out of the "
                              "next .apkg (after deleting their notes in Anki)"),
    "completion": Command(cmd_completion, "print a shell completion script (bash, zsh, fish)",
                          _completion_arguments, in_project=False),
}
PDF_OPTION_COMMANDS = PDF_COMMANDS - {"pdf"}  # the PDFs' options, besides on `pdf`


def _version() -> str:
    try:
        return version("build_decks")
    except PackageNotFoundError:  # pragma: no cover - run from a tree that was never installed
        return "unknown"


def _global_options(command: argparse.ArgumentParser, defaults: bool) -> None:
    """The options every command takes, before or after its name (`html --dist X`). On the
    commands, they default to nothing, so as not to undo what was given before the name."""
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    folders = command.add_argument_group("project options")
    content = folders.add_argument(
        "--content", type=Path, metavar="DIR", default=default(None),
        help="the content folder (default: content/ of the project found from the current "
             "folder or a parent)")
    dist = folders.add_argument("--dist", type=Path, metavar="DIR", default=default(None),
                                help="where outputs go (default: the project's dist/)")
    content.complete = dist.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    said = command.add_argument_group("what it says")
    said.add_argument("-q", "--quiet", action="store_true", default=default(False),
                      help="say only warnings and errors")
    said.add_argument("-v", "--verbose", action="store_true", default=default(False),
                      help="say more: every file written, every passage left out on purpose")
    said.add_argument("--strict", action="store_true", default=default(False),
                      help="exit 1 on warnings too (missing images, formulas shown as code, "
                           "near-duplicates, flashcards that do not fit): for CI")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build-decks", description="Turn interview-prep notes into Anki decks, printable "
        "PDFs and an offline HTML study pack.", epilog="Run it in a project (`build-decks init "
        "DIR` makes one) or any folder inside it; `build-decks COMMAND --help` tells more.")
    top.add_argument("--version", action="version", version=f"build-decks {_version()}")
    _global_options(top, defaults=True)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, entry in COMMANDS.items():
        command = Command(*entry)
        child = sub.add_parser(name, help=command.help, description=command.help)
        _global_options(child, defaults=False)
        if command.arguments:
            command.arguments(child)
        for output in REGISTRY.values():  # an output's options: on its command, build, watch
            if output.arguments and name in PDF_OPTION_COMMANDS:
                output.arguments(child)
    return top


def _in_project(args: argparse.Namespace, console: Console) -> None:
    """--content and --dist as the project found (or given) says."""
    found = project.resolve(args.content, args.dist, Path.cwd())
    args.content, args.dist = found.content, found.dist
    if legacy := project.legacy_templates(found.content):
        console.say(f"note: template overrides in {shown(legacy)}/ are still read; their place "
                    f"is now {shown(found.root / project.TEMPLATES)}/")


def _quiet_pipe() -> int:
    """`check | head`: the reader left; end without a word (and without Python's own)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


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
    console = args.console = Console(args.quiet, args.verbose, args.strict)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    command = Command(*COMMANDS[args.command])
    try:
        if command.in_project:
            _in_project(args, console)
        return console.status(command.run(args))
    except BrokenPipeError:
        return _quiet_pipe()
    except ContentErrors as exc:
        for error in exc.errors:
            console.error(str(error))
        console.say(f"{plural(len(exc.errors), 'error')}; nothing was written")
        return 1
    except (ContentError, BuildDecksError) as exc:
        console.error(str(exc))
        return 1
    except KeyboardInterrupt as exc:
        console.say("interrupted; outputs not replaced")
        return 143 if isinstance(exc, Terminated) else 130
    except OSError as exc:  # read-only folder, disk full, a file where a folder should be
        where = f"{shown(exc.filename)}: " if exc.filename else ""
        console.error(f"{where}{exc.strerror or exc}")
        return 1
    except MemoryError:
        console.error("out of memory (is a source or an answer very large?)")
        return 1
    except RecursionError:
        console.error("content nested too deep to process")
        return 1
    except Exception as exc:
        if os.environ.get("BUILD_DECKS_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {str(exc)[:200]} (a bug: please report it;"
              " BUILD_DECKS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 70


