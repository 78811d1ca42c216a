"""Noise: what documents put between their questions that is neither a question nor an answer.

- badges (an image-only line of `.svg` or shields.io images), "back to top" links (a line
  that only links to an anchor of the page), HTML comments and empty HTML: left out, and an
  answer they sit in goes on after them;
- YAML front matter;
- adverts: a paragraph opening with a call to action (see boilerplate.py), or a line that only
  links to social and donation sites; they end the answer before them;
- struck-out lines (`~~old question~~`);
- a thematic break (`---`, or a line of `⸻`) ends the answer before it.
"""

from __future__ import annotations

from build_decks import boilerplate, html_events
from build_decks.readers import inline
from build_decks.readers.elements import FrontMatter, Html, Line, Paragraph
from build_decks.readers.elements import Rule as Separator
from build_decks.readers.rule import Close, Context, LeftOut, LineUnit, Rule, left_out

SOCIAL_HOSTS = ("linkedin.com", "facebook.com", "twitter.com", "x.com", "youtube.com",
                "instagram.com", "ko-fi.com", "patreon.com", "buymeacoffee.com", "medium.com")
BADGE_HOSTS = ("shields.io", "badge")
ADVERT = "advert"
RECOGNISED = frozenset({"badge", "back-to-top link", ADVERT})  # boilerplate (see rules/)
MARKUP = frozenset({"HTML comment", "HTML separator", "front matter"})  # no text to study


def noise(element: object) -> str | None:
    """Why a block is noise, or None."""
    if isinstance(element, Html):
        if element.comment:
            return "HTML comment"
        if not element.text.strip() and not any(e.kind == "start" and e.value == "img"
                                                for e in element.events):
            return "HTML separator"
        return None
    if isinstance(element, FrontMatter):
        return "front matter"
    if isinstance(element, Paragraph) and _only_empty_tags(element):
        return "HTML separator"  # `<ins class="ad" ...></ins>`: tags the parser kept inline
    if not isinstance(element, Paragraph) or len(element.lines) != 1:
        return None
    tokens = element.lines[0].tokens
    links = inline.links_of(tokens)
    if links and inline.is_link_only(tokens) and all(link.startswith("#") for link in links):
        return "back-to-top link"
    images = [t for t in tokens if t.type == "image"]
    if images and not inline.plain_of([t for t in tokens if t.type != "image"]).strip() and all(
            _is_badge(str(t.attrGet("src"))) for t in images):
        return "badge"
    return None


def _only_empty_tags(para: Paragraph) -> bool:
    """A paragraph of HTML tags that show nothing (no text, no image)."""
    tokens = [t for line in para.lines for t in line.tokens]
    if not tokens or any(t.type != "html_inline" and (t.type != "text" or t.content.strip())
                         for t in tokens):
        return False
    found = [e for t in tokens for e in html_events.events(t.content)]
    return not html_events.text_of(found) and not any(
        e.kind == "start" and e.value == "img" for e in found)


def _is_badge(src: str) -> bool:
    return src.startswith("http") and (src.split("?")[0].endswith(".svg")
                                       or any(host in src for host in BADGE_HOSTS))


def is_ad(words: str, line: Line) -> bool:
    """A call to action, or a line that only links to social and donation sites (Markdown
    links or HTML `<a>`)."""
    if boilerplate.is_ad_line(words):
        return True
    links = inline.links_of(line.tokens) + [
        e.attr("href") for t in line.tokens if t.type == "html_inline"
        for e in html_events.events(t.content) if e.kind == "start" and e.value == "a"]
    if not links or not all(any(host in link for host in SOCIAL_HOSTS) for link in links):
        return False
    return inline.is_link_only(line.tokens) or all(
        t.type == "html_inline" or not t.content.strip() or _inside_html_link(line.tokens, t)
        for t in line.tokens)


def _inside_html_link(tokens: list, token) -> bool:
    """The text of an HTML `<a>...</a>` written on the line."""
    depth = 0
    for other in tokens:
        if other is token:
            return depth > 0
        if other.type == "html_inline":
            found = html_events.events(other.content)
            depth += sum(1 for e in found if e.kind == "start" and e.value == "a")
            depth -= sum(1 for e in found if e.kind == "end" and e.value == "a")
    return False


def match_block(element: object, context: Context) -> list | None:
    reason = noise(element)
    if reason is not None:
        return [left_out(context.source, element, reason, keep_open=True)]
    if isinstance(element, Paragraph):
        first = element.lines[0]
        if is_ad(inline.plain_of(first.tokens).strip(), first):
            return [left_out(context.source, element, ADVERT)]
    return None


def match_separator(element: Separator, context: Context) -> list | None:
    return [Close()]  # `---` or `⸻` between items ends the answer before it


def match_struck(unit: LineUnit, context: Context) -> list | None:
    if unit.text and inline.is_struck(unit.line.tokens):
        return [LeftOut(unit.start, unit.end, "struck-out question", unit.text, keep_open=True)]
    return None


RULES = (
    Rule("noise", 30, (Paragraph, Html, FrontMatter), match_block,
         about="badges, back-to-top links, HTML comments, front matter and adverts"),
    Rule("noise.separator", 30, (Separator,), match_separator,
         about="a thematic break ends the answer before it"),
    Rule("noise.struck-out", 30, (LineUnit,), match_struck, about="struck-out lines"),
)
