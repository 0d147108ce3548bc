"""The shape of a link: which URLs Skim will fetch, written the way requests will send them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests

from summarizer.errors import InvalidURLError
from summarizer.fetch import messages


@dataclass(frozen=True)
class Target:
    """One hop: the URL as it will be sent, and the host and port it names."""

    url: str
    host: str
    port: int


def target(url: str) -> Target:
    """Check the URL's shape and return it as `requests` will send it.

    The host is taken from requests' own prepared URL (IDNA-encoded, normalized), so the
    name checked is the name requests would connect to. User names and passwords are dropped:
    a link's credentials are not Skim's to send (and `user@host` must not fool anyone about
    which host is meant).
    """
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise InvalidURLError("Skim can only read http:// and https:// links.", url)
        if not parts.hostname:
            raise InvalidURLError("That link has no site name in it.", url)
        netloc = parts.netloc.rpartition("@")[2]
        cleaned = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
        prepared = requests.PreparedRequest()
        prepared.prepare_url(cleaned, None)
        final = urlsplit(prepared.url or "")
        host = final.hostname
        port = final.port or (443 if scheme == "https" else 80)
    except InvalidURLError:
        raise
    except (requests.RequestException, ValueError, UnicodeError):
        raise messages.invalid_url(url) from None
    if not host:
        raise InvalidURLError("That link has no site name in it.", url)
    return Target(url=prepared.url or cleaned, host=host, port=port)


def sent_form(url: str) -> str:
    """`url` as it would be sent, or as given when it is not a URL Skim fetches (for telling
    whether a redirect leads back to a URL already visited)."""
    try:
        return target(url).url
    except InvalidURLError:
        return url
