"""The cheap first pass of extraction: parse, strip, prune, then hand on two small pieces.

Building a BeautifulSoup tree costs far more than anything else the extractor does (every tag
becomes a Python object), so this pass works on an lxml tree, which is built in C at a fraction
of the cost: scripts, styles, SVG and the like are removed in C right after parsing, page chrome
that announces itself (nav, footer, share/related/comment/cookie/ad class words, hidden
elements) is pruned, and `locate` finds the container with the content. Only two small pieces
go on to BeautifulSoup: the `<head>` (metadata) and the region holding the content. Along the
way it records the facts the verdict needs but that pruning destroys (password fields, script
counts, the visible text of the whole page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract import locate
from summarizer.extract.nodes import (
    MAIN_ATTR,
    SCORE_ATTR,
    chars,
    class_tokens,
    is_boilerplate_name,
    link_chars,
    own_text_len,
    raw_text,
    text,
)
from summarizer.extract.rules import DROP_ROLES, DROP_TAGS, STRIP_TAGS
from summarizer.fetch.decode import decode_markup

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_JSONLD_XPATH = lxml.etree.XPath(
    "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()"
)
_SCRIPT_COUNT_XPATH = lxml.etree.XPath("count(//script)")
_NOSCRIPT_XPATH = lxml.etree.XPath("string(//noscript)")
_PASSWORD_XPATH = lxml.etree.XPath(
    "boolean(//input[translate(@type, 'PASWORD', 'pasword') = 'password'])"
)
_BYLINE_XPATH = lxml.etree.XPath(
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')]"
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# The attributes the body stage reads; BeautifulSoup builds a dict for every attribute.
_KEEP_ATTRS = frozenset({"class", "id", "href", "itemprop", "lang", SCORE_ATTR, MAIN_ATTR})


@dataclass
class Prepass:
    """What the first pass hands to the rest of the extractor."""

    head_html: str = ""
    region_html: str = ""
    html_lang: str | None = None
    json_ld: list[str] = field(default_factory=list)
    script_count: int = 0
    js_notice: bool = False
    has_password: bool = False
    page_text: str = ""
    page_link_ratio: float = 0.0
    byline_hint: str | None = None


def run(markup: str | bytes) -> Prepass:
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
    json_ld = _JSONLD_XPATH(root)
    result.json_ld = [str(t) for t in json_ld] if isinstance(json_ld, list) else []
    result.script_count = int(_number(_SCRIPT_COUNT_XPATH(root)))
    result.js_notice = "javascript" in str(_NOSCRIPT_XPATH(root)).lower()
    result.has_password = bool(_PASSWORD_XPATH(root))
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

    _prune(body)
    region = locate.region(body)
    if region is None:
        return result
    _strip_attributes(region)
    result.region_html = lxml.etree.tostring(
        region, encoding="unicode", method="html", with_tail=False
    )
    return result


def _number(value: object) -> float:
    """An XPath `count()` result (a float) as a number, whatever lxml's stubs say it may be."""
    return float(value) if isinstance(value, int | float) else 0.0


def _byline_hint(body: Element) -> str | None:
    """The visible byline, read before pruning throws bylines away with other page chrome."""
    found = _BYLINE_XPATH(body)
    for el in found if isinstance(found, list) else ():
        if not isinstance(el, Element):
            continue
        if (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or "byline" in class_tokens(el.get("class", ""))
        ):
            value = text(el)
            if 2 < len(value) < 120:
                return value
    return None


def _prune(body: Element) -> None:
    """Remove the page chrome whose markup announces it (tags, roles, class/id words, hidden).

    A guard keeps any element holding most of the page's non-link text, because layout classes
    on wrappers ("has-sidebar", "with-ads") would otherwise take the content with them. The walk
    does not descend into what it drops, which is most of the saving on chrome-heavy pages.
    """
    own_total = own_text_len(body) or 1
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if _is_chrome(el):
            # Cheap C-level length first; the link count only when the guard could apply.
            if isinstance(el.tag, str) and chars(raw_text(el)) > 500:
                inner = own_text_len(el)
                if inner > 0.5 * own_total and inner > 500:
                    stack.extend(reversed(el))
                    continue
            _drop(el)
            continue
        stack.extend(reversed(el))


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
_boilerplate_cache: dict[str, bool] = {}


def _is_chrome(el: Element) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True
    if tag in DROP_TAGS:
        return True
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    if style and _HIDDEN_STYLE_RE.search(style):
        return True
    role = attrib.get("role")
    if role and role.lower() in DROP_ROLES:
        return True
    name = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    if len(name) < 2:
        return False
    verdict = _boilerplate_cache.get(name)
    if verdict is None:
        verdict = is_boilerplate_name(name)
        if len(_boilerplate_cache) < 50_000:
            _boilerplate_cache[name] = verdict
    return verdict


def _strip_attributes(region: Element) -> None:
    """Keep only the attributes the body stage reads."""
    for el in region.iter():
        attrib = el.attrib
        if attrib:
            for key in [k for k in attrib if k not in _KEEP_ATTRS]:
                del attrib[key]
