"""The command-line options of `push`, here so that the CLI offers them without importing the
AnkiConnect client (build_decks/ankiconnect.py: urllib.request and http.client, a tenth of
every start of the command line)."""

from __future__ import annotations

import argparse
import os

DEFAULT_URL = "http://127.0.0.1:8765"
KEY_VARIABLE = "ANKICONNECT_KEY"  # the key from the environment: not in the process list


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--url", default=DEFAULT_URL,
                         help=f"AnkiConnect's address (default: {DEFAULT_URL})")
    command.add_argument("--key", default=os.environ.get(KEY_VARIABLE),
                         help=f"AnkiConnect's API key, if its config sets one (default: "
                              f"${KEY_VARIABLE})")
    command.add_argument("--dry-run", action="store_true",
                         help="print what would change in the collection; write nothing")
    command.add_argument("--json", action="store_true",
                         help="the change report as JSON on stdout")
    command.add_argument("--all", dest="check_all", action="store_true",
                         help="compare every note with the collection, not only the notes "
                              "changed since the last push (another profile, a restored "
                              "backup)")
    command.add_argument("--overwrite", action="store_true",
                         help="replace text edited in Anki with the YAML's (conflicts)")
