"""At import: a source's local images copied into content/media, and the card text made to
refer to the copies; formulas checked.

Images are found by parsing the card text (markdown-it for `![alt](path)`, the HTML parser
for `<img src=…>`); each reference is rewritten in the text exactly as it was written: a
Markdown image becomes `![alt](stored-name.png)`, an `<img>` tag a clean `<img>` with the
stored name, the alt text and its size. A path is looked up relative to the source file,
then in content/media; a missing file, one outside the content folder, one too large or one
that is no image (or a broken one) is a warning at its line: the card keeps its text, the
reference stays as written, and every output shows the image's alt text. Remote images are
left as written and reported: no stage fetches them, and every output shows them as a link.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule

from build_decks import html_events, media, reading
from build_decks.errors import ContentError
from build_decks.inventory import inventory
from build_decks.normalize import Finding
from build_decks.syntax import card_markdown, walk

KEPT_SIZE = ("width", "height")


@dataclass
class Gathered:
    """What the import of one source adds to content/media, and what it reports."""

    files: dict[str, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _image_as_written(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule, also recording the image's source text and its alt text."""
    start = state.pos
    if not image_rule(state, silent):
        return False
    if not silent:
        label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
        token = state.tokens[-1]
        token.meta["written"] = state.src[start:state.pos]
        token.meta["alt"] = state.src[start + 2:label_end] if label_end >= 0 else ""
    return True


@cache
def _parser() -> MarkdownIt:
    md = card_markdown()
    md.inline.ruler.at("image", _image_as_written)
    return md


@dataclass(frozen=True)
class _Reference:
    src: str
    written: str  # the reference as it stands in the text
    markdown_alt: str | None  # a Markdown image's alt text as written; None for <img>
    attrs: tuple[tuple[str, str], ...] = ()


def _references(text: str) -> list[_Reference]:
    found = []
    for token in walk(_parser().parse(text)):
        if token.type == "image" and "written" in token.meta:
            found.append(_Reference(str(token.attrGet("src") or ""), token.meta["written"],
                                    token.meta["alt"]))
        elif token.type in ("html_inline", "html_block") and "<img" in token.content.lower():
            found += [_Reference(e.attr("src"), e.written, None, e.attrs)
                      for e in html_events.events(token.content)
                      if e.kind == "start" and e.value == "img" and e.written]
    return found


def _line_of(source_text: str, written: str, fallback: int) -> int:
    at = source_text.find(written)
    return source_text.count("\n", 0, at) + 1 if at >= 0 else fallback


def gather(text: str, source: Path, source_text: str, root: Path, line: int,
           gathered: Gathered) -> str:
    """`text` with its local images stored in `gathered` and referred to by stored name; a
    formula that cannot be rendered is reported at its line in the source."""
    for formula in inventory(text).formulas:
        if formula.problem:
            gathered.findings.append(Finding(
                str(source), _line_of(source_text, formula.tex, line), "formula",
                f"{formula.tex[:60]!r} will show as code: {formula.problem}"))
    if "![" not in text and "<img" not in text.lower():
        return text
    for reference in _references(text):
        where = _line_of(source_text, reference.written, line)
        if media.is_remote(reference.src):
            gathered.findings.append(Finding(str(source), where, "remote-image",
                                             f"{reference.src[:100]} is on the web: never "
                                             "fetched, every output shows it as a link"))
            continue
        if media.is_embedded(reference.src):
            gathered.findings.append(Finding(str(source), where, "embedded-image",
                                             "an image inside a data: address is not shown; "
                                             "save it as a file next to the source"))
            continue
        name, problem = _store(reference.src, source, root, gathered)
        if problem:
            gathered.findings.append(Finding(str(source), where, "missing-image",
                                             f"{problem}; the card keeps its text and shows "
                                             "the image's alt text"))
            continue
        text = text.replace(reference.written, _rewritten(reference, name))
    return text


def _rewritten(reference: _Reference, name: str) -> str:
    if reference.markdown_alt is not None:
        return f"![{reference.markdown_alt}]({name})"
    attrs = [("src", name), ("alt", dict(reference.attrs).get("alt", ""))]
    attrs += [(k, v) for k, v in reference.attrs if k in KEPT_SIZE and v.strip().isdigit()]
    return "<img " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs) + ">"


def _store(src: str, source: Path, root: Path, gathered: Gathered) -> tuple[str, str]:
    """(stored name, "") or ("", why the image cannot be stored)."""
    relative = media.local_path(src).lstrip("/")
    shown = repr(src[:100])
    if not relative:
        return "", "an image with no file name"
    if relative in gathered.files:  # already stored under this name
        return relative, ""
    folder = root / media.FOLDER
    candidates = (source.parent / relative, folder / relative, folder / Path(relative).name)
    path = next((c for c in candidates if c.exists()), None)
    if path is None:
        return "", (f"image {shown} not found (looked next to the source and in {folder}); "
                    "add the file or remove the reference")
    if not reading.inside(root, path):
        return "", f"image {shown} is outside the content folder; copy it into {folder}"
    try:
        data = reading.read_bytes(path, media.MAX_BYTES, root)
    except ContentError as error:
        return "", f"image {shown}: {error.message}"
    if problem := media.problem_with(data):
        return "", f"image {shown}: {problem}"
    name = media.stored_name(relative, data)
    gathered.files[name] = data
    return name, ""
