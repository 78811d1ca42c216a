"""What counts as boilerplate, shared by the readers (whole sections) and normalize (lines).

Patterns name kinds of text found in many documents, never strings from one document.
"""

from __future__ import annotations

import re

_TAIL_SECTION = re.compile(
    r"^(conclusions?|summary|final thoughts|wrapping up|key takeaways|closing thoughts|"
    r"contributing|contributions|contributors|licen[cs]e|contact( us| me)?|about( the)? authors?|"
    r"acknowledg(e)?ments|support|sponsors?|disclaimer|changelog|related (posts|articles))$",
    re.IGNORECASE,
)
_TOC_SECTION = re.compile(r"^(table of contents|contents|toc|index)$", re.IGNORECASE)
_TEMPLATE_SECTION = re.compile(r"^(templates?|example entry|answer template|question template)$",
                               re.IGNORECASE)
_REFERENCE_SECTION = re.compile(
    r"^(references?|references and reading materials?|further reading|reading list|"
    r"resources|sources|bibliography|links|useful links|see also)$",
    re.IGNORECASE,
)
_AD_LINE = re.compile(
    r"^(become an? |sign up|subscribe|enrol+ |join (our|the|us)|register (now|today|for)|"
    r"download (our|the|free)|check out our|click here|learn more|read more|also read|"
    r"recommended( for you)?:|sponsored|advertisement|get started (now|today|for free)|"
    r"transform into an? )",
    re.IGNORECASE,
)


def heading_text(text: str) -> str:
    """A heading's words without markup, numbering and trailing punctuation."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`#]", "", text)
    text = re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", text)
    return text.strip().rstrip(":.").strip()


def section_kind(heading: str) -> str | None:
    """'tail', 'toc', 'template' or 'references' for a boilerplate heading, else None."""
    words = heading_text(heading)
    for kind, pattern in (("toc", _TOC_SECTION), ("template", _TEMPLATE_SECTION),
                          ("references", _REFERENCE_SECTION), ("tail", _TAIL_SECTION)):
        if pattern.match(words):
            return kind
    return None


def is_ad_line(line: str) -> bool:
    """A short call-to-action line (course ads, newsletter boxes) inside scraped text."""
    text = line.strip()
    return bool(_AD_LINE.match(text)) and len(text.split()) <= 14
