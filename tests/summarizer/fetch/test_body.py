"""Reading the body: the size limit counted after decompression, gzip and deflate, gzip bombs."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from typing import Any

import pytest

from summarizer import fetch
from summarizer.errors import (
    ConnectionFailedError,
    ResponseTooLargeError,
    UnsupportedContentTypeError,
)
from tests.summarizer.fetch.serving import HTML, local, page, raw
from tests.support.httpservers import (
    LocalServer,
    RequestHandler,
)


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
