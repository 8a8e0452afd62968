"""The best k rows over the segments, soft factors computed only for rows that can still win.

Each segment gives a *pool* (``ranking.segment_pool``): every allowed row whose text score,
raised by the largest boost any row could get, reaches the k-th best text score. The pool is
what the cut-off looks at (the best text score, the rows hidden below it), so it stays as it
is. Ordering needs less: the soft factors of *this* query can raise a row by at most
``boost_bound`` (the weights of the factors that can apply to it, not all of them), so a row
whose text score so raised stays below the k-th best text score of its tier has at least k
rows strictly ahead of it. Only the others — usually a few dozen of a pool of hundreds or
thousands — get their soft factors and final score, and are sorted.

The order is the one ``ranking.ordered`` gives over all shown rows: rows of unknown
availability after the others, then final score rounded to 9 places, then document id. It
is a total order, so the first k of the contenders are the first k of all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .ranking import SOFT_FACTORS, Named, Pool, SegmentHits, ordered
from .segment import Segment

# A row is left out only when its best possible final score is this much below the k-th
# best text score: far more than the rounding of products and of ``ordered``'s 9 places.
_MARGIN = 1e-6


def boost_bound(
    weights: dict[str, float],
    query_areas: np.ndarray,
    kinds_wanted: int = 0,
    named: Named | None = None,
) -> float | None:
    """The largest Σ boosts any row can get for this query (None: a negative weight, no bound).

    A factor counts only when it can apply (see ``ranking.soft_boosts``): the 地区 named in the
    query's text only when it names one, the kind wanted only when the query wants one.
    """
    applies = {
        "same_area": bool(query_areas.any()),
        "not_asked_recently": True,
        "kind_wanted": bool(kinds_wanted),
        "area_named": named is not None and bool(named.areas.any()),
        "time_named": named is not None and bool(named.slots),
    }
    if any(weights.get(name, 0.0) < 0 for name in SOFT_FACTORS):
        return None
    return sum(weights.get(name, 0.0) for name in SOFT_FACTORS if applies[name])


def contenders(
    text: np.ndarray, later: np.ndarray, shown: np.ndarray, k: int, bound: float | None
) -> np.ndarray:
    """Mask of the shown rows that may be among the first k (a superset of them)."""
    if bound is None:
        return shown
    first, second = shown & ~later, shown & later
    n_first = int(np.count_nonzero(first))
    if n_first >= k:
        return _within_reach(text, first, k, bound)
    return first | _within_reach(text, second, k - n_first, bound)


def _within_reach(text: np.ndarray, tier: np.ndarray, k: int, bound: float) -> np.ndarray:
    """Rows of ``tier`` whose text score raised by ``bound`` reaches its k-th best text score."""
    scores = text[tier]
    if len(scores) <= k:
        return tier
    kth = np.partition(scores, len(scores) - k)[len(scores) - k]
    return tier & (text * (1.0 + bound) >= kth - _MARGIN)


def best(
    pools: Sequence[Pool],
    shown: np.ndarray,
    k: int,
    bound: float | None,
    score: Callable[[Pool, np.ndarray], SegmentHits],
) -> list[tuple[Segment, SegmentHits, int]]:
    """The first k shown rows over all pools, best first, as (segment, its hits, position).

    ``shown`` is a mask over the pools' rows, concatenated in order; ``score(pool, positions)``
    computes the soft factors and final scores of a pool's rows at those positions.
    """
    text = np.concatenate([p.text for p in pools])
    later = np.concatenate([p.later for p in pools])
    wanted = contenders(text, later, shown, k, bound)
    hits, start = [], 0
    for p in pools:
        hits.append(score(p, np.flatnonzero(wanted[start : start + len(p.rows)])))
        start += len(p.rows)
    doc_ids = np.concatenate([p.seg.attrs.ids[h.rows] for p, h in zip(pools, hits, strict=True)])
    final = np.concatenate([h.final for h in hits])
    order = ordered(doc_ids, final, k, np.concatenate([h.unknown_availability for h in hits]))
    which = np.repeat(np.arange(len(hits)), [len(h.rows) for h in hits])
    offset = np.concatenate([[0], np.cumsum([len(h.rows) for h in hits])])
    return [
        (pools[i].seg, hits[i], p - int(offset[i])) for p in order.tolist() for i in [int(which[p])]
    ]
