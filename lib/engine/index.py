"""The in-memory index: a cache of stored terms, with a main segment and a small delta.

One class serves both directions — profiles ranked for a request, open requests ranked for a
volunteer — with different field weights. It never analyses text: documents arrive with the
terms stored in the database.

Changes: rebuilding or appending to a million-row CSC matrix copies all of it, so a single
upsert or removal goes to a small *delta* segment instead (``delta.py``), and the main
segment's copy of that row is masked out. Ranking reads both. When the delta passes
``merge_threshold`` rows it is merged into the main segment — in a background thread by
default, since at a million rows that takes seconds; ranking and changes go on meanwhile.
IDF is learned at ``build`` and frozen until the next build: the delta and the queries are
weighed with the same statistics, so merging changes no score (a full ``build`` — after a
synonym change, or when the caller finds the population has drifted — refreshes it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

import numpy as np
import scipy.sparse as sp

from lib.text.vectors import WordVectors

from . import explain, ranking, topk
from .attributes import Attributes, Codes
from .delta import Delta, merged
from .segment import Segment
from .semantic import Expander, SemanticOptions, word_weights
from .synonyms import DomainSynonyms
from .vectorize import (
    PROFILE_FIELDS,
    REQUEST_FIELDS,
    Vocabulary,
    apply_idf,
    extend_idf,
    fit_idf,
    query_side_specificity,
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
    kinds: tuple[str, ...] = ()  # more kinds it accepts (a request open to several)
    # Kinds it would rather have, without refusing the others (a request whose kinds are a
    # preference): they earn the ``kind_wanted`` boost, never a filter.
    prefers: tuple[str, ...] = ()
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
    kinds: tuple[str, ...] = ()  # kinds that could help: boosted, or required if kinds_strict
    kinds_strict: bool = False
    # Rows that filled in no slot pass the date filter and are ranked after those that fit.
    unknown_availability_passes: bool = True
    # 地区 ids and slots the query's own text names (lib.text.places): soft preferences.
    named_areas: tuple[int, ...] = ()
    named_slots: int = 0
    semantic: bool = True  # use the word vectors when the index has them
    cut_off: bool = True  # hide far-below-the-best rows; none at all when nothing fits
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
        background_merge: bool = True,
        vectors: WordVectors | None = None,
        semantic: SemanticOptions | None = None,
        cut_off: CutOff | None = None,
    ) -> None:
        self.fields = dict(fields)
        self.query_fields = dict(query_fields)
        self.weights = {**ranking.DEFAULT_WEIGHTS, **(weights or {})}
        self.synonyms = synonyms or DomainSynonyms()
        self.merge_threshold = merge_threshold
        self.background_merge = background_merge
        self.vectors = vectors
        self.semantic = semantic or SemanticOptions()
        self.cut_off = cut_off or CutOff()
        self._lock = threading.RLock()  # guards every attribute below
        self._merge_lock = threading.Lock()  # one merge or build at a time
        self._reset()

    def _reset(self) -> None:
        self._vocab = Vocabulary(self.synonyms.single_words())
        self._links: dict[int, set[int]] = {}
        self._idf = np.zeros(0)
        self._fit_docs = 0
        self._codes = Codes()
        self._main = Segment(sp.csr_matrix((0, 0)), self._codes.encode([]))
        self._alive: np.ndarray | None = None  # None: every main row is alive
        self._delta = Delta()
        self._changed_while_merging: set[int] | None = None
        self._expander = Expander(self.vectors, self.semantic) if self.vectors else None
        self._specificity: dict[str, float] = {}

    # -- building and changes ---------------------------------------------------------------

    def build(self, docs: Iterable[Doc], synonyms: DomainSynonyms | None = None) -> None:
        """Replace the whole index with ``docs`` and learn IDF anew (streamed in chunks).

        With ``synonyms``, a new domain synonym list takes effect in the same step.
        """
        with self._merge_lock, self._lock:
            if synonyms is not None:
                self.synonyms = synonyms
            self._reset()
            links: set[tuple[int, int]] = set()
            parts, attrs = [], []
            iterator = iter(docs)
            while chunk := list(islice(iterator, _BUILD_CHUNK)):
                parts.append(self._tf(chunk, links))
                attrs.append(self._codes.encode(chunk))
            width = len(self._vocab)
            tf = sp.vstack(
                [sp.csr_matrix(p, shape=(p.shape[0], width)) for p in parts]
                or [sp.csr_matrix((0, width))],
                format="csr",
            )
            # No rows, or rows without a single term (every profile withdrawn and erased):
            # nothing to learn IDF from, and scikit-learn refuses a matrix of 0 columns.
            if tf.shape[0] and tf.shape[1]:
                vectors, self._idf = fit_idf(tf)
            else:
                vectors, self._idf = tf, np.ones(width)
            self._fit_docs = vectors.shape[0]
            self._add_links(links)
            self._main = Segment(
                vectors, Attributes.concat(attrs) if attrs else self._codes.encode([])
            )

    def learn_query_side(self, documents: Iterable[Mapping[str, str]]) -> None:
        """Learn how generic each word is on the asking side from its stored documents (for
        the profile index: every request's title and description), see
        ``vectorize.query_side_specificity``."""
        lists = (
            [t for f in self.query_fields for t in (doc.get(f) or "").split()] for doc in documents
        )
        specificity = query_side_specificity(lists)
        with self._lock:
            self._specificity = specificity

    def set_synonyms(self, synonyms: DomainSynonyms, docs: Iterable[Doc]) -> None:
        """Use a new domain synonym list: rebuild from the stored terms of ``docs``."""
        self.build(docs, synonyms=synonyms)

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
            self._codes.encode(docs)  # registers new kinds and areas
            for i, doc in enumerate(docs):
                start, end = vectors.indptr[i], vectors.indptr[i + 1]
                self._delta.put(doc, vectors.indices[start:end], vectors.data[start:end])
            self._changed([d.id for d in docs])
            due = len(self._delta) > self.merge_threshold
        if due:
            self._merge_soon()

    def remove(self, ids: int | Iterable[int]) -> None:
        """Stop ranking these documents (unknown ids are ignored)."""
        ids = [ids] if isinstance(ids, int) else list(ids)
        with self._lock:
            for doc_id in ids:
                self._delta.drop(doc_id)
            self._changed(ids)

    def merge(self) -> None:
        """Fold the delta into the main segment (scores are unchanged: IDF stays frozen).

        The new main segment is built outside the lock; documents changed meanwhile stay in
        the delta and are masked out of the new main segment.
        """
        with self._merge_lock:
            with self._lock:
                main, alive = self._main, self._alive
                delta = self._delta.segment(self._codes, len(self._vocab))
                if delta is None and alive is None:
                    return
                width = len(self._vocab)
                self._changed_while_merging = set()
            new_main = merged(main, alive, delta, width)
            with self._lock:
                changed, self._changed_while_merging = self._changed_while_merging, None
                self._main, self._alive = new_main, None
                self._delta.keep_only(changed)
                self._hide_in_main(list(changed))

    def _merge_soon(self) -> None:
        if not self.background_merge:
            self.merge()
        elif not self._merge_lock.locked():
            threading.Thread(target=self.merge, name="index-merge", daemon=True).start()

    def _changed(self, ids: list[int]) -> None:
        if self._changed_while_merging is not None:
            self._changed_while_merging.update(ids)
        self._hide_in_main(ids)

    def _hide_in_main(self, ids: list[int]) -> None:
        rows = self._main.rows_of(np.array(ids, dtype=np.int64))
        rows = rows[rows >= 0]
        if len(rows):
            # Copy on write: a ranking call running in another thread keeps a consistent mask.
            alive = np.ones(self._main.n_rows, bool) if self._alive is None else self._alive.copy()
            alive[rows] = False
            self._alive = alive

    # -- ranking ----------------------------------------------------------------------------

    def rank(self, query: Query) -> RankResult:
        """The best ``query.limit`` rows with their reasons, and the hard filters' removals."""
        started = time.perf_counter()
        with self._lock:
            main, alive = self._main, self._alive
            delta = self._delta.segment(self._codes, len(self._vocab))
            cols, qvals = self.vector(query)
            tokens = [t for f in self.query_fields for t in (query.fields.get(f) or "").split()]
            labels = explain.column_labels(
                cols.tolist(), tokens, self._vocab.terms, self._vocab.index, self._links,
                self.synonyms,
            )  # fmt: skip
            if query.semantic and self._expander is not None:
                cols, qvals = self._expand(query, cols, qvals, labels)
            kind_mask = self._codes.kind_mask(query.kinds)
            flt = ranking.Filters(
                kind=self._codes.kind(query.kind),
                kinds=kind_mask if query.kinds_strict and query.kinds else None,
                required_slots=tuple(query.required_slots),
                offered_slots=query.offered_slots,
                excluded_ids=np.fromiter(query.exclude, dtype=np.int64),
                unknown_availability_passes=query.unknown_availability_passes,
            )
            query_areas = self._codes.area_mask([query.areas])[0]
            named = ranking.Named(self._codes.area_mask([query.named_areas])[0], query.named_slots)
            codes = self._codes
        now = time.time() if query.now is None else query.now
        k = max(int(query.limit), 1)
        segments = [(main, alive)] + ([(delta, None)] if delta is not None else [])
        wanted = 0 if query.kinds_strict else kind_mask
        pools = [
            ranking.segment_pool(seg, a, cols, qvals, flt, k, self.weights) for seg, a in segments
        ]
        text = np.concatenate([p.text for p in pools])
        shown, hidden, nothing_fits = self.cut_off.apply(text, query.cut_off)
        winners = topk.best(
            pools,
            shown,
            k,
            topk.boost_bound(self.weights, query_areas, wanted, named),
            lambda pool, at: ranking.pool_hits(
                pool, at, query_areas, self.weights, now, wanted, named
            ),
        )
        required = 0
        for group in query.required_slots:
            required |= group
        return explain.RankResult(
            candidates=explain.candidates(
                winners, cols, qvals, labels, required, query_areas, codes
            ),
            removed=ranking.combine_removed([p.removed for p in pools]),
            considered=sum(p.considered for p in pools),
            nothing_fits=nothing_fits,
            hidden=hidden,
            stats={
                "seconds": time.perf_counter() - started,
                **{name: sum(p.work[name] for p in pools) for name in pools[0].work},
            },
        )

    def _expand(self, query, cols, qvals, labels):
        """Add the query words' neighbours in meaning as expansion columns (see semantic.py)."""
        expander = self._expander
        expander.refresh(self._vocab.terms)
        idf = extend_idf(self._idf, len(self._vocab), self._fit_docs)
        rare = extend_idf(np.zeros(0), 1, self._fit_docs)[0]
        weights = word_weights(
            query.fields, self.query_fields, self._vocab.index, idf, rare, self._specificity
        )
        expansions = expander.expand(weights, self._vocab.index, set(cols.tolist()), idf, rare)
        if not expansions:
            return cols, qvals
        terms = self._vocab.terms
        for e in expansions:
            labels[e.column] = explain.ColumnLabel(
                "expansion", (e.source,), ((terms[e.column], (e.column,)),)
            )
        cols = np.concatenate([cols, [e.column for e in expansions]]).astype(np.int64)
        qvals = np.concatenate([qvals, [e.value for e in expansions]])
        return cols, qvals

    def vector(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """The query's unit-length vector over this index's columns: (columns, values)."""
        with self._lock:
            idf = extend_idf(self._idf, len(self._vocab), self._fit_docs)
            rare = extend_idf(np.zeros(0), 1, self._fit_docs)[0]
            return query_vector(
                query.fields, self.query_fields, self._vocab, self.synonyms, idf, rare,
                self._specificity,
            )  # fmt: skip

    # -- helpers ----------------------------------------------------------------------------

    def _tf(self, docs: list[Doc], links: set[tuple[int, int]]) -> sp.csr_matrix:
        strings = {name: [d.fields.get(name) or "" for d in docs] for name in self.fields}
        return weighted_tf(strings, self.fields, self._vocab, self.synonyms, links=links)

    def _add_links(self, links: set[tuple[int, int]]) -> None:
        for syn_col, word_col in links:
            self._links.setdefault(syn_col, set()).add(word_col)

    def __len__(self) -> int:
        with self._lock:
            alive = self._main.n_rows if self._alive is None else int(self._alive.sum())
            return alive + len(self._delta)

    def stats(self) -> dict[str, int]:
        """Sizes for monitoring and the benchmark: rows, columns, bytes."""
        with self._lock:
            delta = self._delta.segment(self._codes, len(self._vocab))
            return {
                "main_rows": self._main.n_rows,
                "delta_rows": len(self._delta),
                "columns": len(self._vocab),
                "nnz": len(self._main.data),
                "bytes": self._main.nbytes() + (delta.nbytes() if delta else 0),
                "synonyms_version": self.synonyms.version,
            }


RankResult = explain.RankResult


@dataclass(frozen=True)
class CutOff:
    """When a list ends: nothing fits below ``min_text``; below ``relative`` × the best text
    score a row is hidden (a long tail of people who share one generic word)."""

    min_text: float = 0.0
    relative: float = 0.0

    def apply(self, text: np.ndarray, enabled: bool = True) -> tuple[np.ndarray, int, bool]:
        """(mask of rows shown, how many were hidden, whether nothing fits)."""
        shown = np.ones(len(text), dtype=bool)
        if not enabled or not len(text):
            return shown, 0, enabled and not len(text)
        best = float(text.max())
        if best < self.min_text:
            return np.zeros(len(text), dtype=bool), len(text), True
        shown = text >= self.relative * best
        return shown, int(len(text) - shown.sum()), False


# Chosen on the city set's dev split (README, "Matching quality"): a best text score under 0.2
# means the request shares only generic words with everyone; a row under 0.3 × the best is
# the long tail.
SERVICE_CUT_OFF = CutOff(min_text=0.2, relative=0.3)


def profile_index(**kwargs) -> Index:
    """Profiles ranked for a request (skills > experience > bio; title > description)."""
    return Index(PROFILE_FIELDS, REQUEST_FIELDS, **kwargs)


def request_index(**kwargs) -> Index:
    """Open requests ranked for a volunteer's profile: the same machinery, fields swapped."""
    weights = {"not_asked_recently": 0.0, **kwargs.pop("weights", {})}
    return Index(REQUEST_FIELDS, PROFILE_FIELDS, weights=weights, **kwargs)
