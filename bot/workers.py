"""Summarizing in a small pool of worker processes, never in the process that acks Slack.

Why processes: fetching, extracting and LexRank are 20-500 ms of pure-Python CPU per job.
Run in threads of the HTTP server's process they hold the GIL, and the threads that must ack
Slack within 3 s wait behind them (measured: acks p99 ~180 ms while 40 long articles were
summarized). In separate processes they share the CPU through the operating system's
scheduler instead, and the workers run at a lower priority (`nice`), so an ack ready to run
is run first.

Why `forkserver` (`spawn` where it does not exist): never `fork` a process that has threads
(waitress, the job pool, SQLite). The fork server imports the summarizer once, so a worker
that replaces a dead one starts in milliseconds instead of re-importing NLTK and numpy.

What crosses the process boundary is plain and picklable: the task functions below are
module-level, the fetch policy is a frozen dataclass, a `Summary` is a frozen dataclass of
plain values, and a `SkimError` crosses as itself, typed, with its attributes
(`SkimError.__reduce__`, tested for every subclass), so the job runner handles an error from a
worker exactly as one raised in its own process. Anything else a task raises is a bug, and
crosses as a `WorkerError` holding the worker's traceback as text, which always unpickles (an
exception that failed to unpickle in the parent would break the whole pool).

A worker that dies (crash, OOM kill) breaks its `ProcessPoolExecutor` and fails every task
in flight. The pool is then replaced and the task tried again, up to `attempts` times; a task
that keeps killing its worker raises `WorkerCrashed`, which the job runner answers with the
internal-error sentence. Nothing is lost either way: the job stays `pending` in the store
until it is answered.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import summarizer
from bot.errors import Interrupted, WorkerCrashed, WorkerError
from summarizer.errors import InvalidLengthError, SkimError
from summarizer.fetch.policy import FetchPolicy
from summarizer.models import Summary

DEFAULT_ATTEMPTS = 3
WORKER_NICENESS = 10


# --- what runs in the worker processes ---------------------------------------------------------


#: How often a worker checks that the bot that started it is still there, in seconds.
ORPHAN_CHECK_SECONDS = 1.0


def init_worker(bot_pid: int) -> None:
    """Lower the worker's priority so the server process's acks win the CPU, and leave when
    the bot does.

    A worker's parent is the fork server, not the bot, and it holds both ends of its own task
    queue: when the bot is killed (SIGKILL, OOM), nothing tells the worker, and it would wait
    for work forever, a hundred megabytes each, one set more after every restart.
    """
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    threading.Thread(
        target=_exit_with, args=(bot_pid,), name="skim-orphan-check", daemon=True
    ).start()


def _exit_with(bot_pid: int) -> None:
    while True:
        time.sleep(ORPHAN_CHECK_SECONDS)
        try:
            os.kill(bot_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid now belongs to another user's process
            os._exit(0)


#: The summarizer's modules a worker needs, imported once by the fork server (and by `warm`
#: in a worker started some other way), so a worker that replaces a dead one starts at once.
PRELOAD = ("bot.workers", "summarizer.api", "summarizer.summarize.pipeline")


def warm() -> int:
    """Load the whole summarizer now, before the first job needs it."""
    for name in PRELOAD:
        importlib.import_module(name)
    summarizer.load_language_model()  # about 0.5 s, paid at start rather than by a request
    return os.getpid()


def summarize_text_task(text: str, reply_words: int, lengths: tuple[int, ...] = ()) -> Summary:
    language = summarizer.text_language(text)  # pasted German is summarized as German
    try:
        return summarizer.summarize(text, max_words=reply_words, language=language, lengths=lengths)
    except InvalidLengthError:
        # Every sentence is longer than a reply (a text without sentence ends): the best one
        # beats telling a Slack user to "ask for a longer summary", which they cannot.
        return summarizer.summarize(text, sentences=1, language=language)


def summarize_url_task(
    url: str, policy: FetchPolicy, reply_words: int, lengths: tuple[int, ...] = ()
) -> Summary:
    return summarizer.summarize_url(url, policy=policy, max_words=reply_words, lengths=lengths)


def run_task(task: Callable[..., Summary], *args: Any) -> Summary:
    """Run `task` in a worker: a `SkimError` crosses back as itself, anything else as a
    `WorkerError` with the traceback as text (see the module docstring)."""
    try:
        return task(*args)
    except SkimError:
        raise
    except Exception:
        raise WorkerError(
            f"the summarizer failed in its worker process:\n{traceback.format_exc()}"
        ) from None


# --- the parent's side -------------------------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(PRELOAD))
        return ctx
    return multiprocessing.get_context("spawn")


class SummarizerPool:
    """`processes` worker processes summarizing on behalf of the job threads, replies at most
    `reply_words` long, with the other `lengths` (word budgets) Shorter / Longer step through.

    `text_task` and `url_task` are module-level functions (picklable by name); tests pass
    ones that crash the worker on purpose.
    """

    def __init__(
        self,
        *,
        policy: FetchPolicy,
        processes: int,
        reply_words: int,
        lengths: tuple[int, ...] = (),
        attempts: int = DEFAULT_ATTEMPTS,
        text_task: Callable[..., Summary] = summarize_text_task,
        url_task: Callable[..., Summary] = summarize_url_task,
        logger: logging.Logger | None = None,
    ) -> None:
        self.policy = policy
        self.processes = processes
        self.reply_words = reply_words
        self.lengths = lengths
        self.attempts = attempts
        self._text_task = text_task
        self._url_task = url_task
        self.log = logger or logging.getLogger("bot.workers")
        self._context = _context()
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the worker processes (the first task would, too). Not done in `__init__`:
        a process that fails its start-up checks should not wait for workers to import."""
        with self._lock:
            if self._pool is None and not self._closed:
                self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=self._context,
            initializer=init_worker,
            initargs=(os.getpid(),),
        )
        # Start every worker now (one per task submitted), not in the middle of a burst.
        for _ in range(self.processes):
            pool.submit(warm)
        return pool

    def summarize_text(self, text: str) -> Summary:
        return self._run(self._text_task, text, self.reply_words, self.lengths)

    def summarize_url(self, url: str) -> Summary:
        return self._run(self._url_task, url, self.policy, self.reply_words, self.lengths)

    def _run(self, task: Callable[..., Summary], *args: Any) -> Summary:
        self.start()
        for attempt in range(1, self.attempts + 1):
            with self._lock:
                if self._closed:
                    raise Interrupted("the summarizer pool is shut down")
                pool, generation = self._pool, self._generation
            assert pool is not None
            try:
                return pool.submit(run_task, task, *args).result()
            except CancelledError as e:
                raise Interrupted("the summarizer pool was shut down") from e
            except BrokenProcessPool:
                if self._closed:
                    raise Interrupted("the summarizer pool was shut down") from None
                self.log.warning(
                    "a summarizer process died (attempt %d of %d); starting new ones",
                    attempt,
                    self.attempts,
                )
                self._replace(generation)
                continue
            except RuntimeError as e:  # submit() after shutdown, in a race with close()
                # (a task's own errors arrive as `SkimError` or `WorkerError`, never this)
                if self._closed:
                    raise Interrupted("the summarizer pool is shut down") from e
                raise
        raise WorkerCrashed(f"the summarizer's worker process died {self.attempts} times")

    def _replace(self, generation: int) -> None:
        """Swap a broken pool for a new one, once, however many tasks saw it break."""
        with self._lock:
            if self._closed or generation != self._generation:
                return
            broken, self._pool = self._pool, self._new_pool()
            self._generation += 1
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool = self._pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
