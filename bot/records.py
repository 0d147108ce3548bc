"""The records the store keeps, and how each is written as JSON.

A `Job` is one accepted request; a `Summary` (the summarizer's own model) is what the URL cache
holds; a `Reply` is what a job's answer said, kept so that Shorter / Longer can redraw it from
the same rankings. All round-trip through JSON so that a job accepted before a restart, or a
summary cached by an earlier version, reads back as the same value.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from summarizer.models import Answer, Article, Block, Item, Length, Summary

JobKind = Literal["mention", "auto", "dm", "command", "shortcut", "reaction"]
#: How a channel treats shared links: answer them (`on`), only when asked (`off`), or when
#: someone adds the reaction (`react`).
ChannelMode = Literal["on", "off", "react"]


def mode_of(value: str) -> ChannelMode:
    """A stored mode read back; anything unknown is the default."""
    if value == "off":
        return "off"
    if value == "react":
        return "react"
    return "on"


@dataclass(frozen=True)
class Job:
    """One user request, as accepted: everything needed to answer it after a restart.

    `key` is the message `ts` for messages; slash commands and shortcuts, which are requests
    of their own, get a key that includes their `trigger_id`. `thread_ts` is where the answer
    goes (None: through `response_url`, for slash commands). `limited` marks a request over
    the per-user limit: its answer is the polite sentence saying so.
    """

    channel: str
    key: str
    kind: JobKind
    user: str | None = None
    thread_ts: str | None = None
    text: str = ""
    links: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    omitted: int = 0
    response_url: str | None = None
    limited: bool = False
    created: float = field(default_factory=time.time)
    #: False for a reaction's job until the message reacted to is read: its text and links,
    #: and the thread it is in, are not in the event (`JobRunner` reads them from Slack).
    read: bool = True

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> Job:
        data: dict[str, Any] = json.loads(raw)
        data["links"] = tuple(data.get("links") or ())
        data["skipped"] = tuple(data.get("skipped") or ())
        return cls(**data)


@dataclass(frozen=True)
class Outcome:
    """One item of a reply: a summary, or the sentence saying why there is none.

    `url` is the link the item is about (None for pasted text).
    """

    url: str | None = None
    summary: Summary | None = None
    error: str | None = None


@dataclass(frozen=True)
class Reply:
    """A job's answer before it is drawn: its items in order and the notes under them."""

    outcomes: tuple[Outcome, ...]
    notes: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> Reply:
        """The `Reply` written by `to_json`; `ValueError` if it is not one."""
        try:
            data: dict[str, Any] = json.loads(raw)
            outcomes = tuple(
                Outcome(
                    url=o.get("url"),
                    summary=_summary(o["summary"]) if o.get("summary") else None,
                    error=o.get("error"),
                )
                for o in data["outcomes"]
            )
            return cls(outcomes=outcomes, notes=tuple(str(n) for n in data.get("notes") or ()))
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a stored reply: {error}") from None


@dataclass(frozen=True)
class Target:
    """Where a press asks for its reply to be redrawn: the message (`channel`, `ts`), or, for a
    reply that a `/summarize` response_url posted, the press's own `response_url`; `user` and
    `response_url` also say whom to tell, ephemerally, when the redraw fails."""

    channel: str
    ts: str | None
    user: str | None
    response_url: str | None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> Target:
        return cls(**json.loads(raw))


@dataclass(frozen=True)
class StoredReply:
    """A reply as the store keeps it: what it said, the level it is drawn at now (`level`,
    within `lowest`..`highest`), and whether that level is on screen yet (`shown` has caught
    up with `version`, which every applied press raises by one)."""

    channel: str
    key: str
    reply: Reply
    #: Posted through a `response_url` (a `/summarize` reply): redrawn through one, too.
    via_response_url: bool
    level: int
    lowest: int
    highest: int
    version: int
    shown: int
    target: Target | None
    created: float


def summary_to_json(summary: Summary) -> str:
    return json.dumps(asdict(summary))


def _article(data: dict[str, Any]) -> Article:
    """An `Article` from its JSON: lists back to tuples; rows written before a field existed
    take its default."""
    answer = data.get("answer")
    return Article(
        **{
            **data,
            "blocks": tuple(Block(**block) for block in data.get("blocks") or ()),
            "items": tuple(Item(**item) for item in data.get("items") or ()),
            "answer": Answer(**answer) if answer else None,
        }
    )


def _sources(raw: Any) -> tuple[str | None, ...]:
    return tuple(str(s) if s is not None else None for s in raw or ())


def _length(data: dict[str, Any]) -> Length:
    return Length(
        max_words=int(data["max_words"]),
        sentences=tuple(str(s) for s in data["sentences"]),
        documents=tuple(int(d) for d in data["documents"]),
        output_words=int(data["output_words"]),
        sources=_sources(data.get("sources")),
    )


def summary_from_json(raw: str) -> Summary:
    """The `Summary` written by `summary_to_json`; `ValueError` if it is not one."""
    try:
        return _summary(json.loads(raw))
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a stored summary: {error}") from None


def _summary(data: dict[str, Any]) -> Summary:
    article = data.get("article")
    return Summary(
        sentences=tuple(str(s) for s in data["sentences"]),
        documents=tuple(int(d) for d in data["documents"]),
        input_words=int(data["input_words"]),
        output_words=int(data["output_words"]),
        method=str(data["method"]),
        article=_article(article) if article else None,
        input_documents=int(data.get("input_documents") or 1),
        language=str(data.get("language") or "english"),
        tldr=str(data["tldr"]) if data.get("tldr") else None,
        sources=_sources(data.get("sources")),
        lengths=tuple(_length(length) for length in data.get("lengths") or ()),
    )
