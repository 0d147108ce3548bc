"""The defect rate of summaries: the share of their sentences a reader would strike out.

ROUGE says how much of a reference a summary covers, not whether each sentence can stand in a
Slack reply. A person labelled, by reading them, the sentences of the dev summaries
(`benchmarks/defects.jsonl`): a photo caption or credit, page chrome, a quotation that opens
or closes outside the sentence, a fragment of another sentence, a sentence led by a pronoun
whose referent the summary lacks, and the same fact said twice. A label names the sentence by
its data row and a hash of its text, never the text, so the file holds none of the data.

Three kinds depend on the rest of the summary: a `dangling` sentence is a defect only when none
of the sentences that would supply its referent (`needs`) comes before it; a `quote` (a piece
of a quotation, or a quotation whose speaker is named in the sentence before) only when not
all of what completes it (`needs`: the rest of the quotation, the sentence naming the speaker)
is in the summary; and a `repeat` only when a sentence it repeats (`of`) is in the same
summary. The same sentence twice in one summary is a repeat without any label.

The `needs` of the quote labels were derived from the text, not judged: the other sentences
of the quotation the sentence belongs to (its marks opened in one sentence and closed in
another, as `summarize.cohesion.quotation_spans` reads them), and the sentence before a
quotation that is all quotation. A quote label without `needs` is a defect wherever it is.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.summarize.language import LanguageResources
from summarizer.summarize.parse import parse_documents

#: What a label may say; every kind but "ok" is a defect (in its context, for the last two).
KINDS = ("ok", "caption", "chrome", "quote", "fragment", "dangling", "repeat")


def sentence_key(text: str) -> str:
    """The name a label gives a sentence: 12 hex digits of the SHA-1 of its words, so the
    labels identify sentences without holding them and survive changes of spacing."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Label:
    kind: str
    #: For "repeat": the sentences it repeats. For "dangling": those that give its referent.
    of: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()


#: Labels by (data row id, sentence key).
Labels = dict[tuple[str, str], Label]


class LabelError(ValueError):
    """A labels file that cannot be read as labels: the line and what is wrong with it."""


def load_labels(path: Path) -> Labels:
    """Labels keyed by (row id, sentence key), from JSON lines
    `{"row", "sentence", "kind", "of"?, "needs"?}`."""
    labels: Labels = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                key = (str(record["row"]), str(record["sentence"]))
                kind = str(record["kind"])
            except (ValueError, KeyError, TypeError) as error:
                raise LabelError(f"{path}:{number}: not a label ({error})") from None
            if kind not in KINDS:
                raise LabelError(f"{path}:{number}: unknown kind {kind!r}; one of {KINDS}")
            if key in labels:
                raise LabelError(f"{path}:{number}: a second label for {key}")
            of = frozenset(str(h) for h in record.get("of") or ())
            needs = frozenset(str(h) for h in record.get("needs") or ())
            labels[key] = Label(kind, of, needs)
    return labels


@dataclass
class DefectCount:
    """Sentences judged, and what was wrong with them, over many summaries."""

    sentences: int = 0
    unlabelled: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def labelled(self) -> int:
        return self.sentences - self.unlabelled

    @property
    def defects(self) -> int:
        return sum(self.kinds.values())

    @property
    def rate(self) -> float:
        """Defects per labelled sentence: an unlabelled sentence is not counted either way."""
        return self.defects / self.labelled if self.labelled else 0.0

    def add(self, row: str, summary: Sequence[str], labels: Labels) -> None:
        keys = [sentence_key(s) for s in summary]
        present = set(keys)
        earlier: set[str] = set()
        for key in keys:
            self.sentences += 1
            defect = judge(key, labels.get((row, key)), earlier, present)
            if defect == "unlabelled":
                self.unlabelled += 1
            elif defect is not None:
                self.kinds[defect] += 1
            earlier.add(key)


def judge(key: str, label: Label | None, earlier: set[str], present: set[str]) -> str | None:
    """The defect of one sentence in its summary: its kind, "unlabelled", or None when fine."""
    if key in earlier:
        return "repeat"
    if label is None:
        return "unlabelled"
    if label.kind == "ok":
        return None
    if label.kind == "dangling":
        return None if label.needs & earlier else "dangling"
    if label.kind == "quote" and label.needs:
        return None if label.needs <= present else "quote"
    if label.kind == "repeat":
        return "repeat" if label.of & present - {key} else None
    return label.kind


def worksheet_entry(
    row: str, method: str, documents: list[str], summary: list[str], labels: Labels
) -> dict[str, Any] | None:
    """A summary to label when any of its sentences has no label: each sentence with its key,
    whether it is labelled, and the sentence before it in its document (a pronoun's referent
    is usually there)."""
    keys = [sentence_key(s) for s in summary]
    if all((row, k) in labels for k in keys):
        return None
    resources = LanguageResources.for_language("english")
    parsed = parse_documents(documents, resources)
    texts = [str(s) for s in parsed.sentences]
    where = {sentence_key(t): i for i, t in reversed(list(enumerate(texts)))}
    items = []
    for text, key in zip(summary, keys, strict=True):
        i = where.get(key)
        same = i is not None and i > 0 and parsed.origins[i - 1] == parsed.origins[i]
        previous = texts[i - 1] if same and i is not None else ""
        items.append(
            {
                "hash": key,
                "labelled": (row, key) in labels,
                "doc": parsed.origins[i] if i is not None else None,
                "text": text,
                "prev_hash": sentence_key(previous) if previous else None,
                "prev_text": previous,
            }
        )
    return {"row": row, "method": method, "sentences": items}
