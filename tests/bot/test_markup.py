"""Slack markup decoded before anything looks at a message, and URL normalization for the cache."""

from __future__ import annotations

from bot.markup import decode, is_fetchable, normalize_url


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
