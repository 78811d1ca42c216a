"""The one Jinja environment of every renderer: autoescaping on (off for CSS and JS templates),
undefined names are errors.

The built-in templates and static files live in the repository's top-level `templates/`; a
wheel carries the same folder inside the package (setup.py maps it in at build time), so an
installed copy and a source checkout (editable or not) both find them. A file of the same
relative name under `<project>/templates/` (or the older `<content>/templates/`, see
project.py) replaces the built-in one: one loader chain, the user's folders first. Templates
from a project (which may come from someone else) render in Jinja's sandbox: they format,
they cannot call into Python.
"""

from __future__ import annotations

import traceback
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
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from build_decks import project
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


def _target(context: Context) -> Target:
    """The output being rendered (a template's `target`) decides how formulas, images and
    cloze deletions show."""
    return context.get("target") or PREVIEW


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


class _InsideLoader(FileSystemLoader):
    """The user's templates, never a file that a link leads outside the project folder."""

    def __init__(self, folder: Path, root: Path) -> None:
        super().__init__(folder)
        self.root = root

    def get_source(self, environment: Environment, template: str):  # type: ignore[override]
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise ContentError(filename, None, "template outside the project folder (a link?)")
        return source, filename, uptodate


@cache
def _overridden(folders: tuple[Path, ...], root: Path) -> Environment:
    loader = ChoiceLoader([*(_InsideLoader(folder, root) for folder in folders), PACKAGED])
    return _configured(SandboxedEnvironment, loader)


def environment(root: Path | None) -> Environment:
    """The templates for a content folder: its project's overrides first, if it has any."""
    folders = project.override_folders(root, builtin_templates()) if root is not None else []
    if not folders:
        return ENV
    return _overridden(tuple(folders), project.root_of(root).resolve())  # type: ignore[arg-type]


def render(root: Path | None, template: str, /, **context: object) -> str:
    env = environment(root)
    try:
        return env.get_template(template).render(**context)
    except ContentError:
        raise
    except TemplateError as exc:
        if env is ENV:
            raise  # a built-in template failing is a bug, not the user's input
        folders = project.override_folders(root, builtin_templates())  # type: ignore[arg-type]
        raise _template_error(exc, folders) from None


def _template_error(exc: TemplateError, folders: list[Path]) -> ContentError:
    """A user template's mistake (syntax, an unknown name, what the sandbox refuses) at its
    file and line."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return ContentError(exc.filename, exc.lineno, f"template: {exc.message}")
    inside = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if any(Path(frame.filename).resolve().is_relative_to(folder.resolve())
                     for folder in folders)]
    if inside:
        return ContentError(inside[-1].filename, inside[-1].lineno, f"template: {exc}")
    return ContentError(folders[0], None, f"template: {exc}")


def static(root: Path | None, name: str) -> str:
    """A file used as it is (the pack's script, Anki's card templates), overridable too."""
    env = environment(root)
    return env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
