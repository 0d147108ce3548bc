"""Article metadata from what publishers put there for machines: JSON-LD, Open Graph, meta tags.

Publishers fill these in for search engines and social cards, so they are usually more accurate
than anything guessed from the visible page; the visible page is only a fallback. Only the
`<head>` is parsed here (small, cheap), the JSON-LD blocks arrive as raw strings from the pre-pass.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from summarizer.extract.nodes import squash
from summarizer.extract.rules import DECLARED_WORDS, LISTING_TYPES, THREAD_TYPES

_ARTICLE_TYPE_RE = re.compile(r"(Article|Posting|NewsArticle|Report|Review)$")
_PRODUCT_TYPES = frozenset({"Product", "ProductGroup"})
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass
class Metadata:
    """Metadata found for a page; any field may be missing."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    image_url: str | None = None
    is_listing_type: bool = False
    #: Every JSON-LD `@type` on the page, and how many nodes describe a product.
    types: frozenset[str] = frozenset()
    product_count: int = 0
    #: A product's price and currency from its offer ("89.00 EUR").
    price: str | None = None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return squash(value) or None


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        # Trailing commas are the usual hand-written JSON-LD mistake.
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
        except ValueError:
            return None


def json_ld_nodes(blocks: list[str]) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, with lists and `@graph` flattened."""
    nodes: list[dict[str, Any]] = []
    stack: list[Any] = [_load_json(b) for b in blocks]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
            if "@type" in item:
                nodes.append(item)
    return nodes


def _price(product: dict[str, Any]) -> str | None:
    """The first offer's price: `offers` is an Offer, an AggregateOffer (from `lowPrice`) or a
    list of them."""
    offers = product.get("offers")
    offer = offers[0] if isinstance(offers, list) and offers else offers
    if not isinstance(offer, dict):
        return None
    amount = offer.get("price", offer.get("lowPrice"))
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        amount = f"{amount:g}"
    amount = _clean(amount)
    if amount is None:
        return None
    currency = _clean(offer.get("priceCurrency"))
    prefix = "from " if "price" not in offer else ""
    return f"{prefix}{amount} {currency}" if currency else f"{prefix}{amount}"


def sells_a_product(nodes: list[dict[str, Any]]) -> bool:
    """The page declares a product for sale and no article (a review of a product declares
    both, and its review is the content)."""
    types = {t for n in nodes for t in _types(n)}
    return not _PRODUCT_TYPES.isdisjoint(types) and not any(
        _ARTICLE_TYPE_RE.search(t) for t in types
    )


def declares_a_discussion(nodes: list[dict[str, Any]]) -> bool:
    """The page says it is a discussion (a forum thread, a question and its answers): then
    its comments are what it holds, not the chrome under an article."""
    return any(not THREAD_TYPES.isdisjoint(_types(n)) for n in nodes)


def product_description(nodes: list[dict[str, Any]]) -> str | None:
    """The description a page that sells a product gives of it for machines, as words (its
    markup and entities dropped), when it says something (`rules.DECLARED_WORDS` or more)."""
    if not sells_a_product(nodes):
        return None
    found = []
    for node in nodes:
        value = node.get("description") if _PRODUCT_TYPES.intersection(_types(node)) else None
        if isinstance(value, str):
            words = squash(html.unescape(_TAG_RE.sub(" ", value)))
            if len(words.split()) >= DECLARED_WORDS:
                found.append(words)
    return max(found, key=len) if found else None


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _names(value: Any) -> list[str]:
    """Names from a person/organization field: a string, an object or a list of either."""
    if isinstance(value, str):
        return [value] if not value.startswith(("http://", "https://")) else []
    if isinstance(value, dict):
        name = _clean(value.get("name"))
        return [name] if name else []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_names(v))
        return out
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return _clean(value.get("url") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _image(value[0])
    return None


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    value = _clean(value)
    if value and value.startswith(("http://", "https://", "/")):
        return value
    return None


def read_metadata(
    head_html: str, nodes: list[dict[str, Any]], html_lang: str | None, url: str | None
) -> Metadata:
    """Merge the sources in order of trust: JSON-LD article node, Open Graph, other meta tags."""
    meta = Metadata()
    meta.types = frozenset(t for n in nodes for t in _types(n))
    products = [n for n in nodes if "Product" in _types(n)]
    meta.product_count = len(products)
    meta.price = _price(products[0]) if products else None
    article = next((n for n in nodes if any(_ARTICLE_TYPE_RE.search(t) for t in _types(n))), None)
    meta.is_listing_type = any(t in LISTING_TYPES for n in nodes for t in _types(n)) and (
        article is None
    )
    tags: dict[str, str] = {}
    canonical = None
    title_tag = None
    if head_html:
        soup = BeautifulSoup(head_html, "lxml")
        for tag in soup.find_all("meta"):
            key = tag.get("property") or tag.get("name") or tag.get("itemprop")
            key = key or tag.get("http-equiv")
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str) and content.strip():
                tags.setdefault(key.strip().lower(), content.strip())
        link = soup.find("link", rel="canonical")
        if link is not None:
            canonical = _clean(link.get("href"))
        if soup.title is not None:
            title_tag = _clean(soup.title.get_text())

    if article is not None:
        meta.title = _clean(article.get("headline")) or _clean(article.get("name"))
        authors = _names(article.get("author")) or _names(article.get("creator"))
        meta.byline = ", ".join(dict.fromkeys(authors)) or None
        meta.published = _clean(article.get("datePublished")) or _clean(article.get("dateCreated"))
        publisher = _names(article.get("publisher"))
        meta.site_name = publisher[0] if publisher else None
        meta.image_url = _image(article.get("image")) or _image(article.get("thumbnailUrl"))
        meta.language = _clean(article.get("inLanguage"))
        meta.canonical_url = _url(article.get("mainEntityOfPage")) or _url(article.get("url"))

    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title") or title_tag
    if not meta.byline:
        author = tags.get("author") or tags.get("article:author") or tags.get("byl")
        if author and not author.startswith(("http://", "https://")):
            meta.byline = author
    meta.published = (
        meta.published
        or tags.get("article:published_time")
        or tags.get("datepublished")
        or tags.get("pubdate")
        or tags.get("publishdate")
        or tags.get("date")
        or tags.get("dc.date")
        or tags.get("dc.date.issued")
    )
    meta.site_name = tags.get("og:site_name") or meta.site_name or tags.get("application-name")
    if not meta.site_name:
        for node in nodes:
            if "WebSite" in _types(node) or "Organization" in _types(node):
                meta.site_name = _clean(node.get("name"))
                break
    meta.image_url = tags.get("og:image") or meta.image_url or tags.get("twitter:image")
    locale = tags.get("og:locale")
    meta.language = (
        _clean(html_lang)
        or tags.get("content-language")
        or meta.language
        or (locale.replace("_", "-") if locale else None)
    )
    meta.canonical_url = canonical or tags.get("og:url") or meta.canonical_url
    if url:
        if meta.canonical_url:
            meta.canonical_url = urljoin(url, meta.canonical_url)
        if meta.image_url:
            meta.image_url = urljoin(url, meta.image_url)
    return meta
