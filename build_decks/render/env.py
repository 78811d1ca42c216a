"""The one Jinja environment of every renderer: autoescaping on (off for CSS and JS templates),
undefined names are errors."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from build_decks.render.markup import highlight_css, to_html, to_inline_html

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
ENV.filters["markdown"] = to_html
ENV.filters["markdown_inline"] = to_inline_html
ENV.globals["highlight_css"] = highlight_css


def css_string(value: str) -> str:
    """A quoted CSS string that no text can break out of (quotes, newlines, `</style>`)."""
    escaped = "".join(c if c.isalnum() or c in " -_.,:;!?()'&/" else f"\\{ord(c):x} "
                      for c in str(value))
    return f'"{escaped}"'


ENV.filters["css_string"] = css_string


def render(template: str, **context: object) -> str:
    return ENV.get_template(template).render(**context)
