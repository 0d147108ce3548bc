"""Turn a fetched web page into an `Article`: its text and what is known about it.

Three stages, split by cost:

1. `extract_prepass`: decode, cut scripts/styles/SVG/comments out of the raw markup, prune the
   page chrome on a fast lxml tree and locate the container with the most paragraph text.
2. `extract_meta`: title, byline, dates, language, URLs and image from JSON-LD, Open Graph and
   meta tags (BeautifulSoup on the `<head>` only).
3. `extract_body`: BeautifulSoup on the located region only, which picks sibling blocks, sweeps
   out the remaining boilerplate and writes one paragraph a line.

A page without an article raises `NoArticleError`, with a message a Slack user can read and a
`reason` tag for the caller. All rules rest on general signals (text and link density, structure,
metadata, punctuation, generic class words), never on particular sites.
"""

from __future__ import annotations

import re

from summarizer.errors import NoArticleError
from summarizer.extract_body import body_lines
from summarizer.extract_meta import read as read_metadata
from summarizer.extract_prepass import Prepass
from summarizer.extract_prepass import run as prepass
from summarizer.models import Article

__all__ = ["extract"]

# Fewer words than this is a teaser, a stub or an error page, not something worth summarizing.
MIN_WORDS = 40
_WORD_RE = re.compile(r"\w+")
_COOKIE_RE = re.compile(r"\bcookies?\b|\bconsent\b|\bprivacy\b|datenschutz", re.IGNORECASE)
_LOGIN_RE = re.compile(
    r"\b(sign|log)\s?in\b|\bpassword\b|\bsubscribe\b|\bsubscribers?\b|\bregister\b|\banmelden\b",
    re.IGNORECASE,
)
_JS_APP = "it is built with JavaScript, which Skim doesn't run, and has no text without it"
_JS_RE = re.compile(r"\b(enable|requires?|turn on)\b.{0,40}\bjavascript\b", re.IGNORECASE)


def _fail(reason: str, why: str) -> NoArticleError:
    return NoArticleError(
        f"That page doesn't seem to contain an article ({why}), so there is nothing to summarize.",
        reason=reason,
    )


def extract(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article from a page; `url` (where it came from) resolves relative links.

    Raises `NoArticleError` when the page holds no article to summarize.
    """
    pre = prepass(html)
    meta = read_metadata(pre.head_html, pre.json_ld, pre.html_lang, url)
    lines: list[str] = []
    link_density = 0.0
    if pre.region_html:
        lines, link_density = body_lines(pre.region_html, meta.title)
    text = "\n".join(lines)
    words = len(_WORD_RE.findall(text))
    _check_is_article(pre, text, words, link_density, meta.is_listing_type, lines)
    return Article(
        title=meta.title,
        text=text,
        url=url,
        canonical_url=meta.canonical_url,
        byline=meta.byline or pre.byline_hint,
        published=meta.published,
        site_name=meta.site_name,
        language=meta.language,
        image_url=meta.image_url,
    )


def _check_is_article(
    pre: Prepass,
    text: str,
    words: int,
    link_density: float,
    listing_type: bool,
    lines: list[str],
) -> None:
    """Decide whether what was found is an article, and if not, say why in plain words.

    The checks run from the most specific explanation to the most generic, so the user hears
    "it asks you to sign in" rather than "too little text" when both are true.
    """
    page_text = pre.page_text
    page_words = len(_WORD_RE.findall(page_text))
    if words >= MIN_WORDS and not _looks_like_listing(lines, link_density, listing_type):
        if pre.has_password and words < 150 and _LOGIN_RE.search(text):
            raise _fail("login-wall", "it asks you to sign in before showing anything")
        return
    if page_words == 0 and words == 0:
        if pre.script_count >= 1:
            raise _fail("javascript-app", _JS_APP)
        raise _fail("empty", "the page is empty")
    if pre.has_password or (page_words < 150 and len(_LOGIN_RE.findall(page_text)) >= 2):
        raise _fail("login-wall", "it asks you to sign in before showing anything")
    if len(_COOKIE_RE.findall(page_text)) >= 2 and page_words < 300:
        raise _fail("cookie-wall", "it only shows a cookie-consent notice")
    if (pre.js_notice or _JS_RE.search(page_text)) and page_words < 150:
        raise _fail("javascript-app", _JS_APP)
    if pre.script_count >= 3 and page_words < 30:
        raise _fail("javascript-app", _JS_APP)
    if (
        listing_type
        or pre.page_link_ratio > 0.5
        or _looks_like_listing(lines, link_density, listing_type)
    ):
        raise _fail("index-page", "it looks like a list of links")
    if page_words == 0:
        raise _fail("empty", "the page is empty")
    raise _fail("too-short", "there is too little text on it")


def _looks_like_listing(lines: list[str], link_density: float, listing_type: bool) -> bool:
    """Listing and search pages: mostly link text, or many short teaser lines."""
    if link_density > 0.5:
        return True
    if not lines:
        return False
    short = sum(1 for line in lines if len(line.split()) < 12)
    return listing_type and short / len(lines) > 0.6
