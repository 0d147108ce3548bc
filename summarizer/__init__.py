"""Skim's summarizer: fetch a page safely, extract its article, condense it with LexRank.

No Slack in here: the bot is one client of this library, the CLI another. The flow is one way:
`fetch` (safe HTTP) -> `extract` (the article body) -> `summarize` (LexRank) -> `Summary`;
`summarize_url` runs all three.
"""

from summarizer.errors import SkimError
from summarizer.extract import extract
from summarizer.fetch import FetchPolicy, Page, fetch
from summarizer.models import Article, Summary
from summarizer.pipeline import summarize_url
from summarizer.summarize import summarize

__all__ = [
    "Article",
    "FetchPolicy",
    "Page",
    "SkimError",
    "Summary",
    "extract",
    "fetch",
    "summarize",
    "summarize_url",
]
