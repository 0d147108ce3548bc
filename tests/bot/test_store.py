"""The SQLite store: de-duplication, resuming, muted channels, the URL cache, durability."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.records import Job, Outcome, Reply, Target
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


def test_a_press_is_applied_once_within_the_levels_and_the_lifetime(tmp_path: Path) -> None:
    now = [1000.0]
    store = Store(str(tmp_path / "s.db"), clock=lambda: now[0])
    job = Job(channel="C1", key="1.1", kind="mention", thread_ts="1.1")
    reply = Reply(outcomes=(Outcome(url="https://a.example/", error="gone"),), notes=("n",))
    store.save_reply(job, reply, lowest=-1, highest=1)
    store.save_reply(job, Reply(outcomes=()), lowest=0, highest=0)  # a resumed job: kept
    target = Target(channel="C1", ts="2.2", user="U1", response_url=None)

    def press(name: str, step: int) -> str:
        return store.press("C1", "1.1", press=name, step=step, target=target, ttl=60)

    assert press("a", -1) == "applied"
    assert press("a", -1) == "repeat"  # Slack's retry of the same press
    assert press("b", -1) == "unchanged"  # already at the shortest
    assert press("c", +1) == "applied" and press("d", +1) == "applied"
    stored = store.stored_reply("C1", "1.1", ttl=60)
    assert stored is not None
    assert (stored.reply, stored.level, stored.version, stored.shown) == (reply, 1, 3, 0)
    assert stored.target == target and not stored.via_response_url
    assert store.unshown_replies(ttl=60) == [("C1", "1.1")]
    store.mark_shown("C1", "1.1", 3)
    store.mark_shown("C1", "1.1", 2)  # a late, older redraw does not move it back
    assert store.unshown_replies(ttl=60) == []
    assert store.press("C9", "1.1", press="e", step=1, target=target, ttl=60) == "gone"
    now[0] += 61
    assert store.stored_reply("C1", "1.1", ttl=60) is None and press("f", -1) == "gone"
    assert store.forget_replies(ttl=60) == 1
    store.close()


def test_a_command_reply_is_redrawn_through_a_response_url(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    job = Job(channel="C1", key="command:t1", kind="command", response_url="https://r.example/")
    store.save_reply(job, Reply(outcomes=()), lowest=0, highest=0)
    stored = store.stored_reply("C1", "command:t1", ttl=60)
    assert stored is not None and stored.via_response_url
    store.close()


def test_channel_modes_persist_and_a_channel_muted_before_modes_is_off(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    raw = sqlite3.connect(db)  # a store written before modes existed
    raw.execute("CREATE TABLE muted (channel TEXT PRIMARY KEY, since REAL NOT NULL)")
    raw.execute("INSERT INTO muted VALUES ('C9', 1.0)")
    raw.commit()
    raw.close()
    store = Store(str(db))
    assert store.mode("C9") == "off" and store.is_muted("C9")
    store.set_mode("C1", "react")
    assert store.is_muted("C1") and store.modes() == {"C9": "off", "C1": "react"}
    store.set_mode("C9", "on")
    store.close()
    again = Store(str(db))
    assert again.modes() == {"C1": "react"} and again.mode("C2") == "on"
    again.close()
