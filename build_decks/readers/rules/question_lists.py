"""Lists of questions: a list whose items ask (at least half of them), each item a question.

An item's lead line asks; the rest of the item (its other lines, nested blocks) answers it,
after the answer a labelled question's line may hold right after its question mark
(`1. **Q:** What is X? **A:** Y`, shapes.split_answer). A
nested list of questions holds sub-questions, and a lead that does not ask but has them is a
stem that only groups them ("1. Differentiable functions"). A lone nested item in another
script that asks (in so many words, or by a Chinese, Korean or Japanese question or request
ending), with nothing under it, is no sub-question but the
question again in the writer's other language (an English question over its Japanese
translation): it is shown under the question, as part of it. The last question of the list may
take an answer block right after the list, or a list right under it with no blank line between
(only those, where the list has several).

A list after an open question is its answer instead, unless it is a list of questions and the
open one is weak, already answered on its own line, or the list's items carry `Q:` markers.
"""

from __future__ import annotations

from build_decks.readers import answers, inline, shapes
from build_decks.readers.answers import STRONG, WEAK, Question, Reach
from build_decks.readers.column_names import QUESTION_NOUNS
from build_decks.readers.elements import (
    Item,
    ListBlock,
    Paragraph,
    is_link_list,
    lead_tokens,
    walk,
)
from build_decks.readers.leftout import NOTES
from build_decks.readers.rule import Close, Context, LeftOut, Open, Rule, Walk, left_out
from build_decks.readers.rules.noise import noise
from build_decks.readers.vocabulary import QUESTION_MARKS, WORD, Language, script_of

ASKING_SHARE = 0.5  # of a list's items that ask, for it to be a list of questions
CJK_QUESTION_NOUNS = tuple(n for n in QUESTION_NOUNS if script_of(n) == "cjk")  # 问题, 질문
NAMED_ITEM_WORDS = 12  # rule `named-question-list`: a topic to be asked about is a phrase, not
# an answer's sentence (an answer's points run longer)
END_PUNCTUATION = (".", "?", "!", ":", ")", "。", "？", "！", "：", "؟")


def asks(tokens: list, lang: Language, notes: bool = False) -> tuple[bool, shapes.Cleaned]:
    """Whether a list item's lead asks (in a flashcard document's notes: in so many words)."""
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    if notes:
        return shapes.asks_explicitly(cleaned.text) or cleaned.marker, cleaned
    return shapes.is_question_like(cleaned.text, lang=lang) or cleaned.tagged or (
        cleaned.marker), cleaned


def is_question_list(block: ListBlock, lang: Language, notes: bool = False) -> bool:
    leads = [lead_tokens(item) for item in block.items]
    leads = [tokens for tokens in leads if tokens and not inline.is_link_only(tokens)]
    if not leads:
        return False
    asking = 0
    for tokens in leads:
        asked, cleaned = asks(tokens, lang, notes)
        if cleaned.marker:
            return True
        asking += asked
    return asking >= 1 and asking >= ASKING_SHARE * len(leads)


def is_named_question_list(block: ListBlock, context: Context) -> bool:
    """Rule `named-question-list`: a list of short phrases in a section without
    sub-sections, under a heading that names questions (its own or one around it: "Expected
    interview questions", "면접 예상 질문 리스트"), in a document that marks no question any
    other way: each phrase is a question to answer ("1. Anomaly detection methods"), though
    few of them ask in so many words. A list in a section with sub-sections is an overview
    of them (a table of contents), and where the document marks its questions, a list is
    what the writer wrote under them."""
    if context.nested or not context.section.leaf or context.survey("plain")["marked"]:
        return False
    leads = [inline.plain_of(lead_tokens(item)).strip() for item in block.items]
    if len(leads) < 2 or not all(0 < len(lead.split()) <= NAMED_ITEM_WORDS for lead in leads):
        return False
    if any(_asks_below(item, context.source.lang) for item in block.items):
        return False  # a stem over questions of its own ("1. Fundamentals" / "What is ...?")
    return any(_names_questions(section.words)
               for section in (context.section, *context.section.ancestors()))


def _asks_below(item: Item, lang: Language) -> bool:
    """Whether a line of the item after its lead asks (a line of its paragraph, or of a
    paragraph or list under it)."""
    first = item.children[0] if item.children else None
    lines = first.lines[1:] if isinstance(first, Paragraph) else []
    lines += [line for child in item.children[1:] for element in walk([child])
              if isinstance(element, Paragraph) for line in element.lines]
    return any(shapes.is_question_like(inline.plain_of(line.tokens).strip(), lang=lang)
               for line in lines)


def _names_questions(heading: str) -> bool:
    """A heading with the word for a question in it (a word of its own, or, in Chinese,
    Japanese and Korean, written without spaces or with particles glued on, part of one)."""
    words = WORD.findall(heading.lower())
    return any(w in QUESTION_NOUNS or (script_of(w) == "cjk" and any(
        noun in w for noun in CJK_QUESTION_NOUNS)) for w in words)


def continues(front: str, following: str) -> bool:
    """The next line goes on with the question: the question has no end yet (a label alone,
    or words with no end punctuation) and the line is not an answer or another question: it
    goes on in lower case, or it is where the sentence ends with its question mark (a line
    that only ends the question, and does not ask on its own)."""
    if not following or shapes.answer_label(following) or shapes.strip_marker(following)[1]:
        return False
    if not front:
        return True
    if front.rstrip().endswith(END_PUNCTUATION):
        return False
    return following[0].islower() or (following.endswith(tuple(QUESTION_MARKS)) and not (
        shapes.is_question_like(following.rstrip(QUESTION_MARKS))))


def _marked(block: ListBlock) -> bool:
    return any(shapes.strip_marker(inline.plain_of(lead_tokens(item)).strip())[1]
               for item in block.items)


def match(block: ListBlock, context: Context) -> list | None:
    open_q, lang = context.open, context.source.lang
    questions = is_question_list(block, lang, context.source.flashcards) or (
        open_q is None and is_named_question_list(block, context))
    if open_q is not None and not questions:
        return None  # the open answer takes it
    answered_line = open_q is not None and not open_q.level and open_q.pieces  # `**Q**` + text
    if open_q is not None and open_q.strength >= STRONG and not _marked(block) and not (
            answered_line):
        return None  # a strong question's answer: its list, even a list of questions
    if not questions:
        if is_link_list(block):
            return [left_out(context.source, block, "list of links")]
        return None
    actions: list = []
    last: Question | None = None
    for item in block.items:
        found, last = _item(item, context)
        actions += found
    if last is None or last.pieces:
        return [*actions, Close()]
    if len(block.items) > 1:
        last.reach = Reach.ANSWER_BLOCK
    return actions


def _item(item: Item, context: Context) -> tuple[list, Question | None]:
    """An item of a list of questions: its lead asks, the rest of the item answers (and its
    sub-questions are read after it)."""
    source, lang = context.source, context.source.lang
    first = item.children[0] if item.children else None
    if not isinstance(first, Paragraph):
        return [Walk(item.children)], None
    notes = source.flashcards
    lead, rest = first.lines[0], first.lines[1:]
    asked, cleaned = asks(lead.tokens, lang, notes)
    subs = [c for c in item.children[1:]
            if isinstance(c, ListBlock) and is_question_list(c, lang, notes)]
    if inline.is_struck(lead.tokens):
        return [LeftOut(lead.number, lead.number + 1, "struck-out question", cleaned.text)], None
    if inline.is_link_only(lead.tokens) or not cleaned.text:
        return [left_out(source, item, "list item")], None
    if notes and not asked:
        return [left_out(source, item, NOTES), *(
            [Walk(subs)] if subs else [])], None
    if not (asked or not subs):  # a stem ("1. Convexity") only groups sub-questions
        return [LeftOut(item.start, subs[0].start, "stem of sub-questions", cleaned.text),
                Walk(subs)], None
    strength = STRONG if cleaned.marker or inline.is_emphasized(lead.tokens) else WEAK
    question = Question(cleaned.text, lead.number, strength, "question lists", context.title,
                        reach=Reach.OWN)
    while rest and continues(question.front, inline.plain_of(rest[0].tokens).strip()):
        question.front += " " + shapes.clean_question(
            inline.question_markdown(rest[0].tokens)).text
        rest = rest[1:]
    inline_answer = shapes.split_answer(question.front) if cleaned.marker else None
    if inline_answer is not None:  # `1. **Q:** What is X? **A:** Y`
        question.front = inline_answer[0]
        question.add([(lead.number, shapes.answer_with_markup(
            inline.markdown_of(lead.tokens, keep_markup=True), inline_answer[1]))])
    translation = _translation(question.front, subs)
    if translation is not None:
        question.front += "\n" + translation
    question.front_end = rest[0].number if rest else first.end
    question.add([(line.number, source.lines[line.number]) for line in rest])
    actions: list = [Open(question)]
    for child in item.children[1:]:
        if child in subs:
            continue
        if (reason := noise(child)) is not None:
            actions.append(left_out(source, child, reason, keep_open=True))
        else:
            question.add(answers.pieces(source.lines, child, unwrap_quote=not question.pieces))
    return [*actions, *([Walk(subs)] if subs and translation is None else [])], question


def _translation(front: str, subs: list[ListBlock]) -> str | None:
    """A lone sub-question of one line, in another script than the question: its
    translation (asking in so many words, or as that script's language asks without a
    question mark: "教えてください")."""
    if len(subs) != 1 or len(subs[0].items) != 1:
        return None
    children = subs[0].items[0].children
    if len(children) != 1 or not isinstance(children[0], Paragraph) or len(
            children[0].lines) != 1:
        return None
    text = shapes.clean_question(inline.question_markdown(children[0].lines[0].tokens)).text
    if not shapes.is_question_like(text) or script_of(text) == script_of(front):
        return None
    return text


RULES = (Rule("question lists", 90, (ListBlock,), match, about="lists whose items ask"),)
