"""Unit tests of the bot's pure parts: Slack markup, URL normalization, rendering within
Slack's limits, configuration, the store, the per-user limit, log redaction, the manifest."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml

from bot.config import Config, ConfigError
from bot.limits import UserLimiter
from bot.listeners.shortcuts import CALLBACK_ID
from bot.logs import RedactingFormatter, redact
from bot.markup import decode, is_fetchable, normalize_url
from bot.render import MAX_BLOCKS, MAX_SECTION_TEXT, Outcome, render_reply, render_text
from bot.store import Job, Store
from summarizer import Article, Summary
from tests.fakeslack import validate_blocks

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "slack" / "manifest.schema.1.0.0.json"

# --- markup ---------------------------------------------------------------------------------


def test_links_with_and_without_labels() -> None:
    d = decode("see <https://a.example/x?a=1&amp;b=2|the story> and <http://b.example/>")
    assert d.links == ("https://a.example/x?a=1&b=2", "http://b.example/")
    assert d.text == "see the story and http://b.example/"
    assert d.prose == "see the story and"


def test_people_channels_broadcasts_and_escapes() -> None:
    d = decode(
        "<@UBOT> hi <@U123> and <@U456|ana> in <#C1|general> <#C2> <!here> <!channel> "
        "<!subteam^S1|@eng> a &lt;b&gt; &amp;amp;",
        bot_user_id="UBOT",
    )
    assert d.mentions == ("UBOT", "U123", "U456")
    assert d.text == "@UBOT hi @U123 and @ana in #general #C2 @here @channel @eng a <b> &amp;"
    assert d.prose.startswith("hi @U123")  # the bot's own mention is not content
    assert d.links == ()


def test_links_not_fetched() -> None:
    d = decode(
        "<https://myteam.slack.com/archives/C1/p2> <https://files.slack.com/files-pri/a/b.pdf> "
        "<mailto:a@b.example|a@b.example> <ftp://x.example/f> <slack://channel?id=C1> "
        "<https://ok.example/a>"
    )
    assert d.links == ("https://ok.example/a",)
    assert len(d.skipped) == 5
    assert not is_fetchable("javascript:alert(1)") and not is_fetchable("https://slack.com/")
    assert is_fetchable("https://notslack.com.example/")


def test_duplicate_links_counted_once_and_bare_urls_only_when_asked() -> None:
    assert decode("<https://a.example/> <https://a.example/>").links == ("https://a.example/",)
    assert decode("read https://a.example/x.").links == ()
    d = decode("read https://a.example/x. and (https://b.example/y)", bare_urls=True)
    assert d.links == ("https://a.example/x", "https://b.example/y")


def test_normalize_url_drops_tracking_and_fragment() -> None:
    a = normalize_url("HTTPS://Example.COM:443/a?utm_source=x&b=2&fbclid=1&a=1&gclid=9#top")
    assert a == "https://example.com/a?a=1&b=2"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/x") == "http://example.com:8080/x"


# --- rendering ------------------------------------------------------------------------------


def _summary(n: int, length: int = 40, **article: str) -> Summary:
    sentences = tuple(f"Sentence {i} " + "q" * length + " & <y>." for i in range(n))
    art = Article(title=article.get("title"), text="a " * 2140, url=article.get("url"),
                  site_name=article.get("site"))  # fmt: skip
    return Summary(sentences, (0,) * n, 2140, 96, article=art if article else None)


def test_summary_blocks() -> None:
    url = "https://news.example/story"
    [msg] = render_reply([Outcome(url=url, summary=_summary(3, title="A | title", url=url,
                                                             site="News"))])  # fmt: skip
    assert validate_blocks(msg.blocks) == []
    assert msg.blocks[0]["text"]["text"] == f"*<{url}|A ¦ title>*"
    assert msg.blocks[1]["text"]["text"].count("• ") == 3
    assert "&amp; &lt;y&gt;" in msg.blocks[1]["text"]["text"]
    assert msg.blocks[2]["elements"][0]["text"] == "News · 2,140 words → 96 words"
    assert msg.text.startswith("A | title")


@pytest.mark.parametrize(("count", "length"), [(1, 9000), (40, 2900), (2000, 100), (300, 600)])
def test_long_content_is_split_never_rejected(count: int, length: int) -> None:
    messages = render_reply([Outcome(summary=_summary(count, length))], notes=("A note.",))
    for m in messages:
        assert validate_blocks(m.blocks) == []
        assert len(m.blocks) <= MAX_BLOCKS
        assert all(len(b["text"]["text"]) <= MAX_SECTION_TEXT for b in m.blocks if "text" in b)
        assert len(m.text) <= 4000
    shown = "".join(b["text"]["text"] for m in messages for b in m.blocks if "text" in b)
    assert shown.replace("\n", "").replace(" ", "").count("q") == count * length


def test_failure_is_one_plain_sentence() -> None:
    [msg] = render_text("The site says the page does not exist (HTTP 404).")
    assert msg.text == "The site says the page does not exist (HTTP 404)."
    assert len(msg.blocks) == 1 and validate_blocks(msg.blocks) == []


def test_mixed_outcomes_are_one_message() -> None:
    url = "https://a.example/x"
    [msg] = render_reply(
        [Outcome(url=url, error="Nope <b>."), Outcome(url=url, summary=_summary(2, url=url))]
    )
    assert "Nope &lt;b&gt;." in msg.blocks[0]["text"]["text"]
    assert {"type": "divider"} in msg.blocks


# --- configuration --------------------------------------------------------------------------


def test_config_defaults_and_secrets_hidden() -> None:
    c = Config.from_env({"SLACK_BOT_TOKEN": "xoxb-1-abc", "SLACK_SIGNING_SECRET": "shh-123"})
    assert (c.port, c.api_url, c.db_path, c.socket_mode) == (3000, "https://slack.com/api/",
                                                             "skim.db", False)  # fmt: skip
    assert "xoxb" not in repr(c) and "shh" not in repr(c)
    s = Config.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1",
                         "SLACK_API_URL": "http://127.0.0.1:9/api", "PORT": "8080"})  # fmt: skip
    assert s.socket_mode and s.api_url == "http://127.0.0.1:9/api/" and s.port == 8080
    with pytest.raises(ConfigError, match="PORT"):
        Config.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "70000"})


# --- store ----------------------------------------------------------------------------------


def test_store_dedups_resumes_mutes_and_caches(tmp_path: Path) -> None:
    now = [1000.0]
    store = Store(str(tmp_path / "s.db"), clock=lambda: now[0])
    job = Job(channel="C1", key="1.1", kind="auto", links=("https://a.example/",))
    assert store.add_job(job) and not store.add_job(job)
    assert store.pending_jobs() == [job]
    store.finish_job("C1", "1.1")
    assert store.pending_jobs() == [] and store.job_state("C1", "1.1") == "done"
    store.set_muted("C1", True)
    assert store.is_muted("C1") and not store.is_muted("C2")
    store.set_muted("C1", False)
    assert not store.is_muted("C1")
    store.cache_put("https://a.example/", {"x": 1})
    assert store.cache_get("https://a.example/", ttl=60) == {"x": 1}
    now[0] += 61
    assert store.cache_get("https://a.example/", ttl=60) is None
    journal = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
    store.close()
    assert Store(str(tmp_path / "s.db")).job_state("C1", "1.1") == "done"  # durable


def test_user_limiter_sliding_window() -> None:
    now = [0.0]
    limiter = UserLimiter(2, 60, clock=lambda: now[0])
    assert limiter.allow("U1") and limiter.allow("U1") and not limiter.allow("U1")
    assert limiter.allow("U2")
    now[0] = 60.5
    assert limiter.allow("U1")


# --- logs -----------------------------------------------------------------------------------


def test_secrets_are_redacted_from_log_lines() -> None:
    fmt = RedactingFormatter("%(message)s", ("signing-secret-value",))
    record = logging.LogRecord("x", logging.INFO, __file__, 1,
                               "token %s secret %s", ("xoxb-123-abc", "signing-secret-value"),
                               None)  # fmt: skip
    line = fmt.format(record)
    assert "xoxb-123" not in line and "signing-secret-value" not in line
    assert redact("app xapp-1-A0-123 user xoxp-9") == "app xapp-[redacted] user xoxp-[redacted]"


# --- manifest -------------------------------------------------------------------------------


def test_manifest_is_valid_and_matches_the_code() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"Slack's manifest schema is not at {SCHEMA} (../shared is not laid out)")
    jsonschema = pytest.importorskip("jsonschema")
    manifest = yaml.safe_load((REPO / "manifest.yml").read_text())
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(manifest)
    assert manifest["_metadata"]["major_version"] == 1
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == ["/summarize"]
    assert [(s["type"], s["callback_id"], s["name"]) for s in features["shortcuts"]] == [
        ("message", CALLBACK_ID, "Summarize")
    ]
    assert features["bot_user"]["display_name"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.channels", "message.groups", "message.im"}  # fmt: skip
    assert settings["interactivity"]["is_enabled"] and settings["socket_mode_enabled"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {"app_mentions:read", "channels:history", "groups:history", "im:history",
                      "chat:write", "commands"}  # fmt: skip
