"""Run by the peer's own environment (see reader_scale.py), never by .venv: time
markdown-anki-decks converting one Markdown document to an .apkg, its work alone.

    python bench/peer_markdown_anki_decks.py SOURCE.md OUT.apkg  ->  {"seconds": s}
"""

import json
import sys
import time
from pathlib import Path

import genanki
from markdown_anki_decks.cli import parse_markdown

source, out = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
deck, images, sounds = parse_markdown(source, "", False)
package = genanki.Package(deck)
package.media_files = images + sounds
package.write_to_file(out)
print(json.dumps({"seconds": time.perf_counter() - started}))
