"""Boilerplate: a section's name alone never throws questions away, and only what holds
nothing to study (TOC, licence, badges, adverts, front matter, markup, headings that are only
headings) is hidden from the normal import output (issue 17.2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, read

from build_decks import boilerplate


def hidden(doc) -> set[str]:
    return {d.text for d in doc.dropped if d.boilerplate}


def listed(doc) -> set[str]:
    return {d.text for d in doc.dropped if not d.boilerplate}


def test_a_section_named_like_references_that_asks_is_content(tmp_path: Path) -> None:
    doc = read(tmp_path, "# K8s\n\n## What is a pod?\n\nThe smallest unit.\n\n## Resources\n\n"
               "### What is a resource quota in Kubernetes?\n\nA limit per namespace.\n\n"
               "### What is a limit range?\n\nDefaults per pod.\n")
    assert cards(doc) == [("qa", "What is a pod?"),
                          ("qa", "What is a resource quota in Kubernetes?"),
                          ("qa", "What is a limit range?")]


def test_a_chinese_protocol_section_is_no_licence(tmp_path: Path) -> None:
    doc = read(tmp_path, "# 网络\n\n## 协议\n\n### 什么是TCP？\n\n传输控制协议。\n")
    assert cards(doc) == [("qa", "什么是TCP？")]


def test_a_reference_list_is_hidden_and_its_links_kept(tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is X?\n\nY.\n\n## References\n\n- [Docs](https://example.org)\n"
               "\nSee the docs for more.\n")
    assert doc.references == ["https://example.org"]
    assert "## References" in hidden(doc) and "- [Docs](https://example.org)" in hidden(doc)
    assert "See the docs for more." in listed(doc)  # text without links: listed


def test_a_licence_is_hidden_a_closing_section_listed(tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is X?\n\nY.\n\n## Conclusion\n\nThat is all.\n\n## License\n\n"
               "MIT.\n")
    assert {"## License", "MIT."} <= hidden(doc)
    assert {"## Conclusion", "That is all."} <= listed(doc)


def test_a_contributing_guide_keeps_its_examples_out_but_lists_them(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Basics\n\nQ: What is X?\nA: Y.\n\n## Contributing\n\n"
               "Q: May I add one?\nA: Yes.\n")
    assert cards(doc) == [("qa", "What is X?")]
    assert "Q: May I add one? A: Yes." in listed(doc)


def test_a_passage_that_asks_is_never_hidden(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Bank\n\n## Contents\n\n- [What is X?](#what-is-x)\n\n"
               "## What is X?\n\nAn x.\n\n## Table of contents\n\n- What is Y, unlinked?\n\n"
               "## License\n\nCan I reuse this? Yes, under MIT.\n")
    assert "- [What is X?](#what-is-x)" in hidden(doc)  # a link to a question asks nothing
    assert "- What is Y, unlinked?" in listed(doc)
    assert "Can I reuse this? Yes, under MIT." in listed(doc)


def test_section_labels_are_hidden_only_when_styled_as_headings(tmp_path: Path) -> None:
    doc = read(tmp_path, "**Docker**\n\n- What is an image?\n\nDocker basics\n\n"
               "- What is a layer?\n")
    assert cards(doc) == [("prompt", "What is an image?"), ("prompt", "What is a layer?")]
    assert "Docker" in hidden(doc)
    assert "Docker basics" in listed(doc)  # a short line read as a label: a guess, listed


def test_a_heading_that_asks_over_its_own_questions_is_listed(tmp_path: Path) -> None:
    doc = read(tmp_path, "# T\n\n## How do containers work?\n\n### What is an image?\n\nA file.\n"
               "\n### What is a layer?\n\nA diff.\n\n## Volumes\n\n### What is a volume?\n\n"
               "A dir.\n")
    assert "## How do containers work?" in listed(doc)
    assert {"# T", "## Volumes"} <= hidden(doc)


@pytest.mark.parametrize(("heading", "kind"), [
    ("Further reading", "references"), ("Enlaces útiles", "references"),
    ("Weiterführende Links", "references"), ("Полезные ссылки", "references"),
    ("Liens utiles", "references"), ("Referências", "references"), ("参考资料", "references"),
    ("Licencia", "licence"), ("Lizenz", "licence"), ("Лицензия", "licence"),
    ("Cómo contribuir", "contributing"), ("Mitwirken", "contributing"),
    ("Conclusión", "tail"), ("Fazit", "tail"), ("Заключение", "tail"), ("À faire", "tail"),
    ("Zu erledigen", "tail"), ("Por hacer", "tail"), ("A fazer", "tail"), ("Список дел", "tail"),
    ("TODO", "tail"), ("待办", "tail"), ("Sommaire", "toc"), ("Оглавление", "toc"),
    ("Consejos", "tips"), ("Tipps und Tricks", "tips"), ("Plantilla", "template"),
    ("协议", None), ("Modelo", None), ("Resource quotas", None),
    ("TABLE OF CONTENTS", "toc"), ("ЛИЦЕНЗИЯ", "licence"), ("FURTHER Reading", "references"),
    ("📧 İletişim", "tail"), ("İÇİNDEKİLER", "toc"), ("Kaynaklar", "references"),
    ("Sonuç", "tail"), ("Lisans", "licence"), ("İpuçları", "tips"), ("İndeksler", None),
    ("📞 Suporte", "tail"), ("Soporte", "tail"), ("Suporte a GPU", None),
    ("Collegamenti", "references"), ("Fonti", "references"), ("Link utili", "references"),
    ("Indice", "toc"), ("Licenza", "licence"), ("Conclusioni", "tail"), ("Contatti", "tail"),
    ("Consigli", "tips"), ("Come contribuire", "contributing"), ("Fonti e contatti", "references"),
    ("Modello", None), ("Fonti di dati", None),
])
def test_section_names_are_classes_in_every_language(heading: str, kind: str | None) -> None:
    assert boilerplate.section_kind(heading) == kind


@pytest.mark.parametrize(("heading", "kind"), [
    ("Contribute & Stay Updated", "contributing"), ("Licence and contact", "licence"),
    ("Licencia y contacto", "licence"), ("References, further reading", "references"),
    ("Kaynaklar ve İletişim", "references"),
    ("Tips and tricks", "tips"),  # a name of its own, whole
    ("Contributing factors & risks", None),  # one part names no section: a topic
    ("Docker & Kubernetes", None), ("Questions and answers", None),
])
def test_section_names_joined_into_one_heading(heading: str, kind: str | None) -> None:
    """Each part a section name, joined by `&`, `/`, `,` or its language's "and": the first
    names the kind."""
    assert boilerplate.section_kind(heading) == kind


@pytest.mark.parametrize(("line", "advert"), [
    ("Subscribe to our newsletter", True), ("Suscríbete a mi canal", True),
    ("Abonnez-vous à la newsletter", True), ("Folge uns auf Mastodon", True),
    ("Inscreva-se no curso", True), ("Подпишитесь на канал", True),
    ("Use promo code ML20 at checkout", True),
    ("Join Medium.com as a member to read every story", False),  # no general class says so
    ("Subscribers receive the stream", False), ("Learning rate schedules", False),
    # a verb with a technical sense too: an advert only with what adverts sell
    ("Join the orders table to customers on id", False), ("Join the community today", True),
    ("Subscribe the consumer to the orders topic", False), ("Subscribe now!", True),
    ("Download the weights from the model hub", False), ("Download the free ebook", True),
    ("Assine o token com a chave privada", False), ("Assine a nossa newsletter", True),
    ("SUBSCRIBE TO OUR NEWSLETTER", True), ("ПОДПИШИТЕСЬ НА КАНАЛ", True),  # in any case
    ("JOIN THE orders TABLE", False), ("JOIN THE COMMUNITY", True),
])
def test_calls_to_action_in_every_language(line: str, advert: bool) -> None:
    assert boilerplate.is_ad_line(line) is advert


def test_a_resources_section_that_asks_keeps_its_links_listed(tmp_path: Path) -> None:
    doc = read(tmp_path, "## What is a cache?\n\nA store.\n\n## Resources\n\n"
               "- [Caching](https://example.org/caching)\n\n### What is a CDN?\n\nEdge caches.\n")
    assert cards(doc) == [("qa", "What is a cache?"), ("qa", "What is a CDN?")]
    assert "- [Caching](https://example.org/caching)" in listed(doc)  # no TOC: links out


def test_an_answer_that_opens_with_a_technical_call_keeps_it(tmp_path: Path) -> None:
    doc = read(tmp_path, "## How do you combine two tables?\n\n"
               "Join the orders table to customers on customer_id.\n\n"
               "## How do you count rows?\n\nUse COUNT(*).\n\n"
               "Subscribe to our newsletter for more.\n")
    assert answer(doc, "How do you combine two tables?") == (
        "Join the orders table to customers on customer_id.")
    assert "advert" in {d.reason for d in doc.dropped}
