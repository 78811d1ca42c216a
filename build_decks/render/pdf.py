"""Printable PDFs with WeasyPrint: cheat sheet, flashcards, practice worksheet.

Each document plans itself as parts (cheatsheet.py, flashcards.py, worksheet.py); the parts no
earlier build kept (parts.py) are laid out on every core, in worker processes (workers.py),
while the caller goes on with the other outputs; then each document is put together from its parts
(impose.py) and staged. A worker never outlives its build: an interrupt or SIGTERM ends them
all at once, and a full disk or any other OS error while a PDF is written is one OSError
naming the file.
"""

from __future__ import annotations

import argparse
import contextlib
import math
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from pathlib import Path

from build_decks.model import Content
from build_decks.render import cheatsheet, flashcards, worksheet
from build_decks.render.geometry import CARD_SIZES, PAPERS
from build_decks.render.options import BuildOptions, Output
from build_decks.render.paper import PdfOptions, save
from build_decks.render.parts import KEPT, Galley, LaidOut, Part
from build_decks.render.parts import lay_out as lay_out_parts
from build_decks.render.plan import Need, Plan
from build_decks.workers import Workers, cores, warm

__all__ = ["PAPERS", "PdfOptions", "build", "lay_out", "stage", "start"]

DOCUMENTS = ("cheatsheet", "flashcards", "worksheet")
PLANNERS: dict[str, Callable[[Content, BuildOptions, PdfOptions], Plan]] = {
    "cheatsheet": cheatsheet.plan, "flashcards": flashcards.plan, "worksheet": worksheet.plan}
BATCHES_PER_CORE = 1  # a document per core: each costs WeasyPrint's start (some 60 ms)
PART_WORK = 200  # a part's page, as the characters of HTML laid out in the same time: each page
# has its style, its 16 margin boxes and its drawing. The seed's 128 worksheet questions
# (41 kB) take as long as its 6 flashcard sheets (43 kB), and twice its 49 cheat-sheet entries
# (19 kB)
MAX_PARTS_PER_BATCH = 300  # WeasyPrint keeps a document's every box until it is written
CACHE = Path("build") / "pdf-parts"  # beside dist/: the project's build/ (make clean)


def output_path(name: str, options: BuildOptions, pdf: PdfOptions) -> Path:
    suffix = "" if pdf.paper.name == "a4" else f"-{pdf.paper.name}"
    if name == "worksheet" and pdf.answer_key:
        suffix = f"-key{suffix}"
    if name == "flashcards":
        suffix = "".join([
            "-fronts" if pdf.fronts_only else "-fold" if pdf.cards == "fold" else "",
            "" if pdf.card_size == CARD_SIZES["90x62mm"] else f"-{pdf.card_size.name}",
            suffix])
    return options.dist / f"{name}{suffix}.pdf"


def cache_folder(options: BuildOptions) -> Path | None:
    """build/pdf-parts/ beside the output folder (in a project: its build/), unless a link
    leads it elsewhere."""
    project = options.dist.resolve().parent
    folder = project / CACHE
    with contextlib.suppress(OSError):
        if folder.resolve().is_relative_to(project):
            return folder
    return None


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Pending:
    """The registry's entry: every document, with the command line's PDF options."""
    return lay_out(content, options, PdfOptions(
        paper=PAPERS[args.paper], flip=args.flip,
        back_offset=(args.back_offset_x, args.back_offset_y), answer_key=args.answer_key,
        card_size=CARD_SIZES[args.card_size], cards=args.cards, fronts_only=args.fronts_only,
        cache=None if options.reproducible else cache_folder(options)))


def lay_out(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
            documents: tuple[str, ...] = DOCUMENTS) -> Pending:
    """Plan the documents and start laying out their missing parts; `wait()` on the result
    puts them together. A reproducible build (SOURCE_DATE_EPOCH) lays out every part: a
    build from kept parts shows the same pages, but may embed a font as two subsets."""
    pdf = pdf or PdfOptions()
    plans = [PLANNERS[name](content, options, pdf) for name in documents]
    found: dict[str, LaidOut] = {}
    missing: list[tuple[Need, list[int]]] = []
    for need in (need for plan in plans for need in plan.needs):
        wanted = []
        for index, part in enumerate(need.parts):
            if part.key not in found and not options.reproducible and (
                    kept := KEPT.get(part.key, pdf.cache)):
                found[part.key] = kept
            elif part.key not in found:
                wanted.append(index)
        if wanted:
            missing.append((need, wanted))
    return Pending(plans, found, missing, options, pdf)


def _batches(missing: list[tuple[Need, list[int]]], cores: int) -> list[tuple[Need, list[int]]]:
    """The missing parts in documents of about equal work, the largest first."""
    def weight(need: Need, index: int) -> float:
        return len(need.parts[index].html) + PART_WORK
    total = sum(weight(n, i) for n, wanted in missing for i in wanted)
    target = max(1, total / (cores * BATCHES_PER_CORE))
    batches = []
    for need, wanted in missing:
        share = sum(weight(need, i) for i in wanted)
        count = max(math.ceil(share / target), math.ceil(len(wanted) / MAX_PARTS_PER_BATCH))
        size = math.ceil(len(wanted) / count)
        batches += [(need, wanted[i:i + size]) for i in range(0, len(wanted), size)]
    return sorted(batches, key=lambda b: -sum(weight(b[0], i) for i in b[1]))


class Pending:
    """PDFs being laid out on the machine's cores while the caller goes on."""

    def __init__(self, plans: list[Plan], found: dict[str, LaidOut],
                 missing: list[tuple[Need, list[int]]], options: BuildOptions,
                 pdf: PdfOptions) -> None:
        self.plans, self.found, self.options, self.pdf = plans, found, options, pdf
        batches = _batches(missing, cores())
        self.pool = Workers(cores()) if batches and warm() else None
        run = self.pool.submit if self.pool else _here_and_now
        try:
            self.jobs = [(need, batch, run(need.job, need.galley,
                                           [need.payload(i) for i in batch]))
                         for need, batch in batches]
        except BaseException:
            self.cancel()
            raise
        self.laid_out = sum(len(batch) for _, batch in batches)  # parts no build kept

    def wait(self) -> Output:
        """Every document, staged (not yet published): each is put together as soon as its
        parts are laid out, while the workers go on with the others'. If anything fails, or
        the build is interrupted, the workers are killed and nothing is staged."""
        outputs: dict[str, Output] = {}
        batches = {job: (need, batch) for need, batch, job in self.jobs}
        try:
            self._finish_ready(outputs)
            for job in as_completed(batches):
                need, batch = batches[job]
                for index, laid in zip(batch, job.result(), strict=True):
                    self.found[need.parts[index].key] = laid
                    KEPT.put(need.parts[index].key, laid, self.pdf.cache)
                self._finish_ready(outputs)
        except BaseException:
            self.cancel()
            for output in outputs.values():
                output.discard()
            raise
        if self.pool:
            self.pool.stop()
        KEPT.done(self.pdf.cache, grew=bool(self.laid_out))
        return Output.joined([outputs[plan.name] for plan in self.plans])

    def _finish_ready(self, outputs: dict[str, Output]) -> None:
        for plan in self.plans:
            if plan.name not in outputs and all(
                    p.key in self.found for need in plan.needs for p in need.parts):
                data, notes = plan.finish(self.found, self._now)
                path = output_path(plan.name, self.options, self.pdf)
                outputs[plan.name] = Output([path], notes, [save(data, path)])

    def _now(self, galley: Galley, parts: list[Part]) -> list[LaidOut]:
        wanted = []
        for part in parts:
            if part.key not in self.found:
                if not self.options.reproducible and (kept := KEPT.get(part.key,
                                                                       self.pdf.cache)):
                    self.found[part.key] = kept
                else:
                    wanted.append(part)
        if wanted:  # by a worker while there are any: this process need not import WeasyPrint
            fragments = [p.html for p in wanted]
            laid_out = (self.pool.submit(lay_out_parts, galley, fragments).result() if self.pool
                        else lay_out_parts(galley, fragments))
            for part, laid in zip(wanted, laid_out, strict=True):
                self.found[part.key] = laid
                KEPT.put(part.key, laid, self.pdf.cache)
        return [self.found[p.key] for p in parts]

    def cancel(self) -> None:
        """Another output failed, or the build was interrupted: stop the workers now."""
        if self.pool:
            self.pool.stop(at_once=True)


def _here_and_now(fn: Callable, /, *args: object) -> Future:
    future: Future = Future()
    try:
        future.set_result(fn(*args))
    except Exception as error:
        future.set_exception(error)
    return future


def stage(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
          documents: tuple[str, ...] = DOCUMENTS) -> Output:
    return lay_out(content, options, pdf, documents).wait()


def build(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
          documents: tuple[str, ...] = DOCUMENTS) -> Output:
    return stage(content, options, pdf, documents).publish()
