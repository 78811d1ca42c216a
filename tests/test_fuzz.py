"""Property-based: random and mutated documents never crash a reader, random YAML never crashes
the loader. The only exceptions allowed out are the project's own, naming file and line."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import yaml
from conftest import FIXTURES, SEEDS, make_content
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_decks import cli
from build_decks.config import SourceConfig
from build_decks.errors import ContentError, ContentErrors
from build_decks.loader import load_content
from build_decks.normalize import normalize
from build_decks.readers import REGISTRY
from build_decks.schema import KINDS
from build_decks.taxonomy import load_taxonomy

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
TAXONOMY = load_taxonomy(SEEDS / "topics.yaml")
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "sources").iterdir())] + [
    p.read_text(encoding="utf-8") for p in sorted((SEEDS / "sources").iterdir())]
MARKERS = ["Q:", "A:", "**Q:**", "Question 3)", "## Q1:", "### Q2.", "# Table of Contents",
           "<details>", "</details>", "<summary>Answer</summary>", "**Questions:**", "1.",
           "### 1.1 Tools", "## 2. Serving", "Source:", "Conclusion", "```", "- ", "\t", "\r\n",
           "\ufeff", "â€™", "## License", "[1]. https://example.org \\", "<h1>x</h1>",
           "<summary>What is X?</summary><br><b>", "</b></details>", "*Q: ", "*Q? ", "Q1. ",
           "??? success \"View Answer\"", "    ", "!!! tip", "- **Expected Answer**:",
           "🗂️  Question:", "📦  Answer:", "$$", "| Question | Answer |", "|---|---|", ": ",
           "---", "title: x", " [[src](https://e.org)]", "[⬆ Back to top](#q)", "~~", "<!--",
           "-->", "[E] ", "👶", "**1\\.** ", "Answer here", "1 - ", "<br/>", "> "]


def lines_mutation() -> st.SearchStrategy[str]:
    """A seed or fixture document with lines dropped, repeated, swapped or spiked with markers."""
    @st.composite
    def mutate(draw) -> str:
        lines = draw(st.sampled_from(SAMPLES)).split("\n")
        for _ in range(draw(st.integers(1, 8))):
            if not lines:
                break
            i = draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "repeat", "marker", "cut", "swap"]))
            if action == "drop":
                del lines[i]
            elif action == "repeat":
                lines.insert(i, lines[i])
            elif action == "marker":
                lines.insert(i, draw(st.sampled_from(MARKERS)) + draw(st.text(max_size=20)))
            elif action == "cut":
                lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    return mutate()


DOCUMENTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(MARKERS) | st.text(max_size=30), max_size=30).map("\n".join),
    lines_mutation(),
)


def run_reader(name: str, text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            document = REGISTRY[name].read(path)
            normalize(document, SourceConfig("fuzz", f"sources/doc{suffix}"), name, TAXONOMY)
        except ContentError as error:
            assert error.path == path


@SETTINGS
@given(text=DOCUMENTS, name=st.sampled_from(sorted(REGISTRY)),
       suffix=st.sampled_from([".md", ".txt"]))
@example(text="# Q0:", name="markdown", suffix=".md")  # a question marker with no question
@example(text="<details>\n- a\n</b></details>\n</details>", name="markdown", suffix=".md")
def test_readers_survive_random_and_mutated_documents(text: str, name: str, suffix: str) -> None:
    run_reader(name, text, suffix)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_readers_survive_arbitrary_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        for reader in REGISTRY.values():
            try:
                reader.read(path)
            except ContentError as error:
                assert error.path == path


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    max_size=20) | st.sampled_from(["qa", "term", "prompt", "testing", "id-1", "drift"])
CARD_KEYS = st.sampled_from(["id", "kind", "topic", "tags", "question", "answer", "term",
                             "definition", "notes", "summary", "origin", "section", "anwser"])
CARDS = st.dictionaries(CARD_KEYS, SCALARS | st.lists(SCALARS, max_size=3), max_size=8)
DECKS = st.one_of(
    st.fixed_dictionaries({"title": SCALARS, "cards": st.lists(CARDS, max_size=5)}),
    st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=10),
)
YAML_TEXT = st.one_of(
    DECKS.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(alphabet=st.sampled_from(list("abc:-[]{}'\"|>&*!#%@`\n\t ?,")), max_size=200),
)


@SETTINGS
@given(text=YAML_TEXT)
def test_loader_survives_random_yaml(tmp_path_factory, text: str) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    content = make_content(root, {"deck": FIXTURES / "sources" / "qa_variants.txt"})
    (content / "decks").mkdir()
    deck = content / "decks" / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    try:
        load_content(content)
    except ContentErrors as errors:
        assert errors.errors and all(e.path == deck for e in errors.errors)
    except ContentError as error:
        assert error.path == deck


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["No", "3.10", "~", "null", "{{Question}}", "javascript:alert(1)", "Что", "漂移", " padded ",
     "a::b", "(a)\\1", "^(\\w+\\s?)+$", "", "testing", "qa", "term", "prompt"])
ANY = st.recursive(st.none() | TEXT | st.integers() | st.booleans(),
                   lambda inner: st.lists(inner, max_size=3)
                   | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
SEED_TOPICS = yaml.safe_load((SEEDS / "topics.yaml").read_text(encoding="utf-8"))


@st.composite
def topics_files(draw) -> object:
    """The seed taxonomy, often with some of its values swapped for anything."""
    data = json_copy(SEED_TOPICS)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        topic = draw(st.sampled_from(data["topics"]))
        topic[draw(st.sampled_from(["id", "title", "patterns"]))] = draw(ANY)
    if draw(st.integers(0, 5)) == 0:
        data[draw(st.sampled_from(["default", "tags", "topics"]))] = draw(ANY)
    return data


def json_copy(value: object) -> object:
    return yaml.safe_load(yaml.safe_dump(value))


VALID_CONFIG = st.fixed_dictionaries({"title": TEXT, "language": st.sampled_from(["en", "ru"])})
CONFIGS = st.one_of(VALID_CONFIG, VALID_CONFIG, VALID_CONFIG, st.fixed_dictionaries(
    {"title": TEXT, "sources": st.none() | st.lists(st.dictionaries(
        st.sampled_from(["file", "name", "title", "topic", "format"]), ANY, max_size=3),
        max_size=2)}), ANY)
CARD_ID = st.sampled_from(["a", "b", "c-1"])
TOPIC = st.sampled_from(["testing", "serving"])
CARD = st.one_of(
    st.fixed_dictionaries({"id": CARD_ID, "kind": st.just("qa"), "topic": TOPIC,
                           "question": TEXT | st.just("What?"), "answer": TEXT | st.sampled_from(
                               ["- a\n  - b\n    - c", "Yes.", "> quoted\n> - list"])}),
    st.fixed_dictionaries({"id": CARD_ID, "kind": st.just("term"), "topic": TOPIC,
                           "term": TEXT | st.just("Drift"), "definition": TEXT}),
    st.fixed_dictionaries({"id": CARD_ID, "kind": st.just("prompt"), "topic": TOPIC,
                           "question": TEXT}))
DECK_FILES = st.one_of(st.fixed_dictionaries({
    "title": TEXT, "cards": st.lists(CARD, min_size=1, max_size=3, unique_by=lambda c: c["id"])}),
    st.fixed_dictionaries({
    "title": TEXT, "references": st.none() | st.lists(TEXT, max_size=2),
    "cards": st.lists(st.fixed_dictionaries(
        {"id": st.sampled_from(["a", "b", "a-1"]) | TEXT, "kind": st.sampled_from(KINDS) | TEXT,
         "topic": st.sampled_from(["testing", "serving"]) | TEXT, "question": TEXT,
         "answer": TEXT | st.just("- a\n  - b\n    - c"), "term": TEXT, "definition": TEXT}),
        min_size=1, max_size=3)}), ANY)
ALIASED = st.sampled_from(["", "", "", "", "x: &a [1, 2]\ny: *a\n", "a: &a {k: v}\nb: [*a, *a]\n"])


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(config=CONFIGS, topics=topics_files(), deck=DECK_FILES, alias=ALIASED,
       where=st.sampled_from(["config.yaml", "topics.yaml", "decks/notes.yaml"]))
def test_check_and_build_allow_only_the_projects_errors(tmp_path_factory, config, topics, deck,
                                                        alias, where) -> None:
    root = tmp_path_factory.mktemp("yamlfuzz")
    content = root / "content"
    (content / "decks").mkdir(parents=True)
    (content / "sources").mkdir()
    files = {"config.yaml": config, "topics.yaml": topics, "decks/notes.yaml": deck}
    for name, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True)
        (content / name).write_text(text + (alias if name == where else ""), encoding="utf-8")
    for command in (["check"], ["build"]):
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["-q", "--content", str(content), "--dist", str(root / "dist"),
                             *command])
        assert code in (0, 1), errors.getvalue()
        assert "internal error" not in errors.getvalue()
        assert all(line.startswith(("error: ", "warning: "))  # -q: nothing else is said
                   for line in errors.getvalue().splitlines()), errors.getvalue()
