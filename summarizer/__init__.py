"""Skim's summarizer: fetch a page safely, extract its article, condense it with LexRank.

No Slack in here: the bot is one client of this library, the CLI another.
"""

from summarizer.errors import SkimError
from summarizer.models import Article, Summary
from summarizer.summarize import summarize

__all__ = ["Article", "SkimError", "Summary", "summarize"]
