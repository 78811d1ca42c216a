"""WeasyPrint, imported without ctypes' library search where the system's loader finds its
libraries itself.

WeasyPrint loads Pango, HarfBuzz, fontconfig and GObject through cffi, trying several names
for each ('libgobject-2.0-0', 'gobject-2.0-0', ..., 'libgobject-2.0.so.0'). cffi asks
`ctypes.util.find_library` about every name that does not load as given, and on Linux each
question runs `ldconfig -p` and gcc in subprocesses: about 22 of them, a quarter of a second
on the path of every build that lays out a PDF (WeasyPrint #1125). On Linux the list also
holds the names the loader finds itself (`libgobject-2.0.so.0`), so the search is skipped
there; where the libraries are only found by searching, the import is done again with it.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its "could not import" notice
            yield
    finally:
        ctypes.util.find_library = search


def _forget_weasyprint() -> None:
    for name in [name for name in sys.modules
                 if name == "weasyprint" or name.startswith("weasyprint.")]:
        del sys.modules[name]


def imported() -> ModuleType:
    """The `weasyprint` module, imported once per process."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return importlib.import_module("weasyprint")
    try:
        with _no_library_search():
            return importlib.import_module("weasyprint")
    except OSError:  # a library only the search finds: import it again, searching
        _forget_weasyprint()
        return importlib.import_module("weasyprint")


weasyprint = imported()
