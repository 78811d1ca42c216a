"""JSON text as hashes and lock files write it, keys sorted. Each encoder is made once:
`json.dumps` with options makes a new encoder per call, which costs several times the encoding
of a short value, and an import encodes a dozen values per card."""

from __future__ import annotations

import json

_SORTED = json.JSONEncoder(sort_keys=True)
_SORTED_READABLE = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def sorted_json(value: object) -> str:
    """`json.dumps(value, sort_keys=True)`: the text a content hash is taken of."""
    return _SORTED.encode(value)


def readable_json(value: object) -> str:
    """`json.dumps(value, sort_keys=True, ensure_ascii=False)`: a lock file's entry."""
    return _SORTED_READABLE.encode(value)
