"""`extract()`: a fetched web page to an `Article`, the stages in order.

prepass (lxml: strip, prune, locate) -> metadata (the head) -> body (the located region) ->
verdict (is it something to summarize?). All rules rest on general signals (text and link
density, structure, metadata, punctuation, generic class words), never on particular sites.
"""

from __future__ import annotations

from summarizer.extract import prepass, verdict
from summarizer.extract.body import body_lines
from summarizer.extract.metadata import read_metadata
from summarizer.models import Article

__all__ = ["extract"]


def _words(lines: list[str]) -> int:
    return sum(len(verdict.WORD_RE.findall(line)) for line in lines)


def extract(html: str | bytes, url: str | None = None) -> Article:
    """Extract the content from a page; `url` (where it came from) resolves relative links.

    `html` as bytes is decoded as a page served without a charset would be. Raises
    `NoArticleError` when the page holds nothing to summarize.
    """
    pre = prepass.run(html)
    meta = read_metadata(pre.head_html, pre.json_ld, pre.html_lang, url)
    lines: list[str] = []
    link_density = 0.0
    if pre.region_html:
        lines, link_density = body_lines(pre.region_html, meta.title)
    if _words(lines) < verdict.MIN_WORDS:
        # The located region holds next to nothing: read the whole pruned page instead.
        whole, whole_density = body_lines(pre.whole_body_html(), meta.title)
        if _words(whole) > _words(lines):
            lines, link_density = whole, whole_density
    text = "\n".join(lines)
    verdict.check(pre, text, link_density, meta.is_listing_type, lines)
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
