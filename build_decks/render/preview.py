"""The card preview of `build-decks serve`: each Anki card's front and back as Anki shows them,
from the deck's own card templates and CSS (templates/anki/), light and night, at phone and
desktop width.

The fields are those the package carries (render/anki.py makes both), except that formulas
come as MathML and images inline, because the preview has no MathJax and no media folder of
Anki's. Each side is a small document of its own, shown in a frame, so the card's CSS and its
`@media` rules apply as they do in Anki's card view, and night mode is Anki's `nightMode`
class on the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from build_decks import cloze, media
from build_decks.html_events import text_of
from build_decks.model import Card, Content
from build_decks.render import anki_card
from build_decks.render.anki import MODEL_OF_KIND, NOTE_TYPES, deck_name, note_fields, note_tags
from build_decks.render.env import render, static
from build_decks.render.markup import Target

WIDTHS = {"phone": 390, "desktop": 720}  # CSS px: a common phone, Anki's desktop reviewer


@dataclass(frozen=True)
class CardView:
    """One Anki card (a note gives one per template, a cloze note one per number)."""

    key: str  # "<card id>.<ordinal>": the card's address in the preview
    card: Card
    title: str  # the note's first field as text
    template: str  # the card template's name
    ordinal: int
    front: str
    back: str


def target(content: Content) -> Target:
    return Target(math="mathml", images="data", media=media.Folder.of(content.root).path,
                  cloze="anki", markdown=content.markdown)


def card_views(content: Content, shown: Target | None = None) -> list[CardView]:
    """Every card of the content, each side rendered from its template as Anki renders it."""
    shown = shown or target(content)
    titles = {t.id: t.title for t in content.topics}
    views = []
    for card in content.cards:
        kind = MODEL_OF_KIND[card.kind]
        _, _, names, templates = NOTE_TYPES[kind]
        fields = dict(zip(names, note_fields(card, content, titles[card.topic], shown),
                          strict=True))
        deck = deck_name(content.title, titles[card.topic])
        specials = {"Tags": " ".join(note_tags(card)), "Deck": deck,
                    "Subdeck": deck.rpartition("::")[2], "Type": NOTE_TYPES[kind][1]}
        ordinals = ([(n, templates[0]) for n in cloze.numbers(card.front)] if kind == "cloze"
                    else [(i + 1, t) for i, t in enumerate(templates)])
        title = text_of(next(iter(fields.values()))) or card.id
        for ordinal, (name, front_file, back_file) in ordinals:
            label = f"{name} {ordinal}" if kind == "cloze" else name
            sides = {**specials, "Card": label}
            front = anki_card.render(static(content.root, f"anki/{front_file}"),
                                     anki_card.Side(fields, sides, ordinal, True), front_file)
            back = anki_card.render(static(content.root, f"anki/{back_file}"),
                                    anki_card.Side(fields, {**sides, "FrontSide": front},
                                                   ordinal, False), back_file)
            views.append(CardView(f"{card.id}.{ordinal}", card, title, label, ordinal, front, back))
    return views


def side_page(content: Content, view: CardView, back: bool, night: bool) -> str:
    """One side as its own document, in Anki's card markup: `<body class="card cardN">`."""
    return render(content.root, "serve/side.html", css=Markup(render(content.root,
                  "anki/card.css.j2")), html=Markup(view.back if back else view.front),
                  ordinal=view.ordinal, night=night, title=view.title)
