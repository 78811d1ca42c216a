"""What the output of a template override may hold, whatever the template says.

A project's template overrides (`templates/`) may come from someone else. What the built-in
templates write is ours; once a folder overrides any template, every document rendered for it
passes here:

- links (`href` of `<a>` and `<area>`) pass the content's allow-list (urls.py) or stay within
  the page (`#anchor`); every other URL an element would fetch (`src`, `<link href>`,
  `poster`, `data`, ...) must be an image in the media folder, a `data:image/` URI or one of
  the PDFs' formula drawings; `srcset` is dropped;
- CSS (`<style>`, `style=""`, the `.css.j2` templates) loses every `@import` and every
  declaration whose `url()` is none of those (css.py);
- a `<meta http-equiv>` (refresh, set-cookie, ...) is emptied: only a Content-Security-Policy
  stays, which can only narrow the policy the code writes.

The HTML is parsed by tinyhtml5, the HTML5 parser WeasyPrint itself uses, so what is checked
is what a browser and WeasyPrint see (a comment closed by `--!>` hides nothing). A document
with nothing to remove is returned unchanged; one with something to remove is written again
from the parsed tree.

`warnings` reads the override files themselves, so what they write literally is reported at
its file and line before anything is built.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tinyhtml5.parser import HTMLParser

from build_decks import css, html_events, media, project, reading, urls
from build_decks.errors import ContentError

URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data",
                            "cite", "background", "ping", "manifest", "codebase", "longdesc",
                            "usemap", "icon", "lowsrc", "dynsrc"})
LINKS = frozenset({"a", "area"})  # their href is followed by the reader; other URLs are fetched
FETCHED_SCHEMES = ("data:image/", "formula:")  # inline images; the PDFs' formula drawings
MAX_TEMPLATE_BYTES = 2_000_000  # a template file; the largest built-in one is 20 kB
MAX_CSS = 1_000_000
"""Characters of CSS in one place (a stylesheet, a `<style>`, a `style=""`): the built-in
stylesheets are at most 10 kB, and CSS is checked at about 2 µs a character, in one go."""


def link_allowed(url: str) -> bool:
    """A link a template may write: what content may link to, or a place in the same page."""
    return urls.allowed(url) or (url.startswith("#") and url.isprintable() and " " not in url)


def fetch_allowed(url: str, folder: media.Folder) -> bool:
    """What a template may make an output load: an image in the media folder (by its name
    or its file URL), an inline image, a formula drawing, or a place in the same document."""
    url = url.strip()
    if url.startswith("#") or url.lower().startswith(FETCHED_SCHEMES):
        return True
    parts = urlsplit(url)
    if parts.scheme == "file" and not parts.netloc:
        path = Path(unquote(parts.path))  # a POSIX file URL's path (url2pathname)
        return (path.parent.resolve() == folder.path.resolve()
                and folder.problem(path.name) is None)
    return not parts.scheme and not parts.netloc and folder.problem(url) is None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


KEPT_HTTP_EQUIV = "content-security-policy"  # a page's own policy can only narrow the code's


def _http_equiv(tag: str, attrs: dict[str, str]) -> str | None:
    """What a `<meta http-equiv>` asks for (refresh, set-cookie, ...), if it is one that
    goes: every one but a policy, which can only narrow what the code writes."""
    kind = next((v for k, v in attrs.items() if _local(k) == "http-equiv"), None)
    if tag != "meta" or kind is None or kind.strip().lower() == KEPT_HTTP_EQUIV:
        return None
    return kind


def _clean_element(element: ElementTree.Element, folder: media.Folder,
                   removed: list[str]) -> None:
    tag = _local(element.tag)
    if (kind := _http_equiv(tag, element.attrib)) is not None:
        element.attrib.clear()  # an inert <meta>: a refresh would leave the page
        removed.append(f"<meta http-equiv={kind[:80]!r}>")
    for key, value in list(element.attrib.items()):
        name = _local(key)
        if name in URL_ATTRIBUTES:
            ok = (link_allowed(value) if name == "href" and tag in LINKS
                  else name != "srcset" and fetch_allowed(value, folder))
            if not ok:
                del element.attrib[key]
                removed.append(f"<{tag} {name}={value[:80]!r}>")
        elif name == "style" and len(value) > MAX_CSS:
            del element.attrib[key]
            removed.append(f"<{tag} style>: {len(value):,} characters of CSS")
        elif name == "style":
            clean, gone = css.clean_declarations(value, lambda u: fetch_allowed(u, folder))
            if gone:
                element.set(key, clean)
                removed += [f"<{tag} style>: {g.what}" for g in gone]
    if tag == "style" and element.text and len(element.text) > MAX_CSS:
        removed.append(f"<style>: {len(element.text):,} characters of CSS")
        element.text = ""
    elif tag == "style" and element.text:
        clean, gone = css.clean(element.text, lambda u: fetch_allowed(u, folder))
        if gone:
            element.text = clean
            removed += [f"<style>: {g.what}" for g in gone]


class _Paced(io.StringIO):
    """The text, read by the parser a chunk at a time, `pace` called before each (a render's
    time limit holds while its output is checked)."""

    def __init__(self, text: str, pace: Callable[[], None]) -> None:
        super().__init__(text)
        self.pace = pace

    def read(self, size: int | None = -1) -> str:
        self.pace()
        return super().read(size)


def clean_document(text: str, folder: media.Folder,
                   pace: Callable[[], None] = lambda: None) -> tuple[str, list[str]]:
    """A rendered HTML document or fragment with what it may not load or link removed; and
    what was removed. `pace` is called as the work goes on (it may raise to stop it)."""
    whole = text.lstrip()[:9].lower() in ("<!doctype", "<html")
    parser = HTMLParser(namespace_html_elements=False)
    stream = _Paced(text, pace)
    tree = parser.parse(stream) if whole else parser.parse_fragment(stream)
    removed: list[str] = []
    for element in tree.iter():
        if isinstance(element.tag, str):
            pace()
            _clean_element(element, folder, removed)
    if not removed:
        return text, []
    if whole:
        return "<!DOCTYPE html>\n" + ElementTree.tostring(tree, "unicode", method="html"), removed
    inner = "".join(ElementTree.tostring(child, "unicode", method="html") for child in tree)
    return html.escape(tree.text or "", quote=False) + inner, removed


def clean_stylesheet(text: str, folder: media.Folder) -> tuple[str, list[str]]:
    clean, gone = css.clean(text, lambda u: fetch_allowed(u, folder))
    return clean, [g.what for g in gone]


def with_policy(page: str, policy: str) -> str:
    """The page with its Content-Security-Policy first, before anything that could run or
    load, so no template can leave it out or put anything ahead of it: right after a leading
    doctype (which, by the HTML5 rules, ends at its first `>`), else at the very start. The
    HTML parser puts a leading `<meta>` into the head it makes. A template's own policy can
    only narrow this one (browsers enforce every policy of a page)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
    start = len(page) - len(page.lstrip())
    at = page.find(">", start) + 1 if page[start:start + 9].lower() == "<!doctype" else 0
    return f"{page[:at]}{meta}{page[at:]}"


def warnings(root: Path) -> list[ContentError]:
    """What the override files write that their outputs will lose: `@import`, URLs that load
    from outside the media folder, links off the allow-list; each at its file and line."""
    found: list[ContentError] = []
    shown = media.Folder.of(root)
    folders = project.override_folders(root, project.builtin_templates())
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()):
        try:
            text = reading.read_text(path, MAX_TEMPLATE_BYTES)
        except ContentError as error:
            found.append(error)
            continue
        if path.name.endswith((".css", ".css.j2")):
            _, gone = css.clean(text, lambda u: fetch_allowed(u, shown) or "{" in u)
            found += [ContentError(path, g.line, f"{g.what} is removed from the output: CSS "
                                   "may load only data: URIs and files in the media folder")
                      for g in gone]
        elif path.name.endswith(".html"):
            found += _html_warnings(path, text, shown)
    return found


def _html_warnings(path: Path, text: str, shown: media.Folder) -> list[ContentError]:
    found = []
    for event in html_events.events(text):
        if event.kind != "start":
            continue
        if (kind := _http_equiv(event.value, dict(event.attrs))) is not None:
            found.append(ContentError(path, event.line + 1, f"<meta http-equiv={kind[:80]!r}> "
                                      "is removed from the output: a template may not make "
                                      "a page reload, leave or set cookies"))
        for name, value in event.attrs:
            if "{" in value or name not in URL_ATTRIBUTES:
                continue  # a value a template computes is checked in the output
            ok = (link_allowed(value) if name == "href" and event.value in LINKS
                  else name != "srcset" and fetch_allowed(value, shown))
            if not ok:
                found.append(ContentError(path, event.line + 1, f"<{event.value} {name}="
                                          f"{value[:80]!r}> is removed from the output: links "
                                          "must be http, https or mailto, and only images in "
                                          "the media folder load"))
    return found
