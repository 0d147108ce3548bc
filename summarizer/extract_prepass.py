"""The cheap first pass of article extraction: decode, strip, prune, locate.

Building a BeautifulSoup tree costs far more than anything else the extractor does (every tag
becomes a Python object), so this pass works on an lxml tree, which is built in C at a fraction
of the cost: scripts, styles, SVG and the like are removed in C right after parsing, page chrome
that announces itself (nav, footer, share/related/comment/cookie/ad class words, hidden
elements) is pruned, and a Readability-style vote locates the container with the article. Only
two small pieces go on to BeautifulSoup: the `<head>` (metadata) and the region holding the
article. Along the way it records the facts the "is there an article at all?" decision needs but
that pruning destroys (password fields, script counts, the visible text of the whole page).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.etree

Element = lxml.etree._Element

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


# --- Strip -------------------------------------------------------------------------------

# Elements whose content is never article text. lxml removes them in C right after parsing, so
# neither the Python passes below nor BeautifulSoup ever walk them: on news pages they are often
# half the bytes.
_STRIP_TAGS = (
    "script", "style", "svg", "noscript", "template", "iframe", "object", "embed", "canvas",
    "math", "video", "audio", "select", "textarea", "button",
)  # fmt: skip
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
_LINK_TEXT_XPATH = lxml.etree.XPath(".//a//text()")
_STRING_XPATH = lxml.etree.XPath("string()")


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
_BOILERPLATE_TEXT = (
    "nav navbar navigation menu submenu megamenu breadcrumb breadcrumbs footer header "
    "masthead share shares sharing sharebar social comment comments commentlist disqus "
    "respond related recommended recommendations recirc trending popular promo promos "
    "promotion sponsor sponsored cookie cookies consent gdpr newsletter subscribe "
    "subscription signup login caption captions figcaption credit credits copyright ad ads "
    "advert adverts advertisement advertising adsense adslot adunit dfp outbrain taboola "
    "banner sidebar widget widgets popup modal tags pagination pager toolbar byline author "
    "authors meta skip search print"
)
_BOILERPLATE_WORDS = frozenset(_BOILERPLATE_TEXT.split())
_POSITIVE_TEXT = "article body content entry main post story text blog articlebody postbody"
_POSITIVE_WORDS = frozenset(_POSITIVE_TEXT.split())
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


def _raw_text(el: Element) -> str:
    return str(_STRING_XPATH(el))


def _text(el: Element) -> str:
    return " ".join(_raw_text(el).split())


def _chars(text: str) -> int:
    """Non-space characters: a length measure that ignores indentation in the markup."""
    return len("".join(text.split()))


def _link_chars(el: Element) -> int:
    return _chars("".join(_LINK_TEXT_XPATH(el)))


def _own_text_len(el: Element) -> int:
    """Characters of text outside links: what readers read rather than click."""
    return _chars(_raw_text(el)) - _link_chars(el)


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


def run(markup: str | bytes) -> Prepass:
    """Decode, strip, prune and locate; see the module docstring for why."""
    html = decode(markup)
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
    result.json_ld = [str(t) for t in _JSONLD_XPATH(root)]
    result.script_count = int(_SCRIPT_COUNT_XPATH(root))
    result.js_notice = "javascript" in str(_NOSCRIPT_XPATH(root)).lower()
    result.has_password = bool(_PASSWORD_XPATH(root))
    lxml.etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)

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
    full_text = _raw_text(body)
    result.page_text = full_text
    total = _chars(full_text)
    if total:
        result.page_link_ratio = _link_chars(body) / total

    _prune(body)
    located = _locate(body)
    if located is None:
        return result
    main, direct = located
    chosen = [main, *_cousins(main, direct)]
    for el in chosen:
        el.set(MAIN_ATTR, "1")
    region = _common_ancestor(
        [main.getparent() if main.getparent() is not None else main, *chosen[1:]]
    )
    if region.tag == "html":
        region = body
    _strip_attributes(region)
    result.region_html = lxml.etree.tostring(
        region, encoding="unicode", method="html", with_tail=False
    )
    return result


_BYLINE_XPATH = lxml.etree.XPath(
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')]"
)


def _byline_hint(body: Element) -> str | None:
    """The visible byline, read before pruning throws bylines away with other page chrome."""
    for el in _BYLINE_XPATH(body):
        if (
            el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or "byline" in class_tokens(el.get("class", ""))
        ):
            text = _text(el)
            if 2 < len(text) < 120:
                return text
    return None


def _prune(body: Element) -> None:
    """Remove the page chrome whose markup announces it (tags, roles, class/id words, hidden).

    A guard keeps any element holding most of the page's non-link text, because layout classes
    on wrappers ("has-sidebar", "with-ads") would otherwise take the article with them. The walk
    does not descend into what it drops, which is most of the saving on chrome-heavy pages.
    """
    own_total = _own_text_len(body) or 1
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if _is_chrome(el):
            # Cheap C-level length first; the link count only when the guard could apply.
            if isinstance(el.tag, str) and _chars(_raw_text(el)) > 500:
                inner = _own_text_len(el)
                if inner > 0.5 * own_total and inner > 500:
                    stack.extend(reversed(el))
                    continue
            _drop(el)
            continue
        stack.extend(reversed(el))


_boilerplate_cache: dict[str, bool] = {}


def _is_chrome(el: Element) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True
    if tag in _DROP_TAGS:
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
    if role and role.lower() in _DROP_ROLES:
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
    """BeautifulSoup builds a dict for every attribute; keep only those the body stage reads."""
    for el in region.iter():
        attrib = el.attrib
        if attrib:
            for key in [k for k in attrib if k not in _KEEP_ATTRS]:
                del attrib[key]


_KEEP_ATTRS = frozenset({"class", "id", "href", "itemprop", "lang", _SCORE_ATTR, MAIN_ATTR})


def _locate(body: Element) -> tuple[Element, dict[Element, float]] | None:
    """Readability's idea: every paragraph votes for its parent and grandparent with a score
    that grows with its length and its commas; the container with most votes, discounted by
    how much of its text is links, holds the article.

    A "paragraph" is a run of inline text, wherever it sits: a `<p>`, a `<div>` holding only
    spans, or text between `<br>`s directly inside a container (old and templated pages often
    have no `<p>` at all). A leaf block votes for its parent; runs of text mixed with child
    blocks, or split by `<br>`, make their block itself the container.
    """
    block_of: dict[Element, Element] = {}
    runs: dict[Element, list[str]] = {}
    has_block_child: set[Element] = set()
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

    scores: dict[Element, float] = {}
    direct: dict[Element, float] = {}
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
            if target is not None:
                direct[target] = direct.get(target, 0.0) + vote
            for depth, ancestor in enumerate(_ancestors(target, 3)):
                scores[ancestor] = scores.get(ancestor, 0.0) + vote / (
                    1 if depth == 0 else depth * 2
                )
    if not scores:
        return None
    best: Element | None = None
    best_score = 0.0
    for el, score in sorted(scores.items(), key=lambda kv: -kv[1])[:8]:
        text_len = _chars(_raw_text(el)) or 1
        adjusted = score * (1 - min(1.0, _link_chars(el) / text_len)) * _class_weight(el)
        el.set(_SCORE_ATTR, f"{adjusted:.1f}")
        if adjusted > best_score:
            best, best_score = el, adjusted
    for el, score in scores.items():
        if el.get(_SCORE_ATTR) is None:
            el.set(_SCORE_ATTR, f"{score:.1f}")
    return (best, direct) if best is not None else None


def _cousins(main: Element, direct: dict[Element, float]) -> list[Element]:
    """Other containers holding more of the same article.

    Content systems often cut a long body into chunks (between ads, pull quotes, embeds), each
    chunk a container of the same kind with the same class words; they are cousins of the best
    container, not siblings. A chunk qualifies if it has the same tag, mostly the same class
    tokens, real paragraph text with few links, and sits near the best container.
    """
    tokens = set(class_tokens(main.get("class", "")))
    if not tokens:
        return []
    scope = main
    for _ in range(4):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    floor = max(2.0, 0.1 * direct.get(main, 0.0))
    main_ancestors = set(main.iterancestors())
    found: list[Element] = []
    for el, score in direct.items():
        if el is main or el.tag != main.tag or score < floor or el in main_ancestors:
            continue
        other = set(class_tokens(el.get("class", "")))
        if not other or len(other & tokens) / len(other | tokens) < 0.5:
            continue
        ancestors = set(el.iterancestors())
        if scope not in ancestors or main in ancestors:
            continue
        text_len = _chars(_raw_text(el)) or 1
        if _link_chars(el) / text_len > 0.3:
            continue
        found.append(el)
    return found


def _common_ancestor(elements: list[Element]) -> Element:
    """The lowest element containing all of `elements`."""
    first = elements[0]
    chain = [first, *first.iterancestors()]
    depth = 0
    for el in elements[1:]:
        ancestors = {el, *el.iterancestors()}
        while chain[depth] not in ancestors:
            depth += 1
    return chain[depth]


def _ancestors(el: Element | None, n: int) -> list[Element]:
    out = []
    while el is not None and len(out) < n and el.tag not in ("html",):
        out.append(el)
        el = el.getparent()
    return out


def _class_weight(el: Element) -> float:
    tokens = class_tokens(f"{el.get('class', '')} {el.get('id', '')}")
    weight = 1.0
    if _POSITIVE_WORDS.intersection(tokens):
        weight += 0.25
    if el.get("itemprop") == "articleBody" or el.tag == "article":
        weight += 0.25
    return weight
