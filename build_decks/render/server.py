"""What the PDF workers' server (workers.py) runs before it forks the first worker: it imports
WeasyPrint and the workers' jobs, loads the PDFs' fonts and compiles the flashcard sheet's
template, so that every worker it forks starts with all of that done. Importing this module
is its whole purpose: only the server imports it."""

import contextlib
import gc

from build_decks.render import flashcards, weasy
from build_decks.render.env import ENV

with contextlib.suppress(Exception):  # a warm-up only: a real layout reports what fails
    weasy.warm_up()
ENV.get_template(flashcards.SHEET_TEMPLATE)
gc.freeze()  # what the server holds stays out of the workers' collections: copy-on-write
