"""The baseline the matcher is measured against: plain character-bigram TF-IDF.

What a developer would write without a Japanese analyser: the raw text of all fields run
together, scikit-learn's ``TfidfVectorizer(analyzer="char", ngram_range=(2, 2))`` with its
defaults, cosine. No NFKC, no dictionary, no synonyms, no field weights, no soft factors.

It takes the same ``Doc`` and ``Query`` (with raw text in ``fields`` instead of stored terms),
applies the same hard filters and returns the same ``RankResult``, so the evaluation command
can run both on the same data and compare.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from lib.engine import explain, ranking
from lib.engine.attributes import Codes
from lib.engine.index import Doc, Query
from lib.engine.segment import Segment

_NO_SOFT_FACTORS: dict[str, float] = {"same_area": 0.0, "not_asked_recently": 0.0}


class BigramBaseline:
    """Character-bigram TF-IDF over the concatenated raw text fields."""

    def __init__(self, fields: Sequence[str], query_fields: Sequence[str]) -> None:
        self.fields = list(fields)
        self.query_fields = list(query_fields)
        self.vectorizer_: TfidfVectorizer | None = None
        self.segment_: Segment | None = None
        self._codes = Codes()

    def build(self, docs: Iterable[Doc]) -> None:
        """Fit the vectorizer on ``docs`` (raw texts) and index them."""
        docs = list(docs)
        if not docs:
            raise ValueError("the baseline needs at least one document")
        self._codes = Codes()
        self.vectorizer_ = TfidfVectorizer(analyzer="char", ngram_range=(2, 2))
        matrix = self.vectorizer_.fit_transform([self._text(d.fields, self.fields) for d in docs])
        self.segment_ = Segment(matrix, self._codes.encode(docs))
        self._features = self.vectorizer_.get_feature_names_out()

    def rank(self, query: Query) -> explain.RankResult:
        """The best ``query.limit`` documents by bigram cosine, after the same hard filters."""
        if self.vectorizer_ is None or self.segment_ is None:
            raise RuntimeError("build() the baseline first")
        started = time.perf_counter()
        vector = self.vectorizer_.transform([self._text(query.fields, self.query_fields)])
        cols, qvals = vector.indices.astype(np.int64), vector.data.astype(np.float64)
        order = np.argsort(cols)
        cols, qvals = cols[order], qvals[order]
        flt = ranking.Filters(
            kind=self._codes.kind(query.kind),
            required_slots=tuple(query.required_slots),
            offered_slots=query.offered_slots,
            excluded_ids=np.fromiter(query.exclude, dtype=np.int64),
        )
        seg = self.segment_
        k = max(int(query.limit), 1)
        hits = ranking.segment_hits(
            seg, None, cols, qvals, flt, np.zeros(1, np.uint64), _NO_SOFT_FACTORS, 0.0, k
        )
        doc_ids = seg.attrs.ids[hits.rows]
        best = ranking.ordered(doc_ids, hits.final, k)
        candidates = []
        for pos in best.tolist():
            row = int(hits.rows[pos])
            shares = seg.values_matrix(np.array([row]), cols.tolist())[0] * qvals
            top = np.argsort(-shares)[:5]
            candidates.append(
                explain.Candidate(
                    doc_id=int(doc_ids[pos]),
                    score=ranking.round_score(hits.final[pos]),
                    text_score=ranking.round_score(hits.text[pos]),
                    matched_terms=[
                        explain.MatchedTerm(
                            str(self._features[cols[j]]), round(float(shares[j]), 6)
                        )
                        for j in top.tolist()
                        if shares[j] > 0
                    ],
                    required_slots=0,
                    covered_slots=0,
                    shared_areas=[],
                    soft_factors=[],
                )
            )
        return explain.RankResult(
            candidates=candidates,
            removed=ranking.combine_removed([hits.removed]),
            considered=hits.considered,
            stats={"seconds": time.perf_counter() - started},
        )

    @staticmethod
    def _text(fields, names: Sequence[str]) -> str:
        return "\n".join(fields.get(name) or "" for name in names)
