"""The pruned top-k equals scoring every row in full, on data big enough to prune."""

import numpy as np
import pytest
import scipy.sparse as sp

from lib.engine import Doc, Query
from lib.engine.attributes import Codes
from lib.engine.index import profile_index
from lib.engine.ranking import kth_lower_bound, text_candidates
from lib.engine.segment import Segment

SKILLS = [f"技{i}" for i in range(300)]
COMMON = [f"語{i}" for i in range(400)]


def skills_text(rng, n):
    # What people can do: specific words, each rare across the population.
    return " ".join(SKILLS[i] for i in rng.integers(0, len(SKILLS), size=n))


def common_text(rng, n):
    # How they write about themselves: a few very common words and a long tail.
    ranks = np.minimum(rng.zipf(1.3, size=n), len(COMMON)) - 1
    return " ".join(COMMON[r] for r in ranks)


@pytest.fixture(scope="module")
def corpus():
    rng = np.random.default_rng(7)
    docs = [
        Doc(
            i,
            {
                "skills": skills_text(rng, rng.integers(1, 4)),
                "experience": common_text(rng, rng.integers(3, 15)),
                "bio": common_text(rng, rng.integers(5, 30)),
            },
            kind=("a", "b", "c")[i % 3],
            published=bool(i % 11),
            availability=int(rng.integers(0, 1 << 21)),
            areas=(int(rng.integers(1, 6)),),
            last_asked=None if i % 2 else float(rng.integers(0, 100)) * 86_400.0,
        )
        for i in range(1, 12_001)
    ]
    index = profile_index()
    index.build(docs)
    return index


def brute_force(index, query):
    """Every row's final score the slow, obvious way, for comparison."""
    seg = index._main
    cols, qvals = index.vector(query)
    dense = np.zeros(seg.n_rows)
    for col, q in zip(cols.tolist(), qvals.tolist(), strict=True):
        rows, vals = seg.postings(col)
        dense[rows] += vals.astype(np.float64) * q
    attrs = seg.attrs
    ok = attrs.published & ((attrs.kind == index._codes.kind(query.kind)) | (query.kind is None))
    for group in query.required_slots:
        ok &= (attrs.availability & group) != 0
    ok &= ~np.isin(attrs.ids, list(query.exclude))
    ok &= dense > 0
    area = np.array(
        [bool(set(index._codes.area_ids_of(w)) & set(query.areas)) for w in attrs.areas]
    )
    days = (query.now - attrs.last_asked) / 86_400.0
    ramp = np.where(np.isnan(days), 1.0, np.clip(days / index.weights["recent_days"], 0, 1))
    final = dense * (
        1 + index.weights["same_area"] * area + index.weights["not_asked_recently"] * ramp
    )
    rows = np.flatnonzero(ok)
    order = sorted(rows.tolist(), key=lambda r: (-round(final[r], 9), attrs.ids[r]))
    return [(int(attrs.ids[r]), final[r]) for r in order[: query.limit]]


def make_query(seed):
    rng = np.random.default_rng(seed)
    return Query(
        # Every fourth query names no skill: its best rows differ only in common words.
        {
            "title": common_text(rng, 3) if seed % 4 == 3 else skills_text(rng, 2),
            "description": common_text(rng, 25),
        },
        kind=[None, "a", "b"][seed % 3],
        required_slots=() if seed % 2 else (int(rng.integers(1, 1 << 21)),),
        areas=(int(rng.integers(1, 6)),),
        exclude=[int(x) for x in rng.integers(1, 12_000, size=20)],
        limit=[1, 10, 50][seed % 3],
        now=100 * 86_400.0,
    )


@pytest.mark.parametrize("seed", range(16))
def test_pruned_top_k_equals_full_scoring(corpus, seed):
    query = make_query(seed)
    expected = brute_force(corpus, query)
    got = [(c.doc_id, c.score) for c in corpus.rank(query).candidates]
    assert [d for d, _ in got] == [d for d, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=1e-6)


def test_only_the_query_columns_are_read(corpus):
    result = corpus.rank(make_query(1))
    seg = corpus._main
    cols, _ = corpus.vector(make_query(1))
    lengths = [len(seg.postings(c)[0]) for c in cols.tolist()]
    assert result.stats["columns"] == len(cols)
    assert result.stats["postings"] == sum(lengths) < len(seg.data)


def test_the_kth_block_maximum_never_exceeds_the_kth_score():
    rng = np.random.default_rng(3)
    for n in (100, 5_000, 70_001):
        scores = np.where(rng.random(n) < 0.3, rng.random(n), 0.0)
        scores[rng.random(n) < 0.1] = -np.inf  # rows removed by a filter
        for k in (1, 10, 100):
            positive = np.sort(scores[scores > 0])[::-1]
            bound = kth_lower_bound(scores, k)
            if len(positive) >= k:
                assert 0 < bound <= positive[k - 1]
            else:
                assert bound == 0.0


def test_candidates_are_the_rows_that_can_still_make_the_top_k():
    # 3,000 rows: row r scores r / 3000 in column 0; the filter removes even rows.
    n = 3_000
    matrix = sp.coo_matrix((np.arange(1, n) / n, (np.arange(1, n), np.zeros(n - 1))), (n, 1))
    seg = Segment(matrix, Codes().encode([Doc(i, {}) for i in range(n)]))
    ok = np.arange(n) % 2 == 1
    rows, text, work = text_candidates(seg, ok, np.array([0]), np.array([1.0]), k=5, boost=0.1)
    # The 5th best allowed row is 2991; with a 10 % boost any row from 2991 / 1.1 = 2719.1 up
    # could still overtake it, and only those (the odd ones) are returned.
    assert rows.tolist() == list(range(2721, 3000, 2))
    assert text.tolist() == pytest.approx((rows / n).tolist())
    assert work == {"columns": 1, "postings": n - 1}
