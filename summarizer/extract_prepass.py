"""The cheap first pass of article extraction: decode, strip, prune, locate.

Building a BeautifulSoup tree costs far more than anything else the extractor does (every tag
becomes a Python object), so this pass works on the raw markup and on an lxml tree, which is
built in C at a fraction of the cost, and hands BeautifulSoup only two small pieces: the `<head>`
(for metadata) and the region of the body that holds the article. Along the way it records the
facts the "is there an article at all?" decision needs but that pruning destroys (password fields,
script counts, the visible text of the whole page).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

# --- Decoding -----------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(markup: str | bytes) -> str:
    """Bytes off the wire carry their encoding in a BOM or a `<meta>` tag; honour those, and
    fall back to UTF-8 with replacement so that a wrong declaration costs a few odd characters
    rather than the whole article."""
    if isinstance(markup, str):
        return markup
    for bom, name in _BOMS:
        if markup.startswith(bom):
            return markup[len(bom) :].decode(name, errors="replace")
    match = _META_CHARSET_RE.search(markup[:8192])
    if match:
        name = match.group(1).decode("ascii", errors="ignore").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            try:
                return markup.decode(name)
            except UnicodeDecodeError:
                pass
    try:
        return markup.decode("utf-8")
    except UnicodeDecodeError:
        return markup.decode("cp1252", errors="replace")


# --- Raw-markup strip ---------------------------------------------------------------------

_JSONLD_RE = re.compile(
    r"""<script\b[^>]*\btype\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_SCRIPT_OPEN_RE = re.compile(r"<script\b", re.IGNORECASE)
_NOSCRIPT_RE = re.compile(r"<noscript\b[^>]*>(.*?)</noscript\s*>", re.IGNORECASE | re.DOTALL)
# Elements whose content is never article text. Removing them from the string before any parser
# sees it is the single biggest saving: on news pages they are often half the bytes.
_STRIP_RE = re.compile(
    r"<(script|style|svg|noscript|template|iframe|object|embed|canvas|math|video|audio|select"
    r"|textarea|button)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->|<\?xml[^>]*>|<!\[CDATA\[.*?\]\]>",
    re.IGNORECASE | re.DOTALL,
)
_TAG_RE = re.compile(r"<[^>]+>")
_JS_NOTICE_RE = re.compile(r"javascript", re.IGNORECASE)


# --- Pruning ------------------------------------------------------------------------------

# Structural elements that never hold the article body.
_DROP_TAGS = (
    "nav", "footer", "aside", "header", "figcaption", "dialog", "menu", "input", "label",
)  # fmt: skip
_DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar"}
)  # fmt: skip
# Generic words web developers use in class and id attributes of boilerplate blocks, matched
# as whole tokens ("share-bar" -> share, "relatedPosts" -> related) so "shareholder" or
# "download" do not trip them. None of them names a site.
_BOILERPLATE_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "megamenu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "header",
        "masthead",
        "share",
        "shares",
        "sharing",
        "sharebar",
        "social",
        "comment",
        "comments",
        "commentlist",
        "disqus",
        "respond",
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "trending",
        "popular",
        "promo",
        "promos",
        "promotion",
        "sponsor",
        "sponsored",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "login",
        "caption",
        "captions",
        "figcaption",
        "credit",
        "credits",
        "copyright",
        "ad",
        "ads",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "adsense",
        "adslot",
        "adunit",
        "dfp",
        "outbrain",
        "taboola",
        "banner",
        "sidebar",
        "rail",
        "widget",
        "widgets",
        "popup",
        "modal",
        "tags",
        "pagination",
        "pager",
        "toolbar",
        "byline",
        "author",
        "authors",
        "meta",
        "skip",
        "search",
        "print",
    ]
)
_POSITIVE_WORDS = frozenset(
    [
        "article",
        "body",
        "content",
        "entry",
        "main",
        "post",
        "story",
        "text",
        "blog",
        "articlebody",
        "postbody",
    ]
)
_TOKEN_SPLIT_RE = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")

# Block elements whose own text counts as a paragraph when locating the article.
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "pre", "blockquote", "li", "ul", "ol", "dl", "dd",
     "dt", "td", "th", "tr", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "footer", "form", "figure", "body", "center", "address", "details", "fieldset"}
)  # fmt: skip
_NON_VOTING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "body", "ul", "ol", "table", "tr"})
_COMMAS = (",", "\u060c", "\uff0c", "\u3001")
_SCORE_ATTR = "data-skim-score"
MAIN_ATTR = "data-skim-main"


def class_tokens(value: str) -> list[str]:
    """Split a class/id value into lower-case word tokens, camelCase included."""
    return [t.lower() for t in _TOKEN_SPLIT_RE.split(value) if t]


def is_boilerplate_name(value: str) -> bool:
    """Whether a class/id value names a boilerplate block and not (also) a content one."""
    tokens = class_tokens(value)
    if not tokens or _POSITIVE_WORDS.intersection(tokens):
        return False
    return not _BOILERPLATE_WORDS.isdisjoint(tokens)


@dataclass
class Prepass:
    """What the first pass hands to the rest of the extractor."""

    html: str
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
    lead_image_hint: str | None = None


def _text(el: lxml.html.HtmlElement) -> str:
    return _WS_RE.sub(" ", el.text_content()).strip()


def _link_chars(el: lxml.html.HtmlElement) -> int:
    return sum(len(_WS_RE.sub(" ", a.text_content()).strip()) for a in el.iter("a"))


def _own_text_len(el: lxml.html.HtmlElement) -> int:
    """Characters of text outside links: what readers read rather than click."""
    return len(_text(el)) - _link_chars(el)


def _drop(el: lxml.html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def run(markup: str | bytes) -> Prepass:
    """Decode, strip, prune and locate; see the module docstring for why."""
    html = decode(markup)
    result = Prepass(html=html)
    result.json_ld = _JSONLD_RE.findall(html)
    result.script_count = len(_SCRIPT_OPEN_RE.findall(html))
    result.js_notice = any(
        _JS_NOTICE_RE.search(_TAG_RE.sub(" ", m)) for m in _NOSCRIPT_RE.findall(html)
    )
    result.has_password = bool(re.search(r"type\s*=\s*[\"']?password", html, re.IGNORECASE))
    stripped = _STRIP_RE.sub(" ", html)
    if not stripped.strip():
        return result
    try:
        root = lxml.html.document_fromstring(stripped)
    except (lxml.etree.ParserError, ValueError):
        return result
    result.html_lang = root.get("lang") or root.get("xml:lang")
    head = root.find("head")
    if head is not None:
        result.head_html = lxml.etree.tostring(head, encoding="unicode", method="html")
    body = root.find("body")
    if body is None:
        return result

    result.byline_hint = _byline_hint(body)
    full_text = _text(body)
    result.page_text = full_text
    if full_text:
        result.page_link_ratio = _link_chars(body) / len(full_text)

    _prune(body)
    main = _locate(body)
    if main is None:
        return result
    main.set(MAIN_ATTR, "1")
    region = main.getparent() if main.getparent() is not None else main
    if region.tag == "html":
        region = main
    result.region_html = lxml.etree.tostring(region, encoding="unicode", method="html")
    return result


def _byline_hint(body: lxml.html.HtmlElement) -> str | None:
    """The visible byline, read before pruning throws bylines away with other page chrome."""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if not (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or "byline" in class_tokens(el.get("class", ""))
        ):
            continue
        text = _text(el)
        if 2 < len(text) < 120:
            return text
    return None


def _prune(body: lxml.html.HtmlElement) -> None:
    """Remove the page chrome whose markup announces it (tags, roles, class/id words, hidden).

    A guard keeps any element holding most of the page's paragraph text, because layout
    classes on wrappers ("has-sidebar", "with-ads") would otherwise take the article with them.
    """
    own_total = _own_text_len(body) or 1
    doomed: list[lxml.html.HtmlElement] = []
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)
            continue
        if tag in _DROP_TAGS:
            doomed.append(el)
            continue
        attrib = el.attrib
        if "hidden" in attrib or attrib.get("aria-hidden") == "true":
            doomed.append(el)
            continue
        style = attrib.get("style")
        if style and _HIDDEN_STYLE_RE.search(style):
            doomed.append(el)
            continue
        role = attrib.get("role")
        if role and role.lower() in _DROP_ROLES:
            doomed.append(el)
            continue
        name = f"{attrib.get('class', '')} {attrib.get('id', '')}"
        if name.strip() and is_boilerplate_name(name):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is None:
            continue
        if isinstance(el.tag, str) and el.tag not in ("input", "label"):
            inner = _own_text_len(el)
            if inner > 0.5 * own_total and inner > 500:
                continue
        _drop(el)
    for el in body.iter():
        if isinstance(el.tag, str):
            for key in [k for k in el.attrib if k not in _KEEP_ATTRS]:
                del el.attrib[key]


_KEEP_ATTRS = frozenset({"class", "id", "href", "itemprop", "lang"})


def _locate(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """Readability's idea: every paragraph votes for its parent and grandparent with a score
    that grows with its length and its commas; the container with most votes, discounted by
    how much of its text is links, holds the article.

    A "paragraph" is a run of inline text, wherever it sits: a `<p>`, a `<div>` holding only
    spans, or text between `<br>`s directly inside a container (old and templated pages often
    have no `<p>` at all). A leaf block votes for its parent; runs of text mixed with child
    blocks, or split by `<br>`, make their block itself the container.
    """
    block_of: dict[lxml.html.HtmlElement, lxml.html.HtmlElement] = {}
    runs: dict[lxml.html.HtmlElement, list[str]] = {}
    has_block_child: set[lxml.html.HtmlElement] = set()
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        parent = el.getparent()
        outer = block_of.get(parent, body) if parent is not None else body
        if tag in _BLOCK_TAGS:
            block = el
            has_block_child.add(outer)
        else:
            block = outer
        block_of[el] = block
        if tag == "br":
            runs.setdefault(outer, [""]).append("")
        if el.text:
            block_runs = runs.setdefault(block, [""])
            block_runs[-1] += el.text
        if el.tail and el is not body:
            outer_runs = runs.setdefault(outer, [""])
            outer_runs[-1] += el.tail

    scores: dict[lxml.html.HtmlElement, float] = {}
    for block, pieces in runs.items():
        if block.tag in _NON_VOTING:
            continue
        texts = [t for t in (_WS_RE.sub(" ", p).strip() for p in pieces) if len(t) >= 25]
        if not texts:
            continue
        leaf = block not in has_block_child and len(texts) == 1
        if leaf and block.tag in ("li", "td", "dd") and len(texts[0]) < 100:
            continue
        target = block.getparent() if leaf else block
        for text in texts:
            vote = 1.0 + sum(text.count(c) for c in _COMMAS) + min(len(text) / 100, 3)
            for depth, ancestor in enumerate(_ancestors(target, 3)):
                scores[ancestor] = scores.get(ancestor, 0.0) + vote / (
                    1 if depth == 0 else depth * 2
                )
    if not scores:
        return None
    best: lxml.html.HtmlElement | None = None
    best_score = 0.0
    for el, score in sorted(scores.items(), key=lambda kv: -kv[1])[:8]:
        text_len = len(_text(el)) or 1
        adjusted = score * (1 - min(1.0, _link_chars(el) / text_len)) * _class_weight(el)
        el.set(_SCORE_ATTR, f"{adjusted:.1f}")
        if adjusted > best_score:
            best, best_score = el, adjusted
    for el, score in scores.items():
        if el.get(_SCORE_ATTR) is None:
            el.set(_SCORE_ATTR, f"{score:.1f}")
    return best


def _ancestors(el: lxml.html.HtmlElement | None, n: int) -> list[lxml.html.HtmlElement]:
    out = []
    while el is not None and len(out) < n and el.tag not in ("html",):
        out.append(el)
        el = el.getparent()
    return out


def _class_weight(el: lxml.html.HtmlElement) -> float:
    tokens = class_tokens(f"{el.get('class', '')} {el.get('id', '')}")
    weight = 1.0
    if _POSITIVE_WORDS.intersection(tokens):
        weight += 0.25
    if el.get("itemprop") == "articleBody" or el.tag == "article":
        weight += 0.25
    return weight
