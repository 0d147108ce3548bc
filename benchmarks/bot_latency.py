"""Ack latency and event-to-reply latency of the Slack app, against the local fake Slack.

    python benchmarks/bot_latency.py [--rounds 4] [--concurrency 50] [--no-dev-server]

What it measures, for the production server (waitress, as `python -m bot` serves HTTP mode)
and, side by side, Bolt's development server (`app.start()`'s http.server):

- ack latency: `--rounds` bursts of `--concurrency` signed `message` events sent at the same
  instant (a barrier releases the client threads together), each sharing a link; time from
  sending to the HTTP answer. Refused or reset connections are counted, not timed.
- event-to-reply latency for a cached URL: from sending the event to the moment the fake Web
  API received the threaded chat.postMessage, measured both under the bursts and for events
  sent one at a time.
- exactly once: every accepted event got exactly one reply in its thread, and no event that
  was refused got one.

Targets (issue 4): ack p99 < 100 ms; cached reply < 50 ms after the event.
Everything runs on 127.0.0.1: the bot, the fake Slack Web API, the article server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakeslack import FakeSlackAPI  # noqa: E402
from tests.slackclient import event_callback, message_event, sign  # noqa: E402

SECRET = "benchmark-signing-secret"
ARTICLE = (ROOT / "tests" / "fixtures" / "bot" / "article.html").read_bytes()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def article_server() -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/article"


@dataclass
class Sent:
    channel: str
    ts: str
    start: float
    end: float = 0.0
    status: int | None = None
    error: str | None = None

    @property
    def ack_ms(self) -> float:
        return (self.end - self.start) * 1000


@dataclass
class Result:
    name: str
    burst: list[Sent] = field(default_factory=list)
    serial: list[Sent] = field(default_factory=list)
    reply_ms_burst: list[float] = field(default_factory=list)
    reply_ms_serial: list[float] = field(default_factory=list)
    exactly_once: bool = False
    problems: list[str] = field(default_factory=list)


def send(port: int, channel: str, url: str) -> Sent:
    event = message_event(f"worth reading <{url}>", channel=channel)
    body = json.dumps(event_callback(event)).encode()
    headers = {"Content-Type": "application/json", **sign(body, secret=SECRET)}
    sent = Sent(channel=channel, ts=event["ts"], start=time.time())
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/slack/events", body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        sent.status = resp.status
        conn.close()
    except OSError as e:
        sent.error = type(e).__name__
    sent.end = time.time()
    return sent


def burst(port: int, n: int, url: str, tag: str) -> list[Sent]:
    barrier = threading.Barrier(n)
    results: list[Sent | None] = [None] * n

    def worker(i: int) -> None:
        barrier.wait()
        results[i] = send(port, f"C{tag}{i:03d}", url)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [r for r in results if r is not None]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


DEV_SERVER = """
import os
from bot.app import build_app, build_deps
from bot.config import Config
config = Config.from_env(os.environ)
deps = build_deps(config)
app = build_app(config, deps)
deps.runner.resume_pending()
app.start(port=config.port, path="/slack/events")
"""


def pending(db: Path) -> int:
    """Unanswered jobs, read straight from the bot's SQLite store (WAL allows a reader)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT COUNT(*) FROM jobs WHERE state = 'pending'").fetchone()
            return int(row[0])
    except sqlite3.OperationalError:
        return -1


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def run(
    name: str, command: list[str], *, rounds: int, concurrency: int, serial: int, url: str
) -> Result:
    """Start the bot as its own process, as in production (the client threads and the fake
    Slack here do not share its interpreter), send the events, then check the replies."""
    result = Result(name)
    with FakeSlackAPI() as fake, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "skim.db"
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT),
            "SLACK_BOT_TOKEN": fake.token, "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url, "SKIM_DB": str(db), "SKIM_FETCH_ALLOW": "127.0.0.1",
            "HOST": "127.0.0.1", "PORT": str(port), "SKIM_USER_LIMIT": "10000",
            "LOG_LEVEL": "ERROR",
        }  # fmt: skip
        log = (Path(tmp) / "bot.log").open("wb")
        proc = subprocess.Popen(command, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            fake.wait_for(lambda: listening(port), 30, f"the {name} server to listen")

            def idle() -> bool:
                return pending(db) == 0

            warm = send(port, "CWARM", url)  # fills the URL cache; not measured
            assert warm.status == 200, warm
            fake.wait_for(idle, 30, "the warm-up job")
            for r in range(rounds):
                result.burst += burst(port, concurrency, url, f"B{r}")
                fake.wait_for(idle, 60, "the burst's jobs")
            for i in range(serial):
                result.serial.append(send(port, f"CS{i:03d}", url))
                fake.wait_for(idle, 30, "a serial job")
        except AssertionError:
            log.flush()
            print((Path(tmp) / "bot.log").read_text()[-2000:], file=sys.stderr)
            raise
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            log.close()
        posts: dict[tuple[str, str], list[float]] = {}
        for call in fake.calls_to("chat.postMessage"):
            if call.ok:
                key = (str(call.params["channel"]), str(call.params.get("thread_ts")))
                posts.setdefault(key, []).append(call.time)
        ok = True
        for group, out in (
            (result.burst, result.reply_ms_burst),
            (result.serial, result.reply_ms_serial),
        ):
            for s in group:
                got = posts.get((s.channel, s.ts), [])
                if s.status == 200 and len(got) == 1:
                    out.append((got[0] - s.start) * 1000)
                elif s.status == 200 or got:
                    ok = False
                    result.problems.append(f"{s.channel} {s.status}: {len(got)} replies")
        result.exactly_once = ok
    return result


EMPTY_APP = """
import sys
from waitress import serve
def app(environ, start_response):
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Length", "0")])
    return [b""]
serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=8, _quiet=True)
"""


def harness_floor(rounds: int, concurrency: int) -> list[float]:
    """Ack latency of an empty WSGI app on waitress under the same bursts: what this client,
    on this machine, measures when the server does no work at all."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", EMPTY_APP, str(port)],
                            stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not listening(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        return [s.ack_ms for r in range(rounds) for s in burst(port, concurrency, "", f"F{r}")]
    finally:
        proc.terminate()
        proc.wait(10)


def acked(r: Result) -> list[float]:
    return [s.ack_ms for s in r.burst if s.status == 200]


def report(results: list[Result], concurrency: int, floor: list[float]) -> None:
    print(f"\n{'server':<34}{'production (waitress)':>24}{'Bolt dev server':>20}")
    rows: list[tuple[str, Callable[[Result], str]]] = [
        ("events sent in bursts", lambda r: f"{len(r.burst)}"),
        ("  refused/reset", lambda r: f"{sum(1 for s in r.burst if s.status != 200)}"),
        ("  ack p50 (ms)", lambda r: f"{pct(acked(r), 50):.1f}"),
        ("  ack p99 (ms)", lambda r: f"{pct(acked(r), 99):.1f}"),
        ("  ack max (ms)", lambda r: f"{max(acked(r) or [0]):.1f}"),
        ("  cached reply p50 (ms)", lambda r: f"{pct(r.reply_ms_burst, 50):.1f}"),
        ("  cached reply p99 (ms)", lambda r: f"{pct(r.reply_ms_burst, 99):.1f}"),
        ("events sent one at a time", lambda r: f"{len(r.serial)}"),
        ("  ack median (ms)", lambda r: f"{statistics.median([s.ack_ms for s in r.serial]):.1f}"),
        ("  cached reply median (ms)", lambda r: f"{pct(r.reply_ms_serial, 50):.1f}"),
        ("  cached reply p99 (ms)", lambda r: f"{pct(r.reply_ms_serial, 99):.1f}"),
        ("every accepted event answered once", lambda r: "yes" if r.exactly_once else "NO"),
    ]  # fmt: skip
    for label, cell in rows:
        cells = [cell(r) for r in results]
        print(f"{label:<34}" + "".join(f"{c:>24}" if i == 0 else f"{c:>20}"
                                       for i, c in enumerate(cells)))  # fmt: skip
    prod = results[0]
    acks = acked(prod)
    print(f"\ntargets (production, {concurrency} concurrent): ack p99 < 100 ms: "
          f"{'met' if pct(acks, 99) < 100 else 'NOT met'}; cached reply < 50 ms (one at a time, "
          f"median): {'met' if pct(prod.reply_ms_serial, 50) < 50 else 'NOT met'}")  # fmt: skip
    print(f"harness floor (empty WSGI app on waitress, same bursts): p50 {pct(floor, 50):.1f} ms, "
          f"p99 {pct(floor, 99):.1f} ms")  # fmt: skip
    for r in results:
        for p in r.problems[:5]:
            print(f"  {r.name}: {p}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--serial", type=int, default=30)
    parser.add_argument("--no-dev-server", action="store_true")
    args = parser.parse_args()
    articles, url = article_server()
    kw = {"rounds": args.rounds, "concurrency": args.concurrency, "serial": args.serial, "url": url}
    results = [run("production", [sys.executable, "-m", "bot"], **kw)]
    if not args.no_dev_server:
        results.append(run("dev", [sys.executable, "-c", DEV_SERVER], **kw))
    articles.shutdown()
    floor = harness_floor(args.rounds, args.concurrency)
    report(results, args.concurrency, floor)
    return 0 if results[0].exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())
