"""Time limits: connect and read timeouts, and one deadline for the whole fetch."""

from __future__ import annotations

import pytest

from summarizer import FetchPolicy, fetch
from summarizer.errors import (
    FetchTimeoutError,
)
from tests.summarizer.fetch.serving import drip, local, raw
from tests.support.httpservers import (
    LOOPBACK,
    DripServer,
    FakeNetwork,
    LocalServer,
    RequestHandler,
)

# Each test waits for a timeout or a deadline to pass on a real socket.
pytestmark = pytest.mark.slow


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
