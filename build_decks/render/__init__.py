"""Renderers: YAML content -> outputs in dist/, in a plain registry keyed by name.

Each renderer module has `build(content: Content, options: BuildOptions) -> list[Path]`
and writes every file atomically (a failed build leaves the previous outputs in place).
"""

from collections.abc import Callable
from pathlib import Path

from build_decks.model import Content
from build_decks.render import anki
from build_decks.render.options import BuildOptions

RENDERERS: dict[str, Callable[[Content, BuildOptions], list[Path]]] = {
    "anki": anki.build,
}
