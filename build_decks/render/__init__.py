"""Renderers: YAML content -> outputs in dist/, in a plain registry keyed by name.

Each renderer module has `build(content: Content, options: BuildOptions) -> Output`
and writes every file atomically (a failed build leaves the previous outputs in place).
"""

from collections.abc import Callable

from build_decks.model import Content
from build_decks.render import anki, html, pdf
from build_decks.render.options import BuildOptions, Output

RENDERERS: dict[str, Callable[[Content, BuildOptions], Output]] = {
    "anki": anki.build,
    "pdf": pdf.build,
    "html": html.build,
}
