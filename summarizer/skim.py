"""Skim's default method: position-biased LexRank for news, with content filtering and a
redundancy cut.

Stock LexRank ranks sentences by centrality alone. On news that loses even to taking the first
300 words: it picks headings, photo credits and archive boilerplate (short, repeated, central
in a word graph), and the same fact told by three outlets three times. This method keeps the
LexRank graph at its heart and changes what goes in and what comes out:

1. Non-content sentences are left out of the graph, by general signals only (see
   `is_content`): no sentence ending, very short or very long, links and handles, credits.
2. The graph: sentences are nodes; edges are idf-modified cosines over stemmed terms with
   idf computed over the cluster's sentences, as in LexRank.
3. Biased (personalized) LexRank (Otterbacher et al., 2005): the random walk jumps back to
   sentences in proportion to a prior that favours each document's lead, 1 / (1 + position),
   scaled by how central the document is to the cluster, so an off-topic document (an
   archive notice, a "tweet with a location" page) cannot win through its lead.
4. Selection walks the ranking and skips a sentence too similar to one already chosen: every
   outlet reports the same fact, a summary needs it once.

Every constant is in `SkimConfig`, with the development figures that chose it in README.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from summarizer.language import LanguageResources
from summarizer.lexrank import similarity_graph, stationary_distribution
from summarizer.parse import ParsedText


@dataclass(frozen=True)
class SkimConfig:
    #: Shortest and longest content sentence, in words. Under 6 words are headings, credits,
    #: "Read more"; over 70 are usually run-together lists or missing sentence breaks.
    min_words: int = 6
    max_words: int = 70
    #: LexRank's edge threshold on the idf-modified cosine (stock LexRank's value).
    threshold: float = 0.1
    #: LexRank's random-jump probability (PageRank's customary 0.15).
    damping: float = 0.15
    #: Prior on the k-th content sentence of a document: 1 / (1 + k) ** position_power.
    position_power: float = 1.0
    #: A candidate more similar than this (cosine) to a chosen sentence is skipped.
    redundancy: float = 0.4
    #: Weight each document's prior by its centrality in the cluster.
    document_weighting: bool = True
    epsilon: float = 1e-4
    #: Keep only edges between sentences of different documents (and self-loops): a sentence
    #: is central when other outlets report it too, not when its own article repeats it.
    cross_document: bool = True
    #: Edge weight = the cosine (continuous LexRank) rather than 1.
    weighted: bool = False
    #: 0: the score is the biased walk's stationary distribution. Above 0: the score is
    #: prior x (LexRank centrality) ** centrality_power, centrality from the unbiased walk.
    centrality_power: float = 1.0


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A sentence ends with . ! ? or … possibly followed by closing quotes or brackets.
_ENDING = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w|(?:^|\s)[@#]\w|pic\.twitter", re.IGNORECASE)
# Credits and captions: who took the picture or owns the rights, not what happened.
_CREDIT = re.compile(
    r"(?:\b(?:photo|image|picture|video|graphic)s?\b[^.]{0,40}\b(?:by|credit|courtesy)\b)"
    r"|(?:\((?:AP|AFP|Reuters|Getty)[^)]{0,30}\))|©|\bcopyright\b|\ball rights reserved\b",
    re.IGNORECASE,
)


def is_content(text: str, config: SkimConfig) -> bool:
    """Whether a sentence reads as part of the story rather than the page around it."""
    words = text.split()
    if not config.min_words <= len(words) <= config.max_words:
        return False
    if not _ENDING.search(text):
        return False
    return not (_LINKISH.search(text) or _CREDIT.search(text))


def terms_of(text: str, resources: LanguageResources) -> list[str]:
    """Stemmed, lower-case, stop-word-free words: what the graph compares sentences by."""
    return resources.stems(_WORD.findall(text))


def _weights(terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Sentence x term TF-IDF (raw tf, idf = log(N / df) smoothed as log(1 + N / df))."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, sentence in enumerate(terms):
        for term in sentence:
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    n = len(terms)
    matrix = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocabulary)))
    )
    matrix.sum_duplicates()
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log(1.0 + n / np.maximum(df, 1))
    return sp.csr_matrix(matrix.multiply(idf[np.newaxis, :]))


def _unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    inverse = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)
    return sp.csr_matrix(sp.diags(inverse) @ matrix)


def _across_documents(graph: sp.csr_matrix, origins: Sequence[int]) -> sp.csr_matrix:
    """The edges that join sentences of different documents, plus each sentence's self-loop;
    unchanged when there is only one document, which has no other outlet to agree with."""
    docs = np.asarray(origins)
    if len(np.unique(docs)) < 2:
        return graph
    coo = graph.tocoo()
    keep = (docs[coo.row] != docs[coo.col]) | (coo.row == coo.col)
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=graph.shape)


class SkimRank:
    """Position-biased LexRank over content sentences, with a redundancy-aware order."""

    name = "skim"

    def __init__(self, config: SkimConfig | None = None) -> None:
        self.config = config or SkimConfig()

    def rank(self, parsed: ParsedText, resources: LanguageResources):  # -> Ranking
        from summarizer.methods import Ranking

        config = self.config
        texts = [str(s) for s in parsed.sentences]
        n = len(texts)
        content = [i for i, t in enumerate(texts) if is_content(t, config)]
        if len(content) < 2:
            # Too little that reads as prose: rank everything, so a short paste still works.
            content = list(range(n))
        terms = [terms_of(texts[i], resources) for i in content]
        weights = _weights(terms)
        unit = _unit_rows(weights)
        graph = similarity_graph(weights, config.threshold, weighted=config.weighted)
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
        position = {index: k for k, index in enumerate(content)}
        redundancy = config.redundancy

        def repeats(index: int, chosen: Sequence[int]) -> bool:
            """Too similar to a sentence already in the summary: every outlet reports the
            same fact, and the summary needs it once."""
            mine = [position[c] for c in chosen if c in position]
            if index not in position or not mine:
                return False
            overlap = unit[mine] @ unit[position[index]].T
            return bool(overlap.max() > redundancy) if overlap.nnz else False

        order = tuple([content[k] for k in ranked] + others)
        return Ranking(full, order, repeats)

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
            centroids = {
                int(d): np.asarray(unit[docs == d].sum(axis=0)).ravel() for d in unique
            }
            total = sum(centroids.values())
            for d, centroid in centroids.items():
                others = total - centroid
                denominator = np.linalg.norm(centroid) * np.linalg.norm(others)
                weight = float(centroid @ others / denominator) if denominator > 0 else 0.0
                prior[docs == d] *= max(weight, 1e-3)
        return prior
