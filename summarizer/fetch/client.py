"""`fetch()`: a web page someone posted in Slack, without letting the link turn Skim against its
own network.

The dangers are the ones of any server that fetches user-supplied URLs: server-side request
forgery (a link to the metadata service or to an internal host, directly, by a redirect, or by a
DNS answer that changes between the check and the connection), and resource exhaustion (a
server that never finishes, a body that never ends, a small gzip that inflates to gigabytes).
So the client:

* follows redirects itself and checks every hop with `netguard`;
* connects to exactly the address it checked (`transport`), while the Host header, TLS SNI and
  certificate verification still use the real host name;
* bounds everything: connect and read timeouts per socket operation, one wall-clock deadline
  for the whole fetch (`deadline`), and a byte budget counted on the *decompressed* body
  (`body`);
* turns every failure into one of the `FetchError` classes, with a message a Slack user can
  read (`messages`).

This module is the session side of that split (as requests has sessions and adapters): the
redirect loop, the cookies that make a redirect not a loop, and the checks on the final answer.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import requests

from summarizer.errors import ConnectionFailedError, FetchError
from summarizer.fetch import messages, netguard, transport, urls
from summarizer.fetch.body import read_body
from summarizer.fetch.deadline import Deadline
from summarizer.fetch.decode import HTML_TYPES, TEXT_TYPES, decode, media_type, sniff
from summarizer.fetch.policy import FetchPolicy, Page

__all__ = ["fetch"]

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A 403 whose page talks about logging in or subscribing is a paywall, not a refusal.
_PAYWALL_SCAN_BYTES = 64 * 1024
_PAYWALL_MARKERS = re.compile(
    rb"paywall|subscribe|subscription|subscriber|sign[ -]?in|log[ -]?in|members[ -]only"
    rb"|create an account|register to (?:continue|read)",
    re.IGNORECASE,
)


def fetch(url: str, policy: FetchPolicy | None = None) -> Page:
    """Fetch `url` as a web page or plain text, under `policy` (defaults if None).

    Raises a `FetchError` subclass for every expected failure; its message can be shown to
    the person who posted the link as is.
    """
    policy = policy or FetchPolicy()
    if not isinstance(url, str):
        raise messages.invalid_url()
    with Deadline(policy.deadline) as deadline, requests.Session() as session:
        session.trust_env = False  # no proxies, .netrc or CA overrides from the environment
        try:
            return _follow(url, policy, session, deadline)
        except FetchError as error:
            if deadline.expired and isinstance(error, ConnectionFailedError):
                raise messages.deadline_passed(policy, url) from error
            if error.url is None:
                error.url = url  # errors raised by netguard know the host, not the link
            raise


def _follow(url: str, policy: FetchPolicy, session: requests.Session, deadline: Deadline) -> Page:
    """Each hop: check its URL and addresses, send, then follow the redirect or read the page."""
    current = url
    redirects = 0
    seen: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()
    while True:
        target = urls.target(current)
        addresses = netguard.checked_addresses(
            target.host, target.port, policy.allowlist, redirected=redirects > 0
        )
        seen.add((target.url, _cookie_state(session)))
        response = transport.send(session, target, addresses, policy, deadline, url)
        try:
            location = (
                session.get_redirect_target(response)
                if response.status_code in _REDIRECT_STATUSES
                else None
            )
            if location:
                following = urljoin(target.url, location)
                if (urls.sent_form(following), _cookie_state(session)) in seen:
                    raise messages.redirect_loop(url)
                if redirects >= policy.max_redirects:
                    raise messages.too_many_redirects(policy.max_redirects, url)
                redirects += 1
                current = following
                continue
            return _page(response, target, policy, deadline, url)
        finally:
            response.close()


def _cookie_state(session: requests.Session) -> tuple[tuple[str, ...], ...]:
    """Cookies are part of a redirect's identity: A -> A after setting a cookie is a common
    cookie check, not a loop; A -> A with nothing changed is."""
    return tuple(sorted((c.domain, c.path, c.name, c.value or "") for c in session.cookies))


def _page(
    response: requests.Response,
    target: urls.Target,
    policy: FetchPolicy,
    deadline: Deadline,
    url: str,
) -> Page:
    """The final answer as a `Page`, or the error that says why it is not one."""
    status = response.status_code
    if status == 403:
        peek = read_body(response, policy, deadline, url, _PAYWALL_SCAN_BYTES, strict=False)
        if _PAYWALL_MARKERS.search(peek):
            raise messages.paywalled_403(url)
    if not 200 <= status <= 299 or status in (204, 205):
        raise messages.bad_status(status, url)

    declared, params = media_type(response.headers.get("Content-Type"))
    if declared and declared not in TEXT_TYPES:
        raise messages.unsupported_type(declared, url)
    length = response.headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > policy.max_bytes:
        raise messages.too_large(policy, url)  # refused before a byte of the body is read

    body = read_body(response, policy, deadline, url, policy.max_bytes)
    content_type = declared or sniff(body)
    if content_type not in TEXT_TYPES:
        raise messages.unsupported_type(content_type, url)
    is_html = content_type in HTML_TYPES
    text, encoding = decode(body, params.get("charset"), is_html)
    return Page(
        url=target.url,
        requested_url=url,
        status=status,
        content_type=content_type,
        encoding=encoding,
        text=text,
        is_html=is_html,
    )
