"""The one Markdown -> HTML function every renderer uses, and the code-highlighting CSS.

Python-Markdown renders every answer, with well-kept extensions (tables, footnotes,
definition lists, admonitions, sane lists; from pymdown-extensions: superfences for code
blocks anywhere, tilde for `~~strike~~`, magiclink for bare URLs) and those that
`config.yaml` adds (`markdown_extensions`, see extensions.py). Its first preprocessor
(structure.py) gives it the block structure GitHub builds: markdown-it-py, the reader's
parser, reads the blocks, and they are written out again in the Markdown Python-Markdown
reads alike, so a list under a paragraph line, a list nested by two spaces or a fence inside
a list item come out as on GitHub, in an answer imported from a source or typed into the YAML.

Content is data: the HTML (and any raw HTML in the Markdown) is sanitized with nh3 to a
small allow-list after every extension ran, so no script, event handler, style or
`javascript:` URL survives. Braces are written as character references, so `{{ x }}` or
`{% x %}` in content shows literally and is never template syntax for Jinja, Anki or a
browser-side engine.

What differs between outputs is a `Target`: how formulas, images and cloze deletions show.
Formulas and deletion marks never pass through Markdown or the sanitizer: the text gets a
slot (private-use characters around a number) where each one goes, and the slots are filled
with the target's rendering after sanitizing (formulas.py renders them safely).
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import nh3
from markdown import Markdown
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from build_decks import cloze, formulas, html_events, media, urls
from build_decks.extensions import Dialect, extension_configs
from build_decks.inventory import inventory
from build_decks.render.structure import MARKS, GitHubStructure

TAGS = {"p", "br", "hr", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup", "code", "pre",
        "kbd", "span", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "a", "img",
        # what configured extensions write (`==mark==`, abbr, `^^ins^^`, details, captions)
        "mark", "abbr", "ins", "small", "details", "summary", "figure", "figcaption", "cite",
        "q", "dfn", "var", "samp", "wbr"}
ATTRIBUTES = {"*": {"class"}, "a": {"href", "title"}, "th": {"align"}, "td": {"align"},
              "ol": {"start"}, "img": {"src", "alt", "title", "width", "height"},
              "abbr": {"title"}, "details": {"open"}}
HIGHLIGHT_CLASS = "hl"
LIGHT_STYLE, DARK_STYLE = "friendly", "monokai"
SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"
OURS = (SLOT_OPEN, SLOT_CLOSE, *MARKS)  # characters only the renderer may write

Cloze = Literal["anki", "reveal", "filled", "blank"]


@dataclass(frozen=True)
class Target:
    """How one output shows formulas, images and cloze deletions.

    math:   "tex" (Anki's MathJax delimiters), "mathml" (the pack), "svg" (PDFs);
    images: "name" (the bare media name: Anki), "data" (inlined: the pack), "file" (a file
            URL into the media folder, which only the PDFs' URL fetcher reads), "none";
    cloze:  "anki" (Anki's own syntax), "reveal" (numbered spans the pack reveals),
            "filled" (answers marked), "blank" (answers hidden, hints shown);
    markdown: the extensions config.yaml adds to the built-in ones.
    """

    math: Literal["tex", "mathml", "svg"] = "mathml"
    images: Literal["name", "data", "file", "none"] = "none"
    media: Path | None = None
    cloze: Cloze = "filled"
    markdown: Dialect = ()

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


_FORMATTER = HtmlFormatter(nowrap=True)  # made once: making one reads its whole style


def _highlight(code: str, language: str, *args: object, **kwargs: object) -> str:
    """A code block in a `<pre class="hl">`, with pygments' classes when the language is
    known (superfences' formatter for every fence)."""
    lexer = _lexer(language) if language else None
    body = (highlight(code, lexer, _FORMATTER) if lexer is not None
            else html.escape(code, quote=False))
    return f'<pre class="{HIGHLIGHT_CLASS}"><code>{body}</code></pre>'


BUILTIN_EXTENSIONS: dict[str, dict] = {
    "tables": {},
    "footnotes": {"BACKLINK_TEXT": ""},  # no id links: many cards share one page
    "def_list": {},
    "admonition": {},
    "sane_lists": {},  # an ordered list keeps its start number, `1.` and `-` lists stay apart
    "pymdownx.superfences": {"custom_fences": [
        {"name": "*", "class": HIGHLIGHT_CLASS, "format": _highlight}]},
    "pymdownx.tilde": {"subscript": False},  # `~~strike~~`, as GitHub; `~x~` stays text
    "pymdownx.magiclink": {},  # bare URLs become links, as GitHub
}


@cache
def converter(dialect: Dialect) -> tuple[Markdown, GitHubStructure]:
    """One Python-Markdown per set of configured extensions (built once per build)."""
    structure = GitHubStructure()
    extra_names, extra_configs = extension_configs(dialect)
    md = Markdown(extensions=[structure, *BUILTIN_EXTENSIONS, *extra_names],
                  extension_configs={**BUILTIN_EXTENSIONS, **extra_configs},
                  output_format="html")
    return md, structure


def _slot(slots: list[tuple], value: tuple) -> str:
    slots.append(value)
    return f"{SLOT_OPEN}{len(slots) - 1}{SLOT_CLOSE}"


IMAGE_TAG = re.compile(r"<img", re.IGNORECASE)


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


def _images_shown(rendered: str, target: Target) -> str:
    """Every `<img>` (Markdown's or raw HTML's) that the target does not show as an image: a
    remote one made a link, one that cannot be shown (missing, broken, outside the media
    folder) its alt text."""
    if not IMAGE_TAG.search(rendered):
        return rendered
    for event in html_events.events(rendered):
        if event.kind == "start" and event.value == "img" and event.written and (
                instead := _image_as(event.attr("src"), event.attr("alt"),
                                     target)) is not None:
            rendered = rendered.replace(event.written, instead)
    return rendered


def _cleaner(target: Target | None) -> nh3.Cleaner:
    """The sanitizer; with a target, it also filters links and images (see `_sanitize`)."""
    def allowed(element: str, attribute: str, value: str) -> str | None:
        """Links only to absolute web and mail addresses (urls.allowed): a relative link would
        become a `file://` link to the build machine in a PDF. Images only from the media
        folder, as the target shows them."""
        if attribute == "href":
            return value if urls.allowed(value) else None
        if element == "img" and attribute == "src":
            return target.image_src(value)  # type: ignore[union-attr]
        if element == "img" and attribute in ("width", "height"):
            return value if value.isdigit() else None
        return value

    return nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(urls.SCHEMES),
                       link_rel="noopener noreferrer", strip_comments=True,
                       attribute_filter=allowed if target is not None else None)


_cleaners = cache(_cleaner)
LINKS_OR_IMAGES = re.compile(r"href|src", re.IGNORECASE)


def _sanitize(rendered: str, target: Target) -> str:
    """nh3 after every extension ran. The attribute filter (a call back into Python for
    every attribute, code highlighting's classes included) only where a link or an image
    may be: elsewhere there is nothing for it to refuse."""
    needs_filter = LINKS_OR_IMAGES.search(rendered) is not None
    return without_braces(_cleaners(target if needs_filter else None).clean(rendered))


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


# A line that no Markdown syntax can read as anything but text: it opens with a letter (not a
# list number, marker, heading or fence), holds letters, digits, single spaces and
# punctuation no inline syntax starts with (no `*_[]<>&\\`~|$#=+{}/@`), a colon only before a
# space (never `http:`, `::`) and a full stop only before a space or the end (never a bare
# domain `www.x.com`, which magiclink links). Such a text is its own HTML: Python-Markdown
# would wrap it in a paragraph and change nothing else (a differential test holds it to that).
PLAIN_LINE = re.compile(r"[^\W\d_](?:[^\W_]|[,;?!'\"()%-]|:(?= )|\.(?= |$)| (?=\S))*")


def _is_plain(text: str, dialect: Dialect) -> bool:
    """Whether `text` converts to itself (see PLAIN_LINE); never with extensions config.yaml
    adds, which may read any character."""
    return not dialect and all(PLAIN_LINE.fullmatch(line) for line in text.split("\n"))


CONVERTED = 1 << 17  # texts whose HTML a warm process keeps, per function (10,000 cards: 60,000)
_CONVERTING = threading.Lock()


@lru_cache(maxsize=CONVERTED)
def _converted(text: str, dialect: Dialect, inline: bool, is_cloze: bool,
               ) -> tuple[str, tuple[tuple, ...], bool]:
    """Python-Markdown's HTML for a text, not yet sanitized, its slots, and whether the text
    was plain prose (its own HTML, with nothing a sanitizer or a target would change): the
    same for every output, so each text is converted once per build."""
    for character in OURS:  # a slot or a mark is ours alone
        text = text.replace(character, "")
    if not is_cloze and _is_plain(text, dialect):  # plain prose, as most questions are
        return (text, (), True) if inline else (f"<p>{text}</p>\n", (), True)
    return (*python_markdown(text, dialect, inline, is_cloze), False)


def python_markdown(text: str, dialect: Dialect, inline: bool, is_cloze: bool,
                    ) -> tuple[str, tuple[tuple, ...]]:
    """The conversion itself (a text free of our characters)."""
    slots: list[tuple] = []
    source = _with_deletion_slots(text, slots) if is_cloze else text
    md, structure = converter(dialect)
    with _CONVERTING:  # one Markdown instance, stateful: `serve` renders in several threads
        structure.begin(lambda tex, displayed: _slot(slots, ("math", tex, displayed)), inline)
        rendered = md.reset().convert(source.strip() if inline else source)
    if inline:
        rendered = rendered.removeprefix("<p>").removesuffix("</p>")
    elif rendered:
        rendered += "\n"  # a block ends its line, as it did before Python-Markdown rendered
    return rendered, tuple(slots)


def _render(text: str, target: Target, inline: bool, is_cloze: bool) -> Markup:
    rendered, slots, plain = _converted(text, target.markdown, inline, is_cloze)
    if plain:  # no tag, reference, brace, backslash or image: nothing to clean or fill
        return Markup(rendered)
    clean = _sanitize(_images_shown(rendered, target), target)
    if target.math == "tex":  # Anki's MathJax reads every text; only our formulas are TeX
        clean = without_tex_delimiters(clean)
    return Markup(_fill(clean, list(slots), target))


def _shown_images(text: str, target: Target) -> tuple[str, ...]:
    """The digests of the images a text shows: part of each cache key below, so that an
    image replaced under the same name is shown anew (`watch`)."""
    if target.images == "none" or target.media is None:
        return ()
    folder = media.Folder(target.media)
    return tuple(folder.digest(image.src) for image in inventory(text).images)


def to_html(text: str, target: Target = PREVIEW) -> Markup:
    """Sanitized HTML for a Markdown string (cached: each text is converted once per build)."""
    return _rendered(text, target, _shown_images(text, target), False, False)


def to_inline_html(text: str, target: Target = PREVIEW) -> Markup:
    """Like to_html for one line of text (a question): no paragraph around it."""
    return _rendered(text, target, _shown_images(text, target), True, False)


def cloze_html(text: str, target: Target) -> Markup:
    """Cloze text with its deletions shown as `target.cloze` says."""
    return _rendered(text, target, _shown_images(text, target), False, True)


def cache_clear() -> None:
    """Forget every converted text (the benchmarks time a cold conversion)."""
    _converted.cache_clear()
    _rendered.cache_clear()


@lru_cache(maxsize=CONVERTED)
def _rendered(text: str, target: Target, images: tuple[str, ...], inline: bool,
              is_cloze: bool) -> Markup:
    return _render(text, target, inline=inline, is_cloze=is_cloze)


def highlight_css(selector: str, dark: bool = False) -> str:
    """CSS for the highlight classes under `selector` (e.g. `.card.nightMode .hl`)."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    return HtmlFormatter(style=style).get_style_defs(selector)
