"""Naming what the walk left out unnamed (readers/naming.py): each rule on a small document of
its own, and the passages no rule may name (those that ask, those after an answer)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reading import cards, read

from build_decks.readers import leftout, naming
from build_decks.readers.finder import Finder


def named(doc) -> dict[str, str]:
    """The first words of each left-out passage, and its reason."""
    return {d.text[:12]: d.reason for d in doc.dropped}


# section introduction and section text ---------------------------------------------------------

def test_prose_under_the_title_before_the_questions_is_the_introduction(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Networking notes\n\nCollected from my last two jobs.\n\n"
               "## What is a socket?\n\nAn endpoint.\n\n## What is a port?\n\nA number.\n")
    assert named(doc)["Collected fr"] == naming.INTRODUCTION


def test_prose_under_a_topic_heading_before_its_questions_is_its_introduction(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is DNS?\n\nNames to addresses.\n\n## Caching\n\n"
               "Caches trade memory for speed.\n\n### Sample questions\n\n"
               "- What is a TTL?\n- Why do caches go stale?\n")
    assert named(doc)["Caches trade"] == naming.INTRODUCTION


def test_a_topic_heading_that_asks_nothing_holds_section_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is DNS?\n\nNames to addresses.\n\n## History\n\n"
               "The first resolvers ran in 1983.\n\n## Glossary of ports\n\n"
               "| port | use |\n|---|---|\n| 53 | dns |\n")
    assert named(doc)["The first re"] == naming.TEXT
    assert named(doc)["| port | use"] == naming.TEXT  # a table under it too


def test_a_label_over_a_list_of_notes_in_a_document_of_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q1. What is a pod?\n- answer: the smallest unit.\n\n---\n\n"
               "Q2. What is a node?\n- answer: a machine.\n\n---\n\n"
               "docker pitfalls:\n\n- bloated images (fix: multi-stage builds).\n"
               "- pods vs nodes (idle pods).\n- running as the root user.\n")
    reasons = [d.reason for d in doc.dropped if d.reason not in ("section label",)]
    assert reasons == [naming.TEXT] * 3  # `X vs Y` in a list of notes is a note
    assert cards(doc) == [("qa", "What is a pod?"), ("qa", "What is a node?")]


def test_a_label_right_over_questions_ends_no_section(tmp_path: Path) -> None:
    doc = read(tmp_path, "Area 1 - Probability\nExpect questions on basic rules.\n\n"
               "Sample Questions\n\nWhat is a random variable?\nExplain Bayes' theorem.\n\n"
               "Area 2 - Sampling\nA short history of surveys.\n\nArea 3 - Testing\n"
               "Hypothesis tests come up often.\n\nSample Questions\n\nWhat is a p-value?\n"
               "What is power?\n", name="notes.txt")
    found = named(doc)
    assert found["Expect quest"] == found["Hypothesis t"] == naming.INTRODUCTION
    assert found["A short hist"] == naming.TEXT  # the next label is over text: a sibling


def test_a_field_line_names_no_topic(tmp_path: Path) -> None:
    doc = read(tmp_path, "Title: Deep RL\nAuthors: #someone\nYear: 2018\n\n"
               "## What is a policy?\n\nA map from states to actions.\n")
    assert naming.TEXT not in {d.reason for d in doc.dropped}
    assert naming.INTRODUCTION not in {d.reason for d in doc.dropped}


def test_a_heading_section_ends_at_the_next_heading_of_its_level() -> None:
    markers = [naming.Marker(1, 1), naming.Marker(3, 2), naming.Marker(5, naming.LABEL_LEVEL),
               naming.Marker(7, naming.SUB_LABEL_LEVEL), naming.Marker(9, 2)]
    ends = naming._ends(markers)
    assert ends[1:4] == [9, 9, 9]  # a sub-label ends no label; a level-2 heading ends both
    assert ends[0] == sys.maxsize  # open to the end


# what is never named ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Do you know how to answer the rest? Please send a patch.",
    "What is a socket",
    "Explain the three-way handshake",
])
def test_a_passage_that_asks_keeps_its_unnamed_reason(tmp_path: Path, text: str) -> None:
    doc = read(tmp_path, f"# Networking notes\n\n{text}\n\n## What is a port?\n\nA number.\n"
               "\n## What is a packet?\n\nA unit.\n")
    passage = next(d for d in doc.dropped if d.text.startswith(text[:10]))
    assert passage.reason in naming.UNNAMED and not passage.boilerplate


def test_prose_after_an_answer_is_not_a_section_introduction(tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is a pod?\n- What is a node?\n\nSome words between.\n\n"
               "- What is a volume?\n")
    assert named(doc)["Some words b"] == leftout.OUTSIDE


def test_nothing_is_named_in_a_document_without_questions() -> None:
    finder = Finder("# Notes\n\nJust prose about caches.\n\n## More\n\nAnd more prose.\n")
    assert finder.run() == []
    assert {d.reason for d in finder.dropped} <= naming.UNNAMED | {"document title",
                                                                   "section heading"}


def test_the_named_passages_are_listed_by_every_import(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Notes\n\nWhy I wrote these notes, briefly.\n\n"
               "## What is a pod?\n\nA unit.\n\n## Background\n\nSome history.\n")
    named_here = [d for d in doc.dropped if d.reason in (naming.INTRODUCTION, naming.TEXT)]
    assert len(named_here) == 2 and not any(d.boilerplate for d in named_here)


# about the document ----------------------------------------------------------------------------

TERMS = ("\n\n# Terms\n\n**Mean**: the average.\n\n**Median**: the middle.\n\n"
         "**Mode**: the most common.\n")


@pytest.mark.parametrize(("text", "reason"), [
    ("Statistics has its own words. Here are the ones we use", naming.ABOUT),
    ("This repository collects what I was asked.", naming.ABOUT),
    ("The answers here come from readers, so check them.", naming.ABOUT),
    ("Voici les termes que nous utilisons dans ces fiches.", naming.ABOUT),
    ("Estas preguntas vienen de entrevistas reales y de libros.", naming.ABOUT),
    ("Statistics has its own words, each with a history.", leftout.INTRODUCTION),
    ("This function returns the list of keys.", leftout.INTRODUCTION),  # `this` function
])
def test_a_sentence_about_the_document_itself(tmp_path: Path, text: str, reason: str) -> None:
    assert named(read(tmp_path, text + TERMS))[text[:12]] == reason


# advert footer ---------------------------------------------------------------------------------

def test_what_follows_the_adverts_after_the_last_answer_is_the_footer(tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is a mean?\n\nThe average.\n\n## What is a median?\n\n"
               "The middle value.\n\nFollow us on Twitter\n\n"
               "Acme runs data courses in three cities, with projects.\n")
    assert named(doc)["Acme runs da"] == naming.FOOTER
    assert not next(d for d in doc.dropped if d.reason == naming.FOOTER).boilerplate


def test_closing_text_with_no_advert_before_it_stays_closing_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is a mean?\n- What is a median?\n\n"
               "Acme runs data courses in three cities, with projects.\n")
    assert named(doc)["Acme runs da"] == leftout.CLOSING


STATEMENT = "Python is used in science because it is the fastest language ever made:"


@pytest.mark.parametrize("item", [f"- 4. {STATEMENT}", f"4. {STATEMENT}"])
def test_a_numbered_item_under_a_label_is_never_named(tmp_path: Path, item: str) -> None:
    doc = read(tmp_path, "- 3. Is a tuple mutable?\n\nNo.\n\nTrue or false\n\n"
               f"{item}\n\n- 5. What is a queue?\n\nA FIFO.\n")
    passage = next(d for d in doc.dropped if "fastest" in d.text)
    assert passage.reason in naming.UNNAMED  # it may be a question the rules missed


def test_a_question_heading_ends_the_topic_section_before_it(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Design notes\n\n## Steps to take:\n\n"
               "Requirements come first, then the design, then the review.\n\n"
               "## What are the users' needs?\n\nAsk them.\n")
    assert named(doc)["Requirements"] == naming.TEXT  # its section ends at the question
