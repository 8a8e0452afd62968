"""The pruned top-k equals scoring every row in full, on data big enough to prune."""

import numpy as np
import pytest
import scipy.sparse as sp

from matching.engine import Doc, Query
from matching.engine.attributes import Codes
from matching.engine.index import profile_index
from matching.engine.ranking import kth_lower_bound, text_candidates
from matching.engine.segment import Segment

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
    cols, qvals, _ = index._query_vector(query)
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


def test_the_long_common_lists_are_mostly_skipped(corpus):
    stats = [corpus.rank(make_query(seed)).stats for seed in range(12)]
    assert all(s["columns_added"] <= s["columns"] for s in stats)
    skipped = sum(s["postings_skipped"] for s in stats)
    added = sum(s["postings_added"] for s in stats)
    assert skipped > added  # otherwise the pruning above was never put to the test


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


def test_a_row_found_only_in_the_unread_lists_is_not_lost():
    """Hand-built lists where stopping one column too early would lose the best row.

    Column A (weight 0.3) holds rows 1–20; T1 (max 0.2) holds row 30 and rows 100–999 at
    0.01; T2 and T3 hold rows 100–999 at 0.01 and row 40 at 0.16. Row 40 appears in no list
    read before T2, yet 0.32 beats every other row.
    """
    n = 2_000
    entries = [(r, 0, 0.3) for r in range(1, 21)]
    entries += [(30, 1, 0.2)] + [(r, c, 0.01) for c in (1, 2, 3) for r in range(100, 1000)]
    entries += [(40, 2, 0.16), (40, 3, 0.16)]
    rows, cols, vals = zip(*entries, strict=True)
    matrix = sp.coo_matrix((vals, (rows, cols)), shape=(n, 4))
    codes = Codes()
    seg = Segment(matrix, codes.encode([Doc(i, {}) for i in range(n)]))
    ok = np.ones(n, dtype=bool)
    found, text, work = text_candidates(seg, ok, np.arange(4), np.ones(4), k=10, boost=0.0)
    best = found[np.argsort(-text)]
    assert best[0] == 40 and text.max() == pytest.approx(0.32)
    assert work["columns_added"] == 3 and work["postings_skipped"] == 901
