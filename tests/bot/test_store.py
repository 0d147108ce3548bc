"""The SQLite store: de-duplication, resuming, muted channels, the URL cache, durability."""

from __future__ import annotations

import time
from pathlib import Path

from bot.records import Job
from bot.store import Store
from summarizer import Article, Summary


def test_store_dedups_resumes_mutes_and_caches(tmp_path: Path) -> None:
    now = [1000.0]
    store = Store(str(tmp_path / "s.db"), clock=lambda: now[0])
    job = Job(channel="C1", key="1.1", kind="auto", links=("https://a.example/",))
    assert store.add_job(job) and not store.add_job(job)
    assert store.pending_jobs() == [job]
    store.finish_job("C1", "1.1")
    assert store.pending_jobs() == [] and store.job_state("C1", "1.1") == "done"
    assert store.job_state("C1", "9.9") is None
    store.set_muted("C1", True)
    assert store.is_muted("C1") and not store.is_muted("C2")
    store.set_muted("C1", False)
    assert not store.is_muted("C1")
    summary = Summary(
        sentences=("One.", "Two."),
        documents=(0, 0),
        input_words=50,
        output_words=2,
        method="skim",
        article=Article(title="T", text="One. Two.", url="https://a.example/", language="en"),
    )
    store.cache_put("https://a.example/", summary)
    assert store.cache_get("https://a.example/", ttl=60) == summary
    now[0] += 61
    assert store.cache_get("https://a.example/", ttl=60) is None
    journal = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
    store.close()
    assert Store(str(tmp_path / "s.db")).job_state("C1", "1.1") == "done"  # durable


def test_a_cache_entry_that_is_not_a_summary_is_a_miss(tmp_path: Path) -> None:
    """An entry written by another version (or damaged) is fetched again, not a crash."""
    store = Store(str(tmp_path / "s.db"))
    with store._lock:
        store._db.execute(
            "INSERT INTO url_cache (url, summary, stored) VALUES (?, ?, ?)",
            ("https://a.example/", '{"sentences": ["x"]}', time.time()),
        )
    assert store.cache_get("https://a.example/", ttl=60) is None
    store.close()
