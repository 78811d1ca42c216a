"""Renderers: YAML content -> outputs in dist/, in a plain registry keyed by name.

Each renderer module has `stage(content: Content, options: BuildOptions) -> Output`, which
writes its files beside their targets without replacing them, and `build`, which also
publishes them. A build stages every output and publishes them together (see atomic.py), so
a failure anywhere leaves the previous outputs in place.
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
    """The renderer's `stage`: its outputs, staged for publishing."""
    return import_module(RENDERERS[name]).stage
