"""What counts as boilerplate, shared by the reader (whole sections) and normalize (lines).

Patterns name kinds of text found in many documents, never strings from one document: the
section names and calls to action are general classes per language (readers/vocabulary.py).
"""

from __future__ import annotations

import re

from build_decks.readers import vocabulary


def _alternatives(phrases) -> str:
    """Phrases as regex alternatives, in lower case (every pattern here reads lowered text:
    Python's `re` is several times slower matching a long alternation case-insensitively),
    longest first, any run of spaces between their words."""
    unique = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)


def _section_pattern(kind: str) -> re.Pattern[str]:
    names = vocabulary.SECTION_NAMES[kind]
    forms = [_alternatives(phrases) for phrases in names.values()]
    if kind in vocabulary.QUALIFIED_KINDS:  # `Further reading`, `Enlaces útiles`
        for code, (side, qualifiers) in vocabulary.SECTION_QUALIFIERS.items():
            name, qualifier = _alternatives(names[code]), _alternatives(qualifiers)
            forms.append(rf"(?:{qualifier})\s+(?:{name})" if side == "before"
                         else rf"(?:{name})\s+(?:{qualifier})")
    return re.compile(rf"^(?:{'|'.join(forms)})$")


SECTION_KINDS = ("toc", "licence", "template", "references", "tips", "contributing", "tail")
CLOSING_KINDS = frozenset({"licence", "contributing", "tail"})  # what closes a document
_SECTIONS = {kind: _section_pattern(kind) for kind in SECTION_KINDS}
_AD_LINE = re.compile(rf"^(?:{_alternatives(vocabulary.every(vocabulary.CALLS_TO_ACTION))})"
                      r"(?!\w)")
_AD_PHRASE = re.compile(rf"(?<!\w)(?:{_alternatives(vocabulary.every(vocabulary.AD_PHRASES))})"
                        r"(?!\w)")
_DUAL_LINE = re.compile(
    rf"^(?:{_alternatives(vocabulary.every(vocabulary.DUAL_SENSE_CALLS))})(?!\w)")
MARKETING_WORDS = vocabulary.any_language(vocabulary.MARKETING_WORDS)
AD_WORDS = 20  # a call to action is short; a long line that opens so is prose
_AND = _alternatives(vocabulary.every(vocabulary.AND_WORDS))
_JOINED = re.compile(rf"\s*[&/,+|]\s*|\s+(?:{_AND})\s+")


def heading_text(text: str) -> str:
    """A heading's words without markup, leading symbols, numbering and end punctuation."""
    text = re.sub(r"[*_`#]", "", text)
    text = re.sub(r"^[^\w(]+", "", text)
    text = re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", text)
    return text.strip().rstrip(":.?!").strip()


DOTTED_I = "i\u0307"  # Turkish `İ` in lower case, by Unicode's default mapping (`İletişim`)


def section_kind(heading: str) -> str | None:
    """The kind of boilerplate a heading names (one of SECTION_KINDS), else None: a section
    name, or names joined by `&`, `/`, `,` or "and" (`Contributing & Stay Updated`), each of
    them a section name; the first names the kind."""
    words = heading_text(heading).lower().replace(DOTTED_I, "i")
    if kind := _kind_of(words):
        return kind
    parts = [part.strip() for part in _JOINED.split(words) if part.strip()]
    kinds = [_kind_of(part) for part in parts] if len(parts) > 1 else []
    return kinds[0] if kinds and all(kinds) else None


def _kind_of(name: str) -> str | None:
    return next((kind for kind, pattern in _SECTIONS.items() if pattern.match(name)), None)


def is_ad_line(line: str) -> bool:
    """A short call-to-action line (course ads, newsletter boxes, sponsor notes); a call whose
    verb has a technical sense too ("Join the tables") only where the line names what adverts
    sell ("Join the community")."""
    text = re.sub(r"^[^\w]+", "", line.strip()).lower()
    opens = bool(_AD_LINE.match(text)) and len(text.split()) <= AD_WORDS and (
        not _DUAL_LINE.match(text) or bool(MARKETING_WORDS & set(vocabulary.WORD.findall(text))))
    return opens or bool(_AD_PHRASE.search(text))
