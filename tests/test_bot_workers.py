"""The summarizer's worker processes (`bot.workers`): real summaries and the summarizer's own
error messages come back across the process boundary, and a worker that dies (SIGKILL, as the
OOM killer sends) loses no job: the task is retried in a new process and the user gets exactly
one answer, or the internal-error sentence when the task kills every worker it runs in.

The task functions below are module-level so the worker processes can unpickle them by name.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.config import Config, ConfigError
from bot.jobs import GENERIC_FAILURE
from bot.pipeline import Interrupted, Pipeline
from bot.workers import (
    REPLY_WORDS,
    RemoteSkimError,
    SummarizerPool,
    run_task,
    summarize_url_task,
)
from summarizer import FetchPolicy, Summary
from summarizer.errors import InputTooLargeError, UnsupportedLanguageError
from tests.fakeslack import FakeSlackAPI
from tests.slackclient import app_mention_event
from tests.test_bot_harness import (
    MULTINEWS,
    ArticleServer,
    all_text,
    articles,  # noqa: F401  (pytest fixture)
    fake,  # noqa: F401  (pytest fixture)
    fixture_text,
    replies,
    running_bot,
)

TITLE = "Night trains return to the valley after twelve years"
POLICY = FetchPolicy(allow=("127.0.0.1",), deadline=5.0, read_timeout=5.0, connect_timeout=1.0)


def die_once_url_task(url: str, policy: FetchPolicy) -> Summary:
    """Kill this worker the first time a URL is seen (marker file named in its query)."""
    marker = Path(parse_qs(urlsplit(url).query)["marker"][0])
    if not marker.exists():
        marker.write_text("died here once")
        os.kill(os.getpid(), signal.SIGKILL)
    return summarize_url_task(url, policy)


def always_die_url_task(url: str, policy: FetchPolicy) -> Summary:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def too_large_text_task(text: str) -> Summary:
    raise InputTooLargeError(len(text), 3)


def pipeline_of(pool: SummarizerPool) -> Pipeline:
    return Pipeline(
        summarize_text=pool.summarize_text,
        summarize_url=pool.summarize_url,
        start=pool.start,
        close=pool.close,
    )


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:  # noqa: F811
    articles.add("/article", fixture_text("article.html"))
    return articles


@pytest.fixture
def pool() -> Iterator[SummarizerPool]:
    workers = SummarizerPool(policy=POLICY, processes=1)
    yield workers
    workers.close()


def test_errors_cross_as_their_message() -> None:
    """A worker answers with (class name, message), which always pickles: an exception that
    failed to unpickle in the parent would break the whole pool."""
    for error in (InputTooLargeError(10, 3), UnsupportedLanguageError("xx", ["en"])):

        def raises(_: str, error: Exception = error) -> Summary:
            raise error

        answer = run_task(raises, "text")
        assert pickle.loads(pickle.dumps(answer)) == ("skim", (type(error).__name__, str(error)))


def test_summaries_and_errors_come_back_from_the_workers(
    pool: SummarizerPool, site: ArticleServer
) -> None:
    summary = pool.summarize_url(site.url("/article"))
    assert summary.article is not None and summary.article.title == TITLE
    assert 0 < summary.output_words <= REPLY_WORDS
    pasted = pool.summarize_text(MULTINEWS.read_text(encoding="utf-8"))
    assert len(pasted.sentences) >= 2 and pasted.output_words <= REPLY_WORDS
    # No sentence ends anywhere: no whole sentence fits a reply, and the best one is given.
    wall = " ".join(f"word{i}" for i in range(3 * REPLY_WORDS))
    assert pool.summarize_text(wall).output_words == 3 * REPLY_WORDS
    with pytest.raises(RemoteSkimError) as info:
        pool.summarize_url(site.url("/missing"))
    assert info.value.kind == "HTTPStatusError" and "404" in str(info.value)
    pool.close()
    with pytest.raises(Interrupted):
        pool.summarize_text("closed pools take no more work")


def test_unpicklable_error_reaches_the_user_as_its_sentence(
    fake: FakeSlackAPI,  # noqa: F811
    tmp_path: Path,
) -> None:
    workers = SummarizerPool(policy=POLICY, processes=1, text_task=too_large_text_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event("<@UBOT> four words of text", channel="C1")
        bot.event(ev)
        bot.idle()
    [reply] = replies(fake, "C1", ev["ts"])
    assert "too long to summarize" in reply["text"]


def test_dead_worker_is_replaced_and_the_job_answered_once(
    fake: FakeSlackAPI,  # noqa: F811
    site: ArticleServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    marker = tmp_path / "died"
    url = site.url(f"/article?marker={marker}")
    workers = SummarizerPool(policy=POLICY, processes=2, url_task=die_once_url_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
        bot.event(ev)
        bot.idle(30)
        assert bot.deps.store.job_state("C1", ev["ts"]) == "done"
    assert marker.exists()
    [reply] = replies(fake, "C1", ev["ts"])
    assert TITLE in all_text(reply)
    assert "a summarizer process died (attempt 1 of 3)" in caplog.text


def test_task_that_kills_every_worker_gets_the_internal_error_sentence(
    fake: FakeSlackAPI,  # noqa: F811
    site: ArticleServer,
    tmp_path: Path,
) -> None:
    workers = SummarizerPool(policy=POLICY, processes=1, attempts=2, url_task=always_die_url_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event(f"<@UBOT> <{site.url('/article')}>", channel="C2")
        bot.event(ev)
        bot.idle(30)
    [reply] = replies(fake, "C2", ev["ts"])
    assert reply["text"] == GENERIC_FAILURE


def test_worker_count_setting() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert Config.from_env(base).workers == 2
    assert Config.from_env({**base, "SKIM_WORKERS": "4"}).workers == 4
    for bad in ("0", "many"):
        with pytest.raises(ConfigError, match="SKIM_WORKERS"):
            Config.from_env({**base, "SKIM_WORKERS": bad})
