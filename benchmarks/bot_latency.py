"""Ack latency and event-to-reply latency of the Slack app, against the local fake Slack.

    python -m benchmarks.bot_latency [--rounds 4] [--concurrency 50] [--no-dev-server]
                                     [--real 40] [--only-real] [--presses 100]

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

- acks under real summarization load (`--real N`, production only): N events each sharing a
  distinct, uncached link to a long article (the multi-news example as one page) are sent at
  once, so the bot fetches, extracts and runs LexRank N times; while those jobs run, bursts of
  `--concurrency / 5` events with the cached link are sent back to back and their acks timed.
  This is what Slack sees while the bot is busy summarizing.

- Shorter / Longer (`--presses N`, production only; `benchmarks/presses.py`): N presses one at
  a time, from the press to its `chat.update`, then `--rounds` bursts of `--concurrency`
  presses, their acks.

Targets (issue 4): ack p99 < 100 ms; cached reply < 50 ms after the event. Issue 11: press to
chat.update p50 / p99 < 100 ms; ack p99 of 50 concurrent presses < 100 ms.
Everything runs on 127.0.0.1: the bot, the fake Slack Web API, the article server.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
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

from benchmarks.harness import free_port, listening, pct
from benchmarks.presses import measure_presses, report_presses
from tests.support.fakeslack import FakeSlackAPI
from tests.support.slackclient import event_callback, message_event, sign

ROOT = Path(__file__).resolve().parents[1]

SECRET = "benchmark-signing-secret"
ARTICLE = (ROOT / "tests" / "fixtures" / "bot" / "article.html").read_bytes()
LONG_TITLE = "Three reports on one story"


def long_article() -> bytes:
    """A long article page (the multi-news example's three texts as paragraphs): what a real
    uncached summary costs, about ten times the small fixture."""
    text = (ROOT / "tests" / "fixtures" / "multinews-example.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for doc in text.split("|||||") for p in doc.split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{LONG_TITLE}'
        f"</title></head><body><main><article><h1>{LONG_TITLE}</h1>\n{body}</article></main>"
        "</body></html>"
    ).encode()


LONG_ARTICLE = long_article()


def article_server() -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            page = LONG_ARTICLE if self.path.startswith("/long/") else ARTICLE
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

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
    real: list[Sent] = field(default_factory=list)  # events with uncached links
    probes: list[Sent] = field(default_factory=list)  # acks timed while those ran
    real_seconds: float = 0.0  # from the uncached events' send until all were answered
    real_summaries: int = 0  # replies to them that are the long article's summary


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


def burst(port: int, n: int, url: str | Callable[[int], str], tag: str) -> list[Sent]:
    """`n` events sent at the same instant; `url` may be one link or one per event."""
    barrier = threading.Barrier(n)
    results: list[Sent | None] = [None] * n

    def worker(i: int) -> None:
        link = url(i) if callable(url) else url
        barrier.wait()
        results[i] = send(port, f"C{tag}{i:03d}", link)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [r for r in results if r is not None]


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


def pending(db: Path, channel_prefix: str = "") -> int:
    """Unanswered jobs, read straight from the bot's SQLite store (WAL allows a reader)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND channel LIKE ?",
                (channel_prefix + "%",),
            ).fetchone()
            return int(row[0])
    except sqlite3.OperationalError:
        return -1


def run(
    name: str,
    command: list[str],
    *,
    rounds: int,
    concurrency: int,
    serial: int,
    url: str,
    real: int = 0,
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
            if real:
                base = url.rsplit("/", 1)[0]
                started = time.time()
                result.real = burst(port, real, lambda i: f"{base}/long/{i:04d}", "R")
                probe = 0
                while pending(db, "CR") > 0 and time.time() - started < 300:
                    result.probes += burst(port, max(1, concurrency // 5), url, f"P{probe:03d}")
                    probe += 1
                fake.wait_for(lambda: pending(db, "CR") == 0, 60, "the uncached jobs")
                result.real_seconds = time.time() - started
                fake.wait_for(idle, 60, "the probes' jobs")
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
        texts: dict[tuple[str, str], list[str]] = {}
        for call in fake.calls_to("chat.postMessage"):
            if call.ok:
                key = (str(call.params["channel"]), str(call.params.get("thread_ts")))
                texts.setdefault(key, []).append(str(call.params.get("text") or ""))
        result.real_summaries = sum(
            1 for s in result.real if any(LONG_TITLE in t for t in texts.get((s.channel, s.ts), []))
        )
        probe_replies: list[float] = []
        for group, out in (
            (result.burst, result.reply_ms_burst),
            (result.serial, result.reply_ms_serial),
            (result.real, []),
            (result.probes, probe_replies),
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


def report_real(r: Result, concurrency: int) -> None:
    """The acks Slack got while the bot was summarizing uncached links."""
    probes = [s.ack_ms for s in r.probes if s.status == 200]
    refused = sum(1 for s in r.probes + r.real if s.status != 200)
    print(
        f"\nunder real summarization load ({len(r.real)} uncached links of "
        f"{len(LONG_ARTICLE):,} bytes each, all answered in {r.real_seconds:.1f} s, "
        f"{r.real_summaries} of them with the article's summary):"
    )
    print(f"  acks of {len(probes)} events sent meanwhile in bursts of "
          f"{max(1, concurrency // 5)}: p50 {pct(probes, 50):.1f} ms, p99 {pct(probes, 99):.1f} "
          f"ms, max {max(probes or [0]):.1f} ms; refused/reset {refused}; every accepted event "
          f"answered once: {'yes' if r.exactly_once else 'NO'}")  # fmt: skip
    for p in r.problems[:5]:
        print(f"  {r.name}: {p}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--serial", type=int, default=30)
    parser.add_argument("--no-dev-server", action="store_true")
    parser.add_argument(
        "--real",
        type=int,
        default=40,
        help="uncached links summarized for the acks-under-load figures (0: skip)",
    )
    parser.add_argument(
        "--presses",
        type=int,
        default=100,
        help="Shorter / Longer presses timed one at a time (0: skip the press figures)",
    )
    parser.add_argument(
        "--only-real",
        action="store_true",
        help="only the acks-under-load figures (production server)",
    )
    args = parser.parse_args()
    articles, url = article_server()
    prod = [sys.executable, "-m", "bot"]
    if args.only_real:
        real = run("production", prod, rounds=0, concurrency=args.concurrency, serial=0,
                   url=url, real=args.real)  # fmt: skip
        articles.shutdown()
        report_real(real, args.concurrency)
        return 0 if real.exactly_once else 1
    kw = {"rounds": args.rounds, "concurrency": args.concurrency, "serial": args.serial, "url": url}
    results = [run("production", prod, **kw)]
    if not args.no_dev_server:
        results.append(run("dev", [sys.executable, "-c", DEV_SERVER], **kw))
    real = run("production", prod, rounds=0, concurrency=args.concurrency, serial=0, url=url,
               real=args.real) if args.real else None  # fmt: skip
    articles.shutdown()
    floor = harness_floor(args.rounds, args.concurrency)
    report(results, args.concurrency, floor)
    if real is not None:
        report_real(real, args.concurrency)
    presses = None
    if args.presses:
        presses = measure_presses(
            serial=args.presses, rounds=args.rounds, concurrency=args.concurrency
        )
        report_presses(presses, args.concurrency)
    ok = results[0].exactly_once and (real is None or real.exactly_once)
    ok = ok and (presses is None or (presses.lost == 0 and presses.refused == 0))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
