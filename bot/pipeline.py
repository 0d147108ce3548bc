"""The summarizer as the bot sees it: two functions, text in or URL in, `Summary` out.

Why a seam here: the job runner only knows "summarize this text" and "summarize this URL";
production binds them to the summarizer package with the fetch policy from the configuration,
and tests can bind them to something that fails on purpose (the internal-error reply) or
returns a very long summary (Slack's limits) without touching the summarizer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from bot.config import Config
from summarizer import Article, Summary


@dataclass(frozen=True)
class Pipeline:
    summarize_text: Callable[[str], Summary]
    summarize_url: Callable[[str], Summary]


def default_pipeline(config: Config) -> Pipeline:
    """The real summarizer, fetching under the policy read from `SKIM_FETCH_ALLOW` at start."""
    # Imported here, at the edge, so the rest of the bot (and its unit tests) load without
    # the fetching stack.
    from summarizer import FetchPolicy, summarize, summarize_url

    policy = FetchPolicy.from_env(config.fetch_environ())

    def text(value: str) -> Summary:
        return summarize(value)

    def url(value: str) -> Summary:
        return summarize_url(value, policy=policy)

    return Pipeline(summarize_text=text, summarize_url=url)


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """A JSON-safe form of a `Summary` for the URL cache (`extra` is not kept)."""
    data = asdict(summary)
    data.pop("extra", None)
    return data


def summary_from_dict(data: dict[str, Any]) -> Summary:
    article = data.get("article")
    return Summary(
        sentences=tuple(data["sentences"]),
        documents=tuple(data["documents"]),
        input_words=int(data["input_words"]),
        output_words=int(data["output_words"]),
        method=str(data.get("method") or "lexrank"),
        article=Article(**article) if article else None,
    )
