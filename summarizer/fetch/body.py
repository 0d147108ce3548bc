"""Reading a response body within the policy's limits: bounded pieces, inflated as they come.

The byte budget is counted on the *decompressed* body, so a small gzip that inflates to
gigabytes stops at the limit having cost at most one piece of memory more.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import requests
from urllib3 import exceptions as urllib3_exceptions

from summarizer.fetch import messages
from summarizer.fetch.deadline import Deadline
from summarizer.fetch.decode import media_type
from summarizer.fetch.policy import FetchPolicy

#: Bytes read from the socket at a time, and the most one inflate step may produce.
CHUNK = 64 * 1024


class Inflater:
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
            out = self._decompressor.decompress(data, CHUNK)
            data = (
                self._decompressor.unused_data
                if self._decompressor.eof
                else self._decompressor.unconsumed_tail
            )
            if out:
                yield out
        while self._decompressor is not None and not self._decompressor.eof:
            out = self._decompressor.decompress(b"", CHUNK)  # output zlib still holds
            if not out:
                break
            yield out

    def close(self) -> None:
        """Raise `zlib.error` if the compressed stream stopped before its end: what came so
        far may be any part of the page, so it is not passed off as the page."""
        if self._decompressor is None or not self._decompressor.eof:
            raise zlib.error("compressed stream ended early")


def read_body(
    response: requests.Response,
    policy: FetchPolicy,
    deadline: Deadline,
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
        inflater = Inflater(coding)
    else:
        content_type = media_type(response.headers.get("Content-Type"))[0]
        raise messages.unsupported_encoding(coding, content_type, url)
    body = bytearray()
    try:
        for chunk in response.raw.stream(CHUNK, decode_content=False):
            pieces = inflater.feed(chunk) if inflater is not None else (chunk,)
            for piece in pieces:
                body += piece
                if len(body) > limit:
                    if strict:
                        raise messages.too_large(policy, url)
                    return bytes(body[:limit])
            if deadline.expired:
                raise messages.deadline_passed(policy, url)
        if inflater is not None and strict and not deadline.expired:
            inflater.close()
    except zlib.error:
        raise messages.damaged_compression(url) from None
    except (urllib3_exceptions.ReadTimeoutError, TimeoutError):
        raise messages.read_timeout(policy, url, expired=deadline.expired) from None
    except (urllib3_exceptions.HTTPError, requests.RequestException, OSError):
        if deadline.expired:
            raise messages.deadline_passed(policy, url) from None
        if not strict:
            return bytes(body)
        raise messages.connection_broke(url) from None
    if deadline.expired:  # the watchdog cut a body whose end is "connection closed"
        raise messages.deadline_passed(policy, url)
    return bytes(body)
