"""Timing helpers and the engine benchmark (the ``benchmark_matching`` command calls these).

Stored terms for large synthetic sets are produced sentence by sentence through a cache: the
generated texts repeat sentences, and analysing each distinct sentence once gives the same
terms as analysing the whole text (Sudachi does not carry context across 。). Tokenization
throughput itself is measured separately, on whole texts, without the cache.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.synthetic import KINDS, SyntheticProfile, make_profile, make_request
from lib.engine import persist
from lib.engine.index import Doc, Index, Query, profile_index
from lib.slots import ALL_SLOTS
from lib.text.analysis import Analyzer
from lib.text.vectors import default_vectors


def summary(samples: Sequence[float]) -> dict[str, float]:
    """Median, min, max, p50 and p95 of a list of timings (or any numbers)."""
    values = sorted(samples)
    if not values:
        return {"median": 0.0, "min": 0.0, "max": 0.0, "p50": 0.0, "p95": 0.0, "n": 0}
    return {
        "median": statistics.median(values),
        "min": values[0],
        "max": values[-1],
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "n": len(values),
    }


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (numpy's default method) of ``values``."""
    return float(np.percentile(np.asarray(values, dtype=np.float64), pct))


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of ``repeat`` calls of ``fn``."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


class SentenceCache:
    """Analyse generated text one sentence at a time, each distinct sentence once."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._cache: dict[str, str] = {}

    def terms_string(self, text: str) -> str:
        parts = []
        for sentence in text.split("。"):
            if not sentence:
                continue
            terms = self._cache.get(sentence)
            if terms is None:
                terms = self.analyzer.terms_string(sentence + "。")
                self._cache[sentence] = terms
            if terms:
                parts.append(terms)
        return " ".join(parts)


def profile_doc(p: SyntheticProfile, terms: Callable[[str], str]) -> Doc:
    """The index row of a generated profile, its texts turned into stored terms by ``terms``."""
    return Doc(
        id=p.id,
        fields={"skills": terms(p.skills), "experience": terms(p.experience), "bio": terms(p.bio)},
        kind=p.kind,
        published=p.published,
        availability=p.availability,
        areas=p.areas,
        last_asked=p.last_asked,
    )


def profile_docs(n: int, seed: int, cache: SentenceCache, start: int = 0) -> Iterator[Doc]:
    for i in range(start, start + n):
        yield profile_doc(make_profile(seed, i), cache.terms_string)


def request_queries(n: int, seed: int, analyzer: Analyzer, limit: int = 10) -> list[Query]:
    """Generated requests as ranking calls (terms analysed for real: they are few)."""
    queries = []
    for i in range(n):
        r = make_request(seed, i)
        queries.append(
            Query(
                fields={
                    "title": analyzer.terms_string(r.title),
                    "description": analyzer.terms_string(r.description),
                },
                kind=r.kind_wanted,
                required_slots=r.slots,
                areas=(r.area,),
                exclude=(i + 1, i + 2),
                limit=limit,
                now=1_710_000_000.0,
            )
        )
    return queries


def tokenize_throughput(analyzer: Analyzer, seed: int, n_texts: int = 3000, repeat: int = 5):
    """Characters per second of ``Analyzer.terms`` on whole generated profile texts."""
    texts = []
    for i in range(n_texts):
        p = make_profile(seed + 7, i)
        texts.append(p.skills + "\n" + p.experience + "\n" + p.bio)
    chars = sum(map(len, texts))
    for t in texts[:200]:  # warm the per-entry cache as a long-running process has it
        analyzer.terms(t)
    runs = timed(lambda: [analyzer.terms(t) for t in texts], repeat)
    return summary([chars / s for s in runs]), chars


def run(
    n_profiles: int,
    *,
    n_queries: int = 200,
    seed: int = 1,
    build_repeat: int = 3,
    docs: list[Doc] | None = None,
    analyzer: Analyzer | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict:
    """Measure the engine at ``n_profiles`` rows: build, ranking, freshness, memory.

    ``docs`` may be given (rows read from the database, say); otherwise they are generated.
    Every timing is a single call, as a web request would make it: no call is repeated to
    keep its best time.
    """
    analyzer = analyzer or Analyzer()
    if docs is None:
        started = time.perf_counter()
        docs = list(profile_docs(n_profiles, seed, SentenceCache(analyzer)))
        log(f"stored terms of {n_profiles:,} profiles generated in {_since(started):.1f} s")
    builds = []
    vectors = default_vectors()
    index: Index = profile_index(vectors=vectors)
    for _ in range(build_repeat):
        index = profile_index(vectors=vectors)
        gc.collect()
        builds.extend(timed(lambda idx=index: idx.build(docs), 1))
        log(f"index built in {builds[-1]:.2f} s")
    queries = request_queries(n_queries, seed, analyzer)
    for q in queries[:20]:  # warm-up, as a long-running worker is
        index.rank(q)
    # Wall time, as a caller waits, and this process's CPU time, the work itself: on a
    # machine shared with other busy processes the two differ by the time spent waiting for
    # a core (the engine uses one thread).
    latencies, semantic, postings, cpu, semantic_cpu = [], [], [], [], []
    for q in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = index.rank(replace(q, semantic=False))
        latencies.append(_since(started))
        cpu.append(time.process_time() - cpu_started)
        postings.append(result.stats["postings"])
    for q in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        index.rank(q)
        semantic.append(_since(started))
        semantic_cpu.append(time.process_time() - cpu_started)
    log(f"ranked {len(queries)} requests: p95 {percentile(latencies, 95) * 1e3:.2f} ms")
    opened = save_and_open(index, lambda: profile_index(vectors=vectors), queries)
    fresh = freshness(index, queries[:50])
    merge = timed(index.merge, 1)[0]
    stats = index.stats()
    return {
        "profiles": len(docs),
        "build_seconds": summary(builds),
        "rank_seconds": summary(latencies),
        "rank_semantic_seconds": summary(semantic),
        "rank_cpu_seconds": summary(cpu),
        "rank_semantic_cpu_seconds": summary(semantic_cpu),
        "vector_bytes": vectors.nbytes() if vectors else 0,
        "vector_table_bytes": vectors.vectors.nbytes if vectors else 0,
        "postings_read": summary(postings),
        "upsert_to_ranked_seconds": summary(fresh),
        "merge_seconds": merge,
        "index_bytes": stats["bytes"],
        "nnz": stats["nnz"],
        "columns": stats["columns"],
        **opened,
    }


def save_and_open(index: Index, make: Callable[[], Index], queries: Sequence[Query]) -> dict:
    """Save a built index, open it memory-mapped as a starting process would, and check that
    it ranks every query exactly as the built one (ids, scores, reasons, counts)."""

    def answer(idx: Index, q: Query) -> dict:
        result = idx.rank(q).as_dict()
        result.pop("stats")
        return result

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "index"
        started = time.perf_counter()
        if not persist.save(index, folder):
            raise AssertionError("the built index was not saved")
        save_seconds = _since(started)
        disk = sum(f.stat().st_size for f in folder.iterdir())
        opened = make()
        started = time.perf_counter()
        if persist.load(opened, folder) is None:
            raise AssertionError("the saved index was not opened")
        open_seconds = _since(started)
        same = sum(answer(opened, q) == answer(index, q) for q in queries)
        shared = opened.stats()["shared_bytes"]
    if same != len(queries):
        raise AssertionError(f"the opened index ranked {len(queries) - same} requests otherwise")
    return {
        "save_seconds": save_seconds,
        "open_seconds": open_seconds,
        "disk_bytes": disk,
        "opened_shared_bytes": shared,
        "opened_identical": same,
    }


def freshness(index: Index, queries: Sequence[Query]) -> list[float]:
    """Seconds from upserting a changed profile to its being ranked, for each query.

    Each change writes the query's own words into an existing profile, so the very next call
    must rank it; it raises if one does not.
    """
    out = []
    for i, q in enumerate(queries):
        changed = Doc(
            id=i + 1,
            fields={"skills": " ".join(q.fields.values())},
            kind=q.kind or KINDS[0],
            availability=ALL_SLOTS,
        )
        started = time.perf_counter()
        index.upsert(changed)
        result = index.rank(Query(fields=q.fields, kind=q.kind, limit=10, now=q.now))
        out.append(_since(started))
        if changed.id not in [c.doc_id for c in result.candidates]:
            raise AssertionError(f"profile {changed.id} was not ranked by the next call")
    return out


def _since(started: float) -> float:
    return time.perf_counter() - started


def report(n_profiles: int, tokenize: dict, results: dict) -> str:
    """The figures as lines of text (times in milliseconds unless marked)."""

    def ms(s: dict) -> str:
        return (
            f"p50 {s['p50'] * 1e3:.2f} ms, p95 {s['p95'] * 1e3:.2f} ms "
            f"(min {s['min'] * 1e3:.2f}, max {s['max'] * 1e3:.2f}; n={s['n']})"
        )

    b = results["build_seconds"]
    return "\n".join(
        [
            f"profiles: {results['profiles']:,}",
            f"tokenize: median {tokenize['median']:,.0f} chars/s "
            f"(min {tokenize['min']:,.0f}, max {tokenize['max']:,.0f})",
            f"build from stored terms: median {b['median']:.2f} s "
            f"(min {b['min']:.2f}, max {b['max']:.2f})",
            f"rank (engine): {ms(results['rank_seconds'])}",
            f"postings read per call: median {results['postings_read']['median']:,.0f}",
            f"upsert then rank: {ms(results['upsert_to_ranked_seconds'])}",
            f"merge of the delta: {results['merge_seconds']:.2f} s",
            f"index: {results['index_bytes'] / 2**20:.1f} MiB "
            f"({results['nnz']:,} postings, {results['columns']:,} columns)",
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bench.engine --profiles 100000``: the engine's own figures."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--profiles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    tokenize, _ = tokenize_throughput(analyzer, args.seed)
    for n in args.profiles:
        results = run(
            n,
            n_queries=args.queries,
            seed=args.seed,
            build_repeat=args.builds,
            analyzer=analyzer,
            log=lambda line: print(f"  {line}", flush=True),
        )
        print(report(n, tokenize, results), flush=True)


if __name__ == "__main__":
    main()
