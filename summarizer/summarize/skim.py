"""Skim's default method: position-biased LexRank for news, with content filtering and a
redundancy cut.

Stock LexRank ranks sentences by centrality alone. On news that loses even to taking the first
300 words: it picks headings, photo credits and archive boilerplate (short, repeated, central
in a word graph), and the same fact told by three outlets three times. This method keeps the
LexRank graph at its heart and changes what goes in and what comes out:

1. Non-content sentences are left out of the graph, by general signals only (see
   `is_content`): no sentence ending, very short or very long, links and handles, credits,
   captions ("FILE - In this ... photo", "is pictured", "Image caption"), page chrome
   ("Name/AGENCY" credits, "|" menus, "CLOSE"/"EMBED" player controls, "Click here"), and
   sentences that their own page shows twice. They never fill left-over words either.
2. The graph: sentences are nodes; every two that share a stemmed term are joined by an edge
   weighted by their idf-modified cosine, idf computed over the cluster's sentences
   (continuous LexRank), kept only between sentences of different documents: a fact is
   central when other outlets report it too.
3. Score = position prior x LexRank centrality (the stationary distribution of the damped
   walk on that graph). The prior favours each document's lead, 1 / (1 + position), scaled
   by how central the document is to the cluster, so an off-topic document (an archive
   notice, a "tweet with a location" page) cannot win through its lead. (The biased walk of
   Otterbacher et al., the prior as teleport vector, remains with `centrality_power=0`; it
   scored lower: docs/quality.md.)
4. Selection walks the ranking and skips a sentence whose cosine with one already chosen is
   above 0.5: every outlet reports the same fact, a summary needs it once. What a sentence
   leans on comes with it (`cohesion`): a quotation of several sentences is taken whole or
   not at all, and a sentence led by a pronoun with the sentence before it, which says who.
   Questions and quotations that cannot be taken whole are not content.

Every constant is in `SkimConfig`, with the development figures that chose it; the table of
what was tried is docs/quality.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from summarizer.summarize.cohesion import leans_back, quotation_spans
from summarizer.summarize.content import fragments, is_content
from summarizer.summarize.language import LanguageResources
from summarizer.summarize.lexrank import (
    similarity_graph,
    smooth_tfidf,
    stationary_distribution,
    term_counts,
    unit_rows,
)
from summarizer.summarize.parse import ParsedText
from summarizer.summarize.ranking import Ranking


@dataclass(frozen=True)
class SkimConfig:
    """Every constant of the method. Figures are R-1/R-2/R-L on the 104 Multi-News dev
    clusters at 300 words (docs/quality.md); differences under about 0.3 are noise."""

    #: Shortest and longest content sentence, in words. Under 6 words are headings, credits,
    #: "Read more"; over 70 are usually run-together lists or missing sentence breaks.
    #: (min 4: 46.35/16.84/21.18, min 8: 46.14/16.77/21.20, max 50: 46.46/17.17/21.38 vs
    #: 46.26/16.87/21.24 at 6/70, before the caption filter: all within noise; round values kept.)
    min_words: int = 6
    max_words: int = 70
    #: Edges: every pair of sentences that share a term, weighted by their idf-modified
    #: cosine: continuous LexRank (Erkan and Radev's own better variant), where stock LexRank
    #: keeps the pairs above 0.1 with weight 1 and so counts a sentence that shares one name
    #: with another as much as its paraphrase. R-1/R-2/R-L, with every filter on:
    #: | edges | Multi-News 300 w | Multi-News 100 w | CNN/DM 3 sent. | BBC 100 w |
    #: | 1 > 0.1 | 46.24/16.53/21.14 | 35.27/11.14/17.93 | 33.17/13.13/21.72 | 56.88/47.01/38.78 |
    #: | cos > 0.1 | 46.14/16.65/21.16 | 35.24/11.47/17.79 | 34.10/13.52/22.17 | 55.52/44.81/38.15 |
    #: | cos > .05 | 46.25/16.74/21.20 | 35.19/11.30/17.94 | 34.13/13.47/22.36 | 56.71/46.57/38.71 |
    #: | cos > 0 | 46.31/16.88/21.36 | 35.37/11.38/18.04 | 34.05/13.44/22.30 | 57.16/47.24/39.02 |
    #: (Earlier, with the 0/1 graph: 0.05: 46.36/16.99/21.32, 0.2: 46.29/17.05/21.30, before
    #: the quotation and tense filters.)
    threshold: float = 0.0
    #: LexRank's random-jump probability, PageRank's customary 0.15, for the centrality walk.
    damping: float = 0.15
    #: Prior on the k-th content sentence of a document: 1 / (1 + k) ** position_power.
    #: Chosen on all three dev sets at once, not on Multi-News alone (R-1/R-2/R-L):
    #: | power | Multi-News 300 w | Multi-News 100 w | CNN/DM 3 sentences | BBC 100 w |
    #: | 1.0 | 46.72/17.51/21.83 | 35.26/11.42/17.99 | 32.99/12.72/21.32 | 56.15/45.46/38.23 |
    #: | 0.5 | 46.67/17.42/21.93 | 35.60/11.64/18.03 | 33.15/12.92/21.39 | 57.34/47.44/38.72 |
    #: | 0.4 | 46.90/17.56/21.93 | 35.55/11.85/18.16 | 33.15/12.93/21.60 | 57.88/48.26/38.94 |
    #: | 0.3 | 46.61/17.16/21.83 | 35.51/11.77/18.10 | 32.79/12.40/21.34 | 58.45/49.13/39.38 |
    #: A news story leads with its point, but a lead as steep as 1 / (1 + k) outranks what the
    #: rest of a single article agrees on; flatter than 0.4, the lead is lost on CNN/DM.
    #: (Before the three sets, on Multi-News 300 w alone: 1.5: 46.05/16.70/21.07, 0.7:
    #: 46.46/16.99/21.41, 1: 46.26/16.87/21.24.)
    position_power: float = 0.4
    #: A candidate whose cosine with a chosen sentence is above this is skipped. 0.5 with the
    #: filters: 46.66/17.36/21.75; 0.4: 46.55/16.95/21.40; before them 0.3: 46.71/17.07/21.29.
    redundancy: float = 0.5
    #: Weight each document's prior by its centrality in the cluster (off: 45.38/15.80/20.71
    #: vs 45.86/16.39/21.09 with the biased walk): an off-topic page cannot win by its lead.
    document_weighting: bool = True
    #: Convergence of the power method (the walk is damped, so it converges in tens of steps).
    epsilon: float = 1e-4
    #: Keep only edges between sentences of different documents (and self-loops): a sentence
    #: is central when other outlets report it too, not when its own article repeats it
    #: (all edges: 46.60/17.14/21.67 vs 46.66/17.36/21.75).
    cross_document: bool = True
    #: Edge weight = the cosine (continuous LexRank) rather than 1: see `threshold`.
    weighted: bool = True
    #: 0: the score is the biased walk's stationary distribution (jump 0.85: 45.86/16.39/21.09).
    #: Above 0: the score is prior x (LexRank centrality) ** centrality_power, centrality from
    #: the unbiased walk (1: 46.66/17.36/21.75, 1.5: 46.61/17.22/21.81, prior alone without the
    #: graph: 46.48/17.09/21.45).
    centrality_power: float = 1.0
    #: The first pick (the TL;DR, and a one-sentence summary) is the best of score x its
    #: cosine with the text's centroid (MEAD's centroid score: how much of what the whole text
    #: is about one sentence says); the rest follow the score. At 1 sentence, R-1/R-2/R-L:
    #: | | CNN/DM | BBC | Multi-News |
    #: | score alone | 28.11/10.63/19.72 | 22.64/20.00/21.86 | 15.39/5.13/10.02 |
    #: | x centroid cosine | 29.45/11.30/20.54 | 23.26/20.99/22.64 | 16.15/5.53/10.36 |
    #: (Lead-1: 29.42/10.95/20.56, 22.02/18.89/21.04, 13.63/4.24/8.82.) Every score times the
    #: cosine, not only the first: BBC 100 w +3.5 R-1 but Multi-News 300 w -1.2.
    centroid_first: bool = True
    #: Leave out captions and page chrome (`content.is_content`): 46.52/17.00/21.29 vs
    #: 46.26/16.87/21.24 alone, and it removes the "FILE - In this photo" picks.
    captions: bool = True
    #: Leave out questions, quotations with nobody saying them and broken ones; take a
    #: quotation of several sentences whole (`cohesion.quotation_spans`), and a sentence led
    #: by a pronoun only after the sentence before it (`cohesion.leans_back`).
    quotes: bool = True
    #: Leave out English sentences without a tensed verb (`content.is_tensed`).
    tense: bool = True
    #: Leave out a sentence that its own document repeats word for word: a caption or teaser
    #: shown twice by the page (46.55/16.95/21.40 with `captions`).
    repeated: bool = True
    #: In a cluster, every outlet's first sentence states the story: a candidate that leads
    #: its document is skipped when its cosine with another document's chosen lead is above
    #: this, a lower cut than `redundancy`, because two leads of one event say the same
    #: thing in different words ("BP shareholders have rejected a pay package ..." beside "A
    #: majority of BP PLC's shareholders voted against ..."). Multi-News, R-1/R-2/R-L and
    #: labelled repeats among the skim summaries' sentences (single articles: unchanged):
    #: | cut | 100 w | repeats | 300 w | repeats |
    #: | 0.5 (none) | 35.37/11.38/18.04 | 26 | 46.31/16.88/21.36 | 45 |
    #: | 0.2 | 35.56/11.42/17.99 | 22 | 46.44/16.82/21.25 | 35 |
    #: | 0.1 | 35.46/11.41/17.96 | 19 | 46.28/16.68/21.13 | 31 |
    #: | 0.05 | 35.28/11.18/17.82 | 19 | 46.10/16.48/21.11 | 29 |
    #: | 0 | 35.32/11.17/17.87 | 17 | 46.00/16.41/21.11 | 27 |
    lead_redundancy: float = 0.2


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def terms_of(text: str, resources: LanguageResources) -> list[str]:
    """Stemmed, lower-case, stop-word-free words: what the graph compares sentences by."""
    return resources.stems(_WORD.findall(text))


def _across_documents(graph: sp.csr_matrix, origins: Sequence[int]) -> sp.csr_matrix:
    """The edges that join sentences of different documents, plus each sentence's self-loop;
    unchanged when there is only one document, which has no other outlet to agree with."""
    docs = np.asarray(origins)
    if len(np.unique(docs)) < 2:
        return graph
    coo = graph.tocoo()
    keep = (docs[coo.row] != docs[coo.col]) | (coo.row == coo.col)
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=graph.shape)


def _once_per_document(
    content: Sequence[int], texts: Sequence[str], origins: Sequence[int]
) -> list[int]:
    """The content sentences that their own document does not repeat word for word: a page
    that shows a sentence twice shows a caption, a teaser or a pull quote, not its story."""
    keys = [(origins[i], " ".join(texts[i].lower().split())) for i in content]
    counts = Counter(keys)
    return [i for i, key in zip(content, keys, strict=True) if counts[key] < 2]


def _leads(origins: Sequence[int]) -> set[int]:
    """Positions of each document's first content sentence, when there are several
    documents (one article's lead is not a repeat of anything)."""
    first: dict[int, int] = {}
    for k, document in enumerate(origins):
        first.setdefault(document, k)
    return set(first.values()) if len(first) > 1 else set()


@dataclass(frozen=True)
class _Bounds:
    """The content rules of `SkimConfig` with another longest sentence: a quotation joined
    from several sentences may be as long as they are together."""

    config: SkimConfig
    max_words: int

    @property
    def min_words(self) -> int:
        return self.config.min_words

    @property
    def captions(self) -> bool:
        return self.config.captions

    @property
    def quotes(self) -> bool:
        return self.config.quotes

    @property
    def tense(self) -> bool:
        return self.config.tense


def _centroid_cosines(unit: sp.csr_matrix) -> np.ndarray:
    """Each sentence's cosine with the centroid of all of them."""
    centroid = np.asarray(unit.sum(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return np.ones(unit.shape[0])
    return np.asarray(unit @ centroid).ravel() / norm


class _SimilarityRows:
    """Cosines of one sentence with every other, computed when selection first asks.

    Selection checks a few dozen candidates against the sentences already chosen; one row per
    candidate, on a dense copy of the (small) unit matrix when it fits in `DENSE_CELLS`, costs
    microseconds where per-pair sparse products cost scipy's overhead each time.
    """

    DENSE_CELLS = 4_000_000

    def __init__(self, unit: sp.csr_matrix) -> None:
        rows, cols = unit.shape
        self._dense = unit.toarray() if rows * cols <= self.DENSE_CELLS else None
        self._unit = unit
        self._rows: dict[int, np.ndarray] = {}

    def __call__(self, k: int) -> np.ndarray:
        row = self._rows.get(k)
        if row is None:
            if self._dense is not None:
                row = self._dense @ self._dense[k]
            else:
                row = np.asarray((self._unit @ self._unit[k].T).todense()).ravel()
            self._rows[k] = row
        return row


class SkimRank:
    """Position-biased LexRank over content sentences, with a redundancy-aware order."""

    name = "skim"

    def __init__(self, config: SkimConfig | None = None) -> None:
        self.config = config or SkimConfig()

    def rank(self, parsed: ParsedText, resources: LanguageResources) -> Ranking:
        config = self.config
        texts = [str(s) for s in parsed.sentences]
        n = len(texts)
        units: dict[int, tuple[int, ...]] = {}
        if config.quotes:
            content, units = self._statements(texts, parsed, resources.language)
        else:
            content = [i for i, t in enumerate(texts) if is_content(t, config, resources.language)]
        if config.repeated:
            content = _once_per_document(content, texts, parsed.origins)
        cut = fragments(texts, content)
        cut.update(i for i in content if i in units and cut.intersection(units[i]))
        content = [i for i in content if i not in cut]
        after = self._after(texts, parsed, content, units, resources.language)
        if len(content) < 2:
            # Too little that reads as prose: rank everything, so a short paste still works.
            content = list(range(n))
            units, after = {}, {}
        terms = [terms_of(texts[i], resources) for i in content]
        unit = unit_rows(smooth_tfidf(term_counts(terms)))
        graph = similarity_graph(unit, config.threshold, weighted=config.weighted)
        if config.cross_document:
            graph = _across_documents(graph, [parsed.origins[i] for i in content])
        prior = self._prior(parsed.origins, content, unit)
        if config.centrality_power > 0:
            centrality = stationary_distribution(graph, config.epsilon, None, config.damping)
            centrality = centrality / max(centrality.max(), 1e-12)
            scores = prior * np.power(np.maximum(centrality, 1e-12), config.centrality_power)
        else:
            scores = stationary_distribution(graph, config.epsilon, prior, config.damping)
        full = np.full(n, -np.inf)
        full[content] = scores
        others = sorted(set(range(n)) - set(content))
        ranked = sorted(range(len(content)), key=lambda k: -scores[k])
        if config.centroid_first and ranked:
            best = int(np.argmax(scores * _centroid_cosines(unit)))
            ranked = [best] + [k for k in ranked if k != best]
        position = {index: k for k, index in enumerate(content)}
        leads = _leads([parsed.origins[i] for i in content])
        redundancy = config.redundancy
        similar_to = _SimilarityRows(unit)

        def repeats(index: int, chosen: Sequence[int]) -> bool:
            """Too similar to a sentence already in the summary: every outlet reports the
            same fact, and the summary needs it once. A non-content sentence (credit, caption,
            "Advertisement") only ever comes first, when no content sentence fits the budget:
            it must not fill the words left over after content."""
            if index not in position:
                return bool(chosen)
            mine = [position[c] for c in chosen if c in position]
            if not mine:
                return False
            row = similar_to(position[index])
            if position[index] in leads:
                other = [m for m in mine if m in leads]
                if other and row[other].max() > config.lead_redundancy:
                    return True
            return bool(row[mine].max() > redundancy)

        order = tuple([content[k] for k in ranked] + others)
        kept = set(content)
        units = {i: unit for i, unit in units.items() if kept.issuperset(unit)}
        return Ranking(full, order, repeats, units, after)

    def _statements(
        self, texts: Sequence[str], parsed: ParsedText, language: str
    ) -> tuple[list[int], dict[int, tuple[int, ...]]]:
        """The content sentences, and the quotations among them that go whole: a quotation
        of several sentences is content when, joined, it would be one (up to `max_words` a
        sentence), and its sentences come as one unit."""
        config = self.config
        spans, broken = quotation_spans(texts, parsed.paragraphs)
        content: list[int] = []
        units: dict[int, tuple[int, ...]] = {}
        judged: dict[tuple[int, ...], bool] = {}
        for i, text in enumerate(texts):
            if i in broken:
                continue
            span = spans.get(i)
            if span is None:
                if is_content(text, config, language):
                    content.append(i)
                continue
            if span not in judged:
                joined = " ".join(texts[j] for j in span)
                rules = _Bounds(config, config.max_words * len(span))
                judged[span] = is_content(joined, rules, language)
            if judged[span]:
                content.append(i)
                units[i] = span
        return content, units

    @staticmethod
    def _after(
        texts: Sequence[str],
        parsed: ParsedText,
        content: Sequence[int],
        units: dict[int, tuple[int, ...]],
        language: str,
    ) -> dict[int, int]:
        """For each sentence (or quotation) that leans back, the content sentence before it in
        its document, which selection takes with it; one with none before it gets -1 and is
        never chosen (whoever "he" is, the summary cannot say)."""
        after: dict[int, int] = {}
        previous: dict[int, int] = {}
        for i in content:
            unit = units.get(i, (i,))
            document = parsed.origins[i]
            if i == unit[0] and leans_back(" ".join(texts[j] for j in unit), language):
                before = previous.get(document)
                after[i] = before if before is not None else -1
            previous[document] = i
        return after

    def _prior(
        self, origins: Sequence[int], content: Sequence[int], unit: sp.csr_matrix
    ) -> np.ndarray:
        """1 / (1 + k) for the k-th content sentence of its document, times the document's
        centrality: the cosine of its centroid with the centroid of the other documents."""
        config = self.config
        docs = np.array([origins[i] for i in content])
        positions = np.zeros(len(content))
        seen: dict[int, int] = {}
        for k, d in enumerate(docs):
            positions[k] = seen.get(int(d), 0)
            seen[int(d)] = int(positions[k]) + 1
        prior = 1.0 / (1.0 + positions) ** config.position_power
        unique = np.unique(docs)
        if config.document_weighting and len(unique) > 1:
            centroids = {int(d): np.asarray(unit[docs == d].sum(axis=0)).ravel() for d in unique}
            total = sum(centroids.values())
            for d, centroid in centroids.items():
                others = total - centroid
                denominator = np.linalg.norm(centroid) * np.linalg.norm(others)
                weight = float(centroid @ others / denominator) if denominator > 0 else 0.0
                prior[docs == d] *= max(weight, 1e-3)
        return prior
