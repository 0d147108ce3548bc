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

from summarizer.extract import declared, locate, prune, recommendations, repeats
from summarizer.extract.metadata import (
    declares_a_discussion,
    json_ld_nodes,
    product_description,
    sells_a_product,
)
from summarizer.extract.nodes import (
    MAIN_ATTR,
    SCORE_ATTR,
    chars,
    class_tokens,
    elements,
    link_chars,
    raw_text,
    text,
)
from summarizer.extract.rules import (
    DISCUSSION_WORDS,
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
        discussion = names and declares_a_discussion(result.json_ld)
        prune.chrome(
            body,
            names=names,
            also=USER_CONTENT_WORDS if reviews else frozenset(),
            spare=DISCUSSION_WORDS if discussion else frozenset(),
            keep=declared.holder(body, description) if description else None,
        )
        for section in recommendations.sections(body):
            prune.drop(section)
    for copy in repeats.copies(body):
        prune.drop(copy)
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
