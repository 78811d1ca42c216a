"""build_decks: interview-prep Q&A documents -> Anki decks, printable PDFs, an HTML study pack."""

__version__ = "0.1.0"
