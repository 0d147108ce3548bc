"""The question and its best answer on a Q&A page, as the page declares them.

Q&A software marks both up for search engines, in JSON-LD (`QAPage` > `Question` >
`acceptedAnswer` / `suggestedAnswer` with `upvoteCount`) or in schema.org microdata on the
posts themselves (`itemprop="acceptedAnswer"`, `itemprop="text"`, `itemprop="upvoteCount"`).
Either says which text is the question and which answer readers settled on, which the page's
layout alone does not. The accepted answer wins; else the one with most votes; else none.
"""

from __future__ import annotations

from typing import Any

import lxml.etree
import lxml.html
from lxml.etree import _Element as Element

from summarizer.extract.nodes import block_lines, raw_text, squash
from summarizer.models import Answer

#: Fewer words than this is a comment-sized answer ("Thanks, that worked"): not worth leading
#: a reply with.
MIN_ANSWER_WORDS = 12

_QA_SCOPE = lxml.etree.XPath(
    "(.//*[substring(@itemtype, string-length(@itemtype) - 6) = '/QAPage'])[1]"
)
_ITEMPROP = lxml.etree.XPath(
    ".//*[contains(concat(' ', normalize-space(@itemprop), ' '), concat(' ', $name, ' '))]"
)


def question_and_answer(
    nodes: list[dict[str, Any]], body: Element | None
) -> tuple[str | None, Answer | None]:
    """The question's text and its best answer, from JSON-LD first, then microdata."""
    question = _json_ld_question(nodes)
    if question is not None:
        answer = _best(
            [(True, a) for a in _list(question.get("acceptedAnswer"))]
            + [(False, a) for a in _list(question.get("suggestedAnswer"))],
            _json_ld_answer,
        )
        text = _markup_text(question.get("text"))
        if answer is not None or text:
            return text, answer
    scope = _QA_SCOPE(body) if body is not None else None
    if not isinstance(scope, list) or not scope or not isinstance(scope[0], Element):
        return None, None
    body = scope[0]
    questions = _by_itemprop(body, "mainEntity")
    text = _microdata_text(questions[0]) if questions else None
    answer = _best(
        [(True, el) for el in _by_itemprop(body, "acceptedAnswer")]
        + [(False, el) for el in _by_itemprop(body, "suggestedAnswer")],
        _microdata_answer,
    )
    return text, answer


def _best(candidates: list[tuple[bool, Any]], read: Any) -> Answer | None:
    best: tuple[bool, int, Answer] | None = None
    for accepted, raw in candidates:
        found: tuple[Answer, int] | None = read(raw, accepted)
        if found is None or len(found[0].text.split()) < MIN_ANSWER_WORDS:
            continue
        key = (accepted, found[1], found[0])
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


# --- JSON-LD ----------------------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if value is not None else []


def _json_ld_question(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The question a `QAPage` is about. An FAQ's questions (`FAQPage`, often on a service's
    page) are not one: a page of answers the publisher wrote is not a Q&A thread."""
    for node in nodes:
        if "QAPage" in _list(node.get("@type")):
            entity = node.get("mainEntity")
            if isinstance(entity, dict):
                return entity
    if any("FAQPage" in _list(n.get("@type")) for n in nodes):
        return None
    return next((n for n in nodes if "Question" in _list(n.get("@type"))), None)


def _json_ld_answer(node: Any, accepted: bool) -> tuple[Answer, int] | None:
    if not isinstance(node, dict):
        return None
    text = _markup_text(node.get("text"))
    if not text:
        return None
    author = node.get("author")
    name = author.get("name") if isinstance(author, dict) else author
    votes = _int(node.get("upvoteCount"))
    return Answer(text=text, accepted=accepted, author=_name(name)), votes


def _markup_text(value: Any) -> str | None:
    """JSON-LD text is often the post's HTML: its text, a block a line."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return squash(value) or None
    return "\n".join(block_lines(root)) or None


# --- microdata --------------------------------------------------------------------------------


def _by_itemprop(el: Element, name: str) -> list[Element]:
    found = _ITEMPROP(el, name=name)
    return [e for e in found if isinstance(e, Element)] if isinstance(found, list) else []


def _microdata_text(el: Element) -> str | None:
    texts = _by_itemprop(el, "text")
    return "\n".join(block_lines(texts[0] if texts else el)) or None


def _microdata_answer(el: Element, accepted: bool) -> tuple[Answer, int] | None:
    text = _microdata_text(el)
    if not text:
        return None
    votes = _by_itemprop(el, "upvoteCount")
    count = _int(votes[0].get("content") or raw_text(votes[0])) if votes else 0
    authors = _by_itemprop(el, "author")
    names = _by_itemprop(authors[0], "name") if authors else []
    name = (names[0].get("content") or raw_text(names[0])) if names else None
    return Answer(text=text, accepted=accepted, author=_name(name)), count


def _int(value: Any) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _name(value: Any) -> str | None:
    return squash(value) or None if isinstance(value, str) else None
