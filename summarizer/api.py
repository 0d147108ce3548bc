"""`summarize_url()`: fetch -> extract -> summarize, the whole way from a link to a summary.

The one module that knows all three stages; each stage knows only the models, the errors and
the stages before it (extraction takes the fetch stage's decoder for markup given as bytes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from summarizer.detect import detect_language
from summarizer.extract.fragments import fragment_url, text_directives
from summarizer.extract.pipeline import extract
from summarizer.extract.visible import visible_blocks
from summarizer.fetch.client import fetch
from summarizer.fetch.policy import FetchPolicy, Page
from summarizer.models import Article, Summary
from summarizer.summarize.language import summarizer_language
from summarizer.summarize.methods import DEFAULT_METHOD
from summarizer.summarize.pipeline import summarize


def page_language(article: Article, fallback: str = "english") -> str:
    """The summarizer language for a page that says it is "de", "de-AT" or "German".

    A page in a language Skim lacks is summarized with the fallback's (`summarizer_language`).
    """
    return summarizer_language(article.language, fallback)


def article_paragraphs(text: str) -> str:
    """Extraction gives one paragraph (or heading, or list item) a line; the summarizer's parser
    reads blank lines as paragraph ends and joins single newlines, which would glue a heading
    to the sentence after it. One blank line between lines keeps each on its own."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def summarize_url(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    sentences: int | None = None,
    max_words: int | None = None,
    language: str | None = None,
    method: str = DEFAULT_METHOD,
    lengths: Sequence[int] = (),
) -> Summary:
    """Summarize the article at `url`: `fetch`, then `summarize_page`.

    `policy` holds every limit of the fetch (and the private hosts a deployment allows); the
    default refuses private addresses. Raises `SkimError` subclasses with messages for users.
    """
    page = fetch(url, policy)
    return summarize_page(
        page,
        sentences=sentences,
        max_words=max_words,
        language=language,
        method=method,
        lengths=lengths,
    )


def summarize_page(
    page: Page,
    *,
    sentences: int | None = None,
    max_words: int | None = None,
    language: str | None = None,
    method: str = DEFAULT_METHOD,
    lengths: Sequence[int] = (),
) -> Summary:
    """Summarize a fetched page; the `Summary` carries the `Article` it came from, and for
    each sentence a link to it on the page (`Summary.sources`).

    What is summarized follows the page's kind: a Q&A page's accepted or top answer (the
    question is `article.question`); a forum thread's replies (its opening post is
    `article.items[0]`, which a reply shows as it is); a listing not at all, because its items
    are the answer (`sentences` is empty, `article.items` holds them); anything else, its prose
    (`article.prose`: no headings, code or table rows). `lengths` asks for the other lengths
    too, as `summarize` does, each with its links.
    """
    if page.is_html:
        article = extract(page.text, url=page.url)
    else:
        article = Article(
            title=None, text=page.text, url=page.url, language=detect_language(page.text)
        )
    if article.kind == "listing" and article.items:
        words = len(article.text.split())
        return Summary((), (), input_words=words, output_words=0, method=method, article=article)
    text = article.prose
    if article.kind == "qa" and article.answer:
        text = article.answer.text
    elif article.kind == "forum" and len(article.items) > 1:
        text = "\n".join(item.text for item in article.items[1:] if item.text)
    summary = summarize(
        article_paragraphs(text),
        sentences=sentences,
        max_words=max_words,
        language=language or page_language(article),
        method=method,
        lengths=lengths,
    )
    summary = dataclasses.replace(summary, article=article)
    if page.is_html:
        summary = with_sources(summary, visible_blocks(page.text), page.url)
    return summary


def with_sources(summary: Summary, blocks: Sequence[str], url: str) -> Summary:
    """`summary` with a link to each sentence on the page at `url` (whose visible text is
    `blocks`), and so each of its lengths: a text fragment where the sentence is on the page
    as quoted, else None."""
    wanted = list(
        dict.fromkeys([*summary.sentences, *(s for n in summary.lengths for s in n.sentences)])
    )
    found = {
        sentence: fragment_url(url, directive) if directive else None
        for sentence, directive in zip(wanted, text_directives(wanted, blocks), strict=True)
    }
    return dataclasses.replace(
        summary,
        sources=tuple(found[s] for s in summary.sentences),
        lengths=tuple(
            dataclasses.replace(length, sources=tuple(found[s] for s in length.sentences))
            for length in summary.lengths
        ),
    )
