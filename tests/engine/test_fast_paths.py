"""The ranking call's shortcuts give exactly what the plain computation gives.

Each shortcut (soft factors only for rows that can still win, cached filter masks, query
weights without numpy, scores rounded in one call) is checked against the plain way on random
data, value for value: they exist for speed only and must change no ranking.
"""

import math

import numpy as np
import pytest
import scipy.sparse as sp

from lib.engine import Doc, Query
from lib.engine.attributes import Codes
from lib.engine.index import profile_index
from lib.engine.ranking import (
    DEFAULT_WEIGHTS,
    Named,
    Pool,
    SegmentHits,
    ordered,
    round_score,
    round_scores,
)
from lib.engine.segment import FilterCache, Segment
from lib.engine.topk import best, boost_bound
from lib.engine.vectorize import part_flags, query_token_weights, token_weights

# -- soft factors only for the rows that can still make the first k --------------------------


def random_pool(rng, ids, n):
    seg = Segment(sp.csr_matrix((n, 1)), Codes().encode([Doc(int(i), {}) for i in ids]))
    # Few distinct values, so that many rows tie on text and on final score.
    text = rng.choice([0.05, 0.1, 0.2, 0.21, 0.4, 0.5], size=n) * rng.choice([1.0, 0.5], size=n)
    later = rng.random(n) < 0.3
    return Pool(seg, np.arange(n), text, later, {}, n, {})


@pytest.mark.parametrize("seed", range(12))
def test_the_first_k_of_the_contenders_are_the_first_k_of_every_shown_row(seed):
    rng = np.random.default_rng(seed)
    sizes = [int(rng.integers(1, 400)), int(rng.integers(0, 40))]  # a main segment, a delta
    ids = rng.permutation(sum(sizes)) + 1
    pools = [
        random_pool(rng, ids[: sizes[0]], sizes[0]),
        random_pool(rng, ids[sizes[0] :], sizes[1]),
    ]
    bound = [0.0, 0.15, 0.95][seed % 3]
    # Each row's boosts add up to at most ``bound`` (some exactly to it).
    boosts = [rng.choice([0.0, bound / 2, bound], size=len(p.rows)) for p in pools]

    def score(pool, at):
        b = boosts[pools.index(pool)][at]
        text = pool.text[at]
        final = text * (1.0 + b)
        return SegmentHits(pool.rows[at], text, final, {"b": b}, {}, 0, {}, pool.later[at])

    shown = rng.random(sum(sizes)) < 0.9
    for k in (1, 3, 10, 50, 1000):
        got = [
            (int(seg.attrs.ids[hits.rows[j]]), float(hits.final[j]))
            for seg, hits, j in best(pools, shown, k, bound, score)
        ]
        # The plain way: every shown row's final score, sorted.
        every = [score(p, np.arange(len(p.rows))) for p in pools]
        doc_ids = np.concatenate([p.seg.attrs.ids for p in pools])
        final = np.concatenate([h.final for h in every])
        later = np.concatenate([p.later for p in pools])
        where = np.flatnonzero(shown)
        first = ordered(doc_ids[where], final[where], k, later[where])
        assert got == [(int(doc_ids[where][p]), float(final[where][p])) for p in first]


def test_the_boost_bound_counts_only_the_factors_that_can_apply():
    no_area = np.zeros(1, dtype=np.uint64)
    area = np.ones(1, dtype=np.uint64)
    nothing_named = Named(no_area, 0)
    # Spreading the work always applies; the others only when the query gives them a reason.
    assert boost_bound(DEFAULT_WEIGHTS, no_area, 0, nothing_named) == pytest.approx(0.05)
    assert boost_bound(DEFAULT_WEIGHTS, area, 0, nothing_named) == pytest.approx(0.15)
    assert boost_bound(DEFAULT_WEIGHTS, area, 0b10, Named(area, 1)) == pytest.approx(0.95)
    # A negative weight lowers scores: no bound, every shown row is sorted.
    assert boost_bound({**DEFAULT_WEIGHTS, "same_area": -0.1}, area, 0, nothing_named) is None


def test_the_ranking_with_every_soft_factor_equals_a_plain_sort():
    # Two kinds of text, so rows tie on text and the soft factors alone order them.
    docs = [
        Doc(
            i,
            {"skills": "書道" if i % 5 else "書道 硬筆"},
            kind=("a", "b")[i % 2],
            availability=0 if i % 7 == 0 else (1 << (i % 21)),
            areas=((i % 4) + 1,),
            last_asked=float(i % 90) * 86_400.0,
        )
        for i in range(1, 3001)
    ]
    query = Query(
        {"title": "書道", "description": "硬筆"},
        kinds=("b",),
        named_areas=(2,),
        named_slots=(1 << 3) | (1 << 4),
        required_slots=((1 << 3) | (1 << 4) | (1 << 5),),
        areas=(3,),
        limit=25,
        now=100 * 86_400.0,
    )
    index = profile_index()
    index.build(docs)
    got = [(c.doc_id, c.score) for c in index.rank(query).candidates]
    expected = plain_sort(docs, query, index)
    assert [doc_id for doc_id, _ in got] == [doc_id for doc_id, _ in expected]
    assert [score for _, score in got] == pytest.approx([s for _, s in expected], abs=1e-6)


def plain_sort(docs, query, index):
    """Every row that passes the date filter, its final score computed by hand, sorted:
    unknown availability last, then by score, then by id."""
    w = index.weights
    # Text scores from the same index with every soft factor off and no filter.
    plain = profile_index(weights={name: 0.0 for name in DEFAULT_WEIGHTS})
    plain.build(docs)
    text = {
        c.doc_id: c.text_score
        for c in plain.rank(Query(query.fields, limit=len(docs), now=query.now)).candidates
    }
    rows = []
    for d in docs:
        if d.availability and not d.availability & query.required_slots[0]:
            continue
        days = (query.now - d.last_asked) / 86_400.0
        boost = (
            w["same_area"] * (3 in d.areas)
            + w["kind_wanted"] * (d.kind == "b")
            + w["area_named"] * (2 in d.areas)
            + w["time_named"] * bool(d.availability & query.named_slots)
            + w["not_asked_recently"] * min(max(days / w["recent_days"], 0.0), 1.0)
        )
        rows.append((d.availability == 0, -text[d.id] * (1 + boost), d.id))
    rows.sort()
    return [(doc_id, -minus) for _, minus, doc_id in rows[: query.limit]]


# -- cached filter masks ---------------------------------------------------------------------


def test_a_filter_mask_is_computed_once_per_filter_and_forgotten_with_the_live_rows():
    cache = FilterCache(n_rows=10, budget=30)  # three masks at most
    computed = []

    def compute(name):
        def run():
            computed.append(name)
            return name

        return run

    alive = np.ones(10, dtype=bool)
    for name in ["a", "b", "a", "c", "a"]:
        assert cache.get(alive, (name,), compute(name)) == name
    assert computed == ["a", "b", "c"]
    cache.get(alive, ("d",), compute("d"))  # the least recently used ("b") goes
    cache.get(alive, ("b",), compute("b"))
    assert computed == ["a", "b", "c", "d", "b"]
    # New live rows (a row was hidden): nothing cached before counts.
    cache.get(alive.copy(), ("a",), compute("a"))
    assert computed[-1] == "a" and len(computed) == 6


def test_a_removed_row_leaves_the_cached_filter_results():
    docs = [Doc(i, {"skills": "書道"}, kind=("a", "b")[i % 2]) for i in range(1, 11)]
    index = profile_index()
    index.build(docs)
    query = Query({"title": "書道"}, kind="a", limit=10, now=0.0)
    before = index.rank(query)
    assert sorted(c.doc_id for c in before.candidates) == [2, 4, 6, 8, 10]
    assert before.removed["kind"] == 5
    index.remove(4)
    after = index.rank(query)
    assert sorted(c.doc_id for c in after.candidates) == [2, 6, 8, 10]
    assert (after.considered, after.removed["kind"]) == (9, 5)
    # Another filter on the same rows is not answered from the first one's mask.
    other = index.rank(Query({"title": "書道"}, kind="b", limit=10, now=0.0))
    assert sorted(c.doc_id for c in other.candidates) == [1, 3, 5, 7, 9]


# -- plain-Python query weights, rounding in one call ----------------------------------------

WORDS = ["英会話", "会話", "英語", "syn101", "syn202", "書道", "教室", "書道教室", "道"]


@pytest.mark.parametrize("seed", range(20))
def test_query_token_weights_equal_the_array_computation(seed):
    rng = np.random.default_rng(seed)
    tokens = [WORDS[i] for i in rng.integers(0, len(WORDS), size=int(rng.integers(0, 15)))]
    domain = {"書道", "英語"}
    expected = token_weights(
        np.array([t.startswith("syn") for t in tokens], dtype=bool),
        np.array([t in domain for t in tokens], dtype=bool),
        part_flags([tokens]),
    )
    assert query_token_weights(tokens, domain) == expected.tolist()


def test_rounding_in_one_call_equals_rounding_each_value():
    rng = np.random.default_rng(5)
    values = np.concatenate(
        [
            rng.random(5000),
            rng.integers(0, 10**6, size=1000) / 1e6 + 5e-7,  # halfway cases
            [0.0, 1.0, math.nan, math.inf, -math.inf, 1.25e-7],
        ]
    )
    assert round_scores(values) == [round_score(v) for v in values]
