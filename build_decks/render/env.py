"""The one Jinja environment of every renderer: autoescaping on (off for CSS and JS templates),
undefined names are errors."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from build_decks.render.markup import (
    PREVIEW,
    Target,
    cloze_html,
    highlight_css,
    to_html,
    to_inline_html,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(disabled_extensions=("css.j2", "js.j2"), default_for_string=True,
                                 default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


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


ENV.filters["markdown"] = _markdown
ENV.filters["markdown_inline"] = _markdown_inline
ENV.filters["cloze"] = _cloze
ENV.globals["highlight_css"] = highlight_css


def css_string(value: str) -> str:
    """A quoted CSS string that no text can break out of (quotes, newlines, `</style>`)."""
    escaped = "".join(c if c.isalnum() or c in " -_.,:;!?()'&/" else f"\\{ord(c):x} "
                      for c in str(value))
    return f'"{escaped}"'


ENV.filters["css_string"] = css_string


def render(template: str, **context: object) -> str:
    return ENV.get_template(template).render(**context)
