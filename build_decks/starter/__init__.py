"""`build-decks init`: the starter project shipped in this folder, written out for a new user."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from build_decks.errors import BuildDecksError

FILES = ("config.yaml", "topics.yaml", "sources/example.md", "Makefile", "README.md")


def write_starter(folder: Path) -> list[Path]:
    """Write the starter files into `folder`; refuse if any of them exists already."""
    here: Traversable = files(__package__)
    taken = [folder / name for name in FILES if (folder / name).exists()]
    if taken:
        raise BuildDecksError(f"{taken[0]}: exists already; init writes only into a new or "
                              f"empty folder ({len(taken)} file(s) would be replaced)")
    written = []
    for name in FILES:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(here.joinpath(*name.split("/")).read_bytes())
        written.append(path)
    return written
