"""Meaning beyond shared words: a query word also reaches the index's words near it in meaning.

Each word of the query (a Sudachi normalized form) is looked up in the word-vector table
(``lib.text.vectors``); the index's own words whose vectors are close to it (cosine at least
``min_similarity``, the ``max_neighbours`` closest) join the query as *expansion* columns, at
``share`` × similarity × the word's own weight — a fraction, so a profile that says the word
itself always scores more than one that says a neighbour. An expansion column never replaces
a word: a column the query already holds lexically is not expanded to.

Generic neighbours are held down the same way generic words are: an expansion column's value
is scaled by min(1, its IDF / the query word's IDF), so 茶 can reach 茶道 at full share but
茶道 reaches a common word like 体験 only at a fraction of it.

Neighbours are found against the distinct vector rows of the index's vocabulary (a few
thousand), one matrix-vector product per query word, cached per word until the vocabulary
grows.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lib.text.analysis import is_synonym_term
from lib.text.vectors import WordVectors

from .synonyms import FEATURE_PREFIX


@dataclass(frozen=True)
class SemanticOptions:
    share: float = 0.5  # an expansion column's value relative to the word it comes from
    min_similarity: float = 0.5
    max_neighbours: int = 4
    # Words that share one vector row (the table pruned them onto one row) count as this
    # similar: 0, i.e. not at all. The row says little about such a pair (茶道, 書道 and
    # フェンシング-like outliers share rows); measured on the dev split it gains nothing.
    same_row_similarity: float = 0.0


@dataclass(frozen=True)
class Expansion:
    column: int
    value: float
    source: str  # the query's word it comes from


class Expander:
    """Neighbours of query words among one index's vocabulary."""

    def __init__(self, vectors: WordVectors, options: SemanticOptions | None = None) -> None:
        self.vectors = vectors
        self.options = options or SemanticOptions()
        self._lock = threading.Lock()
        self._n_columns = 0
        self.column_rows = np.zeros(0, dtype=np.int32)  # vector row of each column, -1 = none
        self._rows = np.zeros(0, dtype=np.int32)  # distinct rows present
        self._matrix = np.zeros((0, vectors.dim), dtype=np.float32)
        self._columns_of_row: dict[int, list[int]] = {}
        self._cache: dict[str, list[tuple[int, float]]] = {}

    def refresh(self, terms: Sequence[str]) -> None:
        """Take in the columns added to the vocabulary since the last call."""
        with self._lock:
            if len(terms) == self._n_columns:
                return
            new = terms[self._n_columns :]
            rows = np.array([self._row_of(t) for t in new], dtype=np.int32)
            self.column_rows = np.concatenate([self.column_rows, rows])
            for offset, row in enumerate(rows.tolist()):
                if row >= 0:
                    self._columns_of_row.setdefault(row, []).append(self._n_columns + offset)
            self._n_columns = len(terms)
            distinct = np.array(sorted(self._columns_of_row), dtype=np.int32)
            if len(distinct) != len(self._rows):
                self._rows = distinct
                self._matrix = self.vectors.unit(distinct)
            self._cache = {}

    def _row_of(self, term: str) -> int:
        if is_synonym_term(term) or term.startswith(FEATURE_PREFIX):
            return -1
        return self.vectors.row(term)

    def neighbours(self, word: str) -> list[tuple[int, float]]:
        """(column, similarity) of the vocabulary's words near ``word``, closest first."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        row = self.vectors.row(word)
        out: list[tuple[int, float]] = []
        if row >= 0 and len(self._rows):
            opts = self.options
            sims = self._matrix @ self.vectors.unit([row])[0]
            close = np.flatnonzero(sims >= opts.min_similarity)
            pairs = []
            for i in close.tolist():
                other = int(self._rows[i])
                sim = opts.same_row_similarity if other == row else float(sims[i])
                if sim < opts.min_similarity:
                    continue
                pairs.extend((col, sim) for col in self._columns_of_row[other])
            pairs.sort(key=lambda p: -p[1])
            out = pairs[: opts.max_neighbours + 1]
        self._cache[word] = out
        return out

    def expand(
        self,
        word_weights: Mapping[str, float],
        own_columns: Mapping[str, int],
        held: set[int],
        idf: np.ndarray,
        rare_idf: float,
    ) -> list[Expansion]:
        """Expansion columns for a query whose words carry ``word_weights`` (unit-normalised
        raw weights, known words or not); ``held`` are the columns the query holds already."""
        best: dict[int, Expansion] = {}
        share = self.options.share
        for word, weight in word_weights.items():
            own = own_columns.get(word)
            word_idf = idf[own] if own is not None and own < len(idf) else rare_idf
            taken = 0
            for col, sim in self.neighbours(word):
                if col == own or col in held:
                    continue
                if taken >= self.options.max_neighbours:
                    break
                taken += 1
                col_idf = idf[col] if col < len(idf) else rare_idf
                value = share * sim * weight * min(1.0, col_idf / word_idf)
                if value > 0 and (col not in best or best[col].value < value):
                    best[col] = Expansion(col, value, word)
        return sorted(best.values(), key=lambda e: e.column)


def word_weights(
    fields: Mapping[str, str],
    field_weights: Mapping[str, float],
    index: Mapping[str, int],
    idf: np.ndarray,
    rare_idf: float,
    specificity: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Each distinct query word's Σ field weight × IDF (× how specific it is on the asking
    side, so that 教室 is not expanded to 茶道), scaled to unit length over the words."""
    raw: dict[str, float] = {}
    for name, weight in field_weights.items():
        seen = set()
        for token in (fields.get(name) or "").split():
            if is_synonym_term(token) or token in seen:
                continue
            seen.add(token)
            col = index.get(token)
            token_idf = idf[col] if col is not None and col < len(idf) else rare_idf
            factor = specificity.get(token, 1.0) if specificity else 1.0
            raw[token] = raw.get(token, 0.0) + weight * token_idf * factor
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {t: v / norm for t, v in raw.items()} if norm else {}
