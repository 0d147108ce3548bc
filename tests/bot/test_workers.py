"""The summarizer's worker processes (`bot.workers`): real summaries and the summarizer's own
typed errors come back across the process boundary, and a worker that dies (SIGKILL, as the
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

from bot.config import DEFAULT_REPLY_WORDS as REPLY_WORDS
from bot.config import Config
from bot.errors import ConfigError, Interrupted, WorkerError
from bot.pipeline import Pipeline
from bot.replies import GENERIC_FAILURE
from bot.workers import SummarizerPool, run_task, summarize_url_task
from summarizer import FetchPolicy, Summary
from summarizer.errors import HTTPStatusError, InputTooLargeError, UnsupportedLanguageError
from tests.support.bot import (
    MULTINEWS,
    TITLE,
    ArticleServer,
    all_text,
    fixture_text,
    running_bot,
    thread_replies,
)
from tests.support.fakeslack import FakeSlackAPI
from tests.support.slackclient import app_mention_event

# Each test starts summarizer worker processes.
pytestmark = pytest.mark.slow

POLICY = FetchPolicy(allow=("127.0.0.1",), deadline=5.0, read_timeout=5.0, connect_timeout=1.0)


def die_once_url_task(
    url: str, policy: FetchPolicy, reply_words: int, lengths: tuple[int, ...] = ()
) -> Summary:
    """Kill this worker the first time a URL is seen (marker file named in its query)."""
    marker = Path(parse_qs(urlsplit(url).query)["marker"][0])
    if not marker.exists():
        marker.write_text("died here once")
        os.kill(os.getpid(), signal.SIGKILL)
    return summarize_url_task(url, policy, reply_words, lengths)


def always_die_url_task(
    url: str, policy: FetchPolicy, reply_words: int, lengths: tuple[int, ...] = ()
) -> Summary:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def too_large_text_task(text: str, reply_words: int, lengths: tuple[int, ...] = ()) -> Summary:
    raise InputTooLargeError(len(text), 3)


def buggy_text_task(text: str, reply_words: int, lengths: tuple[int, ...] = ()) -> Summary:
    raise KeyError("a bug in the summarizer")


def new_pool(processes: int = 1, **tasks: object) -> SummarizerPool:
    return SummarizerPool(
        policy=POLICY,
        processes=processes,
        reply_words=REPLY_WORDS,
        **tasks,  # type: ignore[arg-type]
    )


def pipeline_of(pool: SummarizerPool) -> Pipeline:
    return Pipeline(
        summarize_text=pool.summarize_text,
        summarize_url=pool.summarize_url,
        start=pool.start,
        close=pool.close,
    )


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    return articles


@pytest.fixture
def pool() -> Iterator[SummarizerPool]:
    workers = new_pool()
    yield workers
    workers.close()


def test_errors_cross_as_themselves_and_bugs_as_text() -> None:
    """A `SkimError` leaves a worker as itself, and comes back from pickling with its type,
    message and attributes; a bug leaves as a `WorkerError` holding the traceback as text,
    which always unpickles (an exception that failed to unpickle would break the pool)."""
    for error in (InputTooLargeError(10, 3), UnsupportedLanguageError("xx", ["en"])):

        def raises(_: str, error: Exception = error) -> Summary:
            raise error

        with pytest.raises(type(error)) as info:
            run_task(raises, "text")
        back = pickle.loads(pickle.dumps(info.value))
        assert type(back) is type(error) and str(back) == str(error)
        assert vars(back) == vars(error)

    def buggy(_: str) -> Summary:
        raise KeyError("no such thing")

    with pytest.raises(WorkerError) as bug:
        run_task(buggy, "text")
    back = pickle.loads(pickle.dumps(bug.value))
    assert "KeyError: 'no such thing'" in str(back) and "Traceback" in str(back)


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
    with pytest.raises(HTTPStatusError) as info:
        pool.summarize_url(site.url("/missing"))
    assert info.value.status == 404 and "404" in str(info.value)
    assert info.value.url == site.url("/missing")
    buggy = new_pool(text_task=buggy_text_task)
    try:
        with pytest.raises(WorkerError, match="a bug in the summarizer"):
            buggy.summarize_text("a bug, not the user's fault")
    finally:
        buggy.close()
    pool.close()
    with pytest.raises(Interrupted):
        pool.summarize_text("closed pools take no more work")


def test_a_workers_error_reaches_the_user_as_its_sentence(
    fake: FakeSlackAPI,
    tmp_path: Path,
) -> None:
    workers = new_pool(text_task=too_large_text_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event("<@UBOT> four words of text", channel="C1")
        bot.event(ev)
        bot.idle()
    [reply] = thread_replies(fake, "C1", ev["ts"])
    assert "too long to summarize" in reply["text"]


def test_dead_worker_is_replaced_and_the_job_answered_once(
    fake: FakeSlackAPI,
    site: ArticleServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    marker = tmp_path / "died"
    url = site.url(f"/article?marker={marker}")
    workers = new_pool(2, url_task=die_once_url_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
        bot.event(ev)
        bot.idle(30)
        assert bot.job_state("C1", ev["ts"]) == "done"
    assert marker.exists()
    [reply] = thread_replies(fake, "C1", ev["ts"])
    assert TITLE in all_text(reply)
    assert "a summarizer process died (attempt 1 of 3)" in caplog.text


def test_task_that_kills_every_worker_gets_the_internal_error_sentence(
    fake: FakeSlackAPI,
    site: ArticleServer,
    tmp_path: Path,
) -> None:
    workers = new_pool(attempts=2, url_task=always_die_url_task)
    with running_bot(fake, tmp_path / "skim.db", pipeline=pipeline_of(workers)) as bot:
        ev = app_mention_event(f"<@UBOT> <{site.url('/article')}>", channel="C2")
        bot.event(ev)
        bot.idle(30)
    [reply] = thread_replies(fake, "C2", ev["ts"])
    assert reply["text"] == GENERIC_FAILURE


def test_worker_count_setting() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert Config.from_env(base).worker_processes == 2
    assert Config.from_env({**base, "SKIM_WORKERS": "4"}).worker_processes == 4
    for bad in ("0", "many"):
        with pytest.raises(ConfigError, match="SKIM_WORKERS"):
            Config.from_env({**base, "SKIM_WORKERS": bad})
