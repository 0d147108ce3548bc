"""What a sentence-ranking method is, and what it hands to selection.

Its own module so that the methods (`skim`, `methods`) and selection (`select`) can all depend
on it without depending on each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from summarizer.summarize.language import LanguageResources
from summarizer.summarize.parse import ParsedText


@dataclass(frozen=True)
class Ranking:
    scores: np.ndarray
    #: Sentence indices best first; None means by descending score, earlier first on ties.
    order: tuple[int, ...] | None = None
    #: `repeats(i, chosen)`: whether sentence i says again what the chosen ones say.
    repeats: Callable[[int, Sequence[int]], bool] | None = None
    #: `units[i]`: the sentences that are taken with sentence i or not at all (a quotation
    #: several sentences long), i among them, in reading order.
    units: Mapping[int, tuple[int, ...]] | None = None
    #: `after[i]`: the sentence that must be in the summary before sentence i (the one before a
    #: sentence led by a pronoun, which names who the pronoun is); -1 when there is none.
    after: Mapping[int, int] | None = None


class Method(Protocol):
    name: str

    def rank(self, parsed: ParsedText, resources: LanguageResources) -> Ranking: ...
