"""WeasyPrint imported without ctypes' library search (render/native.py), in a fresh
interpreter each time: the search is skipped only while WeasyPrint is imported, the import
says nothing, and WeasyPrint works; where the loader cannot find a library by the names
WeasyPrint tries, the import is done again, searching."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the search is skipped on Linux only")


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)


def test_weasyprint_imports_quietly_and_the_library_search_comes_back() -> None:
    done = run(
        "import ctypes.util\n"
        "search = ctypes.util.find_library\n"
        "from build_decks.render.native import weasyprint\n"
        "assert ctypes.util.find_library is search\n"
        "pdf = weasyprint.HTML(string='<p>Hello</p>').write_pdf()\n"
        "assert pdf.startswith(b'%PDF')\n"
        "print('laid out')\n")
    assert done.stdout == "laid out\n"


def test_a_library_found_only_by_searching_is_searched_for() -> None:
    """A system whose GObject the loader does not know as `libgobject-2.0.so.0` (cffi's
    loader is told to refuse that name): the quick import fails, and the import is done
    again with the search, which finds the library under another name."""
    done = run(
        "import cffi.api\n"
        "load = cffi.api._load_backend_lib\n"
        "def elsewhere(backend, name, flags):\n"
        "    if name == 'libgobject-2.0.so.0':\n"
        "        raise OSError('not known by this name here')\n"
        "    return load(backend, name, flags)\n"
        "cffi.api._load_backend_lib = elsewhere\n"
        "from build_decks.render.native import weasyprint\n"
        "assert weasyprint.HTML(string='<p>x</p>').write_pdf().startswith(b'%PDF')\n"
        "print('laid out')\n")
    assert done.stdout == "laid out\n"
