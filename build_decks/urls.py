"""The one allow-list every URL passes before it reaches an output (a card, a PDF link, the
pack): absolute http, https and mailto addresses. Nothing relative (WeasyPrint would resolve it
into a `file://` link to the build machine), no `javascript:`, `file:` or `data:`."""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https", "mailto"})


def allowed(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in SCHEMES or any(c in url for c in "\n\r\t\\"):
        return False
    return bool(parts.netloc) if parts.scheme.lower() != "mailto" else bool(parts.path)
