"""fetch(): pages, redirects and HTTP statuses, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from summarizer import FetchPolicy, Page, fetch
from summarizer.errors import (
    BlockedAddressError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    PaywallError,
    TooManyRedirectsError,
)
from tests.summarizer.fetch.serving import HTML, local, page, redirect
from tests.support.httpservers import (
    LOOPBACK,
    FakeNetwork,
    LocalServer,
    RequestHandler,
)


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
