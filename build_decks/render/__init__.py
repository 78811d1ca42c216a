"""Renderers: YAML content -> outputs in dist/, in a plain registry keyed by name.

Each renderer module has `build(content: Content, options: BuildOptions) -> Output`
and writes every file atomically (a failed build leaves the previous outputs in place).
"""

from collections.abc import Callable
from importlib import import_module

from build_decks.model import Content
from build_decks.render.options import BuildOptions, Output

# Imported on first use: WeasyPrint alone takes most of a second to import.
RENDERERS: dict[str, str] = {
    "anki": "build_decks.render.anki",
    "pdf": "build_decks.render.pdf",
    "html": "build_decks.render.html",
}


def renderer(name: str) -> Callable[[Content, BuildOptions], Output]:
    return import_module(RENDERERS[name]).build
