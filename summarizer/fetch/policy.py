"""What a caller decides about a fetch (`FetchPolicy`) and what it gets back (`Page`).

Kept apart from the client so that configuration code (the bot's `Config`, the CLI) can build
and validate a policy without loading the HTTP stack.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from summarizer.fetch import netguard


@dataclass(frozen=True)
class FetchPolicy:
    """Every limit of a fetch, in one immutable value so that a caller can see (and a test can
    shrink) what Skim is willing to spend on a link.

    allow: hosts and CIDR networks that may be fetched even though they are private, for a
        deployment that is meant to read an internal wiki. Empty by default: nothing private.
    connect_timeout: seconds to wait for a TCP connection to one address.
    read_timeout: seconds of silence tolerated between two pieces of data from the server.
    deadline: seconds for the whole fetch, redirects included; a server that keeps dripping
        a byte now and then never trips `read_timeout`, so this is what stops it.
    max_bytes: largest body read, counted after decompression, so a gzip bomb is cut off.
    max_redirects: how many redirects are followed before giving up.
    user_agent: sent with every request, so site owners can tell who is reading.
    """

    allow: tuple[str, ...] = ()
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "Skim/0.1 (+article summarizer)"
    allowlist: netguard.AllowList = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Validated here, not at fetch time, so a bad configuration fails when the app starts.
        if isinstance(self.allow, str):
            raise ValueError("FetchPolicy.allow must be a tuple of hosts and CIDRs, not a string")
        object.__setattr__(self, "allow", tuple(self.allow))
        for name in ("connect_timeout", "read_timeout", "deadline"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise ValueError(f"FetchPolicy.{name} must be a positive number of seconds")
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError("FetchPolicy.max_bytes must be a positive whole number of bytes")
        if not isinstance(self.max_redirects, int) or self.max_redirects < 0:
            raise ValueError("FetchPolicy.max_redirects must be zero or more")
        if not self.user_agent or any(c in self.user_agent for c in "\r\n\0"):
            raise ValueError("FetchPolicy.user_agent must be one non-empty line")
        object.__setattr__(self, "allowlist", netguard.AllowList.parse(self.allow))

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> FetchPolicy:
        """The default policy, with `allow` read from SKIM_FETCH_ALLOW (comma-separated hosts
        and CIDRs). Takes the mapping as an argument so nothing reads `os.environ` behind the
        caller's back; a malformed entry is a one-line `ValueError` naming it."""
        raw = environ.get("SKIM_FETCH_ALLOW", "")
        entries = tuple(entry.strip() for entry in raw.split(",") if entry.strip())
        return cls(allow=entries)


@dataclass(frozen=True)
class Page:
    """A fetched page, decoded to text.

    url: the final URL, after redirects. requested_url: the URL as given.
    content_type: the media type without parameters ("text/html"), sniffed when the server
        sent none. encoding: the Python codec that decoded the body ("utf-8", "cp1252"...).
    """

    url: str
    requested_url: str
    status: int
    content_type: str
    encoding: str
    text: str
    is_html: bool
