"""HTTP mode's server: Slack's requests go to Bolt; `GET /healthz` reports on the store."""

from __future__ import annotations

import threading

from tests.support.bot import ArticleServer, RunningBot, fixture_text
from tests.support.slackclient import app_mention_event


def test_health_endpoint_answers(bot: RunningBot) -> None:
    """GET /healthz says the store is readable, for load balancers and orchestrators."""
    status, body = bot.get("/healthz")
    assert status == 200
    assert body == {"ok": True, "pending_jobs": 0}


def test_health_counts_the_jobs_not_answered_yet(bot: RunningBot, articles: ArticleServer) -> None:
    gate = threading.Event()  # the article server holds its answer until this is set
    url = articles.add("/slow", fixture_text("article.html"), gate=gate)
    bot.event(app_mention_event(f"<@UBOT> <{url}>", channel="C1"))
    articles.wait_for_hit("/slow")
    assert bot.get("/healthz") == (200, {"ok": True, "pending_jobs": 1})
    gate.set()
    bot.idle()
    assert bot.get("/healthz") == (200, {"ok": True, "pending_jobs": 0})
