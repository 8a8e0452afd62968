"""Ranking quality measures for the evaluation command (pure functions).

Definitions (the usual ones in information retrieval):

- ``recall_at_k``: the share of a query's relevant documents found among its first k results.
  With three right profiles, recall@1 is at most 1/3.
- ``success_at_k``: 1 if at least one relevant document is among the first k, else 0 (also
  called hit rate; with one relevant document per query it equals recall@k).
- ``mrr_at_k``: 1 / rank of the first relevant document if it is within the first k, else 0.

``evaluate`` averages each over queries; a query without relevant documents is skipped, since
no ranking can be right or wrong for it.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence


def recall_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """Share of ``relevant`` found in ``ranked[:k]`` (0 when nothing is relevant)."""
    if not relevant:
        return 0.0
    wanted = set(relevant)
    return len(wanted.intersection(ranked[:k])) / len(wanted)


def success_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """1.0 if any of ``relevant`` is in ``ranked[:k]``, else 0.0."""
    wanted = set(relevant)
    return 1.0 if any(doc in wanted for doc in ranked[:k]) else 0.0


def mrr_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int = 10) -> float:
    """Reciprocal rank of the first relevant document within the first ``k`` (else 0)."""
    wanted = set(relevant)
    for position, doc in enumerate(ranked[:k], start=1):
        if doc in wanted:
            return 1.0 / position
    return 0.0


def evaluate(
    runs: Mapping[Hashable, Sequence[Hashable]],
    judgements: Mapping[Hashable, Collection[Hashable]],
    ks: Sequence[int] = (1, 5, 10),
    mrr_k: int = 10,
) -> dict[str, float]:
    """Mean recall@k and success@k for each k, and MRR@``mrr_k``, over judged queries.

    ``runs`` maps a query id to its ranked document ids; ``judgements`` maps a query id to the
    ids a coordinator judged right. A judged query missing from ``runs`` counts as an empty
    ranking (every measure 0), so a matcher cannot look better by failing to answer.
    """
    judged = [q for q, relevant in judgements.items() if relevant]
    out: dict[str, float] = {"queries": float(len(judged))}
    if not judged:
        return out
    for k in ks:
        out[f"recall@{k}"] = _mean(recall_at_k(runs.get(q, ()), judgements[q], k) for q in judged)
        out[f"success@{k}"] = _mean(success_at_k(runs.get(q, ()), judgements[q], k) for q in judged)
    out[f"mrr@{mrr_k}"] = _mean(mrr_at_k(runs.get(q, ()), judgements[q], mrr_k) for q in judged)
    return out


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)
