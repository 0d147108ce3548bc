"""Tests for the safe fetcher, against real HTTP servers on 127.0.0.1.

Every test runs inside `FakeNetwork` (the `network` fixture): names resolve only from
the test's own table and a connection to anything but 127.0.0.1 is recorded and refused, so
nothing here can reach another machine even if the fetcher is broken. The servers themselves
must be allowed explicitly (`FetchPolicy(allow=("127.0.0.1",))`), which is itself a check that
the address guard is on by default.
"""

from __future__ import annotations

import codecs
import gzip
import random
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest

from summarizer import netguard
from summarizer.errors import (
    BlockedAddressError,
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
from summarizer.fetch import FetchPolicy, Page, fetch
from tests.httpservers import (
    LOOPBACK,
    DripServer,
    FakeNetwork,
    LocalServer,
    RequestHandler,
    TLSServer,
    running,
    self_signed_certificate,
)

HTML = (
    "<!doctype html><html><head><title>Grüße</title></head>"
    "<body><p>A naïve café article, with “quotes” and 日本語.</p></body></html>"
)


# --- Fixtures and helpers ---------------------------------------------------------------------


# Every test runs in the fake network (tests/conftest.py, `FakeNetwork`).
pytestmark = pytest.mark.usefixtures("network")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    yield from running(LocalServer())


def local(**limits: Any) -> FetchPolicy:
    """A policy that may reach the test servers (and nothing else private)."""
    return FetchPolicy(allow=(LOOPBACK,), **limits)


def page(body: bytes | str = HTML, content_type: str | None = "text/html; charset=utf-8") -> Any:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda h: h.respond(200, data, content_type)


def redirect(location: str, status: int = 302) -> Any:
    return lambda h: h.respond(status, b"", None, {"Location": location})


def raw(h: RequestHandler, head: bytes, body: bytes = b"") -> None:
    """Write a response byte for byte, for answers http.server would not produce."""
    h.close_connection = True
    h.wfile.write(head + body)
    h.wfile.flush()


def drip(h: RequestHandler, data: bytes, every: float) -> None:
    for index in range(len(data)):
        if h.stopping.wait(every):
            return
        h.wfile.write(data[index : index + 1])
        h.wfile.flush()


# --- Normal pages -----------------------------------------------------------------------------


def test_fetches_a_page_and_decodes_it(server: LocalServer) -> None:
    server.route("/article", page())

    result = fetch(server.url("/article"), local())

    assert result == Page(
        url=server.url("/article"),
        requested_url=server.url("/article"),
        status=200,
        content_type="text/html",
        encoding="utf-8",
        text=HTML,
        is_html=True,
    )
    headers = server.requests[0][1]
    assert headers["User-Agent"] == "Skim/0.1 (+article summarizer)"
    assert "gzip" in headers["Accept-Encoding"]


def test_page_is_immutable(server: LocalServer) -> None:
    server.route("/", page())
    result = fetch(server.url("/"), local())
    with pytest.raises(FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("content_type", "expected", "is_html"),
    [
        ("text/plain; charset=utf-8", "text/plain", False),
        ("application/xhtml+xml", "application/xhtml+xml", True),
        ("Text/HTML; Charset=UTF-8", "text/html", True),
    ],
)
def test_accepts_html_xhtml_and_plain_text(
    server: LocalServer, content_type: str, expected: str, is_html: bool
) -> None:
    server.route("/", page("Plain words, ünïcode.", content_type))
    result = fetch(server.url("/"), local())
    assert (result.content_type, result.is_html, result.text) == (
        expected,
        is_html,
        "Plain words, ünïcode.",
    )


def test_the_private_test_server_is_refused_without_the_allow_list(server: LocalServer) -> None:
    server.route("/", page())
    with pytest.raises(BlockedAddressError):
        fetch(server.url("/"))
    assert server.requests == []


def test_allow_list_accepts_cidr_networks(server: LocalServer) -> None:
    server.route("/", page())
    assert fetch(server.url("/"), FetchPolicy(allow=("127.0.0.0/8",))).text == HTML


def test_allowed_name_is_dialled_at_its_checked_address_with_the_real_host_header(
    server: LocalServer, network: FakeNetwork
) -> None:
    network.names["wiki.corp"] = [LOOPBACK]
    server.route("/", page())

    result = fetch(server.url("/", host="wiki.corp"), FetchPolicy(allow=("wiki.corp",)))

    assert result.url == server.url("/", host="wiki.corp")
    assert server.requests[0][1]["Host"] == f"wiki.corp:{server.port}"
    assert network.lookups == ["wiki.corp"]


def test_credentials_in_the_link_are_not_sent(server: LocalServer, network: FakeNetwork) -> None:
    network.names["wiki.corp"] = [LOOPBACK]
    server.route("/", page())

    fetch(f"http://alice:secret@wiki.corp:{server.port}/", FetchPolicy(allow=("wiki.corp",)))

    assert "Authorization" not in server.requests[0][1]


# --- Redirects --------------------------------------------------------------------------------


def test_follows_relative_and_absolute_redirects(server: LocalServer) -> None:
    server.route("/a", redirect("/b", 301))
    server.route("/b", redirect(server.url("/c"), 307))
    server.route("/c", page())

    result = fetch(server.url("/a"), local())

    assert (result.url, result.requested_url, result.text) == (
        server.url("/c"),
        server.url("/a"),
        HTML,
    )
    assert server.paths() == ["/a", "/b", "/c"]


def _chain(server: LocalServer, prefix: str, redirects: int) -> str:
    for index in range(redirects):
        server.route(f"/{prefix}{index}", redirect(f"/{prefix}{index + 1}"))
    server.route(f"/{prefix}{redirects}", page())
    return server.url(f"/{prefix}0")


def test_follows_exactly_max_redirects(server: LocalServer) -> None:
    result = fetch(_chain(server, "r", 5), local(max_redirects=5))
    assert result.url == server.url("/r5")


def test_one_redirect_too_many_is_refused(server: LocalServer) -> None:
    with pytest.raises(TooManyRedirectsError, match="more than 5 times"):
        fetch(_chain(server, "r", 6), local(max_redirects=5))
    assert "/r6" not in server.paths()


def test_max_redirects_zero_follows_none(server: LocalServer) -> None:
    with pytest.raises(TooManyRedirectsError, match="follow no redirects"):
        fetch(_chain(server, "z", 1), local(max_redirects=0))


def test_max_redirects_one(server: LocalServer) -> None:
    assert fetch(_chain(server, "o", 1), local(max_redirects=1)).url == server.url("/o1")
    with pytest.raises(TooManyRedirectsError, match="more than once"):
        fetch(_chain(server, "t", 2), local(max_redirects=1))


def test_redirect_loop_is_detected_before_going_round_again(server: LocalServer) -> None:
    server.route("/x", redirect("/y"))
    server.route("/y", redirect("/x"))

    with pytest.raises(TooManyRedirectsError, match="loop"):
        fetch(server.url("/x"), local(max_redirects=50))
    assert server.paths() == ["/x", "/y"]


def test_redirect_to_itself_after_setting_a_cookie_is_not_a_loop(server: LocalServer) -> None:
    def cookie_check(h: RequestHandler) -> None:
        if "seen=1" in (h.headers.get("Cookie") or ""):
            page()(h)
        else:
            h.respond(302, b"", None, {"Location": "/cookie", "Set-Cookie": "seen=1; Path=/"})

    server.route("/cookie", cookie_check)
    assert fetch(server.url("/cookie"), local()).text == HTML
    assert server.paths() == ["/cookie", "/cookie"]


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/secret",
        "http://localhost:{port}/secret",
        "http://2130706433:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.1/",
    ],
)
def test_redirect_from_an_allowed_host_to_a_private_address_is_refused(
    server: LocalServer, network: FakeNetwork, target: str
) -> None:
    # Only the name is allowed, not its address: the hop to 127.0.0.1 must be judged afresh.
    network.names["allowed.test"] = [LOOPBACK]
    network.names["localhost"] = [LOOPBACK, "::1"]
    network.names["metadata.google.internal"] = ["169.254.169.254"]
    server.route("/go", redirect(target.format(port=server.port)))
    server.route("/secret", page("secret"))

    with pytest.raises(BlockedAddressError, match="redirects to a private network address") as e:
        fetch(server.url("/go", host="allowed.test"), FetchPolicy(allow=("allowed.test",)))
    assert e.value.url == server.url("/go", host="allowed.test")

    assert server.paths() == ["/go"]
    assert network.connects == []


def test_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.route("/go", redirect("file:///etc/passwd"))
    with pytest.raises(InvalidURLError):
        fetch(server.url("/go"), local())


# --- Time limits ------------------------------------------------------------------------------


def test_deadline_stops_a_body_dripping_one_byte_at_a_time(server: LocalServer) -> None:
    body = b"x" * 240  # 60 s at one byte every 0.25 s, well inside the read timeout each time

    def slow(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        drip(h, body, 0.25)

    server.route("/slow", slow)
    with pytest.raises(FetchTimeoutError, match=r"took too long to answer \(over 1 second\)"):
        fetch(server.url("/slow"), local(deadline=1.0, read_timeout=5.0))


def test_deadline_stops_a_drip_whose_end_would_be_the_connection_closing(
    server: LocalServer,
) -> None:
    # No Content-Length: the watchdog's shutdown looks like a normal end of body, and the
    # truncated page must not be returned as if it were complete.
    server.route(
        "/slow",
        lambda h: (
            raw(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"),
            drip(h, b"y" * 240, 0.25),
        ),
    )
    with pytest.raises(FetchTimeoutError):
        fetch(server.url("/slow"), local(deadline=1.0, read_timeout=5.0))


def test_deadline_stops_headers_that_never_end(server: LocalServer) -> None:
    server.route(
        "/slow-headers",
        lambda h: (raw(h, b"HTTP/1.1 200 OK\r\n"), drip(h, b"X-Slow: " + b"a" * 240, 0.25)),
    )
    with pytest.raises(FetchTimeoutError, match="over 1 second"):
        fetch(server.url("/slow-headers"), local(deadline=1.0, read_timeout=5.0))


def test_deadline_stops_a_tls_handshake_that_never_ends(network: FakeNetwork) -> None:
    # A TLS record header, then a "ServerHello" trickling in a byte at a time.
    network.names["tls.test"] = [LOOPBACK]
    with DripServer(b"\x16\x03\x03\x40\x00" + b"\x02" * 240, every=0.25) as stall:
        with pytest.raises(FetchTimeoutError, match="over 1 second"):
            fetch(
                f"https://tls.test:{stall.port}/",
                FetchPolicy(allow=("tls.test",), deadline=1.0, read_timeout=5.0),
            )
        assert stall.connections == 1


def test_read_timeout_when_the_server_goes_silent(server: LocalServer) -> None:
    def silent(h: RequestHandler) -> None:
        raw(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n")
        h.stopping.wait(30)

    server.route("/silent", silent)
    with pytest.raises(FetchTimeoutError, match=r"stopped answering \(nothing for 0.5 seconds\)"):
        fetch(server.url("/silent"), local(read_timeout=0.5, deadline=10.0))


def test_read_timeout_when_the_server_never_answers(server: LocalServer) -> None:
    server.route("/mute", lambda h: h.stopping.wait(30))
    with pytest.raises(FetchTimeoutError, match="stopped answering"):
        fetch(server.url("/mute"), local(read_timeout=0.5, deadline=10.0))


def test_connect_timeout_is_the_policy_s(network: FakeNetwork) -> None:
    network.names["slow.test"] = ["203.0.113.7"]
    network.blackholes.add("203.0.113.7")

    with pytest.raises(FetchTimeoutError, match=r"did not answer within 2.5 seconds"):
        fetch("http://slow.test/", FetchPolicy(connect_timeout=2.5))

    assert network.connects == [("203.0.113.7", 80)]
    assert network.connect_timeouts == [2.5]


# --- Size limits and decompression ------------------------------------------------------------


def test_size_limit_is_inclusive(server: LocalServer) -> None:
    server.route("/fits", page(b"a" * 1000, "text/plain"))
    server.route("/over", page(b"a" * 1001, "text/plain"))

    assert len(fetch(server.url("/fits"), local(max_bytes=1000)).text) == 1000
    with pytest.raises(ResponseTooLargeError):
        fetch(server.url("/over"), local(max_bytes=1000))


def test_huge_declared_page_is_refused_before_reading_it(server: LocalServer) -> None:
    # Declares 10 GB, sends 1 MB and then waits: reading the body would hang, not fail.
    def huge(h: RequestHandler) -> None:
        raw(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10737418240\r\n\r\n")
        h.wfile.write(b"<p>" * 350_000)
        h.stopping.wait(30)

    server.route("/huge", huge)
    with pytest.raises(ResponseTooLargeError) as caught:
        fetch(server.url("/huge"), local(read_timeout=5.0))
    assert str(caught.value) == "The page is larger than 5 MB, which is more than Skim reads."


def test_huge_page_without_length_is_cut_at_the_limit(server: LocalServer) -> None:
    server.route(
        "/huge",
        lambda h: raw(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"<p>" * 700_000),
    )
    with pytest.raises(ResponseTooLargeError, match="larger than 1 MB"):
        fetch(server.url("/huge"), local(max_bytes=1024 * 1024))


def test_endless_chunked_body_is_cut_at_the_limit(server: LocalServer) -> None:
    def endless(h: RequestHandler) -> None:
        raw(h, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (16384, b"z" * 16384)
        while not h.stopping.is_set():
            h.wfile.write(chunk)

    server.route("/endless", endless)
    with pytest.raises(ResponseTooLargeError, match="larger than 256 KB"):
        fetch(server.url("/endless"), local(max_bytes=256 * 1024))


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB: 64 gzip members of 16 MiB of zeros each."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(bytes(16 * 1024 * 1024)) + compressor.flush()
    return member * 64


def test_gzip_bomb_dies_early_without_being_inflated(server: LocalServer, gzip_bomb: bytes) -> None:
    assert len(gzip_bomb) < 2 * 1024 * 1024
    server.route(
        "/bomb",
        lambda h: h.respond(200, gzip_bomb, "text/html", {"Content-Encoding": "gzip"}),
    )

    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError, match="larger than 5 MB"):
            fetch(server.url("/bomb"), local())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The budget is 5 MB of output; inflating even one 64 KB read of this bomb at once would
    # take about 64 MB.
    assert peak < 32 * 1024 * 1024


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw, as some servers send
        ("gzip", lambda data: gzip.compress(data[:50]) + gzip.compress(data[50:])),
        ("gzip", lambda data: gzip.compress(data) + b"\x00" * 8),  # padding after the member
    ],
)
def test_compressed_pages_are_decoded(server: LocalServer, coding: str, compress: Any) -> None:
    server.route(
        "/z",
        lambda h: h.respond(
            200, compress(HTML.encode()), "text/html", {"Content-Encoding": coding}
        ),
    )
    assert fetch(server.url("/z"), local()).text == HTML


@pytest.mark.parametrize("wrap", [zlib.compress, lambda data: zlib.compress(data)[2:-4]])
def test_deflate_kind_is_recognized_even_from_a_one_byte_first_chunk(
    server: LocalServer, wrap: Any
) -> None:
    compressed = wrap(HTML.encode())

    def chunked(h: RequestHandler) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n"
        raw(h, head + b"Transfer-Encoding: chunked\r\n\r\n")
        for piece in (compressed[:1], compressed[1:], b""):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))

    server.route("/z", chunked)
    assert fetch(server.url("/z"), local()).text == HTML


def test_damaged_gzip_is_a_fetch_error(server: LocalServer) -> None:
    server.route(
        "/z",
        lambda h: h.respond(
            200, b"\x1f\x8b\x08\x00garbage!", "text/html", {"Content-Encoding": "gzip"}
        ),
    )
    with pytest.raises(ConnectionFailedError, match="damaged"):
        fetch(server.url("/z"), local())


def test_unrequested_content_encoding_is_refused(server: LocalServer) -> None:
    server.route(
        "/br", lambda h: h.respond(200, b"\x8b\x02\x80", "text/html", {"Content-Encoding": "br"})
    )
    with pytest.raises(UnsupportedContentTypeError, match="'br'"):
        fetch(server.url("/br"), local())


# --- Content types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "words"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "a PDF document (application/pdf)"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "an image (image/png)"),
        ("image/jpeg", b"\xff\xd8\xff\xe0", "an image (image/jpeg)"),
        ("application/octet-stream", b"\x00\x01", "(application/octet-stream)"),
        ("application/json", b"{}", "(application/json)"),
    ],
)
def test_other_content_types_are_refused_by_name(
    server: LocalServer, content_type: str, body: bytes, words: str
) -> None:
    server.route("/file", page(body, content_type))
    with pytest.raises(UnsupportedContentTypeError) as caught:
        fetch(server.url("/file"), local())
    assert caught.value.content_type == content_type
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("body", "sniffed"),
    [
        (b"\n  <!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html"),
        (b"<p>Just a paragraph</p>", "text/html"),
        (b"Just some plain words.\nAnd a second line.", "text/plain"),
        (codecs.BOM_UTF8 + b"<html><body>bom</body></html>", "text/html"),
    ],
)
def test_missing_content_type_is_sniffed(server: LocalServer, body: bytes, sniffed: str) -> None:
    server.route("/untyped", page(body, None))
    result = fetch(server.url("/untyped"), local())
    assert (result.content_type, result.is_html) == (sniffed, sniffed == "text/html")


@pytest.mark.parametrize(
    ("body", "sniffed"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"\x00\x00\x01\x00binary", "application/octet-stream"),
    ],
)
def test_missing_content_type_sniffed_as_binary_is_refused(
    server: LocalServer, body: bytes, sniffed: str
) -> None:
    server.route("/untyped", page(body, None))
    with pytest.raises(UnsupportedContentTypeError) as caught:
        fetch(server.url("/untyped"), local())
    assert caught.value.content_type == sniffed
    assert sniffed in str(caught.value)


# --- Character encodings ----------------------------------------------------------------------

FRENCH = "Le café crème est servi à côté de la forêt, où l'élève a goûté “la bûche”. " * 5
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5
JAPANESE = "日本語の記事です。吾輩は猫である。名前はまだ無い。" * 5


@pytest.mark.parametrize(
    ("header", "body", "text", "encoding"),
    [
        # Header charset, including latin-1 read as windows-1252 the way browsers read it.
        ("text/html; charset=windows-1252", FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        ("text/html; charset=ISO-8859-1", FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        ('text/plain; charset="Shift_JIS"', JAPANESE.encode("shift_jis"), JAPANESE, "shift_jis"),
        ("text/html; charset=koi8-r", RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r"),
        # An unknown label is ignored; the UTF-8 bytes are then recognized as such.
        ("text/html; charset=no-such-charset", FRENCH.encode(), FRENCH, "utf-8"),
        # Not a text encoding: must not be usable from a page.
        ("text/html; charset=base64", FRENCH.encode(), FRENCH, "utf-8"),
        # No charset, valid UTF-8.
        ("text/html", JAPANESE.encode(), JAPANESE, "utf-8"),
    ],
)
def test_header_charset(
    server: LocalServer, header: str, body: bytes, text: str, encoding: str
) -> None:
    server.route("/", page(body, header))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (text, encoding)


def test_missing_charset_on_legacy_bytes_is_not_mojibake(server: LocalServer) -> None:
    server.route("/", page(FRENCH.encode("cp1252"), "text/html"))
    result = fetch(server.url("/"), local())
    assert "café crème" in result.text and "forêt" in result.text
    assert "\ufffd" not in result.text and "Ã" not in result.text


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ("<meta charset=koi8-r>", "koi8-r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
    ],
)
def test_meta_charset(server: LocalServer, head: str, codec: str) -> None:
    document = f"<html><head>{head}<title>t</title></head><body>{RUSSIAN}</body></html>"
    server.route("/", page(document.encode(codec), "text/html"))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (document, codec)


def test_xml_declaration_encoding_in_xhtml(server: LocalServer) -> None:
    document = f'<?xml version="1.0" encoding="ISO-8859-1"?><html><body>{FRENCH}</body></html>'
    server.route("/", page(document.encode("cp1252"), "application/xhtml+xml"))
    assert fetch(server.url("/"), local()).text == document


def test_header_charset_wins_over_meta(server: LocalServer) -> None:
    document = f'<html><head><meta charset="windows-1251"></head><body>{FRENCH}</body></html>'
    server.route("/", page(document.encode(), "text/html; charset=utf-8"))
    assert fetch(server.url("/"), local()).text == document


@pytest.mark.parametrize(
    ("bom", "codec", "header"),
    [
        (codecs.BOM_UTF8, "utf-8", "text/html"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "text/html"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "text/plain"),
        # A BOM cannot be there by accident: it wins over a contradicting header, as in browsers.
        (codecs.BOM_UTF8, "utf-8", "text/html; charset=iso-8859-1"),
    ],
)
def test_byte_order_mark(server: LocalServer, bom: bytes, codec: str, header: str) -> None:
    document = f"<html><body>{JAPANESE}</body></html>"
    server.route("/", page(bom + document.encode(codec), header))
    result = fetch(server.url("/"), local())
    assert (result.text, result.encoding) == (document, codec)


@pytest.mark.parametrize("header", ["text/html", "text/html; charset=utf-8", "text/plain"])
def test_binary_garbage_served_as_text_does_not_crash(server: LocalServer, header: str) -> None:
    garbage = random.Random(7).randbytes(100_000)
    server.route("/", page(garbage, header))
    result = fetch(server.url("/"), local())
    assert isinstance(result.text, str) and result.text


# --- HTTP statuses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "The site says the page does not exist (HTTP 404)."),
        (410, "The site says the page does not exist (HTTP 410)."),
        (403, "The site does not allow Skim to read that page (HTTP 403)."),
        (400, "The site refused the request (HTTP 400)."),
        (429, "The site is getting too many requests right now (HTTP 429); try again later."),
        (500, "The site had a problem and could not send the page (HTTP 500)."),
        (503, "The site had a problem and could not send the page (HTTP 503)."),
        (204, "The site answered without sending a page (HTTP 204)."),
        (302, "The site answered with a redirect Skim cannot follow (HTTP 302)."),  # no Location
    ],
)
def test_error_statuses(server: LocalServer, status: int, message: str) -> None:
    server.route("/", lambda h: h.respond(status, b"" if status == 204 else b"<p>Oops</p>"))
    with pytest.raises(HTTPStatusError) as caught:
        fetch(server.url("/"), local())
    assert (caught.value.status, str(caught.value)) == (status, message)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, b"<p>Unauthorized</p>"),
        (402, b"<p>Payment required</p>"),
        (403, b"<h1>Subscribe to continue reading</h1>"),
        (403, b"<form><button>Sign in</button></form>"),
    ],
)
def test_login_and_paywall_statuses(server: LocalServer, status: int, body: bytes) -> None:
    server.route("/", lambda h: h.respond(status, body))
    with pytest.raises(PaywallError, match=f"HTTP {status}"):
        fetch(server.url("/"), local())


# --- The address guard ------------------------------------------------------------------------

ADDRESS_TRICKS = [
    ("http://127.0.0.1/", BlockedAddressError),
    ("http://localhost/", BlockedAddressError),
    ("http://LocalHost./", BlockedAddressError),
    ("http://app.localhost/", BlockedAddressError),
    ("http://2130706433/", BlockedAddressError),
    ("http://0x7f000001/", BlockedAddressError),
    ("http://0177.0.0.1/", BlockedAddressError),
    ("http://017700000001/", BlockedAddressError),
    ("http://0x7f.1/", BlockedAddressError),
    ("http://127.1/", BlockedAddressError),
    ("http://127.000.000.001/", BlockedAddressError),
    ("http://[::1]/", BlockedAddressError),
    ("http://[::]/", BlockedAddressError),
    ("http://[::ffff:127.0.0.1]/", BlockedAddressError),
    ("http://[::ffff:7f00:1]/", BlockedAddressError),
    ("http://[::127.0.0.1]/", BlockedAddressError),
    ("http://169.254.169.254/latest/meta-data/", BlockedAddressError),
    ("http://[::ffff:169.254.169.254]/latest/meta-data/", BlockedAddressError),
    ("http://metadata.google.internal/", BlockedAddressError),
    ("http://10.0.0.1/", BlockedAddressError),
    ("http://192.168.1.1/", BlockedAddressError),
    ("http://172.16.0.1/", BlockedAddressError),
    ("http://100.64.0.1/", BlockedAddressError),
    ("http://0.0.0.0/", BlockedAddressError),
    ("http://0/", BlockedAddressError),
    ("http://224.0.0.1/", BlockedAddressError),
    ("http://255.255.255.255/", BlockedAddressError),
    ("http://198.18.0.1/", BlockedAddressError),
    ("http://[fd00::1]/", BlockedAddressError),
    ("http://[fe80::1]/", BlockedAddressError),
    ("http://[fec0::1]/", BlockedAddressError),
    ("http://[ff02::1]/", BlockedAddressError),
    ("http://good.com@10.0.0.1/", BlockedAddressError),
    ("http://good.com:pw@127.0.0.1:8080/", BlockedAddressError),
    ("http://127.0.0.1./", BlockedAddressError),
    ("http://0x7f.0x0.0x0.0x1/", BlockedAddressError),
    ("http://[0:0:0:0:0:ffff:127.0.0.1]/", BlockedAddressError),
    ("http://%31%32%37.0.0.1/", BlockedAddressError),  # percent-encoded host
    ("http://loc%61lhost/", BlockedAddressError),
    ("http://evil.test\\@127.0.0.1/", BlockedAddressError),  # judged by the host dialled
    ("http://127.0.0.1#@evil.test/", BlockedAddressError),
    ("HTTP://127.0.0.1/", BlockedAddressError),
    (" http://127.0.0.1/ ", BlockedAddressError),
    ("http://[fe80::1%25eth0]/", BlockedAddressError),
    ("https://127.0.0.1:443/", BlockedAddressError),
    ("http://[64:ff9b::a00:1]/", BlockedAddressError),
    ("http://[64:ff9b::7f00:1]/", BlockedAddressError),
    ("http://[2002:a00:1::]/", BlockedAddressError),
    ("http://[2002:7f00:1::]/", BlockedAddressError),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", BlockedAddressError),  # Teredo
    ("http://internal.test/", BlockedAddressError),  # a name with a private answer
    ("http://mixed.test/", BlockedAddressError),  # one public answer, one private
    ("ftp://example.com/", InvalidURLError),
    ("file:///etc/passwd", InvalidURLError),
    ("javascript:alert(1)", InvalidURLError),
    ("gopher://127.0.0.1:6379/_INFO", InvalidURLError),
    ("http:///nohost", InvalidURLError),
    ("http://1.2.3.999/", InvalidURLError),
    ("http://[::1/", InvalidURLError),
    ("http://１２７.０.０.１/", InvalidURLError),  # full-width digits
    ("http://127.0.0.1:99999/", InvalidURLError),
    ("//127.0.0.1/", InvalidURLError),
    ("not a url", InvalidURLError),
]


@pytest.mark.parametrize(("url", "error"), ADDRESS_TRICKS)
def test_address_tricks_are_refused(
    network: FakeNetwork, url: str, error: type[FetchError]
) -> None:
    network.names["localhost"] = [LOOPBACK, "::1"]
    network.names["app.localhost"] = [LOOPBACK]
    network.names["metadata.google.internal"] = ["169.254.169.254"]
    network.names["internal.test"] = ["10.1.2.3"]
    network.names["mixed.test"] = ["203.0.113.5", "10.1.2.3"]

    with pytest.raises(error) as caught:
        fetch(url)

    assert type(caught.value) is error
    assert network.connects == []
    if error is BlockedAddressError:
        assert str(caught.value) == (
            "That link points to a private network address, which Skim is not allowed to fetch."
        )


def test_dns_rebinding_cannot_swap_the_checked_address(
    server: LocalServer, network: FakeNetwork
) -> None:
    # First answer public (passes the check), every later one 127.0.0.1, where a server waits.
    answers = iter([["203.0.113.5"]])
    network.names["rebind.test"] = lambda: next(answers, [LOOPBACK])
    server.route("/", page("internal secrets"))

    with pytest.raises(ConnectionFailedError):
        fetch(server.url("/", host="rebind.test"))

    assert network.lookups == ["rebind.test"]
    assert network.connects == [("203.0.113.5", server.port)]
    assert server.requests == []


@pytest.mark.parametrize(("scheme", "port"), [("http", 80), ("https", 443)])
def test_public_names_are_dialled_at_every_checked_address_in_order(
    network: FakeNetwork, scheme: str, port: int
) -> None:
    network.names["news.test"] = ["203.0.113.5", "2001:db8::5"]
    with pytest.raises(ConnectionFailedError, match="could not connect"):
        fetch(f"{scheme}://news.test/story")
    assert network.connects == [("203.0.113.5", port), ("2001:db8::5", port)]


def test_unknown_names_are_a_connection_failure(network: FakeNetwork) -> None:
    with pytest.raises(ConnectionFailedError, match=r"could not find the site nowhere\.test"):
        fetch("https://nowhere.test/")
    assert network.connects == []


def test_https_sends_the_real_name_for_sni_and_verifies_the_certificate(
    network: FakeNetwork, tmp_path: Path
) -> None:
    try:
        certfile, keyfile = self_signed_certificate("secure.test", tmp_path)
    except FileNotFoundError:
        pytest.skip("needs the openssl command to make a certificate")
    network.names["secure.test"] = [LOOPBACK]
    tls = TLSServer(certfile, keyfile).start()
    tls.route("/", page())
    try:
        with pytest.raises(ConnectionFailedError, match="secure connection"):
            fetch(
                tls.url("/", host="secure.test", scheme="https"),
                FetchPolicy(allow=("secure.test",)),
            )
    finally:
        tls.stop()
    # Dialled at 127.0.0.1, but SNI named the site; the self-signed certificate was refused.
    assert tls.sni_names == ["secure.test"]
    assert tls.requests == []


# --- netguard in isolation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("8.8.8.8", "8.8.8.8"),
    ],
)
def test_ipv4_literals_are_read_like_inet_aton(host: str, address: str) -> None:
    assert str(netguard.parse_ipv4_literal(host)) == address


@pytest.mark.parametrize("host", ["1.2.3.4.5", "256.0.0.1", "08.0.0.1", "example.com", "1..2", ""])
def test_non_ipv4_literals(host: str) -> None:
    assert netguard.parse_ipv4_literal(host) is None


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "203.0.113.5",  # documentation range: reaches nothing, allowed on purpose
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ],
)
def test_public_addresses_are_not_over_blocked(address: str) -> None:
    assert netguard.is_public(netguard.ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    ["192.0.0.170", "100::1", "::ffff:0:a00:1", "64:ff9b:1::a00:1", "2001:2::1", "fc00::1"],
)
def test_special_purpose_addresses_are_blocked(address: str) -> None:
    assert not netguard.is_public(netguard.ipaddress.ip_address(address))


# --- Policy -----------------------------------------------------------------------------------


def test_policy_defaults() -> None:
    policy = FetchPolicy()
    assert (
        policy.allow,
        policy.connect_timeout,
        policy.read_timeout,
        policy.deadline,
        policy.max_bytes,
        policy.max_redirects,
    ) == ((), 5.0, 10.0, 20.0, 5 * 1024 * 1024, 5)


@pytest.mark.parametrize(
    ("environ", "allow"),
    [
        ({}, ()),
        ({"SKIM_FETCH_ALLOW": ""}, ()),
        ({"SKIM_FETCH_ALLOW": " , "}, ()),
        (
            {"SKIM_FETCH_ALLOW": " wiki.corp, 10.0.0.0/8 ,fd00::/8,127.0.0.1,"},
            ("wiki.corp", "10.0.0.0/8", "fd00::/8", "127.0.0.1"),
        ),
    ],
)
def test_policy_from_env(environ: dict[str, str], allow: tuple[str, ...]) -> None:
    assert FetchPolicy.from_env(environ).allow == allow


@pytest.mark.parametrize(
    "entry", ["10.0.0.0/33", "10.0.0.1/8", "not a host!", "http://wiki.corp", "1.2.3.999", "a..b"]
)
def test_malformed_allow_entries_are_a_one_line_error_naming_them(entry: str) -> None:
    with pytest.raises(ValueError) as caught:
        FetchPolicy.from_env({"SKIM_FETCH_ALLOW": f"wiki.corp,{entry}"})
    message = str(caught.value)
    assert repr(entry) in message and "SKIM_FETCH_ALLOW" in message and "\n" not in message


@pytest.mark.parametrize(
    "limits",
    [
        {"deadline": 0},
        {"connect_timeout": -1.0},
        {"read_timeout": float("nan")},
        {"max_bytes": 0},
        {"max_redirects": -1},
        {"user_agent": "Skim\r\nX-Injected: 1"},
        {"allow": "127.0.0.1"},
    ],
)
def test_nonsense_limits_are_refused(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        FetchPolicy(**limits)


def test_the_whole_fetch_is_one_deadline_across_redirects(server: LocalServer) -> None:
    # Each hop answers in 0.4 s, well inside the read timeout; five of them are over 1 s.
    def slow_hop(target: str) -> Any:
        def handler(h: RequestHandler) -> None:
            if not h.stopping.wait(0.4):
                redirect(target)(h)

        return handler

    for index in range(5):
        server.route(f"/h{index}", slow_hop(f"/h{index + 1}"))
    server.route("/h5", page())
    with pytest.raises(FetchTimeoutError, match="over 1 second"):
        fetch(server.url("/h0"), local(deadline=1.0, read_timeout=5.0))
    assert "/h5" not in server.paths()
