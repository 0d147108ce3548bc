"""Pruning: the page chrome whose markup announces it, removed from the lxml tree.

Tags and ARIA roles (`nav`, `footer`, `dialog`), class and id words (share, related, comment,
cookie, ad), hidden elements; on a page that sells a product, its customer reviews. What makes
it hard is the wrappers: layout words on the element that holds the whole page ("has-sidebar")
name it as chrome too, so a block holding most of the page's text is spared, and a softly
named block that reads as prose or holds a heading stays.
"""

from __future__ import annotations

import re

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract.nodes import (
    CHROME,
    MAYBE_CHROME,
    NOT_CHROME,
    boilerplate_name,
    chars,
    link_chars,
    name_tokens,
    own_text_len,
    raw_text,
)
from summarizer.extract.rules import (
    BOILERPLATE_WORDS,
    CODE_TAGS,
    CONSENT_WORDS,
    DROP_ROLES,
    DROP_TAGS,
    HEADINGS,
    MIN_TABLE_ROWS,
    NAVIGATION_WORDS,
    POSITIVE_WORDS,
    PROSE_CHARS,
    PROSE_LINK_SHARE,
    UNWRAPPING_ROLES,
    UNWRAPPING_TAGS,
)

_ANY_HEADING = " or ".join(f"self::{h}" for h in sorted(HEADINGS))
_HOLDS_A_HEADING_XPATH = lxml.etree.XPath(f"boolean(descendant-or-self::*[{_ANY_HEADING}])")
# What only a page's wrapper holds; a notice left unclosed by broken markup wraps the page.
_HOLDS_A_PAGE_XPATH = lxml.etree.XPath("boolean(.//h1 | .//article | .//main)")
# A header inside a section, with a heading, is that section's title block ("a header in
# sectioning content is not the page's banner", as HTML has it): a landing page's hero, a card's
# title. The page's own header, outside them, stays chrome.
_HEADS_A_SECTION_XPATH = lxml.etree.XPath(
    "boolean((ancestor::main or ancestor::article or ancestor::section)"
    f" and descendant::*[{_ANY_HEADING}])"
)
_JSON_OPENINGS = frozenset({'{"', "[{", '["'})
#: Keys that make an element's text a JSON object (a sentence quoting one key is not one).
_JSON_KEYS = 3
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def chrome(
    body: Element,
    *,
    names: bool,
    also: frozenset[str] = frozenset(),
    spare: frozenset[str] = frozenset(),
    keep: Element | None = None,
) -> None:
    """Remove the page chrome whose markup announces it (tags, roles, class/id words, hidden).

    A guard keeps any element holding most of the page's non-link text, because layout classes
    on wrappers ("has-sidebar", "with-ads") would otherwise take the content with them (not a
    dialog, a footer or a consent notice, which wrap nothing but themselves: `_never_wraps`);
    and a block flagged only by a weak signal (`SOFT_BOILERPLATE_WORDS`, hidden until a script
    shows it) stays when it reads as prose or holds a heading. The walk does not descend
    into what it drops, which is most of the saving on chrome-heavy pages. Without `names`, only
    tags and roles count; `also` are class words that name chrome on this page only (a shop's
    customer reviews), `spare` class words that name content on this page (a discussion's
    comments); a block named only as navigation stays when it reads as prose; `keep` is the
    content the page declares (`declared.py`): it stays, and so does the way to it.
    """
    own_total = own_text_len(body) or 1
    kept = set(keep.iterancestors()) if keep is not None else set()
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if el is keep or el.tag in CODE_TAGS:
            continue  # in code, class words name tokens ("hljs-comment"), not chrome
        if el in kept:
            stack.extend(reversed(el))
            continue
        if _is_a_data_blob(el):
            drop(el)
            continue
        signal = _chrome_signal(el) if names else _declared_chrome(el)
        if also and signal != CHROME and _named(el, also):
            signal = CHROME
        elif spare and signal == CHROME and _named_only_by(el, spare):
            signal = NOT_CHROME
        elif signal == CHROME and _named_only_by(el, NAVIGATION_WORDS) and _reads_as_prose(el):
            signal = NOT_CHROME  # a "tabs-menu" of answers, a "nav" of paragraphs: not links
        if signal == NOT_CHROME or (
            signal == MAYBE_CHROME
            and (_reads_as_prose(el) or _holds_a_heading(el) or _is_a_data_table(el))
        ):
            stack.extend(reversed(el))
            continue
        # Cheap C-level length first; the link count only when the guard could apply.
        if isinstance(el.tag, str) and chars(raw_text(el)) > 500:
            inner = own_text_len(el)
            if inner > 0.5 * own_total and inner > 500 and not _never_wraps(el):
                stack.extend(reversed(el))
                continue
        drop(el)


def _is_a_data_blob(el: Element) -> bool:
    """Whether an element's own text is a script's state, JSON written into the page for a
    script to read (`{"key":"value",...}`), which no reader sees."""
    own = (el.text or "").lstrip()
    return own[:2] in _JSON_OPENINGS and own.count('":') >= _JSON_KEYS


def _is_a_data_table(el: Element) -> bool:
    """Whether a softly flagged block is a table of rows: a class such as "sticky-header"
    says how the table scrolls, not that its rows are furniture."""
    return el.tag == "table" and len(el.findall(".//tr")) >= MIN_TABLE_ROWS


def _holds_a_heading(el: Element) -> bool:
    """Whether a softly flagged block holds a heading: then it is a titled section, such as
    a landing page's hero ("banner", "header") with its title and tagline, or a shop's
    "promo" of the season, not page furniture."""
    return bool(_HOLDS_A_HEADING_XPATH(el))


def _never_wraps(el: Element) -> bool:
    """Whether a block is chrome whatever share of the page's text it holds: a dialog, the
    page's footer, or a consent notice (a consent manager's panel of purposes, or a footer of
    legal small print, can outweigh a page whose content is cards of links), never the wrapper
    the guard is there to spare, unless it holds the page's heading or article: then broken
    markup left it open around the page."""
    declared = (
        el.tag in UNWRAPPING_TAGS
        or (el.get("role") or "").lower() in UNWRAPPING_ROLES
        or _named(el, CONSENT_WORDS)
    )
    return declared and not _HOLDS_A_PAGE_XPATH(el)


def _reads_as_prose(el: Element) -> bool:
    text = chars(raw_text(el))
    if text < PROSE_CHARS:
        return False
    outside_links = text - link_chars(el)
    return outside_links >= PROSE_CHARS and outside_links >= (1 - PROSE_LINK_SHARE) * text


def drop(el: Element) -> None:
    """Remove an element but keep its tail, the text that follows it in its parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# Class/id values repeat across a page (and across pages): judge each once per process.
_boilerplate_cache: dict[str, int] = {}


def _chrome_signal(el: Element) -> int:
    declared = _declared_chrome(el)
    if declared == CHROME or el.tag == "header":
        return declared  # a section's header is judged by where it is, not by its classes
    attrib = el.attrib
    if not attrib:
        return NOT_CHROME
    name = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    verdict = NOT_CHROME
    if len(name) >= 2:
        cached = _boilerplate_cache.get(name)
        if cached is None:
            cached = boilerplate_name(name)
            if len(_boilerplate_cache) < 50_000:
                _boilerplate_cache[name] = cached
        verdict = cached
    if verdict == CHROME:
        return CHROME
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return MAYBE_CHROME
    style = attrib.get("style")
    if style and _HIDDEN_STYLE_RE.search(style):
        return MAYBE_CHROME
    return verdict


def _named_only_by(el: Element, words: frozenset[str]) -> bool:
    """Whether `words` are the only chrome an element's tag, role and class words declare."""
    if _declared_chrome(el) == CHROME:
        return False
    tokens = set(name_tokens(f"{el.get('class', '')} {el.get('id', '')}"))
    chrome_words = tokens & BOILERPLATE_WORDS
    return bool(chrome_words) and chrome_words <= words


def _named(el: Element, words: frozenset[str]) -> bool:
    tokens = name_tokens(f"{el.get('class', '')} {el.get('id', '')}")
    return not words.isdisjoint(tokens) and POSITIVE_WORDS.isdisjoint(tokens)


def _declared_chrome(el: Element) -> int:
    tag = el.tag
    if tag == "header" and _HEADS_A_SECTION_XPATH(el):
        return NOT_CHROME
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return CHROME
    role = el.get("role")
    return CHROME if role and role.lower() in DROP_ROLES else NOT_CHROME
