"""The one Jinja environment of every renderer: autoescaping on (off for CSS and JS templates),
undefined names are errors.

The built-in templates and static files live in the repository's top-level `templates/`; a
wheel carries the same folder inside the package (setup.py maps it in at build time), so an
installed copy and a source checkout (editable or not) both find them. A file of the same
relative name under `<project>/templates/` (or the older `<content>/templates/`, see
project.py) replaces the built-in one: one loader chain, the user's folders first. Templates
from a project (which may come from someone else) render in Jinja's sandbox: they format,
they cannot call into Python.

Templates render data, nothing else:
- the context of every template is plain values (text, numbers, booleans, lists, mappings and
  frozen `Record`s of those): a dataclass becomes a Record of its fields and properties, a
  path its text; no Path, module or object with methods reaches a template;
- an override renders in sandbox.py's immutable sandbox, with limits on time (in any
  thread), on what it writes and makes, and on the numbers it passes (widths and repeats are
  how a two-line template asks for gigabytes);
- every mistake in an override (syntax, an unknown name, a division by zero, what the
  sandbox refuses, endless recursion, a limit) is an error at its file and line;
- what an override renders passes template_guard: links on the allow-list, loads only from
  the media folder, CSS without `@import`.
"""

from __future__ import annotations

import dataclasses
import traceback
import weakref
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.exceptions import TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from markupsafe import Markup

from build_decks import media, project, reading, template_guard
from build_decks.errors import ContentError
from build_decks.extensions import ExtensionEntry
from build_decks.project import builtin_templates
from build_decks.render import sandbox
from build_decks.render.markup import (
    PREVIEW,
    Target,
    cloze_html,
    highlight_css,
    to_html,
    to_inline_html,
)

PACKAGED = FileSystemLoader(builtin_templates())


def _target(context: Context) -> Target:
    """The output being rendered (a template's `target`, a Record of a Target) decides how
    formulas, images and cloze deletions show."""
    found = context.get("target")
    if isinstance(found, Record):
        media_folder = found["media"]
        dialect = tuple(ExtensionEntry(**entry) for entry in found["markdown"])
        return Target(**{**found, "media": Path(media_folder) if media_folder else None,
                         "markdown": dialect})
    return found or PREVIEW


class Record(Mapping):
    """A frozen record for templates: its fields read as attributes (`card.front`) or keys,
    and it has no other behaviour."""

    __slots__ = ("_fields",)

    def __init__(self, fields: dict[str, object]) -> None:
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name: str) -> object:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Record is read-only")

    def __getitem__(self, key: str) -> object:
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"Record({self._fields!r})"


PLAIN = (str, int, float, bool, type(None))


@cache
def _members(kind: type) -> tuple[str, ...]:
    """What a template sees of a dataclass: its fields, then its properties (its own and
    those it inherits)."""
    properties = {name: None for klass in reversed(kind.__mro__)
                  for name, member in vars(klass).items() if isinstance(member, property)}
    return (*(f.name for f in dataclasses.fields(kind)), *properties)


_RECORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Frozen dataclass -> its Record: a card is converted once, not once per render."""


def _hashable(value: object) -> bool:
    """A frozen dataclass of hashable values: its Record can be kept with it."""
    if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return False
    try:
        hash(value)
    except TypeError:  # a list in a field
        return False
    return True


def template_data(value: object, memo: dict[int, tuple[object, object]] | None = None
                  ) -> object:
    """`value` as plain data for a template: text (Markup stays Markup), numbers, booleans,
    None, lists (from lists and tuples), mappings, and Records for dataclasses (their fields
    and properties); a path becomes its text. Anything else is a bug, not a value.

    `memo` (id -> (original, converted)) converts a value met twice once; it holds the
    original too, so that a value made on the fly (a property that returns a new list) stays
    alive and its id cannot be reused by the next one."""
    memo = {} if memo is None else memo
    if isinstance(value, PLAIN):
        return value
    if (known := memo.get(id(value))) is not None:
        return known[1]
    if isinstance(value, Path):
        converted: object = str(value)
    elif isinstance(value, (list, tuple)):
        converted = [template_data(item, memo) for item in value]
    elif isinstance(value, Mapping):
        converted = {str(k): template_data(v, memo) for k, v in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = _hashable(value)
        if frozen and (record := _RECORDS.get(value)) is not None:
            return record
        converted = Record({name: template_data(getattr(value, name), memo)
                            for name in _members(type(value))})
        if frozen:
            _RECORDS[value] = converted
    else:
        raise TypeError(f"{type(value).__name__} is not template data")
    memo[id(value)] = (value, converted)
    return converted


@pass_context
def _markdown(context: Context, text: str) -> Markup:
    return to_html(text, _target(context))


@pass_context
def _markdown_inline(context: Context, text: str) -> Markup:
    return to_inline_html(text, _target(context))


@pass_context
def _cloze(context: Context, text: str, mode: str) -> Markup:
    """`card.front | cloze("blank")`: a cloze card's text, deletions shown as `mode` says."""
    return cloze_html(text, _target(context).with_cloze(mode))  # type: ignore[arg-type]


def css_string(value: str) -> str:
    """A quoted CSS string that no text can break out of (quotes, newlines, `</style>`)."""
    escaped = "".join(c if c.isalnum() or c in " -_.,:;!?()'&/" else f"\\{ord(c):x} "
                      for c in str(value))
    return f'"{escaped}"'


def _configured(kind: type[Environment], loader: BaseLoader) -> Environment:
    env = kind(
        loader=loader,
        autoescape=select_autoescape(disabled_extensions=("css.j2", "js.j2"),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(markdown=_markdown, markdown_inline=_markdown_inline, cloze=_cloze,
                       css_string=css_string)
    env.globals["highlight_css"] = highlight_css
    if isinstance(env, sandbox.Sandbox):
        env.seal()
    return env


ENV = _configured(Environment, PACKAGED)


class _InsideLoader(BaseLoader):
    """The user's templates: regular files of at most MAX_TEMPLATE_BYTES, never one that a
    link leads outside the project folder."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, root

    def get_source(self, environment: Environment, template: str):  # type: ignore[override]
        path = self.folder.joinpath(*split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        if not reading.inside(self.root, path):
            raise ContentError(path, None, reading.OUTSIDE)
        text = reading.read_text(path, template_guard.MAX_TEMPLATE_BYTES, self.root)
        stamp = path.stat().st_mtime_ns
        return text, str(path), lambda: path.exists() and path.stat().st_mtime_ns == stamp


@cache
def _overridden(folders: tuple[Path, ...], root: Path) -> Environment:
    loader = ChoiceLoader([*(_InsideLoader(folder, root) for folder in folders), PACKAGED])
    return _configured(sandbox.Sandbox, loader)


def environment(root: Path | None) -> Environment:
    """The templates for a content folder: its project's overrides first, if it has any."""
    folders = project.override_folders(root, builtin_templates()) if root is not None else []
    if not folders:
        return ENV
    return _overridden(tuple(folders), project.root_of(root).resolve())  # type: ignore[arg-type]


def render(root: Path | None, template: str, /, **context: object) -> str:
    env = environment(root)
    data = template_data(context)
    if env is ENV:  # the built-in templates: a mistake in them is a bug, not the user's input
        return env.get_template(template).render(**data)  # type: ignore[arg-type]
    folders = project.override_folders(root, builtin_templates())  # type: ignore[arg-type]
    stylesheet = template.endswith(".css.j2")
    with sandbox.limited() as limits:  # the render and the check of what it wrote
        try:
            found = env.get_template(template)
            text = sandbox.written(found, data, template_guard.MAX_CSS if stylesheet
                                   else sandbox.MAX_OUTPUT)
        except ContentError:
            raise
        except Exception as exc:  # the sandbox, a division by zero, recursion, a limit, ...
            raise _template_error(exc, folders) from None
        shown = media.Folder.of(root)  # type: ignore[arg-type]
        try:
            if stylesheet:
                return template_guard.clean_stylesheet(text, shown)[0]
            if template.endswith(".html"):
                return template_guard.clean_document(text, shown, limits.pace)[0]
            return text
        except sandbox.TooSlow:
            raise ContentError(found.filename or folders[0], None, "template: its output takes "
                               f"longer than {sandbox.RENDER_SECONDS} s to check "
                               f"({text.count('<'):,} tags)") from None


def _template_error(exc: Exception, folders: list[Path]) -> ContentError:
    """A user template's mistake (syntax, an unknown name, what the sandbox refuses, an
    error while it runs, a limit) at its file and line."""
    message = f"{exc}" if isinstance(exc, TemplateError) else (
        f"{type(exc).__name__}: {exc}")
    if isinstance(exc, RecursionError):
        message = "recursion too deep (a macro or include that calls itself?)"
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ContentError(exc.filename, exc.lineno, f"template: {message}")
    inside = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if any(Path(frame.filename).resolve().is_relative_to(folder.resolve())
                     for folder in folders)]
    if inside:
        return ContentError(inside[-1].filename, inside[-1].lineno, f"template: {message}")
    return ContentError(folders[0], None, f"template: {message}")


def static(root: Path | None, name: str) -> str:
    """A file used as it is (the pack's script, Anki's card templates), overridable too."""
    env = environment(root)
    return env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
