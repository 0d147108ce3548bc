"""`python -m summarizer` / `skim`: summarize a file, standard input, or a web page."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Mapping, Sequence

from summarizer.api import summarize_url
from summarizer.errors import BinaryInputError, SkimError
from summarizer.fetch.decode import HTML_TYPES, TEXT_TYPES, decode, sniff
from summarizer.fetch.messages import kind_of
from summarizer.fetch.policy import FetchPolicy
from summarizer.models import Summary
from summarizer.summarize.methods import DEFAULT_METHOD, METHODS
from summarizer.summarize.pipeline import summarize

#: The most bytes read from a file or standard input: a little over the summarizer's own
#: character limit, so an oversized input gets its plain-words error without being read whole.
MAX_READ_BYTES = 4 * 1_000_000 + 4


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skim",
        description="Summarize a text file, standard input (-) or a web page (http/https URL).",
    )
    parser.add_argument("source", help="a file path, - for standard input, or a URL")
    parser.add_argument("--sentences", "-n", type=_positive, help="number of sentences")
    parser.add_argument("--words", "-w", type=_positive, help="at most this many words")
    parser.add_argument(
        "--language",
        "-l",
        default=None,
        help="text language (default: read from the text, else english)",
    )
    parser.add_argument(
        "--method",
        "-m",
        default=DEFAULT_METHOD,
        choices=sorted(METHODS),
        help=f"sentence ranking (default {DEFAULT_METHOD})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON with sources and counts")
    return parser


def _read(source: str) -> str:
    """The text of a file or of standard input, decoded as a text page would be; binary data
    (an image, a PDF, random bytes) is refused in words rather than summarized as mojibake."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_READ_BYTES)
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_READ_BYTES)
        except FileNotFoundError:
            raise SkimError(f"No such file: {source}") from None
        except IsADirectoryError:
            raise SkimError(f"{source} is a folder, not a file") from None
        except PermissionError:
            raise SkimError(f"Not allowed to read {source}") from None
    media = sniff(data)
    if media not in TEXT_TYPES:
        kind = kind_of(media)
        raise BinaryInputError("binary data" if kind in ("a file", "a download") else kind)
    return decode(data, None, is_html=media in HTML_TYPES)[0]


def _as_json(summary: Summary) -> str:
    payload: dict[str, object] = {
        "tldr": summary.tldr,
        "sentences": [
            {"text": text, "document": document}
            for text, document in zip(summary.sentences, summary.documents, strict=True)
        ],
        "input_words": summary.input_words,
        "output_words": summary.output_words,
        "method": summary.method,
        "language": summary.language,
    }
    if summary.article is not None:
        article = summary.article
        payload["article"] = {
            "title": article.title,
            "url": article.url,
            "canonical_url": article.canonical_url,
            "site_name": article.site_name,
            "byline": article.byline,
            "published": article.published,
            "language": article.language,
            "kind": article.kind,
            "items": [dataclasses.asdict(item) for item in article.items],
            "question": article.question,
            "answer": dataclasses.asdict(article.answer) if article.answer else None,
            "price": article.price,
        }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    environ = os.environ if environ is None else environ
    try:
        if args.source.lower().startswith(("http://", "https://")):
            summary = summarize_url(
                args.source,
                policy=FetchPolicy.from_env(environ),
                sentences=args.sentences,
                max_words=args.words,
                language=args.language,
                method=args.method,
            )
        else:
            text = _read(args.source)
            summary = summarize(
                text,
                sentences=args.sentences,
                max_words=args.words,
                language=args.language,
                method=args.method,
            )
    except (SkimError, ValueError) as error:
        print(f"skim: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(_as_json(summary))
    else:
        if summary.article is not None and summary.article.title:
            print(summary.article.title)
            print()
        print("\n".join(summary.sentences or _item_lines(summary)))
    return 0


def _item_lines(summary: Summary) -> list[str]:
    """A listing is answered with its items: how many, then each title."""
    items = summary.article.items if summary.article is not None else ()
    return [f"A list of {len(items)} items:", *(f"- {item.title}" for item in items)]
