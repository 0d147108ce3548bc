"""Is there something to summarize? The decision, and the reason in words when there is not.

What the body stage found is judged together with facts the pre-pass recorded before pruning
(password fields, scripts, the whole page's text and links). A page without content raises
`NoArticleError`, with a message a Slack user can read and a `reason` tag for the caller.
"""

from __future__ import annotations

import re

from summarizer.errors import NoArticleError
from summarizer.extract.prepass import Prepass

# Fewer words than this is a teaser, a stub or an error page, not something worth summarizing.
MIN_WORDS = 40
WORD_RE = re.compile(r"\w+")
#: A page with this many words of text has more than a wall, a consent notice or a script's
#: fallback: behind a sign-in form in its header there is a page to read.
WALL_WORDS = 150
#: The reason of the one refusal a gentler reading of the page may overturn.
TOO_SHORT = "too-short"
_COOKIE_RE = re.compile(r"\bcookies?\b|\bconsent\b|\bprivacy\b|datenschutz", re.IGNORECASE)
_LOGIN_RE = re.compile(
    r"\b(sign|log)\s?in\b|\bpassword\b|\bsubscribe\b|\bsubscribers?\b|\bregister\b|\banmelden\b",
    re.IGNORECASE,
)
_JS_RE = re.compile(r"\b(enable|requires?|turn on)\b.{0,40}\bjavascript\b", re.IGNORECASE)

_JS_APP = "it is built with JavaScript, which Skim doesn't run, and has no text without it"
_LOGIN_WALL = "it asks you to sign in before showing anything"


def _fail(reason: str, why: str) -> NoArticleError:
    return NoArticleError(
        f"That page doesn't seem to contain an article ({why}), so there is nothing to summarize.",
        reason=reason,
    )


def check(
    pre: Prepass,
    text: str,
    link_density: float,
    listing_type: bool,
    lines: list[str],
) -> None:
    """Raise `NoArticleError` unless `text` (the body found) is something to summarize.

    The checks run from the most specific explanation to the most generic, so the user hears
    "it asks you to sign in" rather than "too little text" when both are true.
    """
    words = len(WORD_RE.findall(text))
    page_text = pre.page_text
    page_words = len(WORD_RE.findall(page_text))
    if words >= MIN_WORDS:
        if pre.has_password and words < WALL_WORDS and _LOGIN_RE.search(text):
            raise _fail("login-wall", _LOGIN_WALL)
        return
    if page_words == 0 and words == 0:
        if pre.script_count >= 1:
            raise _fail("javascript-app", _JS_APP)
        raise _fail("empty", "the page is empty")
    if page_words < WALL_WORDS and (pre.has_password or len(_LOGIN_RE.findall(page_text)) >= 2):
        raise _fail("login-wall", _LOGIN_WALL)
    if len(_COOKIE_RE.findall(page_text)) >= 2 and page_words < 300:
        raise _fail("cookie-wall", "it only shows a cookie-consent notice")
    if (pre.js_notice or _JS_RE.search(page_text)) and page_words < WALL_WORDS:
        raise _fail("javascript-app", _JS_APP)
    if pre.script_count >= 3 and page_words < 30:
        raise _fail("javascript-app", _JS_APP)
    if page_words == 0:
        raise _fail("empty", "the page is empty")
    raise _fail(TOO_SHORT, "there is too little text on it")


def _looks_like_listing(lines: list[str], link_density: float, listing_type: bool) -> bool:
    """Listing and search pages: mostly link text, or many short teaser lines."""
    if link_density > 0.5:
        return True
    if not lines:
        return False
    short = sum(1 for line in lines if len(line.split()) < 12)
    return listing_type and short / len(lines) > 0.6
