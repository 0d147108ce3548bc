"""Slack message markup, decoded before anything else looks at a message.

Slack sends message text as escaped mrkdwn: links as `<url>` or `<url|label>`, people as
`<@U123>`, channels as `<#C123|name>`, broadcasts as `<!here>`, and `&`, `<`, `>` escaped as
`&amp;`, `&lt;`, `&gt;`. Summarizing that raw text would feed angle brackets and user IDs to
the summarizer and miss the links, so every surface (events, commands, shortcuts) goes through
`decode` first and works only with what it returns.

Links to Slack itself, to files and with schemes other than http(s) are kept apart
(`skipped`): they are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_MARKUP = re.compile(r"<([^<>\n]*)>")
_BARE_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}'\""

# Hosts that are Slack itself or Slack's file storage: never fetched.
_SLACK_HOSTS = ("slack.com", "slack-edge.com", "slack-files.com", "slack-redir.net", "slack.dev")

# Query parameters that only track where a click came from; dropped when normalizing.
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
     "yclid", "_hsenc", "_hsmi", "ref_src", "spm", "si", "twclid", "ttclid", "li_fat_id",
     "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid"}
)  # fmt: skip


@dataclass(frozen=True)
class Decoded:
    """A message after decoding.

    `text`: the whole message as a person reads it (labels instead of links, `@U123` for
    people, `#name` for channels). `prose`: the same without the links and without mentions
    of `bot_user_id`, i.e. the text that could be summarized. `links`: http(s) links that may
    be fetched, in order, without duplicates. `skipped`: links that must not be fetched.
    `mentions`: user IDs mentioned.
    """

    text: str
    prose: str
    links: tuple[str, ...]
    skipped: tuple[str, ...]
    mentions: tuple[str, ...]


def unescape(text: str) -> str:
    """Undo Slack's three escapes (`&amp;` last, so `&amp;lt;` stays `&lt;`)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def is_fetchable(url: str) -> bool:
    """True for an http(s) URL with a host that is not Slack's own or Slack's files."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return False
    return not any(host == h or host.endswith("." + h) for h in _SLACK_HOSTS)


def decode(text: str | None, *, bot_user_id: str | None = None, bare_urls: bool = False) -> Decoded:
    """Decode Slack markup in `text`.

    `bare_urls` also picks up URLs that are not wrapped in `<...>`: slash command text arrives
    unescaped unless the command escapes it, so a pasted address there is plain text.
    """
    text = text or ""
    shown: list[str] = []
    prose: list[str] = []
    links: list[str] = []
    skipped: list[str] = []
    mentions: list[str] = []

    def add_link(url: str) -> None:
        target = links if is_fetchable(url) else skipped
        if url not in target:
            target.append(url)

    def plain(chunk: str) -> None:
        chunk = unescape(chunk)
        shown.append(chunk)
        if not bare_urls:
            prose.append(chunk)
            return
        pos = 0
        for m in _BARE_URL.finditer(chunk):
            url = m.group(0).rstrip(_TRAILING_PUNCT)
            prose.append(chunk[pos : m.start()])
            prose.append(chunk[m.start() + len(url) : m.end()])
            pos = m.end()
            add_link(url)
        prose.append(chunk[pos:])

    pos = 0
    for m in _MARKUP.finditer(text):
        plain(text[pos : m.start()])
        pos = m.end()
        target, _, label = m.group(1).partition("|")
        label = unescape(label)
        if target.startswith("@"):
            user = target[1:]
            mentions.append(user)
            shown.append("@" + (label or user))
            if user != bot_user_id:
                prose.append("@" + (label or user))
        elif target.startswith("#"):
            name = "#" + (label or target[1:])
            shown.append(name)
            prose.append(name)
        elif target.startswith("!"):
            # <!here>, <!channel>, <!subteam^S1|@team>, <!date^...|fallback>
            name = label or "@" + target[1:].split("^")[0]
            shown.append(name)
            prose.append(name)
        else:
            url = unescape(target)
            add_link(url)
            shown.append(label or url)
            if label and label != url and not _looks_like_url(label):
                prose.append(label)
    plain(text[pos:])
    return Decoded(
        text="".join(shown).strip(),
        prose=_tidy("".join(prose)),
        links=tuple(links),
        skipped=tuple(skipped),
        mentions=tuple(mentions),
    )


def _looks_like_url(label: str) -> bool:
    """Slack labels auto-linked addresses with the address itself, minus the scheme."""
    return " " not in label.strip() and ("/" in label or "." in label)


def _tidy(text: str) -> str:
    """Collapse the runs of spaces left where links and mentions were, keep line breaks."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(lines).strip()


def normalize_url(url: str) -> str:
    """The cache key of a URL: lower-case scheme and host, no default port, no fragment, no
    tracking parameters (utm_*, fbclid, gclid, ...), remaining parameters sorted.

    Two links to the same article shared from different newsletters then hit the same
    cached summary.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if port is not None and not (
        (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    ):
        netloc = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    ]
    query.sort()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
