"""Matching quality on a labeled set: the service's matcher against a character-bigram baseline.

Both rank the same profiles for the same requests, with the same hard filter (the kind a
request names), and are scored against the profiles a coordinator judged right. The service's
matcher is the real one: the one analysis pipeline for both sides, the stored-term format, the
field weights, Sudachi's synonym groups and the domain synonym list, the engine's ranking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bench.baseline import BigramBaseline
from bench.metrics import evaluate
from lib.engine.index import Doc, Query, profile_index
from lib.engine.synonyms import DomainSynonyms
from lib.engine.vectorize import PROFILE_FIELDS, REQUEST_FIELDS
from lib.text import analyzer

K = 10


@dataclass
class Report:
    overall: dict[str, dict[str, float]]  # matcher name -> measure -> value
    by_trap: dict[str, dict[str, dict[str, float]]]  # trap -> matcher name -> measure -> value
    profiles: int
    requests: int


def evaluate_matchers(data: dict, synonym_groups: Iterable[Iterable[str]] = ()) -> Report:
    """Rank every request of ``data`` (the fixtures/eval format) with both matchers."""
    ids = {p["key"]: i for i, p in enumerate(data["profiles"], start=1)}
    terms = analyzer().terms_string
    service = profile_index(
        synonyms=DomainSynonyms.from_groups([list(g) for g in synonym_groups], analyzer())
    )
    service.build(
        Doc(
            id=ids[p["key"]],
            fields={f: terms(p.get(f, "")) for f in PROFILE_FIELDS},
            kind=p["kind"],
        )
        for p in data["profiles"]
    )
    baseline = BigramBaseline(list(PROFILE_FIELDS), list(REQUEST_FIELDS))
    baseline.build(
        Doc(id=ids[p["key"]], fields={f: p.get(f, "") for f in PROFILE_FIELDS}, kind=p["kind"])
        for p in data["profiles"]
    )
    runs: dict[str, dict[str, list[int]]] = {"service": {}, "baseline": {}}
    judgements, traps = {}, defaultdict(list)
    for r in data["requests"]:
        raw = {"title": r["title"], "description": r["description"]}
        kind = r.get("kind_wanted") or None
        for name, matcher, fields in (
            ("service", service, {f: terms(v) for f, v in raw.items()}),
            ("baseline", baseline, raw),
        ):
            result = matcher.rank(Query(fields=fields, kind=kind, limit=K, now=0.0))
            runs[name][r["key"]] = [c.doc_id for c in result.candidates]
        judgements[r["key"]] = {ids[key] for key in r["relevant"]}
        traps[r.get("trap", "plain")].append(r["key"])
    overall = {name: evaluate(run, judgements) for name, run in runs.items()}
    by_trap = {
        trap: {name: evaluate(run, {q: judgements[q] for q in keys}) for name, run in runs.items()}
        for trap, keys in sorted(traps.items())
    }
    return Report(overall, by_trap, len(ids), len(judgements))
