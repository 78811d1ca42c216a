"""content/config.yaml and the sources: every document under content/sources/ is a source.

A source needs no configuration: its deck name comes from its file name, its title from the
document. `sources:` entries in config.yaml are optional overrides, matched by `file`: `name`,
`title`, `format` (a reader name) and `topic` (for every card of the source).

A deck name, once given, stays: import-lock.json remembers which file each deck was read
from, so a new file whose name slugs the same way gets `-2` rather than taking the name.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

from build_decks import lockfile, reading
from build_decks.errors import ContentError, ContentErrors
from build_decks.extensions import KEY as EXTENSIONS_KEY
from build_decks.extensions import Dialect, read_dialect
from build_decks.readers import reader_for
from build_decks.yamlio import LineDict, load_yaml_with_lines

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SOURCE_KEYS = frozenset({"name", "file", "format", "title", "topic"})
FILE_KEY = "_file"  # in a deck's lock entry: the source file the deck was read from


@dataclass(frozen=True)
class SourceConfig:
    name: str
    file: str  # relative to the content folder: sources/...
    format: str | None = None
    title: str | None = None
    topic: str | None = None
    line: int = 0
    refused: str = ""  # why it may not be read (a link out of content/sources), if it may not
    named: bool = False  # its name is given in config.yaml (never taken from another deck)


@dataclass(frozen=True)
class Config:
    root: Path
    title: str
    author: str
    language: str
    sources: tuple[SourceConfig, ...]
    markdown: Dialect = ()  # `markdown_extensions`: what Python-Markdown adds to its own
    unread: tuple[str, ...] = ()  # files under sources/ that no reader takes (`discover`)

    @property
    def path(self) -> Path:
        return self.root / "config.yaml"

    @property
    def decks_dir(self) -> Path:
        return self.root / "decks"

    @property
    def topics_path(self) -> Path:
        return self.root / "topics.yaml"

    @property
    def lock_path(self) -> Path:
        return self.root / "import-lock.json"

    def deck_path(self, name: str) -> Path:
        return self.decks_dir / f"{name}.yaml"


def slug(text: str, fallback: str = "deck", max_length: int = 60) -> str:
    """Lower-case ASCII words joined by `-`; other scripts are transliterated, not lost."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    return "-".join(words)[:max_length].strip("-") or fallback


def discover(root: Path) -> tuple[list[str], list[str]]:
    """What is under sources/, as paths relative to the content folder, in one walk:
    - the documents: files a reader takes by their name, and linked folders (`outside`
      refuses those that lead out; the files of one that leads inside are found where they
      really are);
    - the files no reader takes (a `.pdf`, a `.docx`), which the import reports rather than
      skip in silence. Images, sound and video are a document's media (a Markdown note's
      `images/` folder), and hidden files (`.DS_Store`, `.gitkeep`) are nobody's."""
    folder = root / "sources"
    documents, others = [], []
    for path in folder.rglob("*") if folder.is_dir() else ():
        if path.name.startswith("."):
            continue
        if (path.is_symlink() and path.is_dir() and not reading.inside(folder, path)) or (
                not path.is_dir() and reader_for(path)):
            documents.append(path.relative_to(root).as_posix())
        elif path.is_file() and not _is_media(path):
            others.append(path.relative_to(root).as_posix())
    return sorted(documents), sorted(others)


def _is_media(path: Path) -> bool:
    kind = mimetypes.guess_type(path.name)[0] or ""
    return kind.split("/")[0] in ("image", "audio", "video")


def outside(root: Path, file: str) -> str:
    """Why `file` may not be read as a source, or "": it must stay inside content/sources
    (no absolute path, no `..`, no symbolic link that leads out)."""
    if Path(file).is_absolute() or ".." in Path(file).parts:
        return "a source must be a path inside content/sources, not an absolute path or `..`"
    if not file.isprintable() or file != file.encode("utf-8", "replace").decode("utf-8"):
        return ("its file name has a line break, a control character or bytes that are not "
                "UTF-8: rename the file")
    if not reading.inside(root / "sources", root / file):
        return "refused: it leads outside content/sources (a symbolic link?)"
    return ""


ENTRIES = ("config.yaml", "topics.yaml", "import-lock.json", "anki-lock.json", "sources",
           "decks", "media", "templates")  # what a content folder holds


def check_inside(root: Path) -> None:
    """Every file and folder the content folder holds must really be in it: a linked
    `decks/` or `media/` that leads elsewhere would be read from and written to there."""
    errors = [ContentError(root / name, None, reading.OUTSIDE) for name in ENTRIES
              if (root / name).is_symlink() and not reading.inside(root, root / name)]
    if errors:
        raise ContentErrors(errors)


def _overrides(path: Path, data: dict) -> tuple[dict[str, dict], list[ContentError]]:
    raw, errors, seen = data.get("sources") or [], [], {}
    if not isinstance(raw, list):
        return {}, [ContentError(path, getattr(data, "key_lines", {}).get("sources", 1),
                                 "`sources` must be a list of {file, name, title, ...}")]
    for item in raw:
        line = getattr(item, "line", 0) or getattr(data, "key_lines", {}).get("sources", 0)
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            errors.append(ContentError(path, line, "a source entry needs a `file`"))
            continue
        if reason := outside(path.parent, item["file"]):
            errors.append(ContentError(path, line, f"source {item['file']!r}: {reason}"))
            continue
        unknown = set(map(str, item)) - SOURCE_KEYS
        if unknown:
            errors.append(ContentError(path, line, f"unknown source keys: {sorted(unknown)}"))
        for key in SOURCE_KEYS - {"file"}:
            if item.get(key) is not None and not isinstance(item[key], str):
                errors.append(ContentError(path, line, f"source `{key}` must be text"))
        name = item.get("name")
        if isinstance(name, str) and not NAME.match(name):
            errors.append(ContentError(path, line, f"source name {name!r}: use a-z, 0-9 and -"))
        seen[item["file"]] = item
    return seen, errors


def _known_names(root: Path) -> dict[str, str]:
    """file -> deck name, as the last import named them."""
    try:
        lock = lockfile.load(root / "import-lock.json")
    except ContentError:
        return {}  # the import reports a broken lock
    return {str(entry.get(FILE_KEY)): name for name, entry in lock.items()
            if isinstance(entry, dict) and isinstance(entry.get(FILE_KEY), str)
            and NAME.match(name)}  # a name becomes a file name: the import checks the rest


def load_config(root: Path) -> Config:
    check_inside(root)
    path = root / "config.yaml"
    data = load_yaml_with_lines(path) if path.exists() else LineDict()
    if data is None:
        data = LineDict()
    if not isinstance(data, dict):
        raise ContentError(path, 1, "expected a mapping")
    overrides, errors = _overrides(path, data)
    for key in ("title", "author", "language"):
        if data.get(key) is not None and not isinstance(data[key], str):
            errors.append(ContentError(path, data.key_lines.get(key, 1), f"`{key}` must be text"))
    unknown = set(data) - {"title", "author", "language", "sources", EXTENSIONS_KEY}
    if unknown:
        errors.append(ContentError(path, 1, f"unknown keys: {sorted(unknown)} (known: title, "
                                             f"author, language, sources, {EXTENSIONS_KEY})"))
    dialect, wrong = read_dialect(path, data.get(EXTENSIONS_KEY),
                                  getattr(data, "key_lines", {}).get(EXTENSIONS_KEY, 1))
    errors += wrong
    files, unread = discover(root)
    for file, item in overrides.items():
        if file not in files:
            errors.append(ContentError(path, getattr(item, "line", 0),
                                       f"source file {file!r} not found under sources/"))
    known = _known_names(root)
    taken: dict[str, str] = {}
    for file in files:  # names given in config.yaml come first, then names already in use
        name = (overrides.get(file) or {}).get("name")
        if isinstance(name, str):
            if name in taken:
                line = getattr(overrides[file], "line", 0)
                errors.append(ContentError(path, line, f"source name {name!r} is used twice"))
            taken[name] = file
    for file in files:
        if file not in taken.values() and known.get(file) and known[file] not in taken:
            taken[known[file]] = file
    for file in files:
        if file not in taken.values():
            base = slug(Path(file).stem)
            name, n = base, 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            taken[name] = file
    if errors:
        raise ContentErrors(errors)
    names = {file: name for name, file in taken.items()}
    sources = []
    listed = [file for file in overrides if file in names]  # study order, as listed
    for file in listed + [file for file in files if file not in overrides]:
        item = overrides.get(file) or {}
        sources.append(SourceConfig(names[file], file, item.get("format"), item.get("title"),
                                    item.get("topic"), getattr(item, "line", 0),
                                    outside(root, file), isinstance(item.get("name"), str)))
    return Config(root, str(data.get("title") or "Interview Prep"), str(data.get("author") or ""),
                  str(data.get("language") or "en"), tuple(sources), dialect,
                  tuple(f for f in unread if f not in overrides))
