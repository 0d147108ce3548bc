"""Which sentences are content: part of the story, not the page around it.

A news page's text holds more than its story: headings, photo credits and captions, share and
player buttons, "Click here" calls to action, links and handles. Stock LexRank ranks them like
any sentence, and short, repeated chrome is central in a word graph. These filters judge a
sentence by general signals only (its length, its ending, the conventions of news pages), never
by site; the skim method leaves what they reject out of its graph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from summarizer.summarize.cohesion import quote_marks


class ContentRules(Protocol):
    """The bounds and switches of the filter (`SkimConfig` has them, with the dev figures
    that chose them)."""

    @property
    def min_words(self) -> int: ...
    @property
    def max_words(self) -> int: ...
    @property
    def captions(self) -> bool: ...
    @property
    def quotes(self) -> bool: ...
    @property
    def tense(self) -> bool: ...


#: Share of a text's sentences that must begin with a capital for one in lower case to read as
#: a fragment: a news page writes nearly all of them so (dev documents of 5 or more sentences:
#: 1st percentile 0.97 on CNN/DM, 0.90 on BBC, 0.87 on Multi-News), a chat message often none.
CAPITALISED_SHARE = 0.8
# A sentence ends with . ! ? or … possibly followed by closing quotes or brackets.
_ENDING = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w|(?:^|\s)[@#]\w|pic\.twitter", re.IGNORECASE)
# Credits and captions: who took the picture or owns the rights, not what happened. An agency
# in brackets before a dash is a dateline ("LONDON (Reuters) -- ..."): the story's first line.
_CREDIT = re.compile(
    r"(?:\b(?:photo|image|picture|video|graphic)s?\b[^.]{0,40}\b(?:by|credit|courtesy)\b)"
    r"|(?:\((?:AP|AFP|Reuters|Getty)[^)]{0,30}\)(?!\s*(?:--|[—–-])\s))"
    r"|©|\bcopyright\b|\ball rights reserved\b",
    re.IGNORECASE,
)
# Captions describe the picture beside the story: AP's "FILE - In this ... photo", "is
# pictured", a "Photo:"/"Image caption" label, "Image 3 of 9" galleries, "Enlarge image".
_CAPTION = re.compile(
    r"^FILE\b|\bfile (?:photo|image)\b|\b(?:in|from) this\b[^.]{0,60}\b(?:photo|image|picture)"
    r"|\bpictured\b|\b(?:photo|image|video|media|toggle)\s*(?::|caption\b)"
    r"|\b(?:photo|image)s?\s+\d+\s+of\b|\b(?:enlarge|view)\s+(?:photo|image)s?\b"
    r"|\bgetty\b"
    # A caption's date stamp ends it: "..., Tuesday, Jan. 24, 2017." (11 of 11 labelled dev
    # sentences that end so are captions).
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{1,2},?\s+\d{4}\W*$",
    re.IGNORECASE,
)
# Page chrome: a photo credit "Name/AGENCY" (a capitalized name on one side of a slash; not
# "CPU/GPU", not "and/or"), a "|" menu separator, or a player or share control written in
# capitals at the start ("CLOSE", "EMBED": a web page's buttons, not a dateline, which is
# followed by a comma, a bracket or a dash).
_CHROME = re.compile(
    r"[A-Z][a-z]+\s?/\s?[A-Z]|[A-Z]+\s?/\s?[A-Z][a-z]|\|"
    r"|^(?:CLOSE|EMBED|SHARE|SKIP|VIDEO|PHOTOS?)\s+[A-Z]"
)
# A call to action addresses the reader about the page, not the story.
# ("The full report can be downloaded here.": the sentence is the link, not the story.)
_CALL = re.compile(
    r"\bclick\s+(?:here|to)\b|\bsubscribe\b|\bsign up\b"
    r"|\b(?:download(?:ed)?|read|watch|listen|found|viewed|available)\b[^.]{0,40}\bhere\W*$",
    re.IGNORECASE,
)
# Substrings that every match of _LINKISH, _CREDIT, _CAPTION or _CALL contains (lower-cased).
# Python's re tries each alternative at every position: screening with `in` first makes the
# filter about ten times faster (2,950 sentences: 0.27 s of regex searches before).
_CUES = (
    "http",
    "www.",
    "@",
    "#",
    "pic.twitter",
    "photo",
    "image",
    "pictur",
    "video",
    "graphic",
    "(ap",
    "(afp",
    "(reuters",
    "(getty",
    "©",
    "copyright",
    "all rights reserved",
    "file",
    "media",
    "toggle",
    "getty",
    "click",
    "subscribe",
    "sign up",
    "here",
    "20",
    "19",
)


#: Words that give an English clause its tense: be, have, do and the modals, common irregular
#: pasts, and contractions' stems ("doesn't" reads as "doesn" "t"). A sentence with none of
#: them and no "-ed" word asserts nothing that happened: a caption in the present ("Fearful
#: customers line up outside a branch in London"), a heading, a label, a list's row. (On the
#: 2,414 hand-labelled dev sentences: 67 of 1,406 kept ones have none, 300 of 1,008 struck.)
_TENSE_WORDS = {
    "english": frozenset(
        " ".join(
            (
                "is are was were be been being am has have had do does did will would can",
                "could may might must should shall says say said told made took came went got",
                "gave found left met saw became began brought built bought caught chose drew",
                "drove fell felt fought flew forgot froze grew heard held hid hit hurt kept knew",
                "led lost meant paid put ran rang rose sat sent set shot showed shut sang sank",
                "slept sold spent spoke spun stood stole struck swore swam taught thought threw",
                "understood woke won wore wrote doesn didn isn aren wasn weren hasn haven hadn",
                "don wouldn couldn shouldn",
            )
        ).split()
    )
}
_LOWER_WORD = re.compile(r"[a-z]+")
# A wire dateline: "LONDON, England (Reuters) --", "(CNN) --", "CAIRO—", "PHOENIX (AP) —".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]+(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]{1,30}\))?|\([^)]{1,30}\))"
    r"\s*(?:--|[—–])"
)


def is_tensed(text: str, language: str) -> bool:
    """Whether a sentence has a tensed verb, a quotation's included (what someone said is a
    statement); always true in a language without a table."""
    words = _TENSE_WORDS.get(language)
    if words is None:
        return True
    if _DATELINE.match(text):
        return True  # a story's first sentence, often in the present ("... turns 18 Monday")
    found = _LOWER_WORD.findall(text)
    return any(w in words or (w.endswith("ed") and len(w) >= 4) for w in found)


def is_statement(text: str) -> bool:
    """Whether a sentence states something a reader can take on its own: not a question (a
    heading, an FAQ, a rhetorical aside: a summary answers, it does not ask), and not one half
    of a quotation (an odd number of quotation marks: it goes on in another sentence).
    """
    body = text.strip()
    if body.rstrip("\"”»’')").endswith(("?", "？")) or body.startswith("¿"):
        return False
    return quote_marks(body) % 2 == 0


def is_content(text: str, config: ContentRules, language: str = "english") -> bool:
    """Whether a sentence reads as part of the story rather than the page around it."""
    words = text.split()
    if not config.min_words <= len(words) <= config.max_words:
        return False
    if not _ENDING.search(text):
        return False
    lower = text.lower()
    cued = any(cue in lower for cue in _CUES)
    if cued and (_LINKISH.search(text) or _CREDIT.search(text)):
        return False
    if config.quotes and not is_statement(text):
        return False
    if config.tense and not is_tensed(text, language):
        return False
    if not config.captions:
        return True
    if cued and (_CAPTION.search(text) or _CALL.search(text)):
        return False
    chrome = "/" in text or "|" in text or text[:4].isupper()
    return not (chrome and _CHROME.search(text))


def fragments(texts: Sequence[str], candidates: Sequence[int]) -> set[int]:
    """The candidates that begin in the middle of another sentence ("but only for a very small
    portion of America."): a split inside a quotation or after an abbreviation.

    Their first word is all lower case in a text whose sentences otherwise begin with a
    capital; a chat message written all in lower case is not made of fragments. A brand
    written in lower case ("iPhone", "eBay") has a capital in it.
    """
    firsts = ((i, texts[i].split(maxsplit=1)) for i in candidates)
    starts = {i: words[0] for i, words in firsts if words}
    cased = [i for i, word in starts.items() if word.islower() or word[:1].isupper()]
    lower = {i for i in cased if starts[i].islower()}
    if len(cased) - len(lower) < CAPITALISED_SHARE * len(cased):
        return set()
    return lower
