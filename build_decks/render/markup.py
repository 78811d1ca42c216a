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

What differs between outputs is a `Target`: how formulas, images and cloze deletions show.
Formulas and deletion marks never pass through Markdown or the sanitizer: the parser leaves a
slot (private-use characters around a number) where each one goes, and the slots are filled
with the target's rendering after sanitizing (formulas.py renders them safely).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import nh3
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from build_decks import cloze, formulas, html_events, media, urls
from build_decks.inventory import inventory
from build_decks.syntax import MATH_TOKENS, card_markdown

TAGS = {"p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup", "code", "pre",
        "kbd", "span", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "a", "img"}
ATTRIBUTES = {"*": {"class"}, "a": {"href", "title"}, "th": {"align"}, "td": {"align"},
              "ol": {"start"}, "img": {"src", "alt", "title", "width", "height"}}
HIGHLIGHT_CLASS = "hl"
LIGHT_STYLE, DARK_STYLE = "friendly", "monokai"
ANSWER_HEADING = 4  # an answer sits under its question: its own headings start at h4
SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"

Cloze = Literal["anki", "reveal", "filled", "blank"]


@dataclass(frozen=True)
class Target:
    """How one output shows formulas, images and cloze deletions.

    math:   "tex" (Anki's MathJax delimiters), "mathml" (the pack), "svg" (PDFs);
    images: "name" (the bare media name: Anki), "data" (inlined: the pack), "file" (a file
            URL into the media folder, which only the PDFs' URL fetcher reads), "none";
    cloze:  "anki" (Anki's own syntax), "reveal" (numbered spans the pack reveals),
            "filled" (answers marked), "blank" (answers hidden, hints shown).
    """

    math: Literal["tex", "mathml", "svg"] = "mathml"
    images: Literal["name", "data", "file", "none"] = "none"
    media: Path | None = None
    cloze: Cloze = "filled"

    def with_cloze(self, mode: Cloze) -> Target:
        return replace(self, cloze=mode)

    def image_src(self, name: str) -> str | None:
        folder = media.Folder(self.media) if self.media else None
        if folder is None or self.images == "none" or folder.problem(name):
            return None
        if self.images == "data":
            return folder.data_uri(name)
        if self.images == "file":
            return folder.file_url(name)
        return name


PREVIEW = Target()  # text shown where no output is meant (tests, the benchmark's baseline)


@cache
def _lexer(language: str) -> Lexer | None:
    """pygments looks a lexer up by scanning every plugin's aliases: once per language."""
    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


def _highlight(code: str, language: str, attributes: str) -> str:
    """Code in a `<pre class="hl">`, with pygments' classes when the language is known."""
    lexer = _lexer(language)
    body = (highlight(code, lexer, HtmlFormatter(nowrap=True)) if lexer is not None
            else html.escape(code, quote=False))
    return f'<pre class="{HIGHLIGHT_CLASS}"><code>{body}</code></pre>\n'


def _demote_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(ANSWER_HEADING, int(token.tag[1]))}"


def _slot(env: dict, value: tuple) -> str:
    env["slots"].append(value)
    return f"{SLOT_OPEN}{len(env['slots']) - 1}{SLOT_CLOSE}"


def _math(self, tokens, index, options, env) -> str:
    token = tokens[index]
    display = MATH_TOKENS[token.type]
    slot = _slot(env, ("math", token.content, display))
    return f'<div class="formula">{slot}</div>\n' if display and token.block else slot


def _remote_link(src: str, alt: str) -> str:
    """A remote image is never fetched: it becomes a link with its alt text."""
    return f'<a class="remote-image" href="{html.escape(src)}">{html.escape(alt or src)}</a>'


def _alt_text(src: str, alt: str) -> str:
    """An image the output cannot show (missing, broken, not in the media folder): its alt
    text, or its file name when it has none. The card is never lost for an image."""
    shown = alt.strip() or Path(media.local_path(src)).name or "image"
    return f'<span class="image-alt">{html.escape(shown)}</span>'


def _image_as(src: str, alt: str, target: Target) -> str | None:
    """What stands for an image that is not shown as an image, or None."""
    if media.is_remote(src):
        return _remote_link(src, alt)
    if target.image_src(src) is None:
        return _alt_text(src, alt)
    return None


def _image(self, tokens, index, options, env) -> str:
    token = tokens[index]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if (instead := _image_as(src, alt, env["target"])) is not None:
        return instead
    return RendererHTML.image(self, tokens, index, options, env)


def _raw_html(self, tokens, index, options, env) -> str:
    """Raw HTML as written (the sanitizer cleans it), a remote `<img>` made a link, one that
    cannot be shown its alt text."""
    content = tokens[index].content
    if "<img" in content.lower():
        for event in html_events.events(content):
            if event.kind == "start" and event.value == "img" and event.written and (
                    instead := _image_as(event.attr("src"), event.attr("alt"),
                                         env["target"])) is not None:
                content = content.replace(event.written, instead)
    return content


_converter = card_markdown(highlight=_highlight)
_converter.core.ruler.push("demote_headings", _demote_headings)
for _name in MATH_TOKENS:
    _converter.add_render_rule(_name, _math)
_converter.add_render_rule("image", _image)
_converter.add_render_rule("html_inline", _raw_html)
_converter.add_render_rule("html_block", _raw_html)


def _sanitize(rendered: str, target: Target) -> str:
    def allowed(element: str, attribute: str, value: str) -> str | None:
        """Links only to absolute web and mail addresses (urls.allowed): a relative link would
        become a `file://` link to the build machine in a PDF. Images only from the media
        folder, as the target shows them."""
        if attribute == "href":
            return value if urls.allowed(value) else None
        if element == "img" and attribute == "src":
            return target.image_src(value)
        if element == "img" and attribute in ("width", "height"):
            return value if value.isdigit() else None
        return value

    clean = nh3.clean(rendered, tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(urls.SCHEMES),
                      link_rel="noopener noreferrer", strip_comments=True,
                      attribute_filter=allowed)
    return without_braces(clean)


def sanitize(html_text: str, target: Target) -> str:
    """HTML from elsewhere (a lock file's kept note) cleaned as rendered content is."""
    return _sanitize(html_text.replace(SLOT_OPEN, "").replace(SLOT_CLOSE, ""), target)


def without_braces(html_text: str) -> str:
    """`{` and `}` as character references: never template syntax for Jinja or Anki."""
    return html_text.replace("{", "&#123;").replace("}", "&#125;")


def inert(text: str) -> Markup:
    """Plain text for an Anki field (a topic, a source): escaped, braces neutralised, and no
    MathJax delimiter."""
    return Markup(without_tex_delimiters(without_braces(html.escape(text, quote=True))))


TEX_OPENERS = ("\\(", "\\[")  # what Anki's MathJax typesets from, in any text of a card


def without_tex_delimiters(html_text: str) -> str:
    """HTML whose text opens no formula in Anki: Anki's MathJax typesets whatever stands
    between `\\(` and `\\)` anywhere in a card, so text that shows these characters (written
    `\\\\(` in Markdown, or `&#92;(`) would reach it as TeX unchecked. An empty element
    between the backslash and the bracket keeps them text: MathJax reads no delimiter across
    an element. Our own formulas are put in after this (see _fill)."""
    for opener in TEX_OPENERS:
        html_text = html_text.replace(opener, f"{opener[0]}<span></span>{opener[1]}")
    return html_text


def template_field(rendered: str, target: Target) -> str:
    """HTML a template made for an Anki field (the related cards of a prompt): sanitized like
    content, and if its text holds a TeX command Anki's MathJax may not run (a template can
    write one outside any formula), no formula in it is typeset at all."""
    clean = _sanitize(rendered, target)
    text = html_events.text_of(clean)
    return without_tex_delimiters(clean) if formulas.refused(text) else clean


def _formula(tex: str, display: bool, target: Target) -> str:
    if why := formulas.problem(tex):
        return formulas.as_code(tex, display, why)
    if target.math == "tex":
        return without_braces(formulas.anki(tex, display))
    if target.math == "svg":
        rendered = formulas.svg_image(tex, display)
        return f'<span class="math-display">{rendered}</span>' if display else rendered
    return without_braces(formulas.mathml(tex, display))


def _deletion_mark(slot: tuple, target: Target, opening: bool) -> str:
    _, number, hint, _ = slot
    if target.cloze == "anki":
        hint_text = f"::{inert(hint)}" if hint else ""
        return f"{{{{c{number}::" if opening else f"{hint_text}}}}}"
    if target.cloze == "reveal":
        return (f'<span class="cloze" data-c="{number}" data-hint="{html.escape(hint)}">'
                if opening else "</span>")
    return '<mark class="cloze">' if opening else "</mark>"


BLANK_WIDTHS = (6, 12, 20, 32)  # answer lengths (characters) of the blank classes w1..w4


def _blank(slot: tuple) -> str:
    """A blank about as wide as its answer (class w1..w5: each output's CSS sizes them), with
    the hint in it."""
    _, number, hint, length = slot
    width = 1 + sum(length > limit for limit in BLANK_WIDTHS)
    return (f'<span class="blank w{width}" data-c="{number}">'
            f"{without_braces(html.escape(hint))}</span>")


def _fill(text: str, slots: list[tuple], target: Target) -> str:
    """The sanitized HTML with every slot filled for the target."""
    pieces = text.split(SLOT_OPEN)
    out, hidden = [pieces[0]], 0  # hidden: depth inside a blanked deletion
    for piece in pieces[1:]:
        number, _, rest = piece.partition(SLOT_CLOSE)
        slot = slots[int(number)] if number.isdigit() and int(number) < len(slots) else None
        if slot is None:  # cannot happen: _render removes these characters from the text
            out.append(piece)
            continue
        kind = slot[0]
        if target.cloze == "blank" and kind in ("open", "close"):
            if kind == "open" and not hidden:
                out.append(_blank(slot))
            hidden += 1 if kind == "open" else -1
        elif not hidden:
            out.append(_formula(slot[1], slot[2], target) if kind == "math"
                       else _deletion_mark(slot, target, kind == "open"))
        if not hidden:
            out.append(rest)
    return "".join(out)


def _with_deletion_slots(text: str, slots: list[tuple]) -> str:
    """Cloze text with each deletion's marks replaced by slots (its answer stays Markdown)."""
    found = cloze.deletions(text)
    cuts: list[tuple[int, int, tuple]] = []
    for deletion in found:
        length = len(deletion.answer(text))
        cuts.append((deletion.start, deletion.body,
                     ("open", deletion.number, deletion.hint, length)))
        cuts.append((deletion.answer_end, deletion.end,
                     ("close", deletion.number, deletion.hint, length)))
    out, at = [], 0
    for start, end, slot in sorted(cuts, key=lambda cut: cut[0]):
        slots.append(slot)
        out += [text[at:start], f"{SLOT_OPEN}{len(slots) - 1}{SLOT_CLOSE}"]
        at = end
    return "".join(out) + text[at:]


def _render(text: str, target: Target, inline: bool, is_cloze: bool) -> Markup:
    slots: list[tuple] = []
    text = text.replace(SLOT_OPEN, "").replace(SLOT_CLOSE, "")  # a slot is ours alone
    source = _with_deletion_slots(text, slots) if is_cloze else text
    env = {"slots": slots, "target": target}
    rendered = (_converter.renderInline(source.strip(), env) if inline
                else _converter.render(source, env))
    clean = _sanitize(rendered, target)
    if target.math == "tex":  # Anki's MathJax reads every text; only our formulas are TeX
        clean = without_tex_delimiters(clean)
    return Markup(_fill(clean, slots, target))


CONVERTED = 1 << 17  # texts whose HTML a warm process keeps, per function (10,000 cards: 60,000)


def _shown_images(text: str, target: Target) -> tuple[str, ...]:
    """The digests of the images a text shows: part of each cache key below, so that an
    image replaced under the same name is shown anew (`watch`)."""
    if target.images == "none" or target.media is None:
        return ()
    folder = media.Folder(target.media)
    return tuple(folder.digest(image.src) for image in inventory(text).images)


def to_html(text: str, target: Target = PREVIEW) -> Markup:
    """Sanitized HTML for a Markdown string (cached: each text is converted once per build)."""
    return _converted(text, target, _shown_images(text, target), False, False)


def to_inline_html(text: str, target: Target = PREVIEW) -> Markup:
    """Like to_html for one line of text (a question): no paragraph around it."""
    return _converted(text, target, _shown_images(text, target), True, False)


def cloze_html(text: str, target: Target) -> Markup:
    """Cloze text with its deletions shown as `target.cloze` says."""
    return _converted(text, target, _shown_images(text, target), False, True)


def clear_cache() -> None:
    """Forget every converted text (the benchmarks time a cold conversion)."""
    _converted.cache_clear()


@lru_cache(maxsize=CONVERTED)
def _converted(text: str, target: Target, images: tuple[str, ...], inline: bool,
               is_cloze: bool) -> Markup:
    return _render(text, target, inline=inline, is_cloze=is_cloze)


def highlight_css(selector: str, dark: bool = False) -> str:
    """CSS for the highlight classes under `selector` (e.g. `.card.nightMode .hl`)."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    return HtmlFormatter(style=style).get_style_defs(selector)
