"""What the PDF workers' server (workers.py) runs before it forks the first worker: it imports
WeasyPrint and the workers' jobs (a part's layout, a flashcard sheet's fitting) and loads the
PDFs' fonts, so that every worker it forks starts with all of that done. Nothing else: every
job waits for this server, so what it imports is on the path of every build. Importing this
module is its whole purpose: only the server imports it."""

import contextlib
import gc

from build_decks.render import parts, sheets, weasy

JOBS = (parts.lay_out, sheets.fit)  # what the workers run (render/plan.py's Need.job)

with contextlib.suppress(Exception):  # a warm-up only: a real layout reports what fails
    weasy.warm_up()
gc.freeze()  # what the server holds stays out of the workers' collections: copy-on-write
