"""One measured stage, run in its own process so its peak memory is its own.

    python bench/stages.py STAGE CONTENT_DIR OUT_DIR   ->  prints {"seconds": s, "peak_mb": m}

Stages named `bare-*` do the same work with the bare library, for the ratios. The work is
stage_work.py, imported only when this file runs as the program: each PDF worker runs a
script's main file again (multiprocessing's rule for a worker started from a server), and a
worker of `build-decks` imports nothing of the kind, so neither may this one.
"""

if __name__ == "__main__":
    from stage_work import main

    main()
