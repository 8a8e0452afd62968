"""Scoring one segment: hard filters with removal counts, postings accumulation, top-k, soft factors.

The text score is the cosine between the query vector and a row (both unit length). Only the
query's columns are read: each is a posting list (see ``Segment.scores``). Top-k does not
sort or partition every score: the k-th largest *block* maximum is a lower bound of the k-th
largest score, so only rows at or above it (divided by the largest possible soft boost) can
still make the top k, and only those are looked at further.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .segment import Segment

# Soft factors multiply the text score: final = text × (1 + Σ boosts). Multiplying keeps them
# relative (they reorder people whose texts fit about equally well, and can never lift a
# profile whose text does not fit at all), and a 10 % nudge is small next to the spread of
# cosine scores between a fitting and a half-fitting profile.
DEFAULT_WEIGHTS: dict[str, float] = {
    # The row shares at least one 地区 with the query (the request's organization's area).
    "same_area": 0.10,
    # Spread the work: full boost for someone never asked or last asked `recent_days` ago or
    # more, growing linearly from 0 for someone asked just now.
    "not_asked_recently": 0.05,
    "recent_days": 60.0,
    # The row is of a kind the requester said could help (a preference, not a wall).
    "kind_wanted": 0.3,
    # The row lives in a 地区 the request's text names as its place (南公民館 → 南地区).
    "area_named": 0.3,
    # The row is free at a weekday/time the request's text names (木曜の午前).
    "time_named": 0.2,
}

# Hard filters, counted in this order: a row removed by one is not counted again by the next.
FILTER_ORDER: tuple[str, ...] = ("not_published", "kind", "availability", "excluded")

_BLOCK = 1024


@dataclass(frozen=True)
class Filters:
    """One call's hard filters, already translated to the index's codes and rows."""

    kind: int | None  # kind bits a row must share (rows of kind 0 accept any); None = all
    kinds: int | None = None  # more kind bits, any of which passes
    # A row that filled in no slot at all has unknown availability: it passes the date filter
    # and is ranked after the rows that fit (it is not "unavailable").
    unknown_availability_passes: bool = False
    required_slots: tuple[int, ...] = ()  # each group must meet the row's availability
    offered_slots: int | None = None  # the query's availability must meet each row need
    excluded_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def key(self) -> tuple:
        """Everything but the exclusions: what the cached mask of ``allowed_rows`` depends on."""
        return (
            self.kind,
            self.kinds,
            self.unknown_availability_passes,
            self.required_slots,
            self.offered_slots,
        )


@dataclass(frozen=True)
class Named:
    """What the query's own text names: 地区 (as the index's area words) and a slot mask."""

    areas: np.ndarray
    slots: int = 0


@dataclass(frozen=True)
class SegmentHits:
    """Candidate rows of one segment with their scores, and what the filters removed."""

    rows: np.ndarray
    text: np.ndarray
    final: np.ndarray
    boosts: dict[str, np.ndarray]
    removed: dict[str, int]
    considered: int
    work: dict[str, int]  # query columns and postings read
    unknown_availability: np.ndarray | None = None  # rows that filled in no slot


@dataclass(frozen=True)
class Pool:
    """One segment's rows that may matter for the top k (see ``segment_pool``), before any
    soft factor."""

    seg: Segment
    rows: np.ndarray
    text: np.ndarray  # float64 text scores
    later: np.ndarray  # bool: unknown availability, ranked after the rows that fit
    removed: dict[str, int]
    considered: int
    work: dict[str, int]


def allowed_rows(
    seg: Segment, alive: np.ndarray | None, flt: Filters
) -> tuple[np.ndarray, dict[str, int], int]:
    """The rows passing every hard filter, how many each filter removed (in order), and how
    many rows were considered (the segment's live rows).

    The mask before the exclusions depends only on the segment, its live rows and the filter
    values, which few calls differ in (a request's kinds and dates): it is kept per segment
    (``FilterCache``) instead of being recomputed over every row on every call.
    """
    ok, counts, considered = seg.filter_cache.get(
        alive, flt.key(), lambda: _filter(seg, alive, flt)
    )
    removed = dict(counts)
    if len(flt.excluded_ids):
        rows = seg.rows_of(flt.excluded_ids)
        rows = rows[rows >= 0]
        rows = rows[ok[rows]]
        if len(rows):
            ok = ok.copy()
            ok[rows] = False
        removed["excluded"] = len(rows)
    return ok, removed, considered


def _filter(
    seg: Segment, alive: np.ndarray | None, flt: Filters
) -> tuple[np.ndarray, dict[str, int], int]:
    """``allowed_rows`` before the exclusions (which differ with every request)."""
    attrs = seg.attrs
    ok = attrs.published.copy() if alive is None else attrs.published & alive
    considered = seg.n_rows if alive is None else int(np.count_nonzero(alive))
    removed = dict.fromkeys(FILTER_ORDER, 0)
    remaining = int(np.count_nonzero(ok))
    removed["not_published"] = considered - remaining
    if flt.kind is not None or flt.kinds is not None:
        wanted = np.int32((flt.kind or 0) | (flt.kinds or 0))
        ok = ok & (((attrs.kind & wanted) != 0) | (attrs.kind == 0))
        remaining, before = int(np.count_nonzero(ok)), remaining
        removed["kind"] = before - remaining
    avail_ok = None
    for group in flt.required_slots:
        fits = (attrs.availability & np.int32(group)) != 0
        avail_ok = fits if avail_ok is None else avail_ok & fits
    if avail_ok is not None and flt.unknown_availability_passes:
        avail_ok = avail_ok | (attrs.availability == 0)
    # A volunteer who filled in no slot has unknown availability: not "never free".
    unknown_offer = flt.unknown_availability_passes and flt.offered_slots == 0
    if flt.offered_slots is not None and attrs.needs.shape[1] and not unknown_offer:
        needs = attrs.needs
        fits = (((needs & np.int32(flt.offered_slots)) != 0) | (needs == 0)).all(axis=1)
        avail_ok = fits if avail_ok is None else avail_ok & fits
    if avail_ok is not None:
        ok = ok & avail_ok
        remaining, before = int(np.count_nonzero(ok)), remaining
        removed["availability"] = before - remaining
    ok.flags.writeable = False  # shared by every call with the same filters
    return ok, removed, considered


def text_candidates(
    seg: Segment, ok: np.ndarray, cols: np.ndarray, qvals: np.ndarray, k: int, boost: float
) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Rows that may reach the top k (by text × (1 + boost)) and their exact text scores.

    Every row's text score comes from the query's posting lists only. The rows removed by a
    hard filter are zeroed; a row can then make the top k only if its text score, raised by
    the largest possible soft boost, reaches the k-th best text score. That score is bounded
    from below by the k-th best block maximum, so only the rows above that bound are gathered
    (a few dozen, usually) instead of sorting or partitioning all of them.
    """
    scores, postings = seg.scores(cols, qvals)
    np.multiply(scores, ok, out=scores)
    need = kth_lower_bound(scores, k) / (1.0 + boost)
    rows = np.flatnonzero(scores >= need) if need > 0 else np.flatnonzero(scores > 0)
    text = scores[rows].astype(np.float64)
    if len(text) > k:
        kth = np.partition(text, len(text) - k)[len(text) - k]
        keep = text >= kth / (1.0 + boost)
        rows, text = rows[keep], text[keep]
    return rows, text, {"columns": len(cols), "postings": postings}


def kth_lower_bound(scores: np.ndarray, k: int) -> float:
    """A value ≤ the k-th largest score; > 0 when at least k scores are positive, else 0."""
    n = len(scores)
    full = n - n % _BLOCK
    if full >= 4 * _BLOCK:
        maxima = scores[:full].reshape(-1, _BLOCK).max(axis=1)
        if full < n:
            maxima = np.append(maxima, scores[full:].max())
        # Each of the k best blocks holds a score ≥ its maximum, so the k-th best block
        # maximum is at most the k-th best score.
        if np.count_nonzero(maxima > 0) >= k:
            return float(np.partition(maxima, len(maxima) - k)[len(maxima) - k])
    positive = scores[scores > 0]
    if len(positive) < k:
        return 0.0
    return float(np.partition(positive, len(positive) - k)[len(positive) - k])


def soft_boosts(
    seg: Segment,
    rows: np.ndarray,
    query_areas: np.ndarray,
    weights: dict[str, float],
    now: float,
    kinds_wanted: int = 0,
    named: Named | None = None,
) -> dict[str, np.ndarray]:
    """Each soft factor's boost for each of ``rows`` (0 where it does not apply)."""
    boosts: dict[str, np.ndarray] = {}
    if named is not None and weights.get("area_named", 0) and named.areas.any():
        areas = seg.attrs.areas[rows]
        width = min(areas.shape[1], len(named.areas))
        if width:
            shared = (areas[:, :width] & named.areas[:width]).any(axis=1)
            boosts["area_named"] = shared * weights["area_named"]
    if named is not None and weights.get("time_named", 0) and named.slots:
        free = (seg.attrs.availability[rows] & np.int32(named.slots)) != 0
        boosts["time_named"] = free * weights["time_named"]
    if weights.get("kind_wanted", 0) and kinds_wanted:
        # A row of a wanted kind, or (the other direction) a row that prefers the asker's kind.
        offered = seg.attrs.kind[rows] | seg.attrs.prefers[rows]
        shares = (offered & np.int32(kinds_wanted)) != 0
        boosts["kind_wanted"] = shares * weights["kind_wanted"]
    if weights.get("same_area", 0) and len(query_areas):
        areas = seg.attrs.areas[rows]
        width = min(areas.shape[1], len(query_areas))
        shared = (areas[:, :width] & query_areas[:width]).any(axis=1) if width else None
        if shared is not None:
            boosts["same_area"] = shared * weights["same_area"]
    if weights.get("not_asked_recently", 0):
        last = seg.attrs.last_asked[rows]
        days = (now - last) / 86_400.0
        ramp = np.clip(days / max(weights.get("recent_days", 60.0), 1e-9), 0.0, 1.0)
        boosts["not_asked_recently"] = (
            np.where(np.isnan(last), 1.0, ramp) * weights["not_asked_recently"]
        )
    return boosts


# Every soft factor's name (a weight each; ``recent_days`` is a parameter, not a factor).
SOFT_FACTORS: tuple[str, ...] = (
    "same_area", "not_asked_recently", "kind_wanted", "area_named", "time_named",
)  # fmt: skip


def max_boost(weights: dict[str, float]) -> float:
    return sum(max(weights.get(name, 0.0), 0.0) for name in SOFT_FACTORS)


def segment_pool(
    seg: Segment,
    alive: np.ndarray | None,
    cols: np.ndarray,
    qvals: np.ndarray,
    flt: Filters,
    k: int,
    weights: dict[str, float],
) -> Pool:
    """Filter and score one segment: the rows that may belong to the overall top k."""
    ok, removed, considered = allowed_rows(seg, alive, flt)
    rows, text, work = text_candidates(seg, ok, cols, qvals, k, max_boost(weights))
    later = np.zeros(len(rows), dtype=bool)
    if flt.required_slots and flt.unknown_availability_passes:
        later = seg.attrs.availability[rows] == 0
    return Pool(seg, rows, text, later, removed, considered, work)


def pool_hits(
    pool: Pool,
    positions: np.ndarray,
    query_areas: np.ndarray,
    weights: dict[str, float],
    now: float,
    kinds_wanted: int = 0,
    named: Named | None = None,
) -> SegmentHits:
    """The soft factors and final scores of a pool's rows at ``positions``."""
    rows, text = pool.rows[positions], pool.text[positions]
    boosts = soft_boosts(pool.seg, rows, query_areas, weights, now, kinds_wanted, named)
    final = text * (1.0 + sum(boosts.values(), np.zeros(len(rows))))
    return SegmentHits(
        rows, text, final, boosts, pool.removed, pool.considered, pool.work, pool.later[positions]
    )


def segment_hits(
    seg: Segment,
    alive: np.ndarray | None,
    cols: np.ndarray,
    qvals: np.ndarray,
    flt: Filters,
    query_areas: np.ndarray,
    weights: dict[str, float],
    now: float,
    k: int,
    kinds_wanted: int = 0,
    named: Named | None = None,
) -> SegmentHits:
    """Filter, score and keep the rows of one segment that may belong to the overall top k,
    each with its soft factors."""
    pool = segment_pool(seg, alive, cols, qvals, flt, k, weights)
    everything = np.arange(len(pool.rows))
    return pool_hits(pool, everything, query_areas, weights, now, kinds_wanted, named)


def ordered(
    doc_ids: np.ndarray, final: np.ndarray, k: int, later: np.ndarray | None = None
) -> np.ndarray:
    """Positions of the best ``k`` by final score, ties by ascending document id; rows marked
    ``later`` (unknown availability) come after all the others."""
    # Rounded, so that rows scoring the same up to float noise (sums taken in another order
    # in another segment) are ordered by id, the same way before and after a merge.
    tier = np.zeros(len(final), dtype=np.int8) if later is None else later.astype(np.int8)
    order = np.lexsort((doc_ids, -np.round(final, 9), tier))
    return order[:k]


def combine_removed(parts: Sequence[dict[str, int]]) -> dict[str, int]:
    return {name: sum(p[name] for p in parts) for name in FILTER_ORDER}


def round_score(value: float) -> float:
    return float(round(value, 6)) if math.isfinite(value) else 0.0


def round_scores(values: np.ndarray) -> list[float]:
    """``round_score`` of each of an array's values, in one numpy call (numpy rounds a float64
    scalar and an array the same way; a scalar at a time costs microseconds each)."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(values), np.round(values, 6), 0.0).tolist()
