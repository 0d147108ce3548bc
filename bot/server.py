"""HTTP mode's production server: waitress serving Bolt's WSGI adapter, plus `/healthz`.

Why waitress: Bolt's `app.start()` is `http.server` answering one request at a time (with 50
concurrent events it refused or reset connections and acked at a median of 1 s). Waitress is a
pure-Python, well-kept (Pylons project) multi-threaded WSGI server with no C extensions and no
fork: it runs in this one process, next to the worker pool and the SQLite store the listeners
share, which a pre-forking server (gunicorn's several workers) would split apart. Its
asynchronous front accepts every connection at once and queues requests for its threads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from bot.store import Store

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def wsgi_app(app: App, store: Store) -> WSGIApp:
    """Slack's requests to Bolt; `GET /healthz` answers whether the store can be read."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in (
            "GET",
            "HEAD",
        ):
            try:
                body = {"ok": True, "pending_jobs": store.count_pending()}
                status = "200 OK"
            except Exception:
                body, status = {"ok": False}, "503 Service Unavailable"
            data = json.dumps(body).encode()
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
            )
            return [data]
        return slack(environ, start_response)

    return application


def create_http_server(app: App, store: Store, *, host: str, port: int, threads: int = 8) -> Any:
    """A waitress server bound to host:port (port 0: any free port, see `.effective_port`).

    Call `.run()` to serve (blocks) and `.close()` to stop.
    """
    return create_server(
        wsgi_app(app, store),
        host=host,
        port=port,
        threads=threads,
        # Slack sends small JSON bodies; anything large is not Slack.
        max_request_body_size=1_048_576,
        ident="skim",
        clear_untrusted_proxy_headers=True,
    )


def stop_http_server(server: Any) -> None:
    """Stop a server whose `.run()` is in another thread.

    Waitress's socket map belongs to its loop thread; closing sockets from outside can leave
    the loop polling a closed descriptor. The trigger runs the close inside the loop instead,
    which then finds nothing left to serve and returns.
    """

    def close_everything() -> None:
        server.task_dispatcher.shutdown()
        wasyncore.close_all(server._map)

    server.trigger.pull_trigger(close_everything)
