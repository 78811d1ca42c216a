"""`build-decks init DIR`: a starter project shaped like this repository.

    DIR/content/config.yaml, topics.yaml, sources/example.md
    DIR/templates/README.md     what an override can replace
    DIR/Makefile, README.md, .gitignore (dist/)

Everything is checked before anything is written: a file already there (even a dangling
link), a folder that is a file or a link, a folder that cannot be written. Nothing is ever
replaced: each file is created only if it does not exist at that moment. If writing fails
half-way (a full disk, Ctrl-C), what was written is removed again, so the folder is as it was.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from build_decks.errors import ContentError, ContentErrors

FILES = {  # in the project -> in this package
    "content/config.yaml": "content/config.yaml",
    "content/topics.yaml": "content/topics.yaml",
    "content/sources/example.md": "content/sources/example.md",
    "templates/README.md": "templates/README.md",
    "Makefile": "Makefile",
    "README.md": "README.md",
    ".gitignore": "gitignore",  # a dotfile would not travel in the package
}


def _contents() -> dict[str, bytes]:
    here = files(__package__)
    found = {name: here.joinpath(*packaged.split("/")).read_bytes()
             for name, packaged in FILES.items()}
    found["templates/README.md"] += _builtin_list().encode("utf-8")
    return found


def _builtin_list() -> str:
    from build_decks.project import builtin_templates

    folder = builtin_templates()
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return "".join(f"\n- `{name}`" for name in names) + "\n"


def problems(folder: Path, names: list[str]) -> list[ContentError]:
    """Why the starter cannot be written into `folder`, all of it, before anything is."""
    found: list[ContentError] = []
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return [ContentError(folder, None, "exists and is not a folder; init writes a new "
                             "project into a new or empty folder")]
    folders = {Path(name).parent for name in names} - {Path(".")}
    for relative in sorted(folders | {p for f in folders for p in f.parents} - {Path(".")}):
        path = folder / relative
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            found.append(ContentError(path, None, "is in the way: init needs a folder here "
                                      "(not a file or a link)"))
    for name in names:
        path = folder / name
        if path.is_symlink() or path.exists():
            found.append(ContentError(path, None, "exists already: init never replaces a file "
                                      "(move it away, or start the project in a new folder)"))
    existing = next(p for p in (folder, *folder.absolute().parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        found.append(ContentError(existing, None, "cannot be written to"))
    return found


def write_starter(folder: Path) -> list[Path]:
    """Write the starter project into `folder`; nothing at all if anything is in the way."""
    contents = _contents()
    if found := problems(folder, list(contents)):
        raise ContentErrors(found)
    made: list[Path] = []  # files and folders this call created, to remove again on failure
    try:
        for name, data in contents.items():
            path = folder / name
            for parent in [folder, *(folder / p for p in reversed(Path(name).parents[:-1]))]:
                if not parent.exists():
                    parent.mkdir()
                    made.append(parent)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            made.append(path)
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
    except BaseException:
        for path in reversed(made):
            (path.rmdir if path.is_dir() else path.unlink)()
        raise
    return [p for p in made if p.is_file()]
