"""The one Jinja environment of every renderer: autoescaping on (off for CSS and JS templates),
undefined names are errors.

The built-in templates and static files live in the repository's top-level `templates/`; a
wheel carries the same folder inside the package (setup.py maps it in at build time), so an
installed copy and a source checkout (editable or not) both find them. A file of
the same relative name under `<content>/templates/` replaces the built-in one: one loader chain,
the user's folder first. Templates from a content folder (which may come from someone else)
render in Jinja's sandbox: they format, they cannot call into Python.

Templates render data, nothing else:
- the context of every template is plain values (text, numbers, booleans, lists, mappings and
  frozen `Record`s of those): a dataclass becomes a Record of its fields and properties, a
  path its text; no Path, module or object with methods reaches a template;
- an override's rendering has limits: MAX_OUTPUT characters, RENDER_SECONDS (in the main
  thread, where a signal can stop it), and no number over MAX_ARGUMENT passed to a filter, a
  method or `*`/`**` (widths and repeats are how a two-line template asks for gigabytes);
- every mistake in an override (syntax, an unknown name, a division by zero, what the
  sandbox refuses, endless recursion, a limit) is an error at its file and line;
- what an override renders passes template_guard: links on the allow-list, loads only from
  the media folder, CSS without `@import`.
"""

from __future__ import annotations

import dataclasses
import functools
import signal
import threading
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
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from build_decks import media, reading, template_guard
from build_decks.errors import ContentError
from build_decks.render.markup import (
    PREVIEW,
    Target,
    cloze_html,
    highlight_css,
    to_html,
    to_inline_html,
)


def builtin_templates() -> Path:
    """The built-in templates: inside the package in a wheel, else the checkout's `templates/`."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


PACKAGED = FileSystemLoader(builtin_templates())
OVERRIDES = "templates"  # <content>/templates/<the built-in template's relative name>


def _target(context: Context) -> Target:
    """The output being rendered (a template's `target`, a Record of a Target) decides how
    formulas, images and cloze deletions show."""
    found = context.get("target")
    if isinstance(found, Record):
        media_folder = found["media"]
        return Target(**{**found, "media": Path(media_folder) if media_folder else None})
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
    """What a template sees of a dataclass: its fields, then its properties."""
    return (*(f.name for f in dataclasses.fields(kind)),
            *(name for name, member in vars(kind).items() if isinstance(member, property)))


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
    return env


ENV = _configured(Environment, PACKAGED)


MAX_OUTPUT = 200_000_000  # characters one render may write; a 10,000-card pack is 15 MB
RENDER_SECONDS = 30  # for one override render; the built-in templates take 3 s at 10,000 cards
MAX_ARGUMENT = 100_000  # a number a template passes to a filter, a method, `*`, `**` or `%`


def _check_numbers(values: object, what: str) -> None:
    for value in values:  # type: ignore[attr-defined]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                abs(value) > MAX_ARGUMENT):
            raise SecurityError(f"{what}: the number {value:.3g} is over {MAX_ARGUMENT:,}")


def _format_widths(text: str) -> list[int]:
    """The widths and precisions of a `%` format (`%1000000000d` asks for a gigabyte)."""
    found, at = [], text.find("%")
    while 0 <= at < len(text) - 1:
        start = at + 1
        if text[start] == "(":  # a mapping key
            start = text.find(")", start) + 1 or len(text)
        end = start
        while end < len(text) and (text[end] in "#0- +." or text[end].isdigit()):
            end += 1
        spec = "".join(c if c.isdigit() else " " for c in text[start:end])
        found += [int(n) for n in spec.split()]
        at = text.find("%", max(end, at + 2))
    return found


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with bounds on what one expression can ask for."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Context, operator: str, left: object, right: object):
        _check_numbers((left, right) if operator == "**" else (), "`**`")
        if operator == "%" and isinstance(left, str):
            _check_numbers([*_format_widths(left), *(
                right if isinstance(right, tuple) else (right,))], "`%`")
        if operator == "*":
            for times, other in ((right, left), (left, right)):
                if isinstance(times, int) and hasattr(other, "__len__") and (
                        times * len(other) > MAX_OUTPUT):  # type: ignore[arg-type]
                    raise SecurityError(f"`*` would make {times * len(other):,} items")
                if isinstance(times, int) and isinstance(other, int):
                    _check_numbers((times, other), "`*`")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: object, *args: object, **kwargs: object):
        _check_numbers([*args, *kwargs.values()], "a call")
        return super().call(__context, __obj, *args, **kwargs)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _bounded(name, f) for name, f in self.filters.items()}


def _bounded(name: str, function):
    """A filter that refuses numbers over MAX_ARGUMENT in its arguments (not in the value it
    filters): `indent`, `center`, `truncate`, `batch`, ... (compiled templates call filters
    directly, so the check goes around each one)."""
    skip = 1 + hasattr(function, "jinja_pass_arg")  # the value, and a context before it

    @functools.wraps(function)
    def bounded(*args: object, **kwargs: object) -> object:
        _check_numbers([*args[skip:], *kwargs.values()], f"filter {name!r}")
        return function(*args, **kwargs)
    return bounded


class _InsideLoader(BaseLoader):
    """The user's templates: regular files of at most MAX_TEMPLATE_BYTES, never one that a
    link leads outside the content folder."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, root

    def get_source(self, environment: Environment, template: str):  # type: ignore[override]
        path = self.folder.joinpath(*split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        if not reading.inside(self.root, path):
            raise ContentError(path, None, reading.OUTSIDE)
        text = reading.read_text(path, template_guard.MAX_TEMPLATE_BYTES)
        stamp = path.stat().st_mtime_ns
        return text, str(path), lambda: path.exists() and path.stat().st_mtime_ns == stamp


@cache
def _overridden(folder: Path, root: Path) -> Environment:
    loader = ChoiceLoader([_InsideLoader(folder, root), PACKAGED])
    return _configured(_Sandbox, loader)


def environment(root: Path | None) -> Environment:
    """The templates for a content folder: its own `templates/` first, if it has one."""
    folder = root / OVERRIDES if root is not None else None
    if folder is None or not folder.is_dir():
        return ENV
    return _overridden(folder, root.resolve())  # type: ignore[union-attr]


def render(root: Path | None, template: str, /, **context: object) -> str:
    env = environment(root)
    data = template_data(context)
    if env is ENV:  # the built-in templates: a mistake in them is a bug, not the user's input
        return env.get_template(template).render(**data)  # type: ignore[arg-type]
    folder = root / OVERRIDES  # type: ignore[operator]
    try:
        with _Deadline():
            found = env.get_template(template)
            text = _written(found, data)  # type: ignore[arg-type]
    except ContentError:
        raise
    except Exception as exc:  # the sandbox, a division by zero, recursion, a limit, ...
        raise _template_error(exc, folder) from None
    shown = media.Folder.of(root)  # type: ignore[arg-type]
    if template.endswith(".css.j2"):
        return template_guard.clean_stylesheet(text, shown)[0]
    return template_guard.clean_document(text, shown)[0] if template.endswith(".html") else text


def _written(template, data: dict) -> str:
    """The template's output, stopped once it passes MAX_OUTPUT characters."""
    chunks, size = [], 0
    for chunk in template.generate(**data):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise ContentError(template.filename or template.name, None, f"template: writes "
                               f"more than {MAX_OUTPUT:,} characters (a loop?)")
        chunks.append(chunk)
    return "".join(chunks)


class TooSlow(Exception):
    def __str__(self) -> str:
        return f"takes longer than {RENDER_SECONDS} s to render (a loop?)"


class _Deadline:
    """RENDER_SECONDS for an override's render, by SIGALRM (main thread only: no other
    thread can interrupt running Python). The handler stays installed and acts only while a
    render is armed, so an alarm that comes as the render ends is ignored, not fatal."""

    armed = False

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGALRM, self._expired)
            _Deadline.armed = True
            signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)

    def __exit__(self, *exc: object) -> None:
        if _Deadline.armed:
            _Deadline.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    @staticmethod
    def _expired(signum: int, frame: object) -> None:
        if _Deadline.armed:
            _Deadline.armed = False
            raise TooSlow


def _template_error(exc: Exception, folder: Path) -> ContentError:
    """A user template's mistake (syntax, an unknown name, what the sandbox refuses, an
    error while it runs, a limit) at its file and line."""
    message = f"{exc}" if isinstance(exc, (TemplateError, TooSlow)) else (
        f"{type(exc).__name__}: {exc}")
    if isinstance(exc, RecursionError):
        message = "recursion too deep (a macro or include that calls itself?)"
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ContentError(exc.filename, exc.lineno, f"template: {message}")
    inside = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if Path(frame.filename).resolve().is_relative_to(folder.resolve())]
    if inside:
        return ContentError(inside[-1].filename, inside[-1].lineno, f"template: {message}")
    return ContentError(folder, None, f"template: {message}")


def static(root: Path | None, name: str) -> str:
    """A file used as it is (the pack's script, Anki's card templates), overridable too."""
    env = environment(root)
    return env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
