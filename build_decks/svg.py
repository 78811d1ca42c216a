"""SVG images are checked before any output shows one: read with expat, never run.

An SVG is refused when it holds a script (or an event handler, or `foreignObject`, which
embeds HTML), declares entities (the "billion laughs"), refers to anything outside itself
(every `href` is a `#fragment` or an embedded raster `data:image/…`; every CSS `url()` a
`#fragment`; no `@import`), or is too big once drawn: each `<use>` draws its target again,
so ten nested groups of ten `<use>` (1.6 kB) draw 10^10 elements. The drawn element count
is computed with every `<use>` expanded, and bounded, and so is the depth of `<use>` inside
what a `<use>` draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from build_decks import css

MAX_ELEMENTS = 100_000  # elements drawn, `<use>` expanded; a detailed chart draws a few 1,000
MAX_USE_DEPTH = 8  # `<use>` within what a `<use>` draws; symbol libraries nest 2 or 3 deep
MAX_NESTING = 64  # elements inside each other (drawing tools write 10 to 20)
SCRIPTED = frozenset({"script", "foreignobject", "handler", "listener"})
ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform"})
EMBEDDED = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


NOT_SVG = "not an SVG image"


class Refused(Exception):
    pass


@dataclass
class _Element:
    tag: str
    use: str | None = None  # the id a <use> draws
    children: list[_Element] = field(default_factory=list)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].lower()  # expat writes "namespace local-name"


def _own_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or value.lower().startswith(EMBEDDED)


class _Reader:
    def __init__(self) -> None:
        self.root: _Element | None = None
        self.stack: list[_Element] = []
        self.ids: dict[str, _Element] = {}
        self.count = 0
        self.style: list[str] | None = None  # text of the <style> element being read

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise Refused(f"more than {MAX_ELEMENTS:,} elements")
        if len(self.stack) >= MAX_NESTING:
            raise Refused(f"elements nested more than {MAX_NESTING} deep")
        if tag in SCRIPTED:
            raise Refused(f"it holds a <{tag}> (images must not run anything)")
        element = _Element(tag)
        for key, value in attrs.items():
            self._attribute(element, _local(key), value)
        if tag in ANIMATIONS and attrs.get("attributeName", "").endswith("href"):
            raise Refused(f"a <{tag}> changes a link")
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)
        if tag == "style":
            self.style = []

    def _attribute(self, element: _Element, key: str, value: str) -> None:
        if key.startswith("on"):
            raise Refused(f"it has an event handler ({key})")
        if key == "href":
            if not _own_reference(value):
                raise Refused(f"it refers to {value[:80]!r} outside the image")
            if element.tag == "use":
                element.use = value.strip()[1:]
        elif key == "id":
            self.ids.setdefault(value, element)
        elif key == "style":
            _check_css(value, declarations=True)
        elif "url(" in value.lower() and any(not url.startswith("#")
                                             for url in css.component_urls(value)):
            raise Refused(f"attribute {key} loads {value[:80]!r}")

    def end(self, name: str) -> None:
        if self.style is not None and _local(name) == "style":
            _check_css("".join(self.style), declarations=False)
            self.style = None
        self.stack.pop()

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)


def _check_css(text: str, declarations: bool) -> None:
    clean = css.clean_declarations if declarations else css.clean
    _, removed = clean(text, lambda url: url.startswith("#"))
    if removed:
        raise Refused(f"its CSS loads {removed[0].what}")


def _refuse_entities(*args: object) -> None:
    raise Refused("it declares XML entities")


def _drawn(root: _Element, ids: dict[str, _Element]) -> None:
    """Refuse an image that draws too many elements or nests <use> too deep (or in a loop)."""
    sizes: dict[int, tuple[int, int]] = {}  # id(element) -> (elements drawn, <use> depth)
    busy: set[int] = set()

    def measure(element: _Element, above: int) -> tuple[int, int]:
        """`above`: the <use> elements on the way down to this one."""
        if above > MAX_USE_DEPTH:
            raise Refused(f"<use> nested more than {MAX_USE_DEPTH} deep")
        key = id(element)
        if key in busy:
            raise Refused("a <use> draws itself")
        if key not in sizes:
            busy.add(key)
            count, depth = 1, 0
            for child in element.children:
                child_count, child_depth = measure(child, above)
                count, depth = count + child_count, max(depth, child_depth)
            if element.use is not None and (target := ids.get(element.use)) is not None:
                target_count, target_depth = measure(target, above + 1)
                count, depth = count + target_count, max(depth, target_depth + 1)
            if count > MAX_ELEMENTS:
                raise Refused(f"it draws more than {MAX_ELEMENTS:,} elements (<use> expanded)")
            busy.discard(key)
            sizes[key] = (count, depth)
        if above + sizes[key][1] > MAX_USE_DEPTH:
            raise Refused(f"<use> nested more than {MAX_USE_DEPTH} deep")
        return sizes[key]

    measure(root, 0)


def problem(data: bytes) -> str | None:
    """Why this SVG may not be shown, or None."""
    reader = _Reader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
        if reader.root is None or reader.root.tag != "svg":
            return NOT_SVG
        _drawn(reader.root, reader.ids)
    except Refused as refused:
        return f"SVG refused: {refused}"
    except expat.ExpatError as error:
        if b"<svg" not in data[:4096]:
            return NOT_SVG
        return f"not a well-formed SVG image ({expat.ErrorString(error.code)}, line {error.lineno})"
    return None
