"""What counts as boilerplate, shared by the reader (whole sections) and normalize (lines).

Patterns name kinds of text found in many documents, never strings from one document.
"""

from __future__ import annotations

import re

_QUALIFIER = (r"(?:interview |general |quick |pro |preparation |practice |learning |related |"
              r"useful |additional |other |more |further |recommended |good |helpful |external )?")
_TAIL_SECTION = re.compile(
    r"^(conclusions?|summary|final (thoughts|words)|wrapping up|wrap up|key takeaways|"
    r"closing thoughts|contributing|contributions?|contributors|how to contribute|"
    r"contribution guidelines|licen[cs]e|contact( us| me)?|about( the)? authors?|about me|"
    r"authors?|credits|acknowledg(e)?ments|support( my writing| me| us)?|donat(e|ions?)|"
    r"sponsors?(hip)?|disclaimer|changelog|related (posts|articles)|future improvements|"
    r"roadmap|follow (us|me)|stay (connected|in touch)|thank you|thanks|to ?do|"
    # the same in the other languages of the vocabulary, and Chinese
    r"licencia|licence|lizenz|licença|лицензия|许可证?|协议|contribuir|contribuciones|"
    r"mitwirken|contribuições|участие|贡献|致谢|agradecimientos|remerciements|danksagung|"
    r"agradecimentos|благодарности|pendiente|pendientes|待完成|待办|"
    r"conclusión|conclusiones|fazit|conclusão|заключение|выводы|结论|总结|小结|"
    r"artículos relacionados|articles connexes|verwandte artikel|artigos relacionados|"
    r"похожие статьи|相关文章|相关教程|相关阅读)$",
    re.IGNORECASE,
)
_TOC_SECTION = re.compile(r"^(table of contents|contents|toc|index|índice|contenido|"
                          r"sommaire|table des matières|inhalt|inhaltsverzeichnis|sumário|"
                          r"содержание|оглавление|目录|目錄)$", re.IGNORECASE)
_TEMPLATE_SECTION = re.compile(r"^(templates?|example entry|answer template|question template)$",
                               re.IGNORECASE)
_REFERENCE_SECTION = re.compile(
    rf"^({_QUALIFIER}(references?|resources|reads|reading|readings|links|sources)|"
    r"references and reading materials?|reading list|bibliography|see also|"
    r"referencias|bibliografía|références|bibliographie|literatur|quellen|referências|"
    r"литература|ссылки|источники|参考|参考资料|参考文献|参考链接|相关链接|延伸阅读)$",
    re.IGNORECASE,
)
_TIPS_SECTION = re.compile(
    rf"^({_QUALIFIER}(tips|advice)( and tricks)?|tips for (the )?interviews?|"
    r"common mistakes( to avoid)?|dos and don'?ts)$",
    re.IGNORECASE,
)
# Calls to action that open a line: course and newsletter pitches, sponsor notes, member and
# donation appeals.
_AD_LINE = re.compile(
    r"^(become an? |sign up|subscribe|enrol+ |join (our|the|us|my)\b|register (now|today|for)|"
    r"download (our|the|free)|check out (our|my)|click here|learn more|read more|also read|"
    r"recommended( for you)?:|sponsored|advertisement|get started (now|today|for free)|"
    r"follow (us|me)|support (my|our) (writing|work)|buy me a coffee|"
    r"use (the )?promo code|this (page|post|article) is sponsored)",
    re.IGNORECASE,
)
# The same appeals anywhere in a line.
_AD_PHRASE = re.compile(
    r"\b(visit (our|my) (website|blog|channel)|follow (us|me) on|subscribe to (our|my)|"
    r"sign up (for|to) (our|my)|enrol+ (now|today)|promo code|buy me a coffee|"
    r"(our|my) (referral|affiliate) link|join [\w.]+ as a member|membership fee)\b",
    re.IGNORECASE)
AD_WORDS = 20  # a call to action is short; a long line that opens so is prose


def heading_text(text: str) -> str:
    """A heading's words without markup, leading symbols, numbering and end punctuation."""
    text = re.sub(r"[*_`#]", "", text)
    text = re.sub(r"^[^\w(]+", "", text)
    text = re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", text)
    return text.strip().rstrip(":.?!").strip()


def section_kind(heading: str) -> str | None:
    """'tail', 'toc', 'template', 'references' or 'tips' for a boilerplate heading, else None."""
    words = heading_text(heading)
    for kind, pattern in (("toc", _TOC_SECTION), ("template", _TEMPLATE_SECTION),
                          ("references", _REFERENCE_SECTION), ("tips", _TIPS_SECTION),
                          ("tail", _TAIL_SECTION)):
        if pattern.match(words):
            return kind
    return None


def is_ad_line(line: str) -> bool:
    """A short call-to-action line (course ads, newsletter boxes, sponsor notes)."""
    text = re.sub(r"^[^\w]+", "", line.strip())
    return (bool(_AD_LINE.match(text)) and len(text.split()) <= AD_WORDS) or bool(
        _AD_PHRASE.search(text))
