"""`markdown_extensions:` in config.yaml: more Python-Markdown extensions, as MkDocs has them.

    markdown_extensions:
      - abbr
      - pymdownx.mark
      - toc:
          permalink: true

An entry is an extension's name (Python-Markdown's own, `abbr`, or a module path,
`pymdownx.mark`) or a one-key mapping from the name to its options. Only extensions of an
installed package are accepted (never a module lying in the content folder or the current
one); each option must be one the extension has, and its text is read as the type of the
extension's default (`true` for a flag, `3` for a number). Every mistake is an error at
config.yaml's line, found when the config is read: the extensions are built then, with the
built-in ones, and tried on a sample text. The sanitizer runs after every extension, so none
can put a script into an output; extensions that read files or fetch from the network are
refused.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import site
import sysconfig
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points, packages_distributions
from pathlib import Path

import yaml
from markdown import Markdown
from markdown.extensions import Extension

from build_decks.errors import ContentError

KEY = "markdown_extensions"
# Extensions that read files or URLs into the text: no stage reads outside the content folder.
REFUSED = {
    "pymdownx.snippets": "it reads files (and URLs) into the text",
    "pymdownx.b64": "it reads image files from outside the media folder",
    "fenced_code": "code fences are rendered already (pymdownx.superfences)",
    "markdown.extensions.fenced_code": "code fences are rendered already (pymdownx.superfences)",
}
TRIAL = "# Title\n\nText with *emphasis*, a [link](https://example.org) and `code`.\n"
TRUE, FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


@dataclass(frozen=True)
class ExtensionEntry:
    """One configured extension; its options as JSON text, so that a dialect is hashable (the
    converter for it is built once) and is plain data where a template sees it."""

    name: str
    options: str = "{}"


Dialect = tuple[ExtensionEntry, ...]


def extension_configs(dialect: Dialect) -> tuple[list[str], dict[str, dict]]:
    """Names and option mappings for Python-Markdown's constructor."""
    return [e.name for e in dialect], {e.name: json.loads(e.options) for e in dialect}


@cache
def _entry_points() -> dict[str, str]:
    """Python-Markdown's registered short names (`abbr`, `toc`) -> their `module:Class`."""
    return {ep.name: ep.value for ep in entry_points(group="markdown.extensions")}


@cache
def _installed_packages() -> frozenset[str]:
    """Top-level modules of installed distributions (not a file in the current folder)."""
    return frozenset(packages_distributions())


@cache
def _installed_roots() -> tuple[Path, ...]:
    """Where installed packages live (this environment's site-packages, the user's): an
    extension's code must come from there, never from the project or the current folder,
    which `python -m` puts first on the import path."""
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("purelib", "platlib") if key in paths}
    roots.add(site.getusersitepackages())
    return tuple(Path(root).resolve() for root in roots)


def _installed(name: str) -> str:
    """Why `name` is not an extension of an installed package, or ""."""
    module, _, attribute = _entry_points().get(name, name).partition(":")
    if module in REFUSED or name in REFUSED:
        return f"refused: {REFUSED.get(module) or REFUSED[name]}"
    if not all(part.isidentifier() for part in [*module.split("."), *filter(None, [attribute])]):
        return "not an extension name (a module path such as `pymdownx.mark`)"
    if module.split(".")[0] not in _installed_packages():
        return "no installed package has it (`pip install` the package that provides it)"
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
    if origin is None or not origin.is_file():
        return "no installed package has it"
    if not any(origin.is_relative_to(root) for root in _installed_roots()):
        return (f"refused: its code is {origin}, not in an installed package (a file of the "
                "project or the current folder is never run)")
    return ""


def _built(name: str) -> Extension:
    """The extension, built only from what is one: a `module:Class` must name a subclass of
    Python-Markdown's Extension (no other callable of an installed package is called), and a
    module its `makeExtension`."""
    module_name, _, attribute = _entry_points().get(name, name).partition(":")
    module = importlib.import_module(module_name)
    if attribute:
        found = getattr(module, attribute, None)
        if not (isinstance(found, type) and issubclass(found, Extension)):
            raise TypeError(f"{attribute} is not a Python-Markdown Extension class")
        return found()
    if not callable(getattr(module, "makeExtension", None)):
        raise TypeError("the module has no makeExtension")
    extension = module.makeExtension()
    if not isinstance(extension, Extension):
        raise TypeError("its makeExtension makes no Python-Markdown Extension")
    return extension


def _coerced(value: object, default: object, option: str) -> object:
    """YAML text read as the type of the option's default."""
    if callable(default):
        raise ValueError(f"option `{option}` takes Python code, which config.yaml cannot give")
    if isinstance(default, bool):
        text = str(value).strip().lower()
        if text in TRUE | FALSE:
            return text in TRUE
        raise ValueError(f"option `{option}` is true or false, not {value!r}")
    if isinstance(default, (int, float)) and not isinstance(value, (str, int, float)):
        raise ValueError(f"option `{option}` is a number (or true or false)")
    if isinstance(default, (int, float)) and isinstance(value, str):
        text = value.strip()
        if text.lower() in TRUE | FALSE:  # `permalink: true` (a flag that may be a number)
            return text.lower() in TRUE
        try:
            return type(default)(text)
        except ValueError:  # text where a number is usual (`permalink: "#"`): its own check
            return value
    if isinstance(default, str) and not isinstance(value, str):
        raise ValueError(f"option `{option}` is text")
    if isinstance(default, list) and not isinstance(value, list):
        raise ValueError(f"option `{option}` is a list")
    if isinstance(default, dict) and not isinstance(value, dict):
        raise ValueError(f"option `{option}` is a mapping")
    return value


def _item_lines(path: Path, fallback: int) -> list[int]:
    """The line of each entry of the list (a plain-text entry carries no line of its own)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == KEY and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return [fallback]


def _entry(item: object, path: Path, line: int) -> ExtensionEntry:
    if isinstance(item, str):
        name, options = item.strip(), {}
    elif isinstance(item, dict) and len(item) == 1:
        name, options = next(iter(item.items()))
        options = {} if options is None else options
        if not isinstance(options, dict):
            raise ContentError(path, line, f"{KEY}: the options of {name!r} must be a mapping "
                               "(option: value)")
    else:
        raise ContentError(path, line, f"{KEY}: an entry is an extension name or "
                           "`name: {option: value}`")
    if why := _installed(name):
        raise ContentError(path, line, f"{KEY}: {name!r}: {why}")
    try:
        extension = _built(name)
    except Exception as exc:  # whatever an installed module raises while it is imported or built
        raise ContentError(path, line, f"{KEY}: {name!r} is not a Python-Markdown extension "
                           f"({type(exc).__name__}: {str(exc)[:200]})") from None
    defaults = extension.getConfigs()
    typed = {}
    for option, value in options.items():
        option_line = getattr(options, "key_lines", {}).get(option, line)
        if option not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise ContentError(path, option_line, f"{KEY}: {name!r} has no option "
                               f"`{option}` (its options: {known})")
        try:
            typed[option] = _coerced(value, defaults[option], option)
            Markdown().build_extension(name, {option: typed[option]})
        except Exception as exc:  # the extension's own check of the value
            raise ContentError(path, option_line, f"{KEY}: {name!r}: {exc}") from None
    return ExtensionEntry(name, json.dumps(typed, ensure_ascii=False))


def read_dialect(path: Path, raw: object, line: int) -> tuple[Dialect, list[ContentError]]:
    """The configured extensions, and an error for each entry that cannot be used."""
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [ContentError(path, line, f"`{KEY}` must be a list of extension names")]
    lines = _item_lines(path, line)
    entries, errors = [], []
    for index, item in enumerate(raw):
        item_line = getattr(item, "line", 0) or (lines[index] if index < len(lines) else line)
        try:
            entries.append(_entry(item, path, item_line))
        except ContentError as error:
            errors.append(error)
    if entries and not errors:
        from build_decks.render.markup import converter  # the built-in set, with these added

        try:
            converter(tuple(entries))[0].reset().convert(TRIAL)
        except Exception as exc:  # an extension's own failure, whatever it raises
            errors.append(ContentError(path, line, f"{KEY}: with these extensions, Python-"
                                       f"Markdown fails on a sample text: {exc}"))
    return tuple(entries), errors
