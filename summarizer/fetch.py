"""Fetch a web page that someone posted in Slack, without letting the link turn Skim against
its own network.

The dangers are the ones of any server that fetches user-supplied URLs: server-side request
forgery (a link to the metadata service or to an internal host, directly, by a redirect, or by a
DNS answer that changes between the check and the connection), and resource exhaustion (a
server that never finishes, a body that never ends, a small gzip that inflates to gigabytes).
So this module:

* follows redirects itself and checks every hop with `summarizer.netguard`;
* connects to exactly the address it checked (a pinned `requests` adapter), while the Host
  header, TLS SNI and certificate verification still use the real host name;
* bounds everything: connect and read timeouts per socket operation, one wall-clock deadline
  for the whole fetch enforced by a watchdog that shuts the socket down, and a byte budget
  counted on the *decompressed* body, inflated piece by piece;
* turns every failure into one of the `FetchError` classes, with a message a Slack user can read.
"""

from __future__ import annotations

import codecs
import contextlib
import math
import re
import socket
import threading
import time
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import charset_normalizer
import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3 import exceptions as urllib3_exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool

from summarizer import netguard
from summarizer.errors import (
    ConnectionFailedError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    PaywallError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
)

__all__ = ["FetchPolicy", "Page", "fetch"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = _HTML_TYPES | {"text/plain"}
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024  # bytes read from the socket, and the most one inflate step may produce
_META_SCAN_BYTES = 4096
_SNIFF_BYTES = 1024
_PAYWALL_SCAN_BYTES = 64 * 1024
_PAYWALL_MARKERS = re.compile(
    rb"paywall|subscribe|subscription|subscriber|sign[ -]?in|log[ -]?in|members[ -]only"
    rb"|create an account|register to (?:continue|read)",
    re.IGNORECASE,
)


# --- Policy and result ------------------------------------------------------------------------


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
    _allowlist: netguard.AllowList = field(init=False, repr=False, compare=False)

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
        object.__setattr__(self, "_allowlist", netguard.AllowList.parse(self.allow))

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


# --- Messages ---------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    number = f"{value:g}"
    return f"{number} second" if number == "1" else f"{number} seconds"


def _size(limit: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= scale:
            return f"{limit / scale:.3g} {unit}"
    return f"{limit} bytes"


def _deadline_error(policy: FetchPolicy, url: str) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"The site took too long to answer (over {_seconds(policy.deadline)}).", url
    )


def _too_large_error(policy: FetchPolicy, url: str) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The page is larger than {_size(policy.max_bytes)}, which is more than Skim reads.", url
    )


def _too_many_redirects_error(limit: int, url: str) -> TooManyRedirectsError:
    if limit == 0:
        return TooManyRedirectsError(
            "The link redirects to another page, and Skim is set to follow no redirects.", url
        )
    times = "once" if limit == 1 else f"{limit} times"
    return TooManyRedirectsError(f"The site redirected more than {times}, so Skim gave up.", url)


def _status_error(status: int, url: str) -> FetchError:
    if status == 401:
        return PaywallError("The page asks for a login, so Skim cannot read it (HTTP 401).", url)
    if status == 402:
        return PaywallError("The page is behind a paywall, so Skim cannot read it (HTTP 402).", url)
    if status == 403:
        message = "The site does not allow Skim to read that page (HTTP 403)."
    elif status in (404, 410):
        message = f"The site says the page does not exist (HTTP {status})."
    elif status == 429:
        message = "The site is getting too many requests right now (HTTP 429); try again later."
    elif 500 <= status <= 599:
        message = f"The site had a problem and could not send the page (HTTP {status})."
    elif 400 <= status <= 499:
        message = f"The site refused the request (HTTP {status})."
    elif status in (204, 205):
        message = f"The site answered without sending a page (HTTP {status})."
    elif 300 <= status <= 399:
        message = f"The site answered with a redirect Skim cannot follow (HTTP {status})."
    else:
        message = f"The site gave an unexpected answer (HTTP {status})."
    return HTTPStatusError(message, url, status=status)


_TYPE_NAMES = {
    "application/pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/json": "JSON data",
    "application/octet-stream": "a download",
}


def _unsupported_type_error(content_type: str, url: str) -> UnsupportedContentTypeError:
    kind = _TYPE_NAMES.get(content_type)
    if kind is None:
        major = content_type.split("/", 1)[0]
        kind = {"image": "an image", "video": "a video", "audio": "an audio file"}.get(
            major, "a file"
        )
    return UnsupportedContentTypeError(
        f"That link leads to {kind} ({content_type}), not a web page or text Skim can read.",
        url,
        content_type=content_type,
    )


# --- Deadline ---------------------------------------------------------------------------------


class _Deadline:
    """One wall-clock budget for a fetch, enforced even while a read is blocked.

    Socket timeouts bound each single read, but a server that sends one byte every few seconds
    never trips them, and http.client keeps reading lines and buffers for as long as bytes come.
    So a timer thread shuts down every socket the fetch opened when time is up; the blocked read
    then ends at once and the fetch reports the deadline. It shuts down a *duplicate* of each
    socket's descriptor, owned here until the end, so it can never touch a descriptor number
    that the process has since reused for something else.
    """

    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self._ends

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            duplicate = sock.dup()
            self._sockets.append(duplicate)
            if self._fired:
                _shutdown(duplicate)

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed or never connected: nothing to stop
        sock.shutdown(socket.SHUT_RDWR)


# --- Connecting to the checked address --------------------------------------------------------


class _PinnedConnectionMixin:
    """Dial the addresses `netguard` approved instead of resolving the host name again.

    Everything else (Host header, TLS SNI, certificate check) keeps using the host name, so
    HTTPS stays verified against the real site.
    """

    host: str
    port: int
    timeout: Any
    socket_options: Any
    source_address: tuple[str, int] | None

    def __init__(
        self,
        *args: Any,
        skim_addresses: tuple[netguard.IPAddress, ...],
        skim_deadline: _Deadline,
        **kwargs: Any,
    ) -> None:
        self._skim_addresses = skim_addresses
        self._skim_deadline = skim_deadline
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        error: Exception | None = None
        for address in self._skim_addresses:
            if self._skim_deadline.expired:
                break
            family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                if isinstance(self.timeout, int | float):
                    sock.settimeout(self.timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect((str(address), self.port))
            except TimeoutError:
                sock.close()
                error = urllib3_exceptions.ConnectTimeoutError(
                    self, f"Connection to {self.host} timed out."
                )
                continue
            except OSError as exc:
                sock.close()
                error = urllib3_exceptions.NewConnectionError(
                    self,  # type: ignore[arg-type]
                    f"Failed to establish a new connection: {exc}",
                )
                continue
            self._skim_deadline.watch(sock)
            return sock
        raise error or urllib3_exceptions.ConnectTimeoutError(self, "Fetch deadline reached.")


class _PinnedHTTPConnection(_PinnedConnectionMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedConnectionMixin, HTTPSConnection):
    pass


class _PinnedPoolManager(PoolManager):
    def __init__(
        self,
        skim_addresses: tuple[netguard.IPAddress, ...],
        skim_deadline: _Deadline,
        **kwargs: Any,
    ) -> None:
        self._skim_addresses = skim_addresses
        self._skim_deadline = skim_deadline
        super().__init__(**kwargs)

    def _new_pool(
        self,
        scheme: str,
        host: str,
        port: int,
        request_context: dict[str, Any] | None = None,
    ) -> HTTPConnectionPool:
        pool = super()._new_pool(scheme, host, port, request_context)
        pool.ConnectionCls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        pool.conn_kw = {
            **pool.conn_kw,
            "skim_addresses": self._skim_addresses,
            "skim_deadline": self._skim_deadline,
        }
        return pool


class _PinnedAdapter(HTTPAdapter):
    """A `requests` adapter good for one hop: every connection it makes goes to the
    addresses checked for that hop, whatever the URL's host resolves to by then."""

    def __init__(self, addresses: tuple[netguard.IPAddress, ...], deadline: _Deadline) -> None:
        self._skim_addresses = addresses
        self._skim_deadline = deadline
        super().__init__(pool_connections=1, pool_maxsize=1, max_retries=0)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        self._pool_connections = connections
        self._pool_maxsize = maxsize
        self._pool_block = block
        self.poolmanager = _PinnedPoolManager(
            self._skim_addresses,
            self._skim_deadline,
            num_pools=connections,
            maxsize=maxsize,
            block=block,
            **pool_kwargs,
        )

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        raise InvalidURLError("Skim does not fetch through proxies.")  # trust_env is off


# --- URL handling -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    url: str
    host: str
    port: int


def _target(url: str) -> _Target:
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
        raise InvalidURLError("That link is not a valid web address.", url) from None
    if not host:
        raise InvalidURLError("That link has no site name in it.", url)
    return _Target(url=prepared.url or cleaned, host=host, port=port)


# --- Body: decompression, type, charset -------------------------------------------------------


class _Inflater:
    """Decompress gzip/deflate a bounded piece at a time, so that a small body which inflates
    to gigabytes costs at most one piece of memory beyond the byte budget."""

    def __init__(self, coding: str) -> None:
        self._gzip = coding in ("gzip", "x-gzip")
        self._decompressor: Any = None
        self._pending = b""  # the first byte of a deflate body, until the second says which kind

    def _new(self, first: bytes) -> Any:
        if self._gzip:
            return zlib.decompressobj(wbits=31)
        # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        zlib_header = first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
        return zlib.decompressobj(wbits=15 if zlib_header else -15)

    def feed(self, data: bytes) -> Iterator[bytes]:
        data = self._pending + data
        self._pending = b""
        while data:
            if self._decompressor is None:
                if len(data) < 2:
                    self._pending = data
                    return
                self._decompressor = self._new(data)
            elif self._decompressor.eof:
                # After a complete stream: another gzip member, or padding that browsers ignore.
                if not (self._gzip and data.startswith(b"\x1f\x8b")):
                    return
                self._decompressor = self._new(data)
            out = self._decompressor.decompress(data, _CHUNK)
            data = (
                self._decompressor.unused_data
                if self._decompressor.eof
                else self._decompressor.unconsumed_tail
            )
            if out:
                yield out
        while self._decompressor is not None and not self._decompressor.eof:
            out = self._decompressor.decompress(b"", _CHUNK)  # output zlib still holds
            if not out:
                break
            yield out

    def close(self) -> None:
        """Raise `zlib.error` if the compressed stream stopped before its end: what came so
        far may be any part of the page, so it is not passed off as the page."""
        if self._decompressor is None or not self._decompressor.eof:
            raise zlib.error("compressed stream ended early")


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    head, *rest = header.split(";")
    params: dict[str, str] = {}
    for item in rest:
        key, sep, value = item.partition("=")
        if sep:
            params[key.strip().lower()] = value.strip().strip("\"'")
    return head.strip().lower(), params


_HTML_SNIFF = re.compile(
    rb"\s*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body"
    rb"|br|p|!--)[\s>]",
    re.IGNORECASE,
)
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _sniff(body: bytes) -> str:
    """Guess the media type of a body served without Content-Type, the way browsers do:
    known binary signatures first, then HTML tags at the start, then text unless it has NULs."""
    head = body[:_SNIFF_BYTES]
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    bom = next((name for mark, name in _BOMS if head.startswith(mark)), None)
    if bom is not None:
        text = body[: _SNIFF_BYTES * 4].decode(bom, "replace").lstrip("\ufeff")
        return "text/html" if _HTML_SNIFF.match(text.encode("utf-8", "replace")) else "text/plain"
    if _HTML_SNIFF.match(head):
        return "text/html"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


# Labels browsers treat as windows-1252 (WHATWG Encoding): pages labelled latin-1 use its
# curly quotes, and decoding them as true ISO-8859-1 would print control characters instead.
_WINDOWS_1252_LABELS = frozenset(
    {
        "ascii",
        "us-ascii",
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "latin1",
        "latin-1",
        "l1",
        "cp819",
        "ibm819",
        "x-cp1252",
        "windows-1252",
        "cp1252",
    }
)
_UNSAFE_CODECS = frozenset(
    {
        "utf-7",
        "undefined",
        "idna",
        "punycode",
        "unicode-escape",
        "raw-unicode-escape",
        "mbcs",
        "oem",
        "charmap",
    }
)


def _codec(label: str | None, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label, or None if it is unknown or not a text encoding
    (`base64`, `rot13` and friends are codecs too, and must not be reachable from a page)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
        b"".decode(name)
    except (LookupError, ValueError):
        return None
    if name.replace("_", "-") in _UNSAFE_CODECS:
        return None
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a meta tag that could be read as ASCII cannot be in UTF-16 (WHATWG)
    return name


_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([-\w.:]+)", re.IGNORECASE)


def _declared_in_document(body: bytes) -> str | None:
    head = body[:_META_SCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.match(head) if pattern is _XML_ENCODING else pattern.search(head)
        if match:
            codec = _codec(match.group(1).decode("ascii", "replace"), from_meta=True)
            if codec:
                return codec
    return None


_GUESS_SAMPLE_BYTES = 64 * 1024


def _non_ascii_letters(text: str) -> int:
    return sum(1 for char in text if ord(char) > 127 and char.isalpha())


def _latin_script(text: str) -> bool:
    return all(
        unicodedata.name(char, "").startswith("LATIN")
        for char in text
        if ord(char) > 127 and char.isalpha()
    )


def _guess_codec(sample: bytes) -> str:
    """Guess the codec of unlabelled bytes that are not UTF-8.

    charset-normalizer tells scripts apart well (Cyrillic, Greek, CJK...) but within Latin
    script it cannot tell windows-1252 from its Central European and Baltic siblings, and
    often answers cp1250 for French or German, which turns "crème" into "crčme". So when its
    answer is Latin script and windows-1252 reads the bytes as at least as many letters,
    windows-1252 wins: it is by far the most common legacy encoding, and what browsers assume.
    """
    best = charset_normalizer.from_bytes(sample).best()
    guessed = _codec(best.encoding) if best is not None else None
    if guessed is None or guessed == "cp1252":
        return "cp1252"
    try:
        guessed_text = sample.decode(guessed, "replace")
    except (LookupError, UnicodeError):
        return "cp1252"
    if not _latin_script(guessed_text):
        return guessed
    western_text = sample.decode("cp1252", "replace")
    if _non_ascii_letters(western_text) >= _non_ascii_letters(guessed_text):
        return "cp1252"
    return guessed


def _decode(body: bytes, header_charset: str | None, is_html: bool) -> tuple[str, str]:
    """Decode the body; returns (text, codec name).

    A byte-order mark wins over everything, as in browsers: it cannot be there by accident, and
    honouring a contradicting header would leave mojibake. Then the HTTP charset, then a
    <meta>/XML declaration near the start, then UTF-8 if the bytes are valid UTF-8, then a
    guess (`_guess_codec`). Decoding errors are replaced, never raised: a page of binary
    garbage labelled text/html still yields text.
    """
    for mark, name in _BOMS:
        if body.startswith(mark):
            return body[len(mark) :].decode(name, "replace"), name
    codec = _codec(header_charset)
    if codec is None and is_html:
        codec = _declared_in_document(body)
    if codec is not None:
        try:
            return body.decode(codec, "replace"), codec
        except (LookupError, UnicodeError):
            pass
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = _guess_codec(body[:_GUESS_SAMPLE_BYTES])
    try:
        return body.decode(codec, "replace"), codec
    except (LookupError, UnicodeError):
        pass
    return body.decode("cp1252", "replace"), "cp1252"


# --- The fetch --------------------------------------------------------------------------------


def fetch(url: str, policy: FetchPolicy | None = None) -> Page:
    """Fetch `url` as a web page or plain text, under `policy` (defaults if None).

    Raises a `FetchError` subclass for every expected failure; its message can be shown to
    the person who posted the link as is.
    """
    policy = policy or FetchPolicy()
    if not isinstance(url, str):
        raise InvalidURLError("That link is not a valid web address.")
    with _Deadline(policy.deadline) as deadline, requests.Session() as session:
        session.trust_env = False  # no proxies, .netrc or CA overrides from the environment
        try:
            return _fetch(url, policy, session, deadline)
        except FetchError as error:
            if deadline.expired and isinstance(error, ConnectionFailedError):
                raise _deadline_error(policy, url) from error
            if error.url is None:
                error.url = url  # errors raised by netguard know the host, not the link
            raise


def _fetch(url: str, policy: FetchPolicy, session: requests.Session, deadline: _Deadline) -> Page:
    current = url
    redirects = 0
    seen: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()
    while True:
        target = _target(current)
        addresses = netguard.checked_addresses(
            target.host, target.port, policy._allowlist, redirected=redirects > 0
        )
        seen.add((target.url, _cookie_state(session)))
        response = _send(session, target, addresses, policy, deadline, url)
        try:
            location = (
                session.get_redirect_target(response)
                if response.status_code in _REDIRECT_STATUSES
                else None
            )
            if location:
                following = urljoin(target.url, location)
                if (_target_url_or_same(following), _cookie_state(session)) in seen:
                    raise TooManyRedirectsError(
                        "The site keeps redirecting in a loop, so Skim gave up.", url
                    )
                if redirects >= policy.max_redirects:
                    raise _too_many_redirects_error(policy.max_redirects, url)
                redirects += 1
                current = following
                continue
            return _page(response, target, policy, deadline, url)
        finally:
            response.close()


def _target_url_or_same(url: str) -> str:
    try:
        return _target(url).url
    except InvalidURLError:
        return url


def _cookie_state(session: requests.Session) -> tuple[tuple[str, ...], ...]:
    """Cookies are part of a redirect's identity: A -> A after setting a cookie is a common
    cookie check, not a loop; A -> A with nothing changed is."""
    return tuple(sorted((c.domain, c.path, c.name, c.value or "") for c in session.cookies))


def _send(
    session: requests.Session,
    target: _Target,
    addresses: tuple[netguard.IPAddress, ...],
    policy: FetchPolicy,
    deadline: _Deadline,
    url: str,
) -> requests.Response:
    adapter = _PinnedAdapter(addresses, deadline)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    request = requests.Request(
        "GET",
        target.url,
        headers={
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    remaining = deadline.remaining()
    if remaining <= 0:
        raise _deadline_error(policy, url)
    timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
    try:
        return session.send(
            session.prepare_request(request),
            allow_redirects=False,
            stream=True,
            timeout=timeout,
            verify=True,
        )
    except requests.ConnectTimeout:
        if deadline.expired:
            raise _deadline_error(policy, url) from None
        raise FetchTimeoutError(
            f"The site did not answer within {_seconds(policy.connect_timeout)}.", url
        ) from None
    except requests.ReadTimeout:
        raise _read_timeout_error(policy, deadline, url) from None
    except requests.exceptions.SSLError:
        raise ConnectionFailedError(
            "Skim could not make a secure connection to the site (its certificate could not "
            "be verified).",
            url,
        ) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader):
        raise InvalidURLError("That link is not a valid web address.", url) from None
    except (requests.RequestException, urllib3_exceptions.HTTPError, OSError):
        if deadline.expired:
            raise _deadline_error(policy, url) from None
        raise ConnectionFailedError("Skim could not connect to the site.", url) from None


def _read_timeout_error(policy: FetchPolicy, deadline: _Deadline, url: str) -> FetchTimeoutError:
    if deadline.expired:
        return _deadline_error(policy, url)
    return FetchTimeoutError(
        f"The site stopped answering (nothing for {_seconds(policy.read_timeout)}).", url
    )


def _read_body(
    response: requests.Response,
    policy: FetchPolicy,
    deadline: _Deadline,
    url: str,
    limit: int,
    *,
    strict: bool = True,
) -> bytes:
    """Read and decompress the body, at most `limit` decoded bytes.

    With `strict`, one byte more is an error; without, the body is just cut there (for
    peeking at an error page).
    """
    coding = response.headers.get("Content-Encoding", "").strip().lower()
    if coding in ("", "identity"):
        inflater = None
    elif coding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(coding)
    else:
        content_type = _media_type(response.headers.get("Content-Type"))[0]
        raise UnsupportedContentTypeError(
            f"The site sent the page compressed as {coding!r}, which Skim cannot read.",
            url,
            content_type=content_type,
        )
    body = bytearray()
    try:
        for chunk in response.raw.stream(_CHUNK, decode_content=False):
            pieces = inflater.feed(chunk) if inflater is not None else (chunk,)
            for piece in pieces:
                body += piece
                if len(body) > limit:
                    if strict:
                        raise _too_large_error(policy, url)
                    return bytes(body[:limit])
            if deadline.expired:
                raise _deadline_error(policy, url)
        if inflater is not None and strict and not deadline.expired:
            inflater.close()
    except zlib.error:
        raise ConnectionFailedError(
            "The site sent a damaged compressed page that Skim could not unpack.", url
        ) from None
    except (urllib3_exceptions.ReadTimeoutError, TimeoutError):
        raise _read_timeout_error(policy, deadline, url) from None
    except (urllib3_exceptions.HTTPError, requests.RequestException, OSError):
        if deadline.expired:
            raise _deadline_error(policy, url) from None
        if not strict:
            return bytes(body)
        raise ConnectionFailedError(
            "The connection to the site broke before the page was fully read.", url
        ) from None
    if deadline.expired:  # the watchdog cut a body whose end is "connection closed"
        raise _deadline_error(policy, url)
    return bytes(body)


def _page(
    response: requests.Response,
    target: _Target,
    policy: FetchPolicy,
    deadline: _Deadline,
    url: str,
) -> Page:
    status = response.status_code
    if status == 403:
        peek = _read_body(response, policy, deadline, url, _PAYWALL_SCAN_BYTES, strict=False)
        if _PAYWALL_MARKERS.search(peek):
            raise PaywallError(
                "The page is behind a login or a paywall, so Skim cannot read it (HTTP 403).",
                url,
            )
    if not 200 <= status <= 299 or status in (204, 205):
        raise _status_error(status, url)

    media_type, params = _media_type(response.headers.get("Content-Type"))
    if media_type and media_type not in _TEXT_TYPES:
        raise _unsupported_type_error(media_type, url)
    length = response.headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > policy.max_bytes:
        raise _too_large_error(policy, url)  # refused before a byte of the body is read

    body = _read_body(response, policy, deadline, url, policy.max_bytes)
    if not media_type:
        media_type = _sniff(body)
        if media_type not in _TEXT_TYPES:
            raise _unsupported_type_error(media_type, url)
    is_html = media_type in _HTML_TYPES
    text, encoding = _decode(body, params.get("charset"), is_html)
    return Page(
        url=target.url,
        requested_url=url,
        status=status,
        content_type=media_type,
        encoding=encoding,
        text=text,
        is_html=is_html,
    )
