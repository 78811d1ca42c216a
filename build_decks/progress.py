"""Progress for long work (importing many sources, laying out PDFs), on stderr.

    for source in each(config.sources, "importing"):     # an iterable, counted
        ...
    with progress(len(parts), "laying out") as advance:  # steps you count yourself
        ...
        advance()

A bar (tqdm) appears only when the work is still running after DELAY seconds, only when
stderr is a terminal, never under CI (`CI` set, as CI services set it) and never in colour
under NO_COLOR. Piped or redirected output stays free of it: logs and scripts see only the
messages.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import TypeVar

DELAY = 2.0  # seconds: shorter work is over before a bar would help; longer work shows one
Item = TypeVar("Item")


def shown() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _bar(total: int | None, label: str):  # type: ignore[no-untyped-def]
    from tqdm import tqdm  # imported only where a bar may show

    return tqdm(total=total, desc=label, delay=DELAY, file=sys.stderr, leave=False,
                colour=None if os.environ.get("NO_COLOR") else "green", dynamic_ncols=True)


def each(items: Collection[Item], label: str) -> Iterator[Item]:
    """The items, one by one, counted on a bar."""
    if not shown():
        yield from items
        return
    with _bar(len(items), label) as bar:
        for item in items:
            yield item
            bar.update()


@contextmanager
def progress(total: int | None, label: str) -> Iterator[Callable[..., object]]:
    """A function to call as the work advances (by one step, or by `n`)."""
    if not shown():
        yield lambda n=1: None
        return
    with _bar(total, label) as bar:
        yield bar.update
