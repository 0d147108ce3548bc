"""The transport: one hop's request, sent to exactly the address that `netguard` approved.

requests splits a client into sessions (redirects, cookies) and adapters (connections); this is
the adapter side. A link is attacker input, and a DNS answer can change between the check and
the connection (DNS rebinding), so the connection classes below dial the checked addresses
themselves instead of resolving the host name again. Everything else (Host header, TLS SNI,
certificate verification) keeps using the real host name, so HTTPS stays verified against the
real site. `send` maps every transport failure to a `FetchError` with a sentence for the user.
"""

from __future__ import annotations

import socket
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3 import exceptions as urllib3_exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool

from summarizer.errors import InvalidURLError
from summarizer.fetch import messages
from summarizer.fetch.deadline import Deadline
from summarizer.fetch.netguard import IPAddress
from summarizer.fetch.policy import FetchPolicy
from summarizer.fetch.urls import Target

_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"


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
        skim_addresses: tuple[IPAddress, ...],
        skim_deadline: Deadline,
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
        skim_addresses: tuple[IPAddress, ...],
        skim_deadline: Deadline,
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

    def __init__(self, addresses: tuple[IPAddress, ...], deadline: Deadline) -> None:
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


def send(
    session: requests.Session,
    target: Target,
    addresses: tuple[IPAddress, ...],
    policy: FetchPolicy,
    deadline: Deadline,
    url: str,
) -> requests.Response:
    """GET `target` from `addresses`, headers only (the body is streamed by the caller); no
    redirect is followed here, the client decides each hop."""
    adapter = _PinnedAdapter(addresses, deadline)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    request = requests.Request(
        "GET",
        target.url,
        headers={
            "User-Agent": policy.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        },
    )
    remaining = deadline.remaining()
    if remaining <= 0:
        raise messages.deadline_passed(policy, url)
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
            raise messages.deadline_passed(policy, url) from None
        raise messages.connect_timed_out(policy, url) from None
    except requests.ReadTimeout:
        raise messages.read_timeout(policy, url, expired=deadline.expired) from None
    except requests.exceptions.SSLError:
        raise messages.insecure(url) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader):
        raise messages.invalid_url(url) from None
    except (requests.RequestException, urllib3_exceptions.HTTPError, OSError):
        if deadline.expired:
            raise messages.deadline_passed(policy, url) from None
        raise messages.cannot_connect(url) from None
