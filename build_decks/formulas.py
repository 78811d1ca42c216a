"""TeX formulas, rendered for each output without a TeX installation or a network.

- Anki: MathJax's own delimiters `\\(…\\)` and `\\[…\\]` around the TeX, escaped as text, so
  desktop, AnkiMobile and AnkiDroid typeset it and the editor keeps it editable;
- the pack: MathML from latex2mathml, which Chromium draws (MathML Core);
- the PDFs: SVG from ziamath (its own STIX Two Math font, drawn as paths), since WeasyPrint
  has no MathML and runs no JavaScript.

latex2mathml copies `\\text{…}` into the output unescaped and turns `\\href` and `\\style` into
attributes, so its MathML goes through nh3 with a MathML allow-list before anyone sees it, and
ziamath draws that sanitized MathML. A formula latex2mathml cannot parse, or one using a
command it does not know (it would print the command's name), is a `problem`: the caller
warns with file:line and shows the TeX as code.
"""

from __future__ import annotations

import base64
import html
import xml.etree.ElementTree as ElementTree
from functools import cache

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


def _missing_arguments(mathml: str) -> str | None:
    """The first element with too few children (`\\frac{a}` parses, but draws nothing)."""
    try:
        root = ElementTree.fromstring(mathml)
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


@cache
def svg_image(tex: str, display: bool) -> str:
    """An `<img>` of the formula drawn as SVG paths, sized in em to sit on the text's baseline."""
    import ziamath  # 0.25 s to import: only when a PDF shows a formula

    try:
        drawing = ziamath.Math(mathml(tex, display), size=SVG_SIZE)
        width, height = drawing.getsize()
        baseline = drawing.getyofst()
        data = base64.b64encode(drawing.svg().encode()).decode()
    except Exception as error:  # MathML that ziamath cannot draw: shown as written
        return as_code(tex, display, f"cannot be drawn ({type(error).__name__})")
    em = SVG_SCALE / SVG_SIZE
    style = (f"width:{width * em:.3f}em;height:{height * em:.3f}em;"
             f"vertical-align:{baseline * em:.3f}em")
    return (f'<img class="math" alt="{html.escape(tex.strip())}" style="{style}" '
            f'src="data:image/svg+xml;base64,{data}">')


def as_code(tex: str, display: bool, why: str) -> str:
    """A formula that cannot be rendered, shown as written."""
    delimiter = "$$" if display else "$"
    return (f'<code class="math-error" title="{html.escape(why)}">'
            f"{html.escape(delimiter + tex.strip() + delimiter, quote=False)}</code>")
