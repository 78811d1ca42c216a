"""The one Markdown -> HTML function every renderer uses, and the code-highlighting CSS.

Answers render as GitHub renders them: markdown-it-py in CommonMark mode with GFM tables,
strikethrough and autolinked URLs, the parser the reader uses, so a list under a paragraph
line, a list nested by two spaces or a fence inside a list item come out as the reader saw
them. (python-markdown, even with sane-list and breakless-list extensions, built a different
structure for 2.5 % of the corpus answers; see README.)

Content is data: the HTML (and any raw HTML in the Markdown) is sanitized with nh3 to a
small allow-list, so no script, event handler, style or `javascript:` URL survives. Braces are
written as character references, so `{{ x }}` or `{% x %}` in content shows literally and is
never template syntax for Jinja, Anki or a browser-side engine.
"""

from __future__ import annotations

import html
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from build_decks import urls

TAGS = {"p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup", "code", "pre",
        "kbd", "span", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "a"}
ATTRIBUTES = {"*": {"class"}, "a": {"href", "title"}, "th": {"align"}, "td": {"align"},
              "ol": {"start"}}
HIGHLIGHT_CLASS = "hl"
LIGHT_STYLE, DARK_STYLE = "friendly", "monokai"
ANSWER_HEADING = 4  # an answer sits under its question: its own headings start at h4


def _highlight(code: str, language: str, attributes: str) -> str:
    """Code in a `<pre class="hl">`, with pygments' classes when the language is known."""
    try:
        body = highlight(code, get_lexer_by_name(language), HtmlFormatter(nowrap=True))
    except ClassNotFound:
        body = html.escape(code, quote=False)
    return f'<pre class="{HIGHLIGHT_CLASS}"><code>{body}</code></pre>\n'


def _demote_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(ANSWER_HEADING, int(token.tag[1]))}"


_converter = (MarkdownIt("commonmark", {"html": True, "linkify": True, "highlight": _highlight})
              .enable(["table", "strikethrough", "linkify"])
              .use(admon_plugin).use(deflist_plugin))
_converter.core.ruler.push("demote_headings", _demote_headings)


def _allowed_attribute(element: str, attribute: str, value: str) -> str | None:
    """Links only to absolute web and mail addresses (urls.allowed): a relative link would
    become a `file://` link to the build machine in a PDF."""
    if attribute == "href":
        return value if urls.allowed(value) else None
    return value


def _clean(rendered: str) -> Markup:
    clean = nh3.clean(rendered, tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(urls.SCHEMES),
                      link_rel="noopener noreferrer", strip_comments=True,
                      attribute_filter=_allowed_attribute)
    return Markup(without_braces(clean))


def without_braces(html_text: str) -> str:
    """`{` and `}` as character references: never template syntax for Jinja or Anki."""
    return html_text.replace("{", "&#123;").replace("}", "&#125;")


def inert(text: str) -> Markup:
    """Plain text for an HTML field (a topic, a source): escaped, braces neutralised."""
    return Markup(without_braces(html.escape(text, quote=True)))


@cache
def to_html(text: str) -> Markup:
    """Sanitized HTML for a Markdown string (cached: each text is converted once per build)."""
    return _clean(_converter.render(text))


@cache
def to_inline_html(text: str) -> Markup:
    """Like to_html for one line of text (a question): no paragraph around it."""
    return _clean(_converter.renderInline(text.strip()))


def highlight_css(selector: str, dark: bool = False) -> str:
    """CSS for the highlight classes under `selector` (e.g. `.card.nightMode .hl`)."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    return HtmlFormatter(style=style).get_style_defs(selector)
