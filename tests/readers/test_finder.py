"""The question finder on small documents of every shape real notes come in.

Each fixture is written here, in the test, in the shape the issue names (not copied from any
real document): the cards it must give, with their kind, and what it must leave out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, read, reasons

from build_decks.readers import read_source
from build_decks.render.markup import to_html

# Q:/A: markers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_plain_question_answer_text(tmp_path: Path, name: str) -> None:
    doc = read(tmp_path, "Networking Notes\nQuestion: What is a subnet?\nAnswer: A range of"
               " addresses.\n\nQ: What is NAT?\nA:\nAddress translation.\n\nQ1) Unanswered?\n"
               "Q2: The last one?\nA: Yes.", name)
    assert cards(doc) == [("qa", "What is a subnet?"), ("qa", "What is NAT?"),
                          ("prompt", "Unanswered?"), ("qa", "The last one?")]
    assert answer(doc, "What is a subnet?") == "A range of addresses."
    assert answer(doc, "What is NAT?") == "Address translation."


@pytest.mark.parametrize(("line", "front"), [
    ("*Q: What is QUIC?*", "What is QUIC?"),
    ("*Q? How large is a /16?*", "How large is a /16?"),
    ("*Q:What is the OSI model?*", "What is the OSI model?"),
    ("*Q: Explain the L1 model*?", "Explain the L1 model?"),
    ("*Q: What are some L1 protocols", "What are some L1 protocols"),
    ("**Q3:** Is it useful ?", "Is it useful ?"),
    ("Q. What is `ping`?", "What is `ping`?"),
    ("Q12: What is [BGP](https://example.org/bgp)?", "What is [BGP](https://example.org/bgp)?"),
    ("🗂️  Question: What is a key?", "What is a key?"),
])
def test_question_markers_are_removed_and_the_rest_kept_as_written(
        tmp_path: Path, line: str, front: str) -> None:
    doc = read(tmp_path, f"# Notes\n\n{line}\n\nA: An answer.\n")
    assert cards(doc) == [("qa", front)]


def test_two_questions_in_one_paragraph_and_answers_in_every_position(tmp_path: Path) -> None:
    doc = read(tmp_path, "## BGP\n\n*Q: What is a LSA?*\n*Q: What is a LSU?*\n\n"
               "*Q: How many hosts in a /30?*\nA: 2\n\n*Q: Which prefixes are private?*\n\nA:\n"
               "* 10/8\n* 192.168/16\n\n*Q: What is a community?*\n\nA:\n\n"
               "*Q: What port does BGP use?*\n\nA: TCP/179\n")
    assert cards(doc) == [("prompt", "What is a LSA?"), ("prompt", "What is a LSU?"),
                          ("qa", "How many hosts in a /30?"),
                          ("qa", "Which prefixes are private?"),
                          ("prompt", "What is a community?"), ("qa", "What port does BGP use?")]
    assert answer(doc, "How many hosts in a /30?") == "2"
    assert answer(doc, "Which prefixes are private?") == "* 10/8\n* 192.168/16"


def test_numbering_restarting_per_section_with_labelled_answer_bullets(tmp_path: Path) -> None:
    doc = read(tmp_path, "🔹 docker\n\nQ1. what’s an image?\n-\tanswer: a blueprint.\n"
               "-\twhy: lifecycle.\n\n⸻\n\n🔹 kubernetes\n\nQ1. what’s a pod?\n"
               "-\tanswer: the smallest unit.\n\n⸻\n\n🔹 pitfalls\n\ndocker pitfalls:\n"
               "-\tbloated images.\n")
    assert cards(doc) == [("qa", "what’s an image?"), ("qa", "what’s a pod?")]
    assert answer(doc, "what’s an image?").startswith("a blueprint.\n")
    assert "pitfalls" not in answer(doc, "what’s a pod?")


def test_section_lines_and_unfenced_code_in_plain_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "Docker Questions\nQuestion: Write a Dockerfile.\nAnswer:\n\n"
               "dockerfile\nFROM nginx\nCMD [\"nginx\"]\nQuestion: What is Compose?\n"
               "Answer: A tool.\n\nKubernetes Questions\nQuestion: What is a pod?\n"
               "Answer: A unit.\n", "notes.txt")
    assert cards(doc) == [("qa", "Write a Dockerfile."), ("qa", "What is Compose?"),
                          ("qa", "What is a pod?")]
    assert "FROM nginx" in answer(doc, "Write a Dockerfile.")
    assert "Kubernetes" not in answer(doc, "What is Compose?")


# <details> -------------------------------------------------------------------------------------

def test_details_with_summary_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Databases\n\n<details>\n<summary>What is sharding?</summary><br><b>"
               "\n\nHorizontal partitioning.\n\nAre you able to explain why?\n</b></details>\n\n"
               "<details>\n<summary>What is a table lock?</summary><br><b>\n</b></details>\n\n"
               "<details>\n<summary>Which checks help?</summary><br><b>\n\n* Running queries\n"
               "* Connection leaks\n</b></details>\n\n<details>\n<summary>What is **Docker**?"
               "</summary>\nA container platform.\n</details>\n")
    assert cards(doc) == [("qa", "What is sharding?"), ("prompt", "What is a table lock?"),
                          ("qa", "Which checks help?"), ("qa", "What is Docker?")]
    assert answer(doc, "What is sharding?") == ("Horizontal partitioning.\n\n"
                                                 "Are you able to explain why?")
    assert answer(doc, "Which checks help?") == "* Running queries\n* Connection leaks"
    assert answer(doc, "What is Docker?") == "A container platform."


def test_answer_block_after_a_numbered_question_with_badge_quote_and_rules(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "\n# SQL\n\n1. What is a constraint?\n\n"
               "![Simple](https://example.org/tags/simple.svg)  \n\n"
               "<details><summary> <b>Show Answer</b> </summary>\n\n> A rule on a column:\n"
               "> - not null\n> - unique\n\n</details>\n\n---\n\n2. How do you add a key?\n\n"
               "<details><summary>Answer</summary>\n\n> With `alter`:\n```sql\nalter table t"
               " add primary key(id);\n```\n</details>\n\n---\n\n3. Why normalize?\n")
    assert cards(doc) == [("qa", "What is a constraint?"), ("qa", "How do you add a key?"),
                          ("prompt", "Why normalize?")]
    assert answer(doc, "What is a constraint?") == "A rule on a column:\n- not null\n- unique"
    assert answer(doc, "How do you add a key?").endswith("```sql\nalter table t add primary "
                                                          "key(id);\n```")
    assert "badge" in reasons(doc)


def test_details_then_bullet_prompts_with_sub_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Docker\n\n## Containers:\n\n<details>\n<summary>What is Docker?"
               "</summary>\nA platform.\n</details>\n\n- What is Docker?\n- Can you explain a "
               "Dockerfile?\n    - What is FROM used for?\n    - What is COPY used for?\n"
               "- Can a Dockerfile come from an image\n  - `docker history <id>`\n\n\n"
               "**Advanced:**\n\n- What is an orphan volume?\n")
    assert cards(doc) == [("qa", "What is Docker?"), ("prompt", "What is Docker?"),
                          ("prompt", "Can you explain a Dockerfile?"),
                          ("prompt", "What is FROM used for?"),
                          ("prompt", "What is COPY used for?"),
                          ("qa", "Can a Dockerfile come from an image"),
                          ("prompt", "What is an orphan volume?")]
    assert answer(doc, "Can a Dockerfile come from an image") == "- `docker history <id>`"


def test_details_inside_list_items_and_missing_answers(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Serving\n\n- **What is batching?**\n  <details><summary><b>Answer"
               "</b></summary>\n\n  Grouping requests:\n\n  ```python\n  batch = q.get(32)\n"
               "  ```\n  </details>\n\n1. **What is an inference server?**\n<details>\n"
               "<summary>Answer</summary>\n</details>\n\n2. What is warm-up?\n\n"
               "3. **3. Why pin versions?**\n<details>\n<summary>Show</summary>\n"
               "Reproducible builds.\n</details>\n")
    assert cards(doc) == [("qa", "What is batching?"), ("prompt", "What is an inference server?"),
                          ("prompt", "What is warm-up?"), ("qa", "Why pin versions?")]
    assert answer(doc, "What is batching?") == ("Grouping requests:\n\n```python\n"
                                                 "batch = q.get(32)\n```")


# Headings --------------------------------------------------------------------------------------

def test_numbered_headings_with_source_links(tmp_path: Path) -> None:
    doc = read(tmp_path, "# 3 Questions\n\n## Preparation Resources\n1. [A course](https://"
               "example.org/c)\n\n## Questions\n\n#### 8) Given stride S, compute the [receptive"
               " field](https://example.org/rf). [[src](https://example.org/s)]\n\nAn answer.\n\n"
               "```\n#Model 1\nx = 1\n```\n\n#### 9) Implement [components](https://example.org/"
               "c) on a matrix. [[src](https://example.org/s)]\n\n\n#### 10) Reverse a list. "
               "[[src](https://example.org/s)]\n\n[[Answer]](https://example.org/a)\n\n"
               "### 10) What are RCNNs? [[src]](https://example.org/s)\nRegion CNNs.\n\n"
               "## Contributions\nWelcome.\n")
    assert cards(doc) == [
        ("qa", "Given stride S, compute the [receptive field](https://example.org/rf)."),
        ("prompt", "Implement [components](https://example.org/c) on a matrix."),
        ("qa", "Reverse a list."), ("qa", "What are RCNNs?")]
    assert "#Model 1" in answer(doc, "Given stride S, compute the [receptive field]"
                                     "(https://example.org/rf).")
    assert answer(doc, "What are RCNNs?") == "Region CNNs."
    assert doc.title == "3 Questions"


def test_plain_headings_back_to_top_links_and_contributing_examples(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Bank\n\n## How to contribute?\n\n```\n#### <How old are you?>\n"
               "```\n\n#### How old are you?\n\nOld enough.\n\n## Questions\n#### What does a"
               " distribution look like?\n\nNormal.\n\n[⬆ Back to top](#questions)\n\n#### Explain"
               " the following concepts: rank, determinant.\n\nRank is ...\n\n[⬆ Back to top]"
               "(#questions)\n\n#### What happens with cosine distance?\n\n\n\n[⬆ Back to top]"
               "(#questions)\n\n## Future Improvements\n\n- Style.\n")
    assert cards(doc) == [
        ("qa", "What does a distribution look like?"),
        ("qa", "Explain the following concepts: rank, determinant."),
        ("prompt", "What happens with cosine distance?")]
    assert answer(doc, "What does a distribution look like?") == "Normal."
    assert "back-to-top link" in reasons(doc)


def test_headings_with_a_grouped_toc_terms_and_empty_items(tmp_path: Path) -> None:
    doc = read(tmp_path, "# MLOps\n\n## Monitoring\n- [Drift](#drift)\n  - [Skew](#skew)\n\n"
               "## Data\n- [Archiving](#data-archiving)\n\n## What is drift?\n$\\color{red}"
               "{\\textsf{[Post]}}$\n\n- A change.\n\n[Back to TOC](#mlops)\n\n"
               "## Stream Processing vs Batch Processing\n- Batch: offline.\n\n[Back to TOC]"
               "(#mlops)\n\n## How You Can Update a Model\n- Rolling updates.\n\n## REST API\n\n"
               "A REST API (an interface) is a set of rules for web services.\n\n[Back to TOC]"
               "(#mlops)\n\n## Data Archiving\n[Back to TOC](#mlops)\n\n## What Is OLAP?\n"
               "[Back to TOC](#mlops)\n")
    assert cards(doc) == [("qa", "What is drift?"),
                          ("qa", "Stream Processing vs Batch Processing"),
                          ("qa", "How You Can Update a Model"),
                          ("term", "REST API"), ("prompt", "Data Archiving"),
                          ("prompt", "What Is OLAP?")]
    assert "toc section" in reasons(doc)


def test_blog_with_front_matter_ans_labels_sub_headings_and_an_ad_footer(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle:  Top 2 questions\ntableData: [1. What is A?, 2. What is "
               "B?]\n---\n\n## Interview questions\n\n### 1. What is A?  \n\nAns: A is first.\n\n"
               "- Why does it matter?\n\n### **Detail**\n\nMore on A.\n\n### 2. What is B?\n\n"
               "B is second.\n\n**Follow us on:**\n\n<a href=\"https://example.org\">LinkedIn</a>"
               "\n")
    assert doc.title == "Top 2 questions"
    assert cards(doc) == [("qa", "What is A?"), ("qa", "What is B?")]
    assert answer(doc, "What is A?") == ("A is first.\n\n- Why does it matter?\n\n"
                                          "### **Detail**\n\nMore on A.")
    assert answer(doc, "What is B?") == "B is second."
    assert {"front matter", "advert"} <= reasons(doc)


# Bold lines ------------------------------------------------------------------------------------

def test_numbered_bold_questions_and_an_unnumbered_intro_dialogue(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: \"Data Science Questions\"\n---\n\n**Join Medium** "
               "through the link below.\n\n### The Best Way\n\n**“What is cross-validation? Why"
               "?”**\n\n**Question:**\n\n**“Can you code it?”**\n\n### Top Ten\n\n**1\\. What is"
               " A?**\n\nA.\n\n**2.** **Which is faster, B or C?**\n\nB.\n\n**3\\. How does D work"
               "? (paper** [**pdf**](https://example.org/d.pdf)**)**\n\nD.\n\n### Enjoy\n\nBye.\n")
    assert cards(doc) == [("qa", "What is A?"), ("qa", "Which is faster, B or C?"),
                          ("qa", "How does D work? (paper [pdf](https://example.org/d.pdf))")]
    assert answer(doc, "What is A?") == "A."


def test_bold_questions_with_difficulty_emoji_and_placeholder_answers(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Theory\n\n* The list comes from a post.\n* Legend: 👶 easy ‍⭐️ "
               "medium 🚀 expert\n* Do you know how to answer these? Please create a PR\n\n"
               "## Ranking\n\n**What is the ranking problem? ‍⭐️**\n\nAnswer here\n\n<br/>\n\n"
               "**What is precision at k? 👶**\n\nThe share of relevant items.\n\n<br/>\n\n"
               "**Possible approaches to cold start? ‍⭐️🚀**\n\n* Content-based filtering.\n\n"
               "<br/>\n")
    assert cards(doc) == [("prompt", "What is the ranking problem?"),
                          ("qa", "What is precision at k?"),
                          ("qa", "Possible approaches to cold start?")]
    assert "placeholder answer" in reasons(doc)


def test_bold_marked_questions_with_expected_answer_bullets_and_a_tips_section(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# Data Engineering\n\n## 📋 Table of Contents\n\n1. [SQL](#sql)\n\n"
               "## 🗃️ SQL\n\n**Q33: Write a query for the second salary.**\n- **Expected Answer**:"
               "\n```sql\nSELECT 1;\n```\n\n**Q34: Explain INNER JOIN.**\n- **Expected Answer**:\n"
               "  - **INNER**: matching rows\n  - **LEFT**: all left rows\n\n**Q37: Explain "
               "window functions.**\n- **Expected Answer**: They compute over related rows.\n\n"
               "## 📝 Interview Tips\n\n### Preparation\n1. **Understand the basics**: master "
               "them\n2. **Practice coding**: write code\n")
    assert cards(doc) == [("qa", "Write a query for the second salary."),
                          ("qa", "Explain INNER JOIN."), ("qa", "Explain window functions.")]
    assert answer(doc, "Explain INNER JOIN.") == ("- **INNER**: matching rows\n"
                                                   "- **LEFT**: all left rows")
    assert answer(doc, "Explain window functions.") == "They compute over related rows."
    assert answer(doc, "Write a query for the second salary.").startswith("```sql")
    assert "tips section" in reasons(doc)


# Admonitions, fenced cards, tables, definition lists -------------------------------------------

def test_admonitions_as_answers_and_as_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: Probability\n# hide:\n#   - toc\n---\n\n# Probability\n\n"
               "<!-- ![Total](https://img.shields.io/badge/x) -->\n\n## Premium\n\n### What is "
               "the normal distribution? - Google Interview Question\n\n**Difficulty:** 🟢 Easy\n"
               "\n??? success \"View Answer\"\n\n    A **bell** curve.\n\n    !!! tip \"Remember\""
               "\n        The 68-95-99.7 rule.\n\n---\n\n??? question \"What is a PMF?\"\n    "
               "A mass function.\n")
    assert cards(doc) == [
        ("qa", "What is the normal distribution? - Google Interview Question"),
        ("qa", "What is a PMF?")]
    normal = answer(doc, "What is the normal distribution? - Google Interview Question")
    assert "A **bell** curve." in normal and "68-95-99.7" in normal
    assert answer(doc, "What is a PMF?") == "A mass function."


def test_an_admonition_answer_keeps_its_blocks_and_the_boxes_inside_it(tmp_path: Path) -> None:
    """The body's indentation is the admonition's syntax, not code; a tip inside the answer,
    and one under a heading's question, keeps its title (Python-Markdown shows the box)."""
    doc = read(tmp_path, "# Stats\n\n??? question \"What is a PMF?\"\n    A mass function.\n\n"
               "    **Formula:**\n\n    ```python\n    pmf(k)\n    ```\n\n"
               "    !!! tip \"Insight\"\n        Sums to one.\n\n## What is a CDF?\n\n"
               "The running sum.\n\n!!! note \"Remember\"\n    It never falls.\n")
    pmf = answer(doc, "What is a PMF?")
    assert pmf.split("\n") == ["A mass function.", "", "**Formula:**", "", "```python", "pmf(k)",
                               "```", "", '!!! tip "Insight"', "    Sums to one."]
    shown = str(to_html(pmf))
    assert "<pre" in shown and shown.count("<pre") == 1  # the fence alone is code
    assert '<p class="admonition-title">Insight</p>' in shown and "Sums to one." in shown
    cdf = answer(doc, "What is a CDF?")
    assert '!!! note "Remember"' in cdf and "It never falls." in cdf


def test_a_details_block_inside_an_answer_keeps_its_summary(tmp_path: Path) -> None:
    """`<summary>` names a sub-topic of the answer: a bold line over its body, nothing lost."""
    doc = read(tmp_path, "# DB\n\n## 什么是锁？\n\n锁的作用。\n\n<details>\n<summary>封锁粒度"
               "</summary>\n\n行级锁以及表级锁。\n\n</details>\n")
    assert answer(doc, "什么是锁？").split("\n") == ["锁的作用。", "", "**封锁粒度**", "",
                                                   "行级锁以及表级锁。"]


def test_a_joined_closing_heading_ends_the_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Notes\n\n## What is Docker?\n\nA container runtime.\n\n"
               "## Contribute & Stay Updated\n\nWant to contribute? Open a pull request.\n")
    assert cards(doc) == [("qa", "What is Docker?")]
    assert answer(doc, "What is Docker?") == "A container runtime."
    assert "contributing section" in reasons(doc)


def test_cards_written_in_code_fences(tmp_path: Path) -> None:
    doc = read(tmp_path, "# 🧠 SQL Flashcards\n> Review in a terminal.\n\n---\n\n```\n"
               "🗂️  Question:\nWhat is an NRDBMS?\n\n📦  Answer:\nA non-relational system.\n"
               "Example:\nMongoDB\n```\n\n---\n\n```\n🗂️  Question:\nHow do you sort rows?\n\n"
               "📦  Answer:\nWith ORDER BY.\n```\n\n👾 Keep these in mind.")
    assert cards(doc) == [("qa", "What is an NRDBMS?"), ("qa", "How do you sort rows?")]
    assert answer(doc, "What is an NRDBMS?").startswith("A non-relational system.")
    assert doc.entries[0].line == 7  # the `Question:` label


def test_question_tables_and_definition_lists(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Glossary\n\n| Question | Answer |\n|---|---|\n| What is ETL? | "
               "Extract, transform,<br>load |\n| What is CDC? | |\n\n| Name | Topic |\n|---|---|\n"
               "| Board | Tables |\n\nLatency\n: Time to the first byte.\n")
    assert cards(doc) == [("qa", "What is ETL?"), ("prompt", "What is CDC?"),
                          ("term", "Latency")]
    assert answer(doc, "What is ETL?") == "Extract, transform,<br>load"
    assert answer(doc, "Latency") == "Time to the first byte."


# Outlines, runs of questions, glossaries ----------------------------------------------------------

def test_nested_question_lists_with_stems_and_difficulty_tags(tmp_path: Path) -> None:
    doc = read(tmp_path, "#### 5.1 Calculus\n\n_If characters are missing, refresh._\n\n"
               "1. Differentiable functions\n    1. [E] What does differentiable mean?\n"
               "    1. [M] Pros and cons of ReLU.\n2. Given a classifier:\n\n    $$\n    p = "
               "\\sigma(w^Tx)\n    $$\n\n    1. Show that $$p(-1) = 1 - p$$.\n3. [E] Explain the "
               "chain rule.\n4. [M] Let $$x \\in R_n$$. Take the derivative of $$L$$.\n\n----\n"
               "> On Hessians\n\nGiven a function $$f$$. The Hessian is a matrix.\n")
    assert cards(doc) == [("prompt", "What does differentiable mean?"),
                          ("prompt", "Pros and cons of ReLU."),
                          ("prompt", "Show that $$p(-1) = 1 - p$$."),
                          ("prompt", "Explain the chain rule."),
                          ("prompt", "Let $$x \\in R_n$$. Take the derivative of $$L$$.")]
    assert "stem of sub-questions" in reasons(doc)


def test_runs_of_plain_questions_and_a_numbered_answered_one(tmp_path: Path) -> None:
    doc = read(tmp_path, "# ✍️ What is a Statistics Interview?\n\n## Area 1 - Probability\n"
               "Expect questions on probability.\n\n### Sample Questions\n\n1 - What is "
               "independence?\n\n<div class=\"box\">\n    A template.\n</div>\n\n\t•\tThe "
               "outcome of one does not affect the other.\n\t•\tP(A and B) = P(A) P(B).\n\n"
               "2 - Explain Bayes' theorem.\n3- How do you compute a union?\n💡\nTip: memorize "
               "the formulas.\n\nArea 2 - Testing\nProficiency in testing matters.\n\n"
               "What is a t-test?\nExplain the CLT.\n\n📝 More Questions\n\n1. Fundamentals\n"
               "What is a joint probability?\nDefine a CDF.\n2. Testing\nWhat is power?\n")
    assert cards(doc) == [
        ("qa", "What is independence?"), ("prompt", "Explain Bayes' theorem."),
        ("prompt", "How do you compute a union?"), ("prompt", "What is a t-test?"),
        ("prompt", "Explain the CLT."), ("prompt", "What is a joint probability?"),
        ("prompt", "Define a CDF."), ("prompt", "What is power?")]
    assert "The outcome of one" in answer(doc, "What is independence?")


def test_outline_terms_at_the_deepest_level_and_question_lists(tmp_path: Path) -> None:
    doc = read_source(Path(__file__).parents[1] / "fixtures" / "sources"
                      / "outline_variants.md")[1]
    assert [(e.front, e.section) for e in doc.entries if e.kind == "term"] == [
        ("Request Batching", "Serving"), ("Model Warm-up", "Serving"), ("Span", "Observability")]
    assert [e.front for e in doc.entries if e.kind != "term"] == [
        "How does request batching trade latency for throughput?",
        "When would you choose online over batch serving?",
        "What would you trace in a model service?"]
    assert "licence section" in reasons(doc)


def test_glossary_terms_in_any_position(tmp_path: Path) -> None:
    doc = read(tmp_path, "Terms used below.\n\n# Terminology\n\n**Machine learning**, or ML, "
               "learns from data.\n\nIn **supervised learning**, samples have labels.\n\n"
               "**Clustering**. Grouping similar points.\n\n*Impute* is to fill missing values."
               "\n\n**Discrete**: finite values.\n\n**Neural networks**: simple models together.\n"
               "- These models are called **neurons**\n- the links are **weights**\n")
    assert cards(doc) == [("term", t) for t in (
        "Machine learning", "supervised learning", "Clustering", "Impute", "Discrete",
        "Neural networks", "neurons", "weights")]
    assert answer(doc, "Discrete") == "finite values."
    assert answer(doc, "supervised learning") == "In **supervised learning**, samples have labels."


# Left out ---------------------------------------------------------------------------------------

def test_struck_out_commented_and_template_questions_are_left_out(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Notes\n\n<!--\nQ: Is this hidden?\nA: Yes.\n-->\n\n- What is kept?"
               "\n- ~~What is old?~~\n\n## Template\n\nQ: Your question?\nA: Your answer.\n\n"
               "## License\n\nQ: May I copy?\nA: MIT.\n")
    # a labelled question makes a section named "License" content: it is a card
    assert cards(doc) == [("prompt", "What is kept?"), ("qa", "May I copy?")]
    assert {"struck-out question", "template section"} <= reasons(doc)
    template = [d for d in doc.dropped if d.reason == "template section"]
    assert template and not any(d.boilerplate for d in template)  # listed: it asks


def test_references_become_deck_references(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q: What is X?\nA: Y.\n\n## Further Reading\n\n- https://example.org/a"
               "\n- [Docs](https://example.org/docs)\n[1]. https://example.org/b \\\n")
    assert doc.references == ["https://example.org/a", "https://example.org/docs",
                              "https://example.org/b"]


# Other files and encodings ----------------------------------------------------------------------

def test_csv_and_tsv_exports(tmp_path: Path) -> None:
    csv = read(tmp_path, "question,answer\n\"What is X, really?\",It is Y.\nWhat is Z?,\n",
               "deck.csv")
    assert cards(csv) == [("qa", "What is X, really?"), ("prompt", "What is Z?")]
    assert csv.entries[1].line == 3
    tsv = read(tmp_path, "latency\ttime to first byte\nthroughput\trequests per second\n",
               "quizlet.tsv")
    assert cards(tsv) == [("term", "latency"), ("term", "throughput")]


@pytest.mark.parametrize("variant", ["crlf", "bom", "cp1252", "cr"])
def test_line_endings_and_encodings_do_not_change_the_cards(tmp_path: Path, variant: str) -> None:
    text = "## Q1: What’s “drift”?\n\nA change in data.\n\n## Q2: Why monitor?\n\nTo see it.\n"
    data = {"crlf": text.replace("\n", "\r\n").encode(), "bom": "\ufeff".encode() + text.encode(),
            "cp1252": text.encode("cp1252"), "cr": text.replace("\n", "\r").encode()}[variant]
    path = tmp_path / "notes.md"
    path.write_bytes(data)
    doc = read_source(path)[1]
    assert cards(doc) == [("qa", "What’s “drift”?"), ("qa", "Why monitor?")]
    assert [e.line for e in doc.entries] == [1, 5]
    assert answer(doc, "Why monitor?") == "To see it."


def test_answer_labels_written_as_headings_and_questions_under_titles(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Backend\n\n### **Q1: What is the difference between Django and "
               "Flask?**\n\n#### **Answer:**\n- **Django:** batteries included.\n\n### 20. Worker "
               "Threads\n\n**Question:** When should you use worker threads?\n\n**Answer:**\n\n"
               "For CPU-heavy tasks.\n\n### Output order\n\n**Question:** What is printed first?"
               "\n\n#### **Answer:**\n\nStart.\n\n### **2. What is a closure?**\n\n"
               "✅ **Answer:**  \nA function with its scope.\n")
    assert cards(doc) == [("qa", "What is the difference between Django and Flask?"),
                          ("qa", "When should you use worker threads?"),
                          ("qa", "What is printed first?"), ("qa", "What is a closure?")]
    assert answer(doc, "What is the difference between Django and Flask?") == (
        "- **Django:** batteries included.")
    assert answer(doc, "When should you use worker threads?") == "For CPU-heavy tasks."
    assert answer(doc, "What is printed first?") == "Start."
    assert answer(doc, "What is a closure?") == "A function with its scope."


def test_numbered_question_sections_answer_bullets_and_question_tables(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Theory\n\n## Question 1\n\n**What is ML?**\n\n**Answer:** _[To be "
               "filled]_\n\n---\n\n## Popular\n\n1. **What is supervised learning?**\n   - "
               "**Answer**: \n     - **Labels**: known outputs.\n\n## Basics\n\n### Q: What is "
               "bias?\n\n**A**: Error from assumptions.\n\n---\n\nInterview Questions:\n1. How is "
               "ML different from programming?\n\n| Sno | Question Title | Link |\n|---|---|---|\n"
               "| 1 | What is a decision tree? | [x](https://example.org) |\n")
    assert cards(doc) == [("prompt", "What is ML?"), ("qa", "What is supervised learning?"),
                          ("qa", "What is bias?"),
                          ("prompt", "How is ML different from programming?"),
                          ("prompt", "What is a decision tree?")]
    assert answer(doc, "What is supervised learning?") == "- **Labels**: known outputs."
    assert answer(doc, "What is bias?") == "Error from assumptions."


@pytest.mark.parametrize(("text", "terms", "definition"), [
    ("Glossary\n-----\n\n| Acronym | Definition |\n|---|---|\n| AI | Artificial Intelligence |\n\n"
     "Term: Definition\n--------\n\n- Instance: The thing you predict for.\n\n- Label: The answer "
     "for a prediction.\n\n-------\nOther resources\n-------\n\n- [Acronyms](https://example.org)\n",
     ["AI", "Instance", "Label"], ("Instance", "The thing you predict for.")),
    ("# Machine Learning Glossary\n\n## A\n\n**Accuracy**\n- The share of correct predictions\n"
     "- Formula: (TP + TN) / N\n\n**Activation Function**\n- Applied to a neuron's output\n",
     ["Accuracy", "Activation Function"],
     ("Accuracy", "- The share of correct predictions\n- Formula: (TP + TN) / N")),
    ("# ML Terminology\n\n## Core Concepts\n\n### Machine Learning (ML)\n\n**Definition**: Learning"
     " from data.\n\n**Key Idea**: Show examples.\n\n### Overfitting\n\n**Definition**: Memorizing"
     " noise.\n", ["Machine Learning (ML)", "Overfitting"],
     ("Machine Learning (ML)", "Learning from data.\n\n**Key Idea**: Show examples.")),
    ("---\ntitle: Glossary\n---\n\n__Machine learning__ - methods that detect patterns.\n\n"
     "__Class label__ - prediction output.\n", ["Machine learning", "Class label"],
     ("Class label", "prediction output.")),
])
def test_glossary_styles(tmp_path: Path, text: str, terms: list[str],
                         definition: tuple[str, str]) -> None:
    doc = read(tmp_path, text)
    assert cards(doc) == [("term", t) for t in terms]
    assert answer(doc, definition[0]) == definition[1]
