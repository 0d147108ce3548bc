"""The fetch errors' sentences, in one place.

Each is written for the person who posted the link in Slack: what went wrong, in words, and
the figure that was exceeded. The bot and the CLI show them as they are.
"""

from __future__ import annotations

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
from summarizer.fetch.policy import FetchPolicy

NOT_A_WEB_ADDRESS = "That link is not a valid web address."


def seconds(value: float) -> str:
    number = f"{value:g}"
    return f"{number} second" if number == "1" else f"{number} seconds"


def size(limit: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= scale:
            return f"{limit / scale:.3g} {unit}"
    return f"{limit} bytes"


def invalid_url(url: str | None = None) -> InvalidURLError:
    return InvalidURLError(NOT_A_WEB_ADDRESS, url)


def deadline_passed(policy: FetchPolicy, url: str) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"The site took too long to answer (over {seconds(policy.deadline)}).", url
    )


def connect_timed_out(policy: FetchPolicy, url: str) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"The site did not answer within {seconds(policy.connect_timeout)}.", url
    )


def read_timed_out(policy: FetchPolicy, url: str) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"The site stopped answering (nothing for {seconds(policy.read_timeout)}).", url
    )


def read_timeout(policy: FetchPolicy, url: str, *, expired: bool) -> FetchTimeoutError:
    """A read that timed out: the whole fetch's deadline when `expired` (it cut the read)."""
    return deadline_passed(policy, url) if expired else read_timed_out(policy, url)


def insecure(url: str) -> ConnectionFailedError:
    return ConnectionFailedError(
        "Skim could not make a secure connection to the site (its certificate could not "
        "be verified).",
        url,
    )


def cannot_connect(url: str) -> ConnectionFailedError:
    return ConnectionFailedError("Skim could not connect to the site.", url)


def damaged_compression(url: str) -> ConnectionFailedError:
    return ConnectionFailedError(
        "The site sent a damaged compressed page that Skim could not unpack.", url
    )


def connection_broke(url: str) -> ConnectionFailedError:
    return ConnectionFailedError(
        "The connection to the site broke before the page was fully read.", url
    )


def too_large(policy: FetchPolicy, url: str) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The page is larger than {size(policy.max_bytes)}, which is more than Skim reads.", url
    )


def redirect_loop(url: str) -> TooManyRedirectsError:
    return TooManyRedirectsError("The site keeps redirecting in a loop, so Skim gave up.", url)


def too_many_redirects(limit: int, url: str) -> TooManyRedirectsError:
    if limit == 0:
        return TooManyRedirectsError(
            "The link redirects to another page, and Skim is set to follow no redirects.", url
        )
    times = "once" if limit == 1 else f"{limit} times"
    return TooManyRedirectsError(f"The site redirected more than {times}, so Skim gave up.", url)


def paywalled_403(url: str) -> PaywallError:
    return PaywallError(
        "The page is behind a login or a paywall, so Skim cannot read it (HTTP 403).", url
    )


def bad_status(status: int, url: str) -> FetchError:
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


#: What people call the files a link may lead to, by media type.
TYPE_NAMES = {
    "application/pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/json": "JSON data",
    "application/octet-stream": "a download",
}


def kind_of(content_type: str) -> str:
    """ "a PDF document", "an image", "a file": the media type as a person would say it."""
    kind = TYPE_NAMES.get(content_type)
    if kind is None:
        major = content_type.split("/", 1)[0]
        kind = {"image": "an image", "video": "a video", "audio": "an audio file"}.get(
            major, "a file"
        )
    return kind


def unsupported_type(content_type: str, url: str) -> UnsupportedContentTypeError:
    return UnsupportedContentTypeError(
        f"That link leads to {kind_of(content_type)} ({content_type}), not a web page or text "
        "Skim can read.",
        url,
        content_type=content_type,
    )


def unsupported_encoding(coding: str, content_type: str, url: str) -> UnsupportedContentTypeError:
    return UnsupportedContentTypeError(
        f"The site sent the page compressed as {coding!r}, which Skim cannot read.",
        url,
        content_type=content_type,
    )
