"""Reading the content folder's files: regular files only, each with a size cap, and nothing
whose real path lies outside the content folder.

Every stage reads its input through `read_bytes`, so a FIFO, a device (`/dev/zero`) or a
socket standing in for a source, a deck, a lock, the config, a template or an image is one
error naming it, never a hang or a read that eats memory; and `inside` is the one test of
"does this path, links followed, stay in the content folder". Given that folder, `read_bytes`
checks the file it opened (its descriptor's real path), not the name looked at before: a link
swapped in between the check and the read cannot lead it out.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from build_decks.errors import ContentError

NOT_REGULAR = "not a regular file (a FIFO, device or socket?); only files are read"
OUTSIDE = "refused: it leads outside the content folder (a symbolic link?)"


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, every link on the way followed, lies in the folder `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def _opened_inside(fd: int, path: Path, root: Path) -> bool:
    """Whether the open file lies in `root`: its real path as the kernel knows it (Linux's
    /proc/self/fd), else, where there is no /proc, the path resolved now."""
    try:
        real = Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return inside(root, path)
    return real.is_relative_to(root.resolve())


def read_bytes(path: Path, limit: int, root: Path | None = None, *,
               follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is a ContentError.

    The file is opened without blocking (opening a FIFO would wait for a writer) and its type
    is checked on the open file; at most `limit + 1` bytes are read, so a file that grows
    while it is read cannot exceed the cap either. With `root`, the opened file must lie in
    it; with `follow=False`, a symbolic link is refused by the open itself."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror}") from exc
    try:
        if root is not None and not _opened_inside(fd, path, root):
            raise ContentError(path, None, OUTSIDE)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(path, None, NOT_REGULAR)
        if info.st_size > limit:
            raise ContentError(path, None, too_large(info.st_size, limit))
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    if size > limit:
        raise ContentError(path, None, too_large(size, limit))
    return b"".join(chunks)


def too_large(size: int, limit: int) -> str:
    return f"too large ({size:,} bytes; the limit is {limit:,})"


def read_text(path: Path, limit: int, root: Path | None = None) -> str:
    """A UTF-8 file (BOM or not) of at most `limit` bytes (inside `root`, if given)."""
    data = read_bytes(path, limit, root)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ContentError(path, line, "not UTF-8 text") from exc
