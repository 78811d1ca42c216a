"""TeX formulas, rendered for each output without a TeX installation or a network.

- Anki: MathJax's own delimiters `\\(…\\)` and `\\[…\\]` around the TeX, escaped as text, so
  desktop, AnkiMobile and AnkiDroid typeset it and the editor keeps it editable;
- the pack: MathML from latex2mathml, which Chromium draws (MathML Core);
- the PDFs: SVG from ziamath (its own STIX Two Math font, drawn as paths), since WeasyPrint
  has no MathML and runs no JavaScript; the HTML refers to each drawing by a `formula:` URL
  that the PDFs' URL fetcher answers.

latex2mathml copies `\\text{…}` into the output unescaped and turns `\\href` and `\\style` into
attributes, so its MathML goes through nh3 with a MathML allow-list before anyone sees it, and
ziamath draws that sanitized MathML. A formula latex2mathml cannot parse, or one using a
command it does not know (it would print the command's name), is a `problem`: the caller
warns with file:line and shows the TeX as code.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, unquote

import nh3

from build_decks import html_events

MATHML_TAGS = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt",
               "mroot", "msub", "msup", "msubsup", "munder", "mover", "munderover", "mtable",
               "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror", "semantics",
               "annotation", "mmultiscripts", "mprescripts", "none"}
MATHML_ATTRIBUTES = {"*": {"display", "mathvariant", "displaystyle", "scriptlevel", "stretchy",
                           "fence", "separator", "accent", "accentunder", "largeop",
                           "movablelimits", "symmetric", "lspace", "rspace", "minsize", "maxsize",
                           "width", "height", "depth", "voffset", "linethickness", "notation",
                           "columnalign", "rowalign", "columnspacing", "rowspacing",
                           "columnlines", "rowlines", "frame", "mathcolor", "mathbackground",
                           "encoding"}}
ARITY = {"mfrac": (2, "a fraction"), "mroot": (2, "a root"), "msub": (2, "a subscript"),
         "msup": (2, "a superscript"), "msubsup": (3, "a subscript"),
         "munder": (2, "a limit"), "mover": (2, "an accent"), "munderover": (3, "a limit")}
"""MathML's elements with a fixed number of children, and what TeX calls them."""
MAX_TEX = 5_000  # characters in one formula; a longer one is shown as code
SVG_SIZE = 16.0  # px per em in ziamath's drawing; the image is then sized in em
SVG_SCALE = 1.12  # STIX Two Math sits smaller than the sans text around it


@cache
def _mathml(tex: str, display: bool) -> tuple[str, str | None]:
    """(sanitized MathML, problem or None)."""
    if len(tex) > MAX_TEX:
        return "", f"longer than {MAX_TEX:,} characters"
    if why := refused(tex):
        return "", why
    from latex2mathml.converter import convert  # 0.1 s to import: only when there is math

    try:
        raw = convert(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises bare errors (StopIteration, IndexError..)
        return "", f"TeX that does not parse ({type(error).__name__})"
    unknown = sorted({e.value.strip() for e in html_events.events(raw)
                      if e.kind == "data" and e.value.strip().startswith("\\")})
    if unknown:
        return "", f"unknown command {', '.join(unknown)}"
    clean = nh3.clean(raw, tags=MATHML_TAGS, attributes=MATHML_ATTRIBUTES, strip_comments=True)
    if missing := _missing_arguments(clean):
        return "", f"{missing} is missing an argument (a `}}` or `{{…}}` too few?)"
    return clean, None


REFUSED = {"href": "makes a link", "url": "makes a link", "style": "sets a style",
           "class": "sets a class", "cssId": "sets an id", "bbox": "sets a style",
           "require": "loads an extension", "includegraphics": "loads an image",
           "unicode": "loads a font", "mmlToken": "writes raw MathML attributes"}
"""Commands Anki's MathJax obeys that would make a card link, load or restyle something."""
REFUSED_PREFIX = "html"  # \htmlClass, \htmlStyle, \htmlId, \htmlData (MathJax 4, KaTeX)


def control_sequences(tex: str) -> list[str]:
    """The control sequences of a formula by TeX's own lexical rule: a backslash followed by
    letters (a-z, A-Z) is one control word, however many letters follow; a backslash followed
    by any other character is a control symbol of that one character. So `\\\\href` is a line
    break and the word "href", and `\\hrefx` is the command `hrefx`."""
    found, at = [], tex.find("\\")
    while at >= 0:
        end = at + 1
        while end < len(tex) and tex[end].isascii() and tex[end].isalpha():
            end += 1
        end = max(end, at + 2)  # no letter: the one character after the backslash
        found.append(tex[at + 1:end])
        at = tex.find("\\", end)
    return found


def refused(tex: str) -> str | None:
    """Why a formula may not reach any output (Anki's MathJax would obey it), or None."""
    for name in control_sequences(tex):
        if name in REFUSED or name.startswith(REFUSED_PREFIX):
            what = REFUSED.get(name, "sets HTML attributes")
            return (f"refused: \\{name} {what}, and Anki's MathJax would obey it (formulas may "
                    "not link, style or load anything)")
    return None


def _missing_arguments(mathml: str) -> str | None:
    """The first element with too few children (`\\frac{a}` parses, but draws nothing)."""
    try:  # nh3 writes a no-break space as `&nbsp;`, which XML does not define
        root = ElementTree.fromstring(mathml.replace("&nbsp;", "&#160;"))
    except ElementTree.ParseError:
        return "the formula"
    for element in root.iter():
        count, name = ARITY.get(element.tag, (0, ""))
        if len(element) < count:
            return name
    return None


def problem(tex: str) -> str | None:
    """Why this formula cannot be rendered, or None."""
    return _mathml(tex.strip(), False)[1]


def mathml(tex: str, display: bool) -> str:
    return _mathml(tex.strip(), display)[0]


def anki(tex: str, display: bool) -> str:
    """The TeX between MathJax's delimiters, as HTML text."""
    opening, closing = ("\\[", "\\]") if display else ("\\(", "\\)")
    return f"{opening}{html.escape(tex.strip(), quote=False)}{closing}"


@dataclass(frozen=True)
class Drawing:
    svg: bytes
    width: float  # px at SVG_SIZE
    height: float
    baseline: float  # from the bottom edge; negative: below


@cache
def drawing(tex: str, display: bool) -> Drawing | None:
    """The formula drawn as SVG paths by ziamath (None if it cannot be drawn)."""
    import ziamath  # 0.25 s to import: only when a PDF shows a formula

    # SVG 1.1 paths in place of SVG 2 <symbol>/<use>: larger files, but WeasyPrint writes
    # them in about half the time (4.9 s against 8.7 s for 200 formulas)
    ziamath.config.svg2 = False
    try:
        drawn = ziamath.Math(mathml(tex, display), size=SVG_SIZE)
        width, height = drawn.getsize()
        return Drawing(drawn.svg().encode(), width, height, drawn.getyofst())
    except Exception:  # MathML that ziamath cannot draw: the caller shows it as written
        return None


DRAWING_SCHEME = "formula"


def drawing_url(tex: str, display: bool) -> str:
    """`formula:inline,<tex>`: the PDFs' URL fetcher answers it with `drawing(tex)`. A short
    address in place of the SVG keeps the HTML small and lets WeasyPrint read each formula
    once."""
    return f"{DRAWING_SCHEME}:{'display' if display else 'inline'},{quote(tex, safe='')}"


def drawing_of_url(url: str) -> Drawing | None:
    kind, _, tex = url.removeprefix(f"{DRAWING_SCHEME}:").partition(",")
    return drawing(unquote(tex), kind == "display")


def svg_image(tex: str, display: bool) -> str:
    """An `<img>` of the formula, sized in em to sit on the text's baseline."""
    drawn = drawing(tex.strip(), display)
    if drawn is None:
        return as_code(tex, display, "cannot be drawn")
    em = SVG_SCALE / SVG_SIZE
    style = (f"width:{drawn.width * em:.3f}em;height:{drawn.height * em:.3f}em;"
             f"vertical-align:{drawn.baseline * em:.3f}em")
    return (f'<img class="math" alt="{html.escape(tex.strip())}" style="{style}" '
            f'src="{html.escape(drawing_url(tex.strip(), display))}">')


def as_code(tex: str, display: bool, why: str) -> str:
    """A formula that cannot be rendered, shown as written."""
    delimiter = "$$" if display else "$"
    return (f'<code class="math-error" title="{html.escape(why)}">'
            f"{html.escape(delimiter + tex.strip() + delimiter, quote=False)}</code>")
