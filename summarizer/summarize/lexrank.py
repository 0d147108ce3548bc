"""LexRank as sumy computes it, vectorized.

sumy's `LexRankSummarizer` builds the sentence similarity matrix with two nested Python loops,
every pair of sentences, each pair a Python-level cosine: about 2 s at 500 sentences and 280 s
at 5,000 on our machines. The arithmetic is the same whether done pair by pair or as a sparse
matrix product, so `lexrank_scores` does the latter and keeps every one of sumy's choices:

- term frequency divided by the sentence's largest term frequency;
- idf = log(N / (1 + n_t)) over sentences (it can be zero or negative; only its square counts);
- idf-modified cosine, an edge where it is above `threshold` (0.1), self-loops included;
- rows divided by their degree (1 for a sentence with no edge);
- sumy's power method: no damping, start at 1/N, L2-normalize each step, stop when the step
  moves the vector by at most `epsilon` (0.1).

`FastLexRankSummarizer` is a drop-in `LexRankSummarizer`: same inputs, same selections (exact
score ties aside, where floating-point summation order can break a tie differently).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sumy.summarizers.lex_rank import LexRankSummarizer

#: Rows of the similarity matrix computed at once, and the most similarities held densely at
#: once: 5,000 sentences need about 16 MB at a time rather than 200 MB for the whole matrix.
BLOCK = 512
BLOCK_CELLS = 2**21

#: Power iterations at the most. sumy has no cap and relies on convergence; a cap guards
#: against an adversarial graph that oscillates, and is never reached on real text.
MAX_ITERATIONS = 1000


def term_counts(sentences_terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Sentence x term matrix of how often each term occurs in each sentence."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[float] = []
    for row, terms in enumerate(sentences_terms):
        local: dict[int, int] = {}
        for term in terms:
            col = vocabulary.setdefault(term, len(vocabulary))
            local[col] = local.get(col, 0) + 1
        for col, count in local.items():
            rows.append(row)
            cols.append(col)
            counts.append(count)
    return sp.csr_matrix(
        (np.asarray(counts, dtype=np.float64), (rows, cols)),
        shape=(len(sentences_terms), max(len(vocabulary), 1)),
    )


def _document_frequency(counts: sp.csr_matrix) -> np.ndarray:
    return np.bincount(counts.indices, minlength=counts.shape[1])


def sumy_tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """sumy's LexRank weights: (tf / the sentence's largest tf) * log(N / (1 + df)).

    That idf can be zero or negative (a term in most sentences); only its square counts.
    """
    n = counts.shape[0]
    if n == 0:
        return counts
    peaks = counts.max(axis=1).toarray().ravel()
    row_of = np.repeat(np.arange(n), np.diff(counts.indptr))
    tf = sp.csr_matrix((counts.data / peaks[row_of], counts.indices, counts.indptr), counts.shape)
    with np.errstate(divide="ignore"):
        idf = np.log(n / (1.0 + _document_frequency(counts)))
    return sp.csr_matrix(tf.multiply(idf[np.newaxis, :]))


def smooth_tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Raw tf * log(1 + N / df): every term weighs something, however common."""
    n = counts.shape[0]
    idf = np.log(1.0 + n / np.maximum(_document_frequency(counts), 1))
    return sp.csr_matrix(counts.multiply(idf[np.newaxis, :]))


def tfidf_matrix(sentences_terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Sentence x term matrix of sumy's weights for these sentences' terms."""
    return sumy_tfidf(term_counts(sentences_terms))


def unit_rows(weights: sp.csr_matrix) -> sp.csr_matrix:
    """Each row scaled to length 1 (an empty row stays empty): dot products are cosines."""
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    safe = np.where(norms > 0, norms, 1.0)
    return sp.csr_matrix(sp.diags(np.where(norms > 0, 1.0 / safe, 0.0)) @ weights)


def similarity_graph(
    unit: sp.csr_matrix, threshold: float, *, weighted: bool = False
) -> sp.csr_matrix:
    """Adjacency of the pairs whose cosine (rows of `unit` are unit vectors) is above
    `threshold`: 1 for each such pair (LexRank), or the cosine itself with `weighted`
    (continuous LexRank)."""
    unit_t = sp.csr_matrix(unit.T)
    n = unit.shape[0]
    # Rows per block: at most BLOCK_CELLS similarities in memory at once, whatever n is.
    rows = max(1, min(BLOCK, BLOCK_CELLS // max(n, 1)))
    parts = []
    for start in range(0, n, rows):
        block = (unit[start : start + rows] @ unit_t).toarray()
        edges = block > threshold
        # Kept as booleans (1 byte an edge) until the single conversion in vstack below.
        parts.append(sp.csr_matrix(np.where(edges, block, 0.0) if weighted else edges))
        del block, edges
    if not parts:
        return sp.csr_matrix((0, 0))
    return sp.vstack(parts, format="csr", dtype=np.float64)


def stationary_distribution(
    adjacency: sp.csr_matrix,
    epsilon: float,
    teleport: np.ndarray | None = None,
    damping: float = 0.0,
) -> np.ndarray:
    """sumy's power method on the row-normalized graph.

    With `damping` > 0 and a `teleport` vector this is the biased (personalized) LexRank of
    Otterbacher et al.: p <- damping * teleport + (1 - damping) * M^T p. With `damping` 0 it is
    sumy's undamped iteration, which the stock method must reproduce exactly.
    """
    n = adjacency.shape[0]
    if n == 0:
        return np.zeros(0)
    degrees = np.asarray(adjacency.sum(axis=1)).ravel()
    degrees[degrees == 0] = 1.0
    # M = D^-1 A, as sumy divides each row by its degree; M^T p is computed as A^T (p / d) so
    # that no second n x n matrix is built (A^T of a CSR matrix is a CSC view, not a copy).
    inverse = 1.0 / degrees
    adjacency_t = adjacency.T
    p = np.full(n, 1.0 / n)
    jump = None
    if damping > 0.0:
        base = np.full(n, 1.0 / n) if teleport is None else np.asarray(teleport, dtype=np.float64)
        jump = damping * base / base.sum()
    for _ in range(MAX_ITERATIONS):
        nxt = adjacency_t @ (inverse * p)
        if jump is not None:
            nxt = (1.0 - damping) * nxt + jump
        norm = np.linalg.norm(nxt)
        if norm == 0.0:
            break
        nxt /= norm
        moved = np.linalg.norm(nxt - p)
        p = nxt
        if not moved > epsilon:
            break
    return p


def lexrank_scores(
    sentences_terms: Sequence[Sequence[str]], threshold: float = 0.1, epsilon: float = 0.1
) -> np.ndarray:
    """One LexRank centrality score per sentence, equal to sumy's for the same terms."""
    unit = unit_rows(tfidf_matrix(sentences_terms))
    return stationary_distribution(similarity_graph(unit, threshold), epsilon)


def sumy_scores(summarizer: LexRankSummarizer, sentences: Sequence[object]) -> np.ndarray:
    """sumy's own LexRank scores, by the steps its `__call__` takes, Python loops and all.

    The reference the fast ranker is measured and tested against; it is here, rather than a
    call to `summarizer(document, n)`, because the scores serve every summary length at once.
    """
    words = [summarizer._to_words_set(s) for s in sentences]
    tf = summarizer._compute_tf(words)
    idf = summarizer._compute_idf(words)
    matrix = summarizer._create_matrix(words, summarizer.threshold, tf, idf)
    return summarizer.power_method(matrix, summarizer.epsilon)


class FastLexRankSummarizer(LexRankSummarizer):
    """sumy's `LexRankSummarizer` with the O(n^2) Python loops replaced by sparse algebra.

    Everything before the matrix (stemming, stop words, normalization) and after the scores
    (sumy's ranking and reordering of sentences) is sumy's own code, inherited unchanged.
    """

    def __call__(self, document: object, sentences_count: object) -> tuple[object, ...]:
        sentences = document.sentences  # type: ignore[attr-defined]
        if not sentences:
            return ()
        scores = self.rate_sentences(document)
        ratings = dict(zip(sentences, scores, strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)

    def rate_sentences(self, document: object) -> np.ndarray:
        sentences = document.sentences  # type: ignore[attr-defined]
        terms = [self._to_words_set(s) for s in sentences]
        return lexrank_scores(terms, self.threshold, self.epsilon)
