"""The words a question's id, key and subject leave out: English function words, and the
filler of asking ("describe", "explain", "mention", "vs"), which say how a question asks, not
what it asks about. Shared by normalize (readable ids), keys (matching a re-import) and
subjects (related cards, near-duplicates)."""

STOPWORDS = frozenset("""
    a an the of and or to in on for with by is are was were be been do does did you your how what
    why when which who whom can could would should will shall may might it its this that these
    those there their as at from into about between vs versus some any mention describe explain
""".split())
