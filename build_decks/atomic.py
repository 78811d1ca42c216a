"""Write files so that readers see the old or the new version, never half of one, and so that
a build that fails anywhere changes no file at all.

A build stages every file it writes (a temporary file beside its target,
`.name.build-decks-XXXX.tmp`) and publishes them together, by renaming, only when every
output succeeded; a failure discards them. A build killed before either leaves such files
behind: the next build sweeps them first, and only them (a `.notes.tmp` of the user's own,
or of another tool, is never touched).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TEMP_SUFFIX = ".tmp"
TEMP_MARK = ".build-decks-"  # in the name of every temporary file a build writes


@dataclass(frozen=True)
class Staged:
    """A finished file waiting beside its target."""

    tmp: Path
    target: Path


def _temp_beside(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=TEMP_SUFFIX,
                               dir=target.parent)
    os.close(fd)
    return Path(tmp)


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to fill; removed again if the block fails."""
    tmp = _temp_beside(target)
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def stage(target: Path, data: str | bytes) -> Staged:
    with staging(target) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
    return Staged(tmp, target)


def stage_if_changed(target: Path, text: str) -> Staged | None:
    """Stage only when the content differs, so unchanged files keep their bytes and mtime."""
    data = text.encode("utf-8")
    try:
        same = target.is_file() and target.stat().st_size == len(data) and (
            target.read_bytes() == data)
    except OSError:
        same = False
    return None if same else stage(target, data)


def publish(staged: Iterable[Staged]) -> None:
    """Rename every staged file over its target, in order, after checking that every target
    can be replaced (so a folder in a file's place fails before anything is renamed)."""
    staged = list(staged)
    for item in staged:
        if item.target.is_dir():
            raise IsADirectoryError(21, "Is a directory, not a file", str(item.target))
    for item in staged:
        os.chmod(item.tmp, 0o644)
        os.replace(item.tmp, item.target)


def discard(staged: Iterable[Staged]) -> None:
    for item in staged:
        item.tmp.unlink(missing_ok=True)


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed build left in `folder`: its own, by their name."""
    if folder.is_dir():
        for leftover in folder.glob(f".*{TEMP_MARK}*{TEMP_SUFFIX}"):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over it only if the block succeeds."""
    with staging(path) as tmp:
        yield tmp
    publish([Staged(tmp, path)])


def write_atomic(path: Path, data: str | bytes) -> None:
    publish([stage(path, data)])


def write_if_changed(path: Path, text: str) -> bool:
    """Write only when the content differs, so unchanged files keep their bytes and mtime."""
    staged = stage_if_changed(path, text)
    if staged:
        publish([staged])
    return staged is not None
