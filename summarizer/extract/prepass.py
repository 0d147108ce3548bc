"""The cheap first pass of extraction: parse, strip, prune, then hand on two small pieces.

Building a BeautifulSoup tree costs far more than anything else the extractor does (every tag
becomes a Python object), so this pass works on an lxml tree, which is built in C at a fraction
of the cost: scripts, styles, SVG and the like are removed in C right after parsing, page chrome
that announces itself (nav, footer, share/related/comment/cookie/ad class words, hidden
elements; on a page that sells a product, its customer reviews) is pruned, blocks printed twice
lose their second copy (`repeats`), and `locate` finds the container with the content. Only two
small pieces go on to BeautifulSoup: the `<head>` (metadata) and the region holding the
content. Along the way it parses the JSON-LD (once, for every later stage) and records the
facts the verdict needs but that pruning destroys (password fields, script counts, the visible
text of the whole page).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract import declared, locate, recommendations, repeats
from summarizer.extract.metadata import json_ld_nodes, product_description, sells_a_product
from summarizer.extract.nodes import (
    CHROME,
    MAIN_ATTR,
    MAYBE_CHROME,
    NOT_CHROME,
    SCORE_ATTR,
    boilerplate_name,
    chars,
    class_tokens,
    elements,
    link_chars,
    own_text_len,
    raw_text,
    text,
)
from summarizer.extract.rules import (
    DROP_ROLES,
    DROP_TAGS,
    POSITIVE_WORDS,
    PROSE_CHARS,
    PROSE_LINK_SHARE,
    STRIP_TAGS,
    USER_CONTENT_WORDS,
)
from summarizer.fetch.decode import decode_markup

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_JSONLD_XPATH = lxml.etree.XPath(
    "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()"
)
_SCRIPT_COUNT_XPATH = lxml.etree.XPath("count(//script)")
_NOSCRIPT_XPATH = lxml.etree.XPath("string(//noscript)")
_UNSEEN = "ancestor::script or ancestor::style or ancestor::template"
_NOSCRIPT_TEXT_XPATH = lxml.etree.XPath(f"//noscript//text()[not({_UNSEEN})]")
_SEEN_TEXT_XPATH = lxml.etree.XPath(f"//body//text()[not({_UNSEEN} or ancestor::noscript)]")
_PASSWORD_XPATH = lxml.etree.XPath(
    "boolean(//input[translate(@type, 'PASWORD', 'pasword') = 'password'])"
)
_BYLINE_XPATH = lxml.etree.XPath(
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')]"
)
_HOLDS_H1_XPATH = lxml.etree.XPath("boolean(descendant-or-self::h1)")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# The attributes later stages read (the body stage; microdata for answers); BeautifulSoup builds
# a dict for every attribute.
_KEEP_ATTRS = frozenset(
    {"class", "id", "href", "itemprop", "itemtype", "content", "lang", SCORE_ATTR, MAIN_ATTR}
)


class Pruning(enum.Enum):
    """How much announced chrome the pass removes: everything first; the gentler levels are
    second readings of a page the first left with next to no text."""

    #: Tags, roles, class and id words, hidden elements.
    FULL = "full"
    #: Only what the markup itself declares chrome: tags (`nav`, `footer`, ...) and roles. Class
    #: words misfire on some templates ("skip-item" sections, "comments" threads, "search"
    #: result pages), and then they take the whole content.
    MARKUP = "markup"
    #: Nothing: a page whose every part announces itself as chrome (cards with `<header>`s).
    NONE = "none"


@dataclass
class Prepass:
    """What the first pass hands to the rest of the extractor."""

    head_html: str = ""
    region_html: str = ""
    html_lang: str | None = None
    #: The page's JSON-LD objects, parsed once: pruning, metadata and answers read them.
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    script_count: int = 0
    js_notice: bool = False
    has_password: bool = False
    page_text: str = ""
    page_link_ratio: float = 0.0
    byline_hint: str | None = None
    #: The pruned body, for when the located region turns out to hold too little.
    body: Element | None = field(default=None, repr=False)

    def whole_body_html(self) -> str:
        """The whole pruned body as the region, marked as the content (the fallback)."""
        if self.body is None:
            return ""
        for el in self.body.iter():
            if isinstance(el.tag, str) and el.get(MAIN_ATTR) is not None:
                del el.attrib[MAIN_ATTR]
        self.body.set(MAIN_ATTR, "1")
        _strip_attributes(self.body)
        return lxml.etree.tostring(self.body, encoding="unicode", method="html", with_tail=False)


def run(markup: str | bytes, pruning: Pruning = Pruning.FULL) -> Prepass:
    """Decode, strip, prune and locate; see the module docstring for why."""
    html = decode_markup(markup)
    result = Prepass()
    if html.lstrip().startswith("<?xml"):
        html = _XML_DECL_RE.sub("", html)
    if not html.strip():
        return result
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return result
    if root is None:
        return result
    result.json_ld = json_ld_nodes(_strings(_JSONLD_XPATH(root)))
    result.script_count = int(_number(_SCRIPT_COUNT_XPATH(root)))
    result.js_notice = "javascript" in str(_NOSCRIPT_XPATH(root)).lower()
    result.has_password = bool(_PASSWORD_XPATH(root))
    _keep_what_holds_the_page(root)
    lxml.etree.strip_elements(root, *STRIP_TAGS, with_tail=False)

    result.html_lang = root.get("lang") or root.get("xml:lang")
    head = root.find("head")
    if head is not None:
        result.head_html = lxml.etree.tostring(
            head, encoding="unicode", method="html", with_tail=False
        )
    body = root.find("body")
    if body is None:
        return result

    result.byline_hint = _byline_hint(body)
    full_text = raw_text(body)
    result.page_text = full_text
    total = chars(full_text)
    if total:
        result.page_link_ratio = link_chars(body) / total

    if pruning is not Pruning.NONE:
        names = pruning is Pruning.FULL
        reviews = names and sells_a_product(result.json_ld)
        description = product_description(result.json_ld)
        _prune(
            body,
            names=names,
            also=USER_CONTENT_WORDS if reviews else frozenset(),
            keep=declared.holder(body, description) if description else None,
        )
        for section in recommendations.sections(body):
            _drop(section)
    for copy in repeats.copies(body):
        _drop(copy)
    result.body = body
    region = locate.region(body)
    if region is None:
        return result
    _strip_attributes(region)
    result.region_html = lxml.etree.tostring(
        region, encoding="unicode", method="html", with_tail=False
    )
    return result


def _keep_what_holds_the_page(root: Element) -> None:
    """Unwrap the stripped kinds of element that hold the page's text rather than drop them.

    A `<noscript>` usually holds a tracking pixel or "please enable JavaScript"; but some
    applications (forums among them) send every post there for readers without JavaScript,
    and then it holds more text than the rest of the page. A `<button>` holds a label; one that
    holds paragraphs is a button the markup never closed, which the parser stretched over the
    content that followed.
    """
    noscripts = [el for el in root.iter("noscript")]
    if noscripts:
        inside = chars("".join(_strings(_NOSCRIPT_TEXT_XPATH(root))))
        # Scripts and styles are not text a reader sees: an application shell carries far more
        # of them than it has words, and they would outweigh the posts.
        if inside and inside > chars("".join(_strings(_SEEN_TEXT_XPATH(root)))):
            for el in noscripts:
                _unwrap(el)
    for el in list(root.iter("button")):
        if chars(raw_text(el)) > _LONGEST_BUTTON:
            _unwrap(el)


def _strings(value: object) -> list[str]:
    return [str(t) for t in value] if isinstance(value, list) else []


# A button's label is a few words; more than this many characters is not a label.
_LONGEST_BUTTON = 200


def _unwrap(el: Element) -> None:
    """Replace an element by its content: its text, its children and its tail stay in place."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    text = el.text or ""
    if text:
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            before = parent[index - 1]
            before.tail = (before.tail or "") + text
    children = list(el)
    tail = el.tail
    parent.remove(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if tail:
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        elif index == 0:
            parent.text = (parent.text or "") + tail
        else:
            before = parent[index - 1]
            before.tail = (before.tail or "") + tail


def _number(value: object) -> float:
    """An XPath `count()` result (a float) as a number, whatever lxml's stubs say it may be."""
    return float(value) if isinstance(value, int | float) else 0.0


def _byline_hint(body: Element) -> str | None:
    """The visible byline, read before pruning throws bylines away with other page chrome."""
    for el in elements(_BYLINE_XPATH, body):
        if (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or "byline" in class_tokens(el.get("class", ""))
        ):
            value = text(el)
            if 2 < len(value) < 120:
                return value
    return None


def _prune(
    body: Element,
    *,
    names: bool,
    also: frozenset[str] = frozenset(),
    keep: Element | None = None,
) -> None:
    """Remove the page chrome whose markup announces it (tags, roles, class/id words, hidden).

    A guard keeps any element holding most of the page's non-link text, because layout classes
    on wrappers ("has-sidebar", "with-ads") would otherwise take the content with them; and a
    block flagged only by a weak signal (`SOFT_BOILERPLATE_WORDS`, hidden until a script shows
    it) stays when it reads as prose or holds a top heading. The walk does not descend into
    what it drops, which is most of the saving on chrome-heavy pages. Without `names`, only
    tags and roles count; `also` are class words that name chrome on this page only (a shop's
    customer reviews); `keep` is the content the page declares (`declared.py`): it stays, and
    so does the way to it.
    """
    own_total = own_text_len(body) or 1
    kept = set(keep.iterancestors()) if keep is not None else set()
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if el is keep:
            continue
        if el in kept:
            stack.extend(reversed(el))
            continue
        signal = _chrome_signal(el) if names else _declared_chrome(el)
        if also and signal != CHROME and _named(el, also):
            signal = CHROME
        if signal == NOT_CHROME or (
            signal == MAYBE_CHROME and (_reads_as_prose(el) or _holds_the_title(el))
        ):
            stack.extend(reversed(el))
            continue
        # Cheap C-level length first; the link count only when the guard could apply.
        if isinstance(el.tag, str) and chars(raw_text(el)) > 500:
            inner = own_text_len(el)
            if inner > 0.5 * own_total and inner > 500:
                stack.extend(reversed(el))
                continue
        _drop(el)


def _holds_the_title(el: Element) -> bool:
    """Whether a softly flagged block holds a top heading: a landing page's hero ("banner",
    "header") with its title and tagline is the top of the page's text, not its chrome."""
    return bool(_HOLDS_H1_XPATH(el))


def _reads_as_prose(el: Element) -> bool:
    text = chars(raw_text(el))
    if text < PROSE_CHARS:
        return False
    outside_links = text - link_chars(el)
    return outside_links >= PROSE_CHARS and outside_links >= (1 - PROSE_LINK_SHARE) * text


def _drop(el: Element) -> None:
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
    if _declared_chrome(el) == CHROME:
        return CHROME
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


def _named(el: Element, words: frozenset[str]) -> bool:
    tokens = class_tokens(f"{el.get('class', '')} {el.get('id', '')}")
    return not words.isdisjoint(tokens) and POSITIVE_WORDS.isdisjoint(tokens)


def _declared_chrome(el: Element) -> int:
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return CHROME
    role = el.get("role")
    return CHROME if role and role.lower() in DROP_ROLES else NOT_CHROME


def _strip_attributes(region: Element) -> None:
    """Keep only the attributes the body stage reads."""
    for el in region.iter():
        attrib = el.attrib
        if attrib:
            # Cleared and refilled, not deleted by name: lxml cannot address an attribute
            # written like a template placeholder ("{category.id}") by its name.
            kept = [(key, attrib[key]) for key in _KEEP_ATTRS if key in attrib]
            attrib.clear()
            for key, value in kept:
                attrib[key] = value
