"""The in-memory index: a cache of stored terms, with a main segment and a small delta.

One class serves both directions — profiles ranked for a request, open requests ranked for a
volunteer — with different field weights. It never analyses text: documents arrive with the
terms stored in the database.

Changes: rebuilding or appending to a million-row CSC matrix copies all of it, so a single
upsert or removal goes to a small *delta* segment instead, and the main segment's copy of that
row is masked out. Ranking reads both. When the delta passes ``merge_threshold`` rows it is
merged into the main segment. IDF is learned at ``build`` and frozen until the next build: the
delta and the queries are weighed with the same statistics, so merging changes no score (a
full ``build`` — after a synonym change, or when the caller finds the population has drifted —
refreshes it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

import numpy as np
import scipy.sparse as sp

from . import explain, ranking
from .analysis import is_synonym_term
from .attributes import Attributes, Codes
from .segment import Segment
from .synonyms import FEATURE_PREFIX, DomainSynonyms
from .vectorize import (
    PROFILE_FIELDS,
    REQUEST_FIELDS,
    Vocabulary,
    apply_idf,
    extend_idf,
    fit_idf,
    query_vector,
    weighted_tf,
)

_BUILD_CHUNK = 50_000


@dataclass(frozen=True)
class Doc:
    """One row to index: stored term strings per field, and its filterable attributes."""

    id: int
    fields: Mapping[str, str]
    kind: str | None = None  # None: accepts any kind (a request that names none)
    published: bool = True  # published profile / open request
    availability: int = 0  # slots offered (bit day*3 + band)
    needs: tuple[int, ...] = ()  # slot groups the row requires, each to be met (requests)
    areas: tuple[int, ...] = ()
    last_asked: float | None = None  # epoch seconds of the last proposal to this person


@dataclass(frozen=True)
class Query:
    """One ranking call: stored terms of the asking side, its filters and soft-factor inputs."""

    fields: Mapping[str, str]
    kind: str | None = None  # rows must be of this kind (or accept any); None: no filter
    required_slots: tuple[int, ...] = ()  # each group must meet the row's availability
    offered_slots: int | None = None  # must meet each of the row's needs
    areas: tuple[int, ...] = ()
    exclude: Collection[int] = ()  # ids already proposed, declined or confirmed
    limit: int = 10
    now: float | None = None


class Index:
    """Rank stored documents for a query; ``profile_index()``/``request_index()`` configure it."""

    def __init__(
        self,
        fields: Mapping[str, float] = PROFILE_FIELDS,
        query_fields: Mapping[str, float] = REQUEST_FIELDS,
        *,
        weights: Mapping[str, float] | None = None,
        synonyms: DomainSynonyms | None = None,
        merge_threshold: int = 2000,
    ) -> None:
        self.fields = dict(fields)
        self.query_fields = dict(query_fields)
        self.weights = {**ranking.DEFAULT_WEIGHTS, **(weights or {})}
        self.synonyms = synonyms or DomainSynonyms()
        self.merge_threshold = merge_threshold
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._vocab = Vocabulary(self.synonyms.single_words())
        self._links: dict[int, set[int]] = {}
        self._idf = np.zeros(0)
        self._fit_docs = 0
        self._codes = Codes()
        self._main = Segment(sp.csr_matrix((0, 0)), self._codes.encode([]))
        self._alive: np.ndarray | None = None  # None: every main row is alive
        self._delta_rows: dict[int, tuple[np.ndarray, np.ndarray, Attributes]] = {}
        self._delta: Segment | None = None

    # -- building and changes ---------------------------------------------------------------

    def build(self, docs: Iterable[Doc]) -> None:
        """Replace the whole index with ``docs`` and learn IDF anew (streamed in chunks)."""
        with self._lock:
            self._reset()
            links: set[tuple[int, int]] = set()
            parts, attrs = [], []
            iterator = iter(docs)
            while chunk := list(islice(iterator, _BUILD_CHUNK)):
                parts.append(self._tf(chunk, links))
                attrs.append(self._codes.encode(chunk))
            width = len(self._vocab)
            parts = [sp.csr_matrix(p, shape=(p.shape[0], width)) for p in parts] or [
                sp.csr_matrix((0, width))
            ]
            tf = sp.vstack(parts, format="csr")
            if tf.shape[0]:
                vectors, self._idf = fit_idf(tf)
            else:
                vectors, self._idf = tf, np.ones(width)
            self._fit_docs = vectors.shape[0]
            self._add_links(links)
            self._main = Segment(
                vectors, Attributes.concat(attrs) if attrs else self._codes.encode([])
            )

    def set_synonyms(self, synonyms: DomainSynonyms, docs: Iterable[Doc]) -> None:
        """Use a new domain synonym list: rebuild from the stored terms of ``docs``."""
        with self._lock:
            self.synonyms = synonyms
            self.build(docs)

    def upsert(self, docs: Doc | Iterable[Doc]) -> None:
        """Add or replace documents; they are ranked on the next call."""
        docs = [docs] if isinstance(docs, Doc) else list(docs)
        if not docs:
            return
        with self._lock:
            links: set[tuple[int, int]] = set()
            tf = self._tf(docs, links)
            self._add_links(links)
            self._idf = extend_idf(self._idf, len(self._vocab), self._fit_docs)
            vectors = apply_idf(tf, self._idf)
            attrs = self._codes.encode(docs)
            for i, doc in enumerate(docs):
                start, end = vectors.indptr[i], vectors.indptr[i + 1]
                row = (
                    vectors.indices[start:end].copy(),
                    vectors.data[start:end].astype(np.float32),
                )
                self._delta_rows[doc.id] = (*row, attrs.take(np.array([i])))
            self._hide_in_main([d.id for d in docs])
            self._delta = None
            if len(self._delta_rows) > self.merge_threshold:
                self.merge()

    def remove(self, ids: int | Iterable[int]) -> None:
        """Stop ranking these documents (unknown ids are ignored)."""
        ids = [ids] if isinstance(ids, int) else list(ids)
        with self._lock:
            for doc_id in ids:
                if self._delta_rows.pop(doc_id, None) is not None:
                    self._delta = None
            self._hide_in_main(ids)

    def merge(self) -> None:
        """Fold the delta into the main segment (scores are unchanged: IDF stays frozen)."""
        with self._lock:
            delta = self._delta_segment()
            if delta is None and self._alive is None:
                return
            main = self._main
            alive = np.ones(main.n_rows, bool) if self._alive is None else self._alive
            coo = main.to_coo()
            keep = alive[coo.row]
            new_row = np.cumsum(alive) - 1
            rows, cols, data = [new_row[coo.row[keep]]], [coo.col[keep]], [coo.data[keep]]
            attrs = [main.attrs.take(np.flatnonzero(alive))]
            n = int(alive.sum())
            if delta is not None:
                dcoo = delta.to_coo()
                rows.append(dcoo.row + n)
                cols.append(dcoo.col)
                data.append(dcoo.data)
                attrs.append(delta.attrs)
                n += delta.n_rows
            shape = (n, len(self._vocab))
            merged = sp.coo_matrix(
                (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=shape
            )
            self._main = Segment(merged, Attributes.concat(attrs))
            self._alive = None
            self._delta_rows = {}
            self._delta = None

    def _hide_in_main(self, ids: list[int]) -> None:
        rows = self._main.rows_of(np.array(ids, dtype=np.int64))
        rows = rows[rows >= 0]
        if len(rows):
            # Copy on write: a ranking call running in another thread keeps a consistent mask.
            alive = np.ones(self._main.n_rows, bool) if self._alive is None else self._alive.copy()
            alive[rows] = False
            self._alive = alive

    def _delta_segment(self) -> Segment | None:
        if self._delta is None and self._delta_rows:
            ids = sorted(self._delta_rows)
            rows = [self._delta_rows[i] for i in ids]
            lengths = [len(r[0]) for r in rows]
            matrix = sp.csr_matrix(
                (
                    np.concatenate([r[1] for r in rows]),
                    np.concatenate([r[0] for r in rows]),
                    np.concatenate([[0], np.cumsum(lengths)]),
                ),
                shape=(len(rows), len(self._vocab)),
            )
            self._delta = Segment(matrix, Attributes.concat([r[2] for r in rows]))
        return self._delta

    # -- ranking ----------------------------------------------------------------------------

    def rank(self, query: Query) -> RankResult:
        """The best ``query.limit`` rows with their reasons, and the hard filters' removals."""
        started = time.perf_counter()
        with self._lock:
            main, alive, delta = self._main, self._alive, self._delta_segment()
            cols, qvals, labels = self._query_vector(query)
            flt = ranking.Filters(
                kind=self._codes.kind(query.kind),
                required_slots=tuple(query.required_slots),
                offered_slots=query.offered_slots,
                excluded_ids=np.fromiter(query.exclude, dtype=np.int64),
            )
            query_areas = self._codes.area_mask([query.areas])[0]
            codes = self._codes
        now = time.time() if query.now is None else query.now
        k = max(int(query.limit), 1)
        segments = [(main, alive)] + ([(delta, None)] if delta is not None else [])
        hits = [
            ranking.segment_hits(seg, a, cols, qvals, flt, query_areas, self.weights, now, k)
            for seg, a in segments
        ]
        doc_ids = np.concatenate(
            [seg.attrs.ids[h.rows] for (seg, _), h in zip(segments, hits, strict=True)]
        )
        final = np.concatenate([h.final for h in hits])
        which = np.concatenate([np.full(len(h.rows), i) for i, h in enumerate(hits)])
        offset = np.concatenate([[0], np.cumsum([len(h.rows) for h in hits])])
        best = ranking.ordered(doc_ids, final, k)
        required = 0
        for group in query.required_slots:
            required |= group
        # The winners' values in each query column and each column a label may need: one
        # binary search per column and segment, not one per candidate and column.
        col_list, q_list = cols.tolist(), qvals.tolist()
        lookup = col_list + explain.linked_columns(labels)
        values: dict[int, dict[int, float]] = {}
        for i, (seg, _) in enumerate(segments):
            mine = best[which[best] == i]
            matrix = seg.values_matrix(hits[i].rows[mine - offset[i]], lookup)
            for pos, row_values in zip(mine.tolist(), matrix.tolist(), strict=True):
                values[pos] = dict(zip(lookup, row_values, strict=True))
        candidates = []
        for pos in best.tolist():
            i = int(which[pos])
            seg, hit, j = segments[i][0], hits[i], pos - offset[i]
            row = int(hit.rows[j])
            width = min(len(query_areas), seg.attrs.areas.shape[1])
            candidates.append(
                explain.Candidate(
                    doc_id=int(doc_ids[pos]),
                    score=ranking.round_score(hit.final[j]),
                    text_score=ranking.round_score(hit.text[j]),
                    matched_terms=explain.matched_terms(col_list, q_list, values[pos], labels),
                    required_slots=required,
                    covered_slots=int(seg.attrs.availability[row]) & required,
                    shared_areas=codes.area_ids_of(
                        seg.attrs.areas[row][:width] & query_areas[:width]
                    ),
                    soft_factors=[
                        explain.SoftFactor(name, round(float(b[j]), 6))
                        for name, b in hit.boosts.items()
                        if b[j] > 0
                    ],
                )
            )
        return explain.RankResult(
            candidates=candidates,
            removed=ranking.combine_removed([h.removed for h in hits]),
            considered=sum(h.considered for h in hits),
            stats={
                "seconds": time.perf_counter() - started,
                **{name: sum(h.work[name] for h in hits) for name in hits[0].work},
            },
        )

    # -- helpers ----------------------------------------------------------------------------

    def _tf(self, docs: list[Doc], links: set[tuple[int, int]]) -> sp.csr_matrix:
        strings = {name: [d.fields.get(name) or "" for d in docs] for name in self.fields}
        return weighted_tf(strings, self.fields, self._vocab, self.synonyms, links=links)

    def _add_links(self, links: set[tuple[int, int]]) -> None:
        for syn_col, word_col in links:
            self._links.setdefault(syn_col, set()).add(word_col)

    def _query_vector(self, query: Query):
        idf = extend_idf(self._idf, len(self._vocab), self._fit_docs)
        cols, qvals = query_vector(query.fields, self.query_fields, self._vocab, self.synonyms, idf)
        tokens = [t for name in self.query_fields for t in (query.fields.get(name) or "").split()]
        return cols, qvals, self._labels(cols, tokens)

    def _labels(self, cols: np.ndarray, tokens: list[str]) -> dict[int, explain.ColumnLabel]:
        """Name each query column for people (see ``explain``)."""
        terms, index = self._vocab.terms, self._vocab.index
        found = self.synonyms.occurrences(tokens) if self.synonyms.n_groups else {}
        carriers: dict[str, list[str]] = {}  # syn<id> → the query's words that carry it
        word = None
        for t in tokens:
            if not is_synonym_term(t):
                word = t
            elif word is not None and word not in carriers.setdefault(t, []):
                carriers[t].append(word)
        labels = {}
        for col in cols.tolist():
            term = terms[col]
            if self._vocab.is_synonym[col]:
                linked = tuple((terms[c], (c,)) for c in sorted(self._links.get(col, ())))
                words = tuple(carriers.get(term, [])) or (term,)
                labels[col] = explain.ColumnLabel("synonym", words, linked)
            elif term.startswith(FEATURE_PREFIX):
                group = int(term[len(FEATURE_PREFIX) :])
                linked = tuple(
                    (m.text, tuple(index.get(t, -1) for t in m.terms))
                    for m in self.synonyms.group_members(group)
                )
                words = tuple(found.get(group, [])) or (term,)
                labels[col] = explain.ColumnLabel("domain_synonym", words, linked)
            else:
                labels[col] = explain.ColumnLabel("term", (term,))
        return labels

    def __len__(self) -> int:
        alive = self._main.n_rows if self._alive is None else int(self._alive.sum())
        return alive + len(self._delta_rows)

    def stats(self) -> dict[str, int]:
        """Sizes for monitoring and the benchmark: rows, columns, bytes."""
        delta = self._delta_segment()
        return {
            "main_rows": self._main.n_rows,
            "delta_rows": len(self._delta_rows),
            "columns": len(self._vocab),
            "nnz": len(self._main.data),
            "bytes": self._main.nbytes() + (delta.nbytes() if delta else 0),
            "synonyms_version": self.synonyms.version,
        }


RankResult = explain.RankResult


def profile_index(**kwargs) -> Index:
    """Profiles ranked for a request (skills > experience > bio; title > description)."""
    return Index(PROFILE_FIELDS, REQUEST_FIELDS, **kwargs)


def request_index(**kwargs) -> Index:
    """Open requests ranked for a volunteer's profile: the same machinery, fields swapped."""
    weights = {"not_asked_recently": 0.0, **kwargs.pop("weights", {})}
    return Index(REQUEST_FIELDS, PROFILE_FIELDS, weights=weights, **kwargs)
