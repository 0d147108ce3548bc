"""Real HTTP(S) servers on 127.0.0.1 for the fetcher's tests, and a fake network around them.

The servers are plain `http.server` servers in a thread, bound to 127.0.0.1 on a free port,
serving only handlers the tests register. `FakeNetwork` replaces name resolution and outgoing
connections for the duration of a test: names resolve from a table the test writes, and a
connection to anything but 127.0.0.1 is recorded and refused, so no test can send a packet
(not even a DNS query) off this machine, whatever the code under test gets wrong.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"

Handler = Callable[["RequestHandler"], None]


# --- Fake network -----------------------------------------------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


@dataclass
class FakeNetwork:
    """Answers for `socket.getaddrinfo` and a gate on `socket.socket.connect`.

    names: host name -> addresses, or a callable returning them (for answers that change
        between lookups, as in DNS rebinding).
    blackholes: addresses whose connection attempts time out (after recording the timeout).
    lookups: every name looked up. connects: every (address, port) a socket tried to reach
        other than 127.0.0.1; none of those is ever really dialled.
    """

    names: dict[str, list[str] | Callable[[], list[str]]] = field(default_factory=dict)
    blackholes: set[str] = field(default_factory=set)
    lookups: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)
    connect_timeouts: list[float | None] = field(default_factory=list)

    def getaddrinfo(
        self,
        host: str | bytes | None,
        port: int | str | bytes | None,
        family: int = 0,
        type: int = 0,
        proto: int = 0,
        flags: int = 0,
    ) -> list[tuple[Any, ...]]:
        if isinstance(host, bytes):
            host = host.decode("ascii")
        if host is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        number = int(port) if port not in (None, b"", "") else 0  # type: ignore[arg-type]
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            self.lookups.append(host)
            answer = self.names.get(host.lower().rstrip("."))
            if answer is None:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            addresses = answer() if callable(answer) else list(answer)
        results: list[tuple[Any, ...]] = []
        for address in addresses:
            if ":" in address:
                results.append(
                    (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, number, 0, 0))
                )
            else:
                results.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, number)))
        return results

    def _gate(self, sock: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if host == LOOPBACK:
            return
        port = int(address[1]) if isinstance(address, tuple) and len(address) > 1 else 0
        self.connects.append((host, port))
        if host in self.blackholes:
            self.connect_timeouts.append(sock.gettimeout())
            raise TimeoutError("timed out (test black hole)")
        raise ConnectionRefusedError(111, "refused by the test network (only 127.0.0.1 is real)")

    def install(self, monkeypatch: Any) -> None:
        network = self

        def connect(sock: socket.socket, address: Any) -> None:
            network._gate(sock, address)
            _real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            try:
                network._gate(sock, address)
            except OSError as exc:
                return exc.errno or 111
            return _real_connect_ex(sock, address)

        def no_lookup(*args: Any, **kwargs: Any) -> Any:
            raise socket.gaierror(socket.EAI_NONAME, "lookups are disabled in tests")

        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
        for name in ("gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
            monkeypatch.setattr(socket, name, no_lookup)
        monkeypatch.setattr(socket, "getfqdn", lambda name="": name or "localhost")


# --- Servers ----------------------------------------------------------------------------------


class RequestHandler(BaseHTTPRequestHandler):
    """Dispatches to the handler a test registered for the path (query string ignored)."""

    server: LocalServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests.append((self.path, dict(self.headers.items())))
        handler = self.server.routes.get(path)
        if handler is None:
            self.respond(404, b"<html><body>no such test page</body></html>")
            return
        # The client hanging up mid-answer (deadline, size limit) is what many tests are about.
        with contextlib.suppress(OSError):
            handler(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def respond(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    @property
    def stopping(self) -> threading.Event:
        return self.server.stopping


class LocalServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 with per-test routes and a log of what it was asked."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        super().__init__((LOOPBACK, 0), RequestHandler)
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up early is what many tests do on purpose

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn(), a reverse DNS lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name = LOOPBACK
        self.server_port = self.server_address[1]

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "/", host: str = LOOPBACK, scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return path

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class TLSServer(LocalServer):
    """`LocalServer` over TLS with a self-signed certificate; records the SNI names it got."""

    def __init__(self, certfile: Path, keyfile: Path) -> None:
        self.sni_names: list[str | None] = []
        super().__init__()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certfile, keyfile)
        context.sni_callback = self._record_sni
        self.socket = context.wrap_socket(self.socket, server_side=True)

    def _record_sni(self, sslobj: Any, name: str | None, context: Any) -> None:
        self.sni_names.append(name)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client rejecting our self-signed certificate is expected


class DripServer(socketserver.ThreadingTCPServer):
    """A bare TCP server on 127.0.0.1 that answers every connection with `data`, one byte
    every `every` seconds, whatever the client says: for stalls below HTTP (a TLS handshake
    that never completes)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, data: bytes, every: float) -> None:
        self.data = data
        self.every = every
        self.stopping = threading.Event()
        self.connections = 0
        super().__init__((LOOPBACK, 0), _DripHandler)
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def __enter__(self) -> DripServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class _DripHandler(socketserver.BaseRequestHandler):
    server: DripServer

    def handle(self) -> None:
        self.server.connections += 1
        with contextlib.suppress(OSError):
            for index in range(len(self.server.data)):
                if self.server.stopping.wait(self.server.every):
                    return
                self.request.sendall(self.server.data[index : index + 1])
            self.server.stopping.wait(30)


def self_signed_certificate(hostname: str, directory: Path) -> tuple[Path, Path]:
    """Write a throwaway self-signed certificate for `hostname` and its key, with the openssl
    command line tool (the tests skip when it is missing)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise FileNotFoundError("openssl")
    certfile = directory / "cert.pem"
    keyfile = directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(keyfile),
            "-out",
            str(certfile),
            "-days",
            "2",
            "-subj",
            f"/CN={hostname}",
            "-addext",
            f"subjectAltName=DNS:{hostname}",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return certfile, keyfile


def running(server: LocalServer) -> Iterator[LocalServer]:
    """For fixtures: start, yield, always stop."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


__all__ = [
    "LOOPBACK",
    "DripServer",
    "FakeNetwork",
    "LocalServer",
    "RequestHandler",
    "TLSServer",
    "running",
    "self_signed_certificate",
]
