"""Shared machinery for the bot's end-to-end tests.

What runs is what `python -m bot` runs: `build_deps`/`build_app` from a `Config` made from
environment variables, served by the same waitress server object (`create_http_server`) in a
thread on 127.0.0.1 port 0, talking through a real `slack_sdk.WebClient` to `FakeSlackAPI`
via `SLACK_API_URL`. Articles come from `ArticleServer`, a local `ThreadingHTTPServer` with
pages written for these tests. Nothing here contacts any address but 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.request import urlopen

from bot.app import build_app, build_deps
from bot.config import Config
from bot.deps import Deps
from bot.pipeline import Pipeline
from bot.server import create_http_server, stop_http_server
from bot.workers import summarize_text_task, summarize_url_task
from summarizer.fetch.policy import FetchPolicy
from tests.support.fakeslack import FakeSlackAPI
from tests.support.slackclient import event_callback, signed_post

SECRET = "test-signing-secret-5f1c2a"
REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "bot"
MULTINEWS = REPO / "tests" / "fixtures" / "multinews-example.txt"
#: The title of the article in fixtures/bot/article.html.
TITLE = "Night trains return to the valley after twelve years"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def slack_escape(text: str) -> str:
    """Text as Slack delivers what a person typed: `&`, `<`, `>` escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- article server ---------------------------------------------------------------------------


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    gate: threading.Event | None = None  # held until set: a deliberately slow server
    delay: float = 0.0


@dataclass
class ArticleServer:
    """Serves `pages` by path on 127.0.0.1 and counts the requests for each path."""

    pages: dict[str, Page] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def start(self) -> ArticleServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with owner._changed:
                    owner.hits[path] = owner.hits.get(path, 0) + 1
                    owner._changed.notify_all()
                page = owner.pages.get(path) or Page(b"<html><body>not here</body></html>", 404)
                if page.gate is not None:
                    page.gate.wait(30)
                if page.delay:
                    time.sleep(page.delay)
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    self.wfile.write(page.body)
                except OSError:
                    pass  # the client gave up (a timeout test, a killed bot)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            for page in self.pages.values():
                if page.gate is not None:
                    page.gate.set()
            self._server.shutdown()
            self._server.server_close()

    def add(self, path: str, body: str | bytes, **kw: Any) -> str:
        self.pages[path] = Page(body.encode() if isinstance(body, str) else body, **kw)
        return self.url(path)

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def wait_for_hit(self, path: str, n: int = 1, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.hits.get(path, 0) < n:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{path} was not requested {n} time(s) in {timeout}s")
                self._changed.wait(remaining)


# --- the running bot --------------------------------------------------------------------------


def real_pipeline(deadline: float = 3.0) -> Pipeline:
    """The real summarizer in this process, run as the worker processes run it (the same
    tasks, the default reply length and its Shorter / Longer lengths), allowed to fetch
    127.0.0.1 and nothing else private."""
    policy = FetchPolicy(
        allow=("127.0.0.1",), deadline=deadline, read_timeout=deadline, connect_timeout=1.0
    )
    config = Config(bot_token="", signing_secret="")
    words, lengths = config.reply_words, config.reply_lengths
    return Pipeline(
        summarize_text=lambda text: summarize_text_task(text, words, lengths),
        summarize_url=lambda url: summarize_url_task(url, policy, words, lengths),
    )


def bot_env(fake: FakeSlackAPI, db: Path, **extra: str) -> dict[str, str]:
    """The environment `python -m bot` would be given for these tests."""
    return {
        "SLACK_BOT_TOKEN": fake.token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "SKIM_DB": str(db),
        "SKIM_FETCH_ALLOW": "127.0.0.1",
        "HOST": "127.0.0.1",
        "PORT": "0",
        **extra,
    }


@dataclass
class RunningBot:
    fake: FakeSlackAPI
    config: Config
    deps: Deps
    url: str
    base: str

    def post(self, body: str | dict[str, Any], **kw: Any) -> tuple[int, str, dict[str, str]]:
        return signed_post(self.url, body, secret=kw.pop("secret", SECRET), **kw)

    def event(self, event: dict[str, Any], **kw: Any) -> int:
        status, text, _ = self.post(event_callback(event), **kw)
        assert status == 200, text
        return status

    def form(self, body: str, **kw: Any) -> tuple[int, str]:
        status, text, _ = self.post(body, content_type="application/x-www-form-urlencoded", **kw)
        return status, text

    def idle(self, timeout: float = 15) -> None:
        """Wait until every accepted job has been answered (or given up)."""
        self.fake.wait_for(
            lambda: self.deps.store.count_pending() == 0, timeout, "jobs still pending"
        )

    def job_state(self, channel: str, key: str) -> str | None:
        """The stored state of a job; None if it was never stored."""
        return self.deps.store.job_state(channel, key)

    def get(self, path: str) -> tuple[int, dict[str, Any]]:
        with urlopen(self.base + path, timeout=5) as resp:
            return resp.status, json.loads(resp.read())


@contextmanager
def running_bot(
    fake: FakeSlackAPI,
    db: Path,
    *,
    pipeline: Pipeline | None = None,
    **env: str,
) -> Iterator[RunningBot]:
    config = Config.from_env(bot_env(fake, db, **env))
    deps = build_deps(config, pipeline=pipeline or real_pipeline())
    app = build_app(config, deps)
    server = create_http_server(app, deps.store, host=config.host, port=config.port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deps.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        yield RunningBot(fake=fake, config=config, deps=deps, url=base + "/slack/events", base=base)
    finally:
        stop_http_server(server)
        thread.join(5)
        deps.stop(wait=True)
        deps.store.close()


def thread_replies(fake: FakeSlackAPI, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """The bot's messages in a thread (the parent excluded)."""
    return [m for m in fake.posts(channel) if m.get("thread_ts") == thread_ts]


def context_text(message: dict[str, Any]) -> str:
    """The text of a reply's last context line (site, word counts)."""
    contexts = [b for b in message.get("blocks") or [] if b["type"] == "context"]
    return str(contexts[-1]["elements"][0]["text"]) if contexts else ""


def buttons(message: dict[str, Any]) -> dict[str, str]:
    """A message's buttons: label -> action_id."""
    return {
        el["text"]["text"]: el["action_id"]
        for b in message.get("blocks") or []
        if b["type"] == "actions"
        for el in b["elements"]
        if el.get("type") == "button"
    }


def all_text(message: dict[str, Any]) -> str:
    """Every piece of text in a message: fallback and block texts, for assertions."""
    parts = [message.get("text") or ""]
    for block in message.get("blocks") or []:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(text.get("text", ""))
        for el in block.get("elements") or []:
            if isinstance(el, dict) and "text" in el:
                parts.append(str(el["text"]))
    return "\n".join(parts)


# --- the bot as a process ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def bot_process(env: dict[str, str], workdir: Path, name: str) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m bot` with only `env` (plus PATH), run in `workdir` so no `.env` is read."""
    log = (workdir / f"{name}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=workdir,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO), **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        log.close()


def wait_healthy(fake: FakeSlackAPI, proc: subprocess.Popen[bytes], port: int) -> None:
    def up() -> bool:
        assert proc.poll() is None, "the bot exited during start-up"
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as resp:
                return resp.status == 200
        except OSError:
            return False

    fake.wait_for(up, 20, "the bot's /healthz")


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (Linux /proc), e.g. the bot's summarizer workers."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def job_states(db: Path) -> list[str]:
    """The state of every job in the SQLite store at `db`, read as an operator would."""
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT state FROM jobs")]
