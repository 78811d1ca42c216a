"""Sizes on paper: units, paper sheets, margins, card sizes. Plain values, imported by the
PDF workers too (sheets.py), which need them without the rest of the PDFs' code."""

from __future__ import annotations

from dataclasses import dataclass, replace

MM_TO_PX = 96 / 25.4
MM_TO_PT = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm
    height: float

    @property
    def css(self) -> str:
        return f"{self.width}mm {self.height}mm"

    def turned(self) -> Paper:
        """The same sheet in landscape (for fold-in-half cards, printed on one side)."""
        return replace(self, width=self.height, height=self.width)


PAPERS = {"a4": Paper("a4", 210, 297), "letter": Paper("letter", 215.9, 279.4)}


@dataclass(frozen=True)
class Margins:
    """A paper page and the margins (mm) around its text; the frame's CSS and the parts'
    pages both take their sizes from here."""

    paper: Paper
    top: float
    side: float
    bottom: float

    @property
    def width(self) -> float:
        return round(self.paper.width - 2 * self.side, 3)

    @property
    def height(self) -> float:
        return round(self.paper.height - self.top - self.bottom, 3)


@dataclass(frozen=True)
class CardSize:
    name: str  # as on the command line
    width: float  # mm
    height: float


CARD_SIZES = {size.name: size for size in (
    CardSize("90x62mm", 90, 62),  # the default: eight to an A4 or letter sheet
    CardSize("3x5in", 127, 76.2),  # index cards, landscape
    CardSize("2.5x3.5in", 63.5, 88.9),  # playing cards (rpg-cards' size), portrait
)}
