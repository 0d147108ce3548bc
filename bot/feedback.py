"""`python -m bot.feedback`: what readers thought of Skim's replies, and where it falls short.

    python -m bot.feedback [--db skim.db] [--min-votes 3] [--worst 10]

Reads the store the bot writes (`SKIM_DB`, as the bot does, or `--db`), without Slack: the
votes by kind of page and by method, and the hosts with the largest share of 👎 among those
with at least `--min-votes` votes (a host seen once says little about the host).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from bot.config import DEFAULT_DB
from bot.store import Store
from bot.store.feedback import Vote


def _tally(votes: Iterable[Vote], key: Callable[[Vote], str]) -> dict[str, tuple[int, int]]:
    """(👍, 👎) by `key`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for v in votes:
        counts[key(v)][0 if v.vote > 0 else 1] += 1
    return {k: (good, bad) for k, (good, bad) in counts.items()}


def _table(title: str, rows: Sequence[tuple[str, tuple[int, int]]]) -> list[str]:
    width = max([len(title), *(len(name) + 2 for name, _ in rows)])
    lines = [f"{title:<{width}}  {'👍':>5} {'👎':>5}  share 👎"]
    for name, (good, bad) in rows:
        lines.append(f"  {name:<{width - 2}}  {good:>5} {bad:>5}  {bad / (good + bad):>7.0%}")
    return lines


def report(votes: Sequence[Vote], *, min_votes: int = 3, worst: int = 10) -> str:
    """The counts, by kind and by method, and the worst-rated hosts, as text."""
    if not votes:
        return "No feedback yet: nobody has pressed 👍 or 👎 under a reply."
    # A vote on a reply about several links counts once per reply in the totals.
    people = {(v.reply, v.user): v.vote for v in votes}
    good = sum(1 for vote in people.values() if vote > 0)
    bad = len(people) - good
    replies = len({v.reply for v in votes})
    lines = [
        f"{len(people)} votes on {replies} replies: 👍 {good} ({good / len(people):.0%}), "
        f"👎 {bad} ({bad / len(people):.0%})",
        "",
        *_table("By kind of page", sorted(_tally(votes, lambda v: v.kind).items())),
        "",
        *_table("By method", sorted(_tally(votes, lambda v: v.method).items())),
        "",
    ]
    hosts = [
        (host, (g, b)) for host, (g, b) in _tally(votes, lambda v: v.host).items()
        if g + b >= min_votes
    ]  # fmt: skip
    hosts.sort(key=lambda row: (-row[1][1] / sum(row[1]), -row[1][1], row[0]))
    if hosts:
        lines += _table(f"Worst-rated hosts (at least {min_votes} votes)", hosts[:worst])
    else:
        lines.append(f"No host has {min_votes} votes or more yet.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("SKIM_DB") or DEFAULT_DB)
    parser.add_argument("--min-votes", type=int, default=3)
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args(argv)
    if not Path(args.db).is_file():
        print(f"skim: no store at {args.db}; pass --db or set SKIM_DB.", file=sys.stderr)
        return 2
    try:
        store = Store(args.db)
    except sqlite3.Error as error:
        print(f"skim: {args.db} cannot be read as Skim's store ({error}).", file=sys.stderr)
        return 2
    try:
        print(report(store.votes(), min_votes=args.min_votes, worst=args.worst))
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
