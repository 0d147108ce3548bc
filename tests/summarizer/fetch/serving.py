"""Responses the fetch tests' servers give: pages, redirects, raw bytes, a drip."""

from __future__ import annotations

from typing import Any

from summarizer import FetchPolicy
from tests.support.httpservers import (
    LOOPBACK,
    RequestHandler,
)

HTML = (
    "<!doctype html><html><head><title>Grüße</title></head>"
    "<body><p>A naïve café article, with “quotes” and 日本語.</p></body></html>"
)


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
