"""The one Markdown -> HTML function every renderer uses, and the code-highlighting CSS.

Content is data: Markdown (and any raw HTML in it) is converted, then sanitized with nh3 to
a small allow-list, so no script, event handler, style or `javascript:` URL survives. Braces
are written as character references, so `{{ x }}` or `{% x %}` in content shows literally and
is never template syntax for Jinja, Anki or a browser-side engine.
"""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
import nh3
from markupsafe import Markup
from pygments.formatters import HtmlFormatter

TAGS = {"p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup", "code", "pre",
        "kbd", "span", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "a"}
ATTRIBUTES = {"*": {"class"}, "a": {"href", "title"}, "th": {"align"}, "td": {"align"},
              "ol": {"start"}}
HIGHLIGHT_CLASS = "hl"
LIGHT_STYLE, DARK_STYLE = "friendly", "monokai"

_converter = markdown.Markdown(
    extensions=["fenced_code", "tables", "sane_lists", "codehilite"],
    extension_configs={"codehilite": {
        "css_class": HIGHLIGHT_CLASS, "guess_lang": False,
        # A class, not a name: looking a formatter up by name scans plugins for every block.
        "pygments_formatter": HtmlFormatter,
    }},
)
PLAIN = re.compile(r"[^\\`*_\[\]<>&#!|{}~\n]*")


@cache
def to_html(text: str) -> Markup:
    """Sanitized HTML for a Markdown string (cached: each text is converted once per build)."""
    html = _converter.reset().convert(text)
    # Answers are shown under their question: their own headings are sub-headings.
    html = re.sub(r"<(/?)h[1-3]\b", r"<\1h4", html)
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https",
                      "mailto"}, link_rel="noopener noreferrer", strip_comments=True)
    return Markup(clean.replace("{", "&#123;").replace("}", "&#125;"))


def to_inline_html(text: str) -> Markup:
    """Like to_html, without the paragraph around a one-paragraph text (for questions)."""
    if PLAIN.fullmatch(text):  # no Markdown or HTML in it: the text itself, escaped
        return Markup(html.escape(text.strip(), quote=False))
    converted = str(to_html(text))
    inner = converted.removeprefix("<p>").removesuffix("</p>")
    return Markup(inner if "<p>" not in inner else converted)


def highlight_css(selector: str, dark: bool = False) -> str:
    """CSS for the highlight classes under `selector` (e.g. `.card.nightMode .hl`)."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    return HtmlFormatter(style=style).get_style_defs(selector)
