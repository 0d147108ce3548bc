"""The configuration: parsed once from the environment, every bad setting one line."""

from __future__ import annotations

import pytest

from bot.config import Config
from bot.errors import ConfigError
from summarizer import FetchPolicy


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


def test_config_holds_parsed_values() -> None:
    """The fetch policy, reply length, thread and process counts are parsed once, here."""
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    c = Config.from_env({**base, "SKIM_FETCH_ALLOW": " wiki.internal , 10.1.0.0/16 ,"})
    assert c.fetch_policy.allow == ("wiki.internal", "10.1.0.0/16")
    assert c.fetch_policy.allowlist.permits_host("wiki.internal")
    assert Config.from_env(base).fetch_policy == FetchPolicy()
    assert (c.reply_words, c.job_threads, c.worker_processes) == (100, 4, 2)
    assert c.reply_lengths == (50, 100, 200, 400, 800) and c.reply_ttl == 30 * 86400
    assert Config.from_env({**base, "SKIM_REPLY_DAYS": "7"}).reply_ttl == 7 * 86400
    with pytest.raises(ConfigError, match="SKIM_REPLY_DAYS"):
        Config.from_env({**base, "SKIM_REPLY_DAYS": "0"})


@pytest.mark.parametrize("allow", ["not a host!", "10.0.0.0/33", "http://wiki/"])
def test_a_malformed_allow_list_is_a_config_error_naming_it(allow: str) -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    with pytest.raises(ConfigError) as info:
        Config.from_env({**base, "SKIM_FETCH_ALLOW": allow})
    message = str(info.value)
    assert "SKIM_FETCH_ALLOW" in message and "\n" not in message
