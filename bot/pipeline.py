"""The summarizer as the bot sees it: two functions, text in or URL in, `Summary` out.

Why a seam here: the job runner only knows "summarize this text" and "summarize this URL";
production binds them to a pool of worker processes running the summarizer package with the
fetch policy from the configuration (`bot.workers`: the CPU they take stays out of the process
that acks Slack), and tests can bind them to something that fails on purpose (the
internal-error reply) or returns a very long summary (Slack's limits) without touching the
summarizer. `start` and `close` start and release what the binding holds (the worker
processes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from bot.config import Config
from summarizer import Article, Summary


class Interrupted(Exception):
    """The pipeline was closed (the bot is stopping) before it could answer: the job must stay
    pending for the next start, not be answered with the internal-error sentence."""


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Pipeline:
    summarize_text: Callable[[str], Summary]
    summarize_url: Callable[[str], Summary]
    start: Callable[[], None] = _nothing
    close: Callable[[], None] = _nothing


def default_pipeline(config: Config) -> Pipeline:
    """The real summarizer in `config.workers` worker processes, fetching under the policy
    read from `SKIM_FETCH_ALLOW` at start."""
    # Imported here, at the edge, so the rest of the bot (and its unit tests) load without
    # the fetching stack.
    from bot.workers import SummarizerPool
    from summarizer import FetchPolicy

    policy = FetchPolicy.from_env(config.fetch_environ())
    pool = SummarizerPool(policy=policy, processes=config.workers)
    return Pipeline(
        summarize_text=pool.summarize_text,
        summarize_url=pool.summarize_url,
        start=pool.start,
        close=pool.close,
    )


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
        input_documents=int(data.get("input_documents") or 1),
        output_words=int(data["output_words"]),
        method=str(data.get("method") or "lexrank"),
        article=Article(**article) if article else None,
    )
