"""Where a project is: found from the current folder or a parent, as MkDocs finds mkdocs.yml.

A project is a folder shaped like this repository:

    content/      config.yaml (the marker), topics.yaml, sources/, decks/, media/, locks
    templates/    the project's template overrides (in this repository: the built-in set)
    dist/         what the build writes
    Makefile

A folder holding a `config.yaml` directly is a project of the older shape (what `init` wrote
before): there the folder is the content folder too. `--content` and `--dist` override what
is found; the outputs go into the project's `dist/`, never into the current folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_decks.errors import BuildDecksError

CONTENT, DIST, TEMPLATES = "content", "dist", "templates"
MARKER = "config.yaml"


@dataclass(frozen=True)
class Project:
    root: Path
    content: Path
    dist: Path


def _marks(path: Path) -> bool:
    """Whether a project's marker is there: any entry but a folder (a FIFO or a device in
    its place is found, and then refused by name when it is read, not passed over)."""
    return (path.exists() or path.is_symlink()) and not path.is_dir()


def _content_of(folder: Path) -> Path | None:
    """The content folder of a project rooted at `folder`, if it is one."""
    if _marks(folder / CONTENT / MARKER):
        return folder / CONTENT
    if _marks(folder / MARKER) and folder.name != CONTENT:  # `content/` is found above
        return folder
    return None


def root_of(content: Path) -> Path:
    """The project a content folder belongs to: its parent for `<project>/content`, the
    folder itself for a project of the older shape."""
    return content.parent if content.name == CONTENT else content


def find(start: Path) -> Project | None:
    """The nearest project at `start` or above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        content = _content_of(folder)
        if content is not None:
            return Project(_relative(folder, start), _relative(content, start),
                           _relative(folder / DIST, start))
    return None


def _relative(path: Path, start: Path) -> Path:
    """Shown as the user would type it: relative to where they are, when it is below."""
    try:
        return path.relative_to(start.resolve()) if path != start.resolve() else Path(".")
    except ValueError:
        return path


def resolve(content: Path | None, dist: Path | None, start: Path) -> Project:
    """The project the options and the current folder name (`--content`/`--dist` win)."""
    if content is not None:
        root = root_of(content)
        return Project(root, content, dist if dist is not None else root / DIST)
    found = find(start)
    if found is None:
        raise BuildDecksError(f"{start}: no build_decks project here or in a folder above (none "
                              f"has a {CONTENT}/{MARKER}): run `build-decks init DIR` to start "
                              "one, or give --content DIR")
    return Project(found.root, found.content, dist if dist is not None else found.dist)


def builtin_templates() -> Path:
    """The built-in templates: inside the package in a wheel, else the checkout's `templates/`."""
    package = Path(__file__).resolve().parent
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


def override_folders(content: Path, builtin: Path) -> list[Path]:
    """Where a project's template overrides are, in the order they win: `<project>/templates`
    (unless it is the built-in set itself, as in this repository), then the older
    `<content>/templates`."""
    folders = []
    for folder in (root_of(content) / TEMPLATES, content / TEMPLATES):
        if folder.is_dir() and folder.resolve() != builtin.resolve() and folder.resolve() not in (
                f.resolve() for f in folders):
            folders.append(folder)
    return folders


def legacy_templates(content: Path) -> Path | None:
    """`<content>/templates` of a project of the current shape: still read, with a notice."""
    folder = content / TEMPLATES
    return folder if root_of(content) != content and folder.is_dir() else None
