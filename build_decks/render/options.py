"""What every renderer is told besides the content: where to write and what time it is."""

from __future__ import annotations

import argparse
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_decks.atomic import Staged, discard, publish
from build_decks.errors import BuildDecksError

LAST_TIME = 4354819199  # 2107-12-31 23:59:59 UTC: zip files (the .apkg) cannot date later


def build_time() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return int(time.time())
    if not epoch.isdigit() or int(epoch) > LAST_TIME:
        raise BuildDecksError(f"SOURCE_DATE_EPOCH={epoch[:30]!r}: must be whole seconds since "
                              "1970, no later than the end of 2107")
    return int(epoch)


@dataclass(frozen=True)
class BuildOptions:
    dist: Path
    content_root: Path
    now: int
    reproducible: bool = False
    # work the outputs of one build share (the Anki package, for `anki` and `anki-text`),
    # keyed by what it is; a build's options are new with each build
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_env(cls, dist: Path, content_root: Path) -> BuildOptions:
        return cls(dist, content_root, build_time(),
                   bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip()))


@dataclass
class Output:
    """What a renderer made, and what the user should know about it.

    Its files are staged beside their targets until `publish()`: a build publishes all of its
    outputs together, or none (see atomic.py). Locks are published last.
    """

    paths: list[Path]
    notes: list[str] = field(default_factory=list)  # warnings (`--strict` fails on them)
    staged: list[Staged] = field(default_factory=list)
    info: list[str] = field(default_factory=list)  # what the user should know, not a warning

    def publish(self) -> Output:
        try:
            publish(sorted(self.staged, key=lambda s: s.target.suffix == ".json"))
        except BaseException:
            discard(self.staged)
            raise
        self.staged = []
        return self

    def discard(self) -> None:
        discard(self.staged)
        self.staged = []

    @staticmethod
    def joined(outputs: list[Output]) -> Output:
        return Output([p for o in outputs for p in o.paths], [n for o in outputs for n in o.notes],
                      [s for o in outputs for s in o.staged],
                      info=[i for o in outputs for i in o.info])


# Command-line options of the PDFs, here so that the CLI can offer them without importing
# WeasyPrint (build_decks.render.pdf turns them into its PdfOptions).
PAPERS = ("a4", "letter")
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


CARD_SIZES = ("90x62mm", "3x5in", "2.5x3.5in")  # render/geometry.py has their sizes


def pdf_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--paper", choices=PAPERS, default="a4",
                         help="paper size of the PDFs (default: a4; letter adds -letter to "
                              "the file names)")
    command.add_argument("--flip", choices=["long", "short"], default="long",
                         help="duplex flip edge of your printer (default: long)")
    command.add_argument("--back-offset-x", type=offset_mm, default=0.0, metavar="MM",
                         help="shift the flashcard backs right by MM (negative: left)")
    command.add_argument("--back-offset-y", type=offset_mm, default=0.0, metavar="MM",
                         help="shift the flashcard backs down by MM (negative: up)")
    command.add_argument("--answer-key", action="store_true",
                         help="write worksheet-key.pdf with the answers at the end")
    command.add_argument("--cards", choices=["duplex", "fold"], default="duplex",
                         help="flashcards: duplex (fronts, then mirrored backs; print "
                              "double-sided) or fold (fronts and backs side by side on one "
                              "side of the sheet, folded in half: no duplex printer needed; "
                              "written to flashcards-fold.pdf)")
    command.add_argument("--card-size", choices=CARD_SIZES, default=CARD_SIZES[0],
                         help="flashcard size: 90x62mm (default, 8 to a sheet), 3x5in (index "
                              "cards) or 2.5x3.5in (playing cards); other sizes are written "
                              "to flashcards-<size>.pdf")
    command.add_argument("--fronts-only", action="store_true",
                         help="flashcards with the fronts only (questions and terms, to quiz "
                              "yourself or to write the answers on the back by hand): "
                              "flashcards-fronts.pdf")
