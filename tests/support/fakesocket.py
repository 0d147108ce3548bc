"""A local stand-in for Slack's Socket Mode WebSocket server.

Why hand-written: slack_sdk's builtin ``SocketModeClient`` (what Bolt's
``SocketModeHandler`` uses) speaks plain RFC 6455 over a socket; a ~200-line
server over ``socketserver`` needs no extra dev dependency and lets tests see
every frame (acks, pings, closes). It binds 127.0.0.1 only.

Flow, as with Slack: the client calls ``apps.connections.open`` on the Web API
(``FakeSlackAPI`` answers with this server's ``ws://`` URL once attached), opens
the WebSocket, receives ``hello``; the test then pushes envelopes and waits for
the client's ``{"envelope_id": ...}`` acks::

    with FakeSlackAPI() as api, FakeSocketModeServer(api) as sock:
        SocketModeHandler(app, api.app_token).connect()
        sock.wait_for_connection()
        eid = sock.push_event(event_callback(app_mention_event()))
        sock.wait_for_ack(eid)
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import socketserver
import struct
import threading
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tests.support.waiting import ChangeWaiter

if TYPE_CHECKING:
    from tests.support.fakeslack import FakeSlackAPI

__all__ = ["Ack", "FakeSocketModeServer"]

_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA

EnvelopeType = Literal["events_api", "slash_commands", "interactive"]


@dataclass
class Ack:
    """An acknowledgement the client sent: ``envelope_id`` and optional ``payload``."""

    envelope_id: str
    payload: dict[str, Any] | None
    raw: dict[str, Any]
    time: float
    latency: float | None = None  # seconds since the envelope was pushed (Slack allows 3)


class _WSConnection:
    """One accepted WebSocket: frame reading/writing with a send lock."""

    def __init__(self, sock: socket.socket, path: str) -> None:
        self.sock = sock
        self.path = path
        self.id = uuid.uuid4().hex[:8]
        self._send_lock = threading.Lock()
        self.closed = False

    def send_frame(self, opcode: int, payload: bytes) -> None:
        """Server frames are never masked (RFC 6455 5.1)."""
        n = len(payload)
        header = bytes([0x80 | opcode])
        if n < 126:
            header += bytes([n])
        elif n < 1 << 16:
            header += struct.pack("!BH", 126, n)
        else:
            header += struct.pack("!BQ", 127, n)
        with self._send_lock:
            if self.closed:
                raise ConnectionError("connection closed")
            self.sock.sendall(header + payload)

    def send_text(self, text: str) -> None:
        self.send_frame(OP_TEXT, text.encode("utf-8"))

    def _recv_exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("peer closed")
            buf += chunk
        return buf

    def read_frame(self) -> tuple[bool, int, bytes]:
        """Return ``(fin, opcode, unmasked payload)``."""
        b1, b2 = self._recv_exact(2)
        fin, opcode = bool(b1 & 0x80), b1 & 0x0F
        masked, n = bool(b2 & 0x80), b2 & 0x7F
        if n == 126:
            (n,) = struct.unpack("!H", self._recv_exact(2))
        elif n == 127:
            (n,) = struct.unpack("!Q", self._recv_exact(8))
        mask = self._recv_exact(4) if masked else b""
        data = self._recv_exact(n) if n else b""
        if masked:
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        return fin, opcode, data

    def close(self, code: int = 1000, reason: str = "") -> None:
        with contextlib.suppress(OSError, ConnectionError):
            self.send_frame(OP_CLOSE, struct.pack("!H", code) + reason.encode())
        self.abort()

    def abort(self) -> None:
        """Drop the TCP connection without a close frame (a network failure)."""
        self.closed = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self.sock.close()


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: FakeSocketModeServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _WSHandler)


class _WSHandler(socketserver.BaseRequestHandler):
    server: _TCPServer
    request: socket.socket

    def handle(self) -> None:
        owner = self.server.owner
        path = self._handshake()
        if path is None:
            return
        conn = _WSConnection(self.request, path)
        owner._register(conn)
        try:
            conn.send_text(json.dumps(owner.hello_message()))
            owner._loop(conn)
        except (ConnectionError, OSError):
            pass
        finally:
            owner._unregister(conn)
            conn.abort()

    def _handshake(self) -> str | None:
        """Read the HTTP Upgrade request and answer 101 with Sec-WebSocket-Accept."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(1024)
            if not chunk:
                return None
            data += chunk
            if len(data) > 65536:
                return None
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        key = headers.get("sec-websocket-key")
        if len(parts) < 2 or headers.get("upgrade", "").lower() != "websocket" or not key:
            self.request.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return None
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        self.request.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        return parts[1]


class FakeSocketModeServer(ChangeWaiter):
    """Fake Slack Socket Mode endpoint; see the module docstring.

    Records every text message clients send (``received``), acks (``acks``), pings
    answered (``pings``) and connections made (``connections_opened``).
    """

    def __init__(
        self,
        api: FakeSlackAPI | None = None,
        *,
        app_id: str = "A0SKIM",
        ping_interval: float | None = 0.1,
    ) -> None:
        """``ping_interval``: how often the server pings each client, as Slack does.

        Besides realism this keeps slack_sdk's builtin client responsive: it reads
        with a 3 s socket timeout while holding a lock that ``close()`` and
        reconnects need, so an idle connection makes those take up to 3 s.
        """
        self.api = api
        self.app_id = app_id
        self.ping_interval = ping_interval
        self.acks: list[Ack] = []
        self.received: list[dict[str, Any]] = []
        self.pings = 0  # pings received from clients (each answered with a pong)
        self.pongs = 0  # pongs received in answer to the server's pings
        self._retiring: list[_WSConnection] = []
        self._pushed_at: dict[str, float] = {}
        self.connections_opened = 0
        self._conns: list[_WSConnection] = []
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._version = 0  # bumped on every state change; wait_for sleeps until it moves
        self._server: _TCPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeSocketModeServer:
        """Serve on 127.0.0.1 and point ``api.apps.connections.open`` at this server."""
        if self._server is None:
            self._server = _TCPServer(self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="FakeSocketModeServer",
                daemon=True,
            )
            self._thread.start()
        if self.api is not None:
            self.api.socket_url = self.url
        return self

    def stop(self) -> None:
        """Close every connection (without a close frame) and release the port."""
        server, self._server = self._server, None
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            c.abort()
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if (
            self.api is not None
            and self.api.socket_url
            and self.api.socket_url.startswith("ws://127.0.0.1:")
        ):
            self.api.socket_url = None

    def __enter__(self) -> FakeSocketModeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """What ``apps.connections.open`` returns; a fresh ticket each time, as Slack."""
        if self._server is None:
            raise RuntimeError("FakeSocketModeServer is not started")
        port = self._server.server_address[1]
        return f"ws://127.0.0.1:{port}/link/?ticket={uuid.uuid4()}&app_id={self.app_id}"

    def hello_message(self) -> dict[str, Any]:
        with self._lock:
            n = len(self._conns)
        return {
            "type": "hello",
            "num_connections": n,
            "debug_info": {
                "host": "applink-fake-1",
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": self.app_id},
        }

    # ------------------------------------------------------------------ pushing envelopes
    @property
    def connection_count(self) -> int:
        with self._lock:
            return len(self._conns)

    def send(self, message: dict[str, Any] | str) -> None:
        """Send a raw text message to the newest connection (Slack uses one per envelope)."""
        text = message if isinstance(message, str) else json.dumps(message)
        with self._lock:
            if not self._conns:
                raise AssertionError("no Socket Mode client is connected")
            conn = self._conns[-1]
        conn.send_text(text)

    def push(
        self,
        envelope_type: EnvelopeType,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        """Send one envelope as Slack does; return its ``envelope_id``."""
        envelope_id = envelope_id or str(uuid.uuid4())
        if accepts_response_payload is None:
            accepts_response_payload = envelope_type != "events_api"
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": envelope_type,
            "accepts_response_payload": accepts_response_payload,
        }
        if envelope_type == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason
        with self._lock:
            self._pushed_at[envelope_id] = time.monotonic()
        self.send(envelope)
        return envelope_id

    def push_event(self, event_callback: dict[str, Any], **kw: Any) -> str:
        """An ``events_api`` envelope; payload is the Events API envelope (``event_callback``)."""
        return self.push("events_api", event_callback, **kw)

    def push_slash_command(self, payload: dict[str, Any], **kw: Any) -> str:
        """A ``slash_commands`` envelope; payload is the dict of slash command fields."""
        return self.push("slash_commands", payload, **kw)

    def push_interactive(self, payload: dict[str, Any], **kw: Any) -> str:
        """An ``interactive`` envelope (shortcuts, block actions, view submissions)."""
        return self.push("interactive", payload, **kw)

    def request_disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the client to reconnect, as Slack does every few hours (``type: disconnect``).

        As Slack does, the old connection is closed once the client has opened a new one.
        """
        with self._lock:
            if self._conns:
                self._retiring.append(self._conns[-1])
        self.send(
            {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake-1"}}
        )

    def close_connections(self, code: int = 1000, reason: str = "") -> None:
        """Close every connection with a close frame."""
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            c.close(code, reason)

    def drop_connections(self) -> None:
        """Kill every TCP connection without a close frame (network failure)."""
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            c.abort()

    # ------------------------------------------------------------------ waiting
    def wait_for(self, predicate: Any, timeout: float = 10, message: str = "") -> Any:
        """Block until ``predicate()`` is truthy; AssertionError with context on timeout."""
        value = self._poll(predicate, timeout)
        if value:
            return value
        with self._lock:
            summary = (
                f"connections={len(self._conns)} opened={self.connections_opened} "
                f"acks={[a.envelope_id for a in self.acks]} received={self.received[-5:]}"
            )
        raise AssertionError(f"{message or 'condition not met'} within {timeout}s; {summary}")

    def wait_for_connection(self, n: int = 1, timeout: float = 10) -> None:
        """Wait until ``n`` WebSocket connections have been opened (hello sent)."""
        self.wait_for(
            lambda: self.connections_opened >= n and self._conns,
            timeout,
            f"expected >= {n} Socket Mode connection(s)",
        )

    def wait_for_ack(self, envelope_id: str, timeout: float = 10) -> Ack:
        """Wait for the client's ack of ``envelope_id`` and return it."""

        def find() -> Ack | None:
            return next((a for a in self.acks if a.envelope_id == envelope_id), None)

        return self.wait_for(find, timeout, f"expected an ack for envelope {envelope_id}")

    # ------------------------------------------------------------------ internals
    def _notify(self) -> None:
        """Record a state change and wake waiters (caller holds the lock)."""
        self._version += 1
        self._changed.notify_all()

    def _register(self, conn: _WSConnection) -> None:
        with self._changed:
            self._conns.append(conn)
            self.connections_opened += 1
            retiring, self._retiring = self._retiring, []
            self._notify()
        for old in retiring:
            old.close(1000, "disconnect requested")
        if self.ping_interval:
            threading.Thread(
                target=self._pinger, args=(conn, self.ping_interval), daemon=True
            ).start()

    def _pinger(self, conn: _WSConnection, interval: float) -> None:
        while not conn.closed:
            time.sleep(interval)
            try:
                conn.send_frame(OP_PING, f"fake:{time.time()}".encode())
            except (ConnectionError, OSError):
                return

    def _unregister(self, conn: _WSConnection) -> None:
        with self._changed:
            if conn in self._conns:
                self._conns.remove(conn)
            self._notify()

    def _loop(self, conn: _WSConnection) -> None:
        fragments: list[bytes] = []
        frag_opcode = OP_TEXT
        while not conn.closed:
            fin, opcode, data = conn.read_frame()
            if opcode == OP_PING:
                conn.send_frame(OP_PONG, data)
                with self._changed:
                    self.pings += 1
                    self._notify()
                continue
            if opcode == OP_PONG:
                with self._changed:
                    self.pongs += 1
                    self._notify()
                continue
            if opcode == OP_CLOSE:
                code = data[:2] if len(data) >= 2 else struct.pack("!H", 1000)
                with contextlib.suppress(OSError, ConnectionError):
                    conn.send_frame(OP_CLOSE, code)
                return
            if opcode in (OP_TEXT, OP_BINARY):
                frag_opcode, fragments = opcode, [data]
            elif opcode == OP_CONT:
                fragments.append(data)
            if not fin:
                continue
            message = b"".join(fragments)
            fragments = []
            if frag_opcode == OP_TEXT:
                self._on_text(message.decode("utf-8", "replace"))

    def _on_text(self, text: str) -> None:
        try:
            msg = json.loads(text)
        except ValueError:
            msg = {"_raw": text}
        with self._changed:
            self.received.append(msg)
            if isinstance(msg, dict) and "envelope_id" in msg:
                eid = str(msg["envelope_id"])
                pushed = self._pushed_at.get(eid)
                self.acks.append(
                    Ack(
                        envelope_id=eid,
                        payload=msg.get("payload"),
                        raw=msg,
                        time=time.time(),
                        latency=None if pushed is None else time.monotonic() - pushed,
                    )
                )
            self._notify()
