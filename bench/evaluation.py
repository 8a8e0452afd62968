"""Matching quality on labelled sets: the service's matcher against the simple baselines.

Two kinds of set (fixtures/eval/, each with a README):

- the city set (``profiles`` and ``requests``; each request has ``relevant`` profile keys, a
  ``trap`` and a ``split``); a request of trap ``none`` has no right profile and the right
  answer is "nothing fits";
- the general-text set (``documents`` and ``queries``), where a query is a request's title and
  a document a profile's one text field.

The service is the real engine (``lib.engine``): the one analysis pipeline, the stored-term
format, field weights, synonyms, word vectors, the request's kind as a preference, the
cut-off that answers "nothing fits". The baselines (``bench.baselines``) see raw text only.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bench.baselines import BASELINES
from bench.metrics import evaluate
from lib.engine.index import SERVICE_CUT_OFF, Doc, Query, profile_index
from lib.engine.synonyms import DomainSynonyms
from lib.engine.vectorize import PROFILE_FIELDS
from lib.slots import slots_to_mask
from lib.text import analyzer
from lib.text.analysis import Analyzer
from lib.text.places import areas_named, slots_named

K = 10
_SEED = 20261201
MEASURES = ("mrr@10", "recall@1", "recall@5", "success@1")
ALL = "all"


@dataclass(frozen=True)
class Item:
    """One document or query, with its fields as raw text."""

    key: str
    fields: Mapping[str, str]
    kind: str | None = None
    kinds: tuple[str, ...] = ()  # for queries: the kinds that could help (a preference)
    areas: tuple[str, ...] = ()  # for profiles: 地区 names
    availability: tuple[str, ...] = ()  # for profiles: slot codes
    relevant: frozenset[str] = frozenset()
    trap: str = "plain"
    split: str = ALL

    def text(self) -> str:
        return "\n".join(v for v in self.fields.values() if v)


@dataclass
class Report:
    """``scores[split][trap][matcher]`` → measure → value; ``runs`` keeps every ranking."""

    scores: dict[str, dict[str, dict[str, dict[str, float]]]]
    documents: int
    queries: int
    runs: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def city_items(data: dict) -> tuple[list[Item], list[Item]]:
    docs = [
        Item(
            p["key"],
            {f: p.get(f) or "" for f in PROFILE_FIELDS},
            kind=p.get("kind"),
            areas=tuple(p.get("areas") or ()),
            availability=tuple(p.get("availability") or ()),
        )
        for p in data["profiles"]
    ]
    queries = []
    for r in data["requests"]:
        kinds = r.get("kinds_wanted") or ([r["kind_wanted"]] if r.get("kind_wanted") else [])
        queries.append(
            Item(
                r["key"],
                {"title": r.get("title") or "", "description": r.get("description") or ""},
                kinds=tuple(kinds),
                relevant=frozenset(r.get("relevant") or ()),
                trap=r.get("trap") or "plain",
                split=r.get("split") or ALL,
            )
        )
    return docs, queries


def general_items(data: dict) -> tuple[list[Item], list[Item]]:
    docs = [Item(d["key"], {"skills": d["text"]}) for d in data["documents"]]
    queries = [
        Item(
            q["key"],
            {"title": q["text"]},
            relevant=frozenset(q.get("relevant") or ()),
            trap="general",
            split=q.get("split") or ALL,
        )
        for q in data["queries"]
    ]
    return docs, queries


class Service:
    """The service's matcher over ``docs``; ``rank`` returns document keys, best first.

    With ``built_with`` < 1, the index is built from that share of the documents and queries
    (a seeded draw) and the other documents are added afterwards, without a rebuild: the
    statistics a process would rank with had it been started when the city was that small and
    never rebuilt (what the drift rebuild of ``matching.index_cache`` prevents). Text goes
    through ``text_analyzer`` (default: the service's own).
    """

    def __init__(
        self,
        docs: Sequence[Item],
        synonym_groups: Iterable[Iterable[str]] = (),
        queries: Sequence[Item] = (),
        built_with: float = 1.0,
        text_analyzer: Analyzer | None = None,
        **index_options,
    ) -> None:
        self.analyzer = text_analyzer or analyzer()
        terms = self.analyzer.terms_string
        self.keys = [d.key for d in docs]
        names = sorted({a for d in docs for a in d.areas})
        self.area_ids = {name: i for i, name in enumerate(names, start=1)}
        self.area_names = {i: name for name, i in self.area_ids.items()}
        synonyms = DomainSynonyms.from_groups([list(g) for g in synonym_groups], self.analyzer)
        index_options.setdefault("cut_off", SERVICE_CUT_OFF)
        self.index = profile_index(synonyms=synonyms, **index_options)
        rows = [
            Doc(
                id=i,
                fields={f: terms(v) for f, v in d.fields.items()},
                kind=d.kind,
                areas=tuple(self.area_ids[a] for a in d.areas),
                availability=slots_to_mask(d.availability),
            )
            for i, d in enumerate(docs)
        ]
        draw = random.Random(_SEED)
        early = {i for i in range(len(rows)) if draw.random() < built_with}
        asked = [q for q in queries if draw.random() < built_with]
        self.index.build(rows[i] for i in sorted(early))
        # As the service does with every stored request: learn which words all requests use.
        self.index.learn_query_side({f: terms(v) for f, v in q.fields.items()} for q in asked)
        self.index.upsert([rows[i] for i in range(len(rows)) if i not in early])

    def query(self, item: Item, limit: int = K) -> Query:
        terms = self.analyzer.terms_string
        text = item.text()
        return Query(
            fields={f: terms(v) for f, v in item.fields.items()},
            kinds=item.kinds,
            named_areas=areas_named(text, self.area_names),
            named_slots=slots_to_mask(slots_named(text)),
            limit=limit,
            now=0.0,
        )

    def rank(self, item: Item) -> list[str]:
        result = self.index.rank(self.query(item))
        return [self.keys[c.doc_id] for c in result.candidates]

    def scored(self, item: Item) -> list[tuple[str, float]]:
        """(key, text score) of the list as ranked, best first (for the cut-off sweep)."""
        result = self.index.rank(self.query(item))
        return [(self.keys[c.doc_id], c.text_score) for c in result.candidates]


@dataclass(frozen=True)
class SweepRow:
    """One "nothing fits below" threshold: ``none`` requests caught, real requests answered
    "nothing fits" and, of those, the ones whose right person was in the list."""

    threshold: float
    caught: int
    unanswerable: int
    silenced: int
    answerable: int
    lost_gold: int


def cut_off_sweep(
    lists: Mapping[str, list[tuple[str, float]]],
    queries: Sequence[Item],
    thresholds: Iterable[float],
) -> list[SweepRow]:
    """What each threshold on the best text score would answer, from lists ranked without one
    (``lists``: request key → (key, text score) best first)."""
    rows = []
    none = [q for q in queries if not q.relevant]
    real = [q for q in queries if q.relevant]

    def best(q: Item) -> float:
        return max((s for _, s in lists.get(q.key, [])), default=0.0)

    for t in thresholds:
        silenced = [q for q in real if best(q) < t]
        rows.append(
            SweepRow(
                threshold=t,
                caught=sum(1 for q in none if best(q) < t),
                unanswerable=len(none),
                silenced=len(silenced),
                answerable=len(real),
                lost_gold=sum(
                    1 for q in silenced if any(k in q.relevant for k, _ in lists.get(q.key, []))
                ),
            )
        )
    return rows


def baseline_ranker(name: str, docs: Sequence[Item]) -> Callable[[Item], list[str]]:
    model = BASELINES[name][1]().fit([d.text() for d in docs])
    keys = [d.key for d in docs]

    def rank(item: Item) -> list[str]:
        scores = model.scores(item.text())
        order = np.lexsort((np.arange(len(scores)), -scores))[:K]
        return [keys[i] for i in order.tolist()]

    return rank


def run_all(
    docs: Sequence[Item],
    queries: Sequence[Item],
    matchers: Mapping[str, Callable[[Item], list[str]]],
) -> Report:
    runs = {name: {q.key: rank(q) for q in queries} for name, rank in matchers.items()}
    return score(runs, docs, queries)


def score(runs: dict[str, dict[str, list[str]]], docs, queries: Sequence[Item]) -> Report:
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for q in queries:
        for split in {q.split, ALL}:
            groups[(split, q.trap)].append(q)
            if q.relevant:  # "all" traps: the requests that have a right answer
                groups[(split, ALL)].append(q)
    scores: dict = defaultdict(dict)
    for (split, trap), items in sorted(groups.items()):
        scores[split][trap] = {name: measures(run, items) for name, run in runs.items()}
    return Report(dict(scores), len(docs), len(queries), runs)


def measures(run: Mapping[str, list[str]], items: Sequence[Item]) -> dict[str, float]:
    judged = {q.key: set(q.relevant) for q in items if q.relevant}
    out = {"queries": float(len(items))}
    if judged:
        out.update(evaluate({k: run.get(k, []) for k in judged}, judged))
        # A request that has right people and is answered "nothing fits" loses them.
        out["lost"] = sum(1 for k in judged if not run.get(k)) / len(judged)
    unanswerable = [q.key for q in items if not q.relevant]
    if unanswerable:
        out["nothing_fits"] = sum(1 for k in unanswerable if not run.get(k)) / len(unanswerable)
    return out
