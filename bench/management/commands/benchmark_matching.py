"""How fast the matcher is, measured: the engine alone, then the service through PostgreSQL.

1. Tokenization throughput of the one analysis pipeline (characters per second).
2. The engine on generated stored terms, at each ``--sizes`` (default 10,000 and
   ``--profiles``): index build, ranking latency over ``--queries`` requests, upsert-then-rank,
   the delta merge, the index saved and opened memory-mapped (checked to rank alike), and the
   index's memory.
3. The service at ``--profiles`` rows in PostgreSQL, in a scratch database created, migrated
   and dropped by the command (the real database is untouched): a worker's cold start — the
   index built from the stored columns against the one another worker saved, opened — and the
   memory of worker processes (``bench/coldstart.py``), the whole HTTP candidates call
   (Django's test client through the real URL,
   authentication, serializer and database queries), the same ranking done by PostgreSQL full
   text (``ts_rank_cd`` over an OR query of the request's terms) as a baseline and a ratio, and
   the time from saving one profile to its being ranked.

Every timing is one call as a web request would make it; figures are p50/p95 with min/max.
"""

import gc
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

from accounts.system import SYSTEM
from bench import coldstart
from bench import engine as bench
from bench.data import load_synthetic_profiles, scratch_database
from bench.synthetic import make_request
from lib.slots import BANDS, SLOT_CODES
from lib.text import analyzer
from matching import services
from matching.candidates import Options, candidates_for_request
from matching.index_cache import profile_cache
from matching.models import Organization, Request
from talent import services as talent_services
from talent.models import Profile

ALL_SLOTS = sorted(SLOT_CODES)

LIMIT = 10
FULLTEXT_QUERIES = 50


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def line(label: str, s: dict) -> str:
    """One row of figures from a ``bench.summary``."""
    return (
        f"  {label:<46} p50 {ms(s['p50']):>10}  p95 {ms(s['p95']):>10}  "
        f"(min {ms(s['min'])}, max {ms(s['max'])}; n={s['n']})"
    )


class Command(BaseCommand):
    help = (
        "マッチングの速さを測ります（トークン化、索引の構築、順位付けの p50/p95、HTTP の候補 API、"
        "PostgreSQL 全文検索との比較、保存から候補に出るまでの時間、索引のメモリ）。"
        "データベースに入れた計測用データは最後にすべて取り消します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument(
            "--sizes", type=int, nargs="*", help="engine sizes (default: 10000 and --profiles)"
        )
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--builds", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--skip-service", action="store_true", help="engine only (e.g. at 1,000,000)"
        )

    def log(self, text: str = "") -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def handle(self, *args, profiles, sizes, queries, builds, seed, skip_service, **options):
        if profiles < 100 or queries < 1:
            raise CommandError("--profiles は 100 以上、--queries は 1 以上にしてください。")
        sizes = sizes or sorted({min(10_000, profiles), profiles})
        tokenize, chars = bench.tokenize_throughput(analyzer(), seed)
        self.log(f"Tsunagu matcher benchmark (pid {os.getpid()}, {os.cpu_count()} CPUs)")
        self.log(
            f"tokenization: median {tokenize['median']:,.0f} chars/s "
            f"(min {tokenize['min']:,.0f}, max {tokenize['max']:,.0f}) over {chars:,} characters"
        )
        for n in sizes:
            self.engine(n, queries, builds, seed)
        if not skip_service:
            # Committed rows in a database of its own: the index cache polls by committed
            # transactions, which one big rolled-back transaction would not show as it runs.
            try:
                with scratch_database(log=self.log):
                    self.service(profiles, queries, seed)
            finally:
                profile_cache.reset()  # it has seen rows of the dropped database

    # -- the engine alone ---------------------------------------------------------------------

    def engine(self, n: int, queries: int, builds: int, seed: int) -> None:
        self.log()
        self.log(f"engine at {n:,} profiles (generated stored terms, no database):")
        results = bench.run(
            n,
            n_queries=queries,
            seed=seed,
            build_repeat=builds,
            analyzer=analyzer(),
            log=lambda text: self.log(f"    {text}"),
        )
        b = results["build_seconds"]
        self.log(
            f"  index build from stored terms: median {b['median']:.2f} s "
            f"(min {b['min']:.2f}, max {b['max']:.2f}; n={b['n']})"
        )
        self.log(line("ranking (engine, with reasons)", results["rank_seconds"]))
        self.log(line("ranking with the semantic step", results["rank_semantic_seconds"]))
        self.log(line("  the same, CPU time of this process", results["rank_cpu_seconds"]))
        self.log(line("  with the semantic step, CPU time", results["rank_semantic_cpu_seconds"]))
        self.log(line("upsert one profile, then rank", results["upsert_to_ranked_seconds"]))
        self.log(f"  delta merge: {results['merge_seconds']:.2f} s")
        self.log(
            f"  cold start: build from stored terms {b['median']:.2f} s; saved in "
            f"{results['save_seconds']:.2f} s ({results['disk_bytes'] / 2**20:.1f} MiB of files), "
            f"opened memory-mapped in {results['open_seconds'] * 1e3:.0f} ms "
            f"({results['opened_shared_bytes'] / 2**20:.1f} MiB shared); ranks identically: "
            f"{results['opened_identical']}/{queries}"
        )
        self.log(
            f"  index memory: {results['index_bytes'] / 2**20:.1f} MiB "
            f"({results['nnz']:,} postings, {results['columns']:,} columns); word vectors: "
            f"{results['vector_bytes'] / 2**20:.1f} MiB per process + "
            f"{results['vector_table_bytes'] / 2**20:.1f} MiB memory-mapped, shared"
        )
        gc.collect()

    # -- the service --------------------------------------------------------------------------

    def service(self, n: int, n_queries: int, seed: int) -> None:
        self.log()
        self.log(f"service at {n:,} profiles in PostgreSQL (a scratch database):")
        with transaction.atomic():
            area_ids = load_synthetic_profiles(n, seed, log=lambda text: self.log(f"    {text}"))
        with transaction.atomic():
            requests = self.requests(n_queries, seed, area_ids)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) talent_profile, talent_profile_areas")

        with tempfile.TemporaryDirectory() as folder:
            coldstart.cold_start(requests, Path(folder), self.log)
            coldstart.worker_memory(Path(folder), self.log)

        client = Client()
        coordinator = self.coordinator()
        client.force_login(coordinator)
        for req in requests[:20]:  # warm-up, as a running worker is
            client.get(f"/api/requests/{req.id}/candidates/?limit={LIMIT}")
        http, http_cpu, engine, found = [], [], [], 0
        for req in requests:
            started, cpu_started = time.perf_counter(), time.process_time()
            res = client.get(f"/api/requests/{req.id}/candidates/?limit={LIMIT}")
            http.append(time.perf_counter() - started)
            http_cpu.append(time.process_time() - cpu_started)
            if res.status_code != 200:
                raise CommandError(f"candidates answered {res.status_code}: {res.content[:200]}")
            found += bool(res.json()["results"])
        per_call_queries, per_call_sql, by_query, engine_cpu = [], [], {}, []
        for req in requests:
            req = Request.objects.select_related("organization").get(pk=req.pk)
            timings = StatementTimes()
            with connection.execute_wrapper(timings):
                started, cpu_started = time.perf_counter(), time.process_time()
                candidates_for_request(req, Options(limit=LIMIT))
                engine.append(time.perf_counter() - started)
                engine_cpu.append(time.process_time() - cpu_started)
            per_call_queries.append(len(timings.seconds))
            per_call_sql.append(sum(seconds for _, seconds in timings.seconds))
            for sql, seconds in timings.seconds:
                by_query.setdefault(sql, []).append(seconds)
        # PostgreSQL ranks every row that shares any term (seconds each at 100,000 rows), so the
        # baseline is timed on the first FULLTEXT_QUERIES requests only; n is printed.
        fts = [self.fulltext_rank(req) for req in requests[:FULLTEXT_QUERIES]]
        self.log(line("HTTP GET /api/requests/{id}/candidates/", bench.summary(http)))
        self.log(line("  the same, CPU time of this process", bench.summary(http_cpu)))
        self.log(line("candidates_for_request (index + database)", bench.summary(engine)))
        self.log(line("  the same, CPU time of this process", bench.summary(engine_cpu)))
        self.log(
            f"  database per candidates_for_request: {max(per_call_queries)} queries at most "
            f"(median {sorted(per_call_queries)[len(per_call_queries) // 2]}), "
            f"{ms(bench.percentile(per_call_sql, 50))} of SQL at p50 (round trips included)"
        )
        for sql, times in by_query.items():
            self.log(f"    {ms(bench.percentile(times, 50)):>10} p50  {sql}…")
        self.log(line("PostgreSQL full text (ts_rank_cd, OR query)", bench.summary(fts)))
        ratio = bench.summary(fts)["p50"] / bench.summary(engine)["p50"]
        self.log(f"  PostgreSQL full text / service ranking at p50: {ratio:.1f}x")
        self.log(f"  requests with at least one candidate: {found}/{len(requests)}")
        saved = bench.summary(self.save_to_ranked(requests))
        self.log(line("save a profile, then ranked by the next call", saved))

    def requests(self, n: int, seed: int, area_ids: list[int]) -> list[Request]:
        """Generated requests, posted through the service by one school in each 地区."""
        schools = [
            Organization.objects.create(name=f"計測用の小学校{i}", kind="school", area_id=aid)
            for i, aid in enumerate(area_ids)
        ]
        out = []
        for i in range(n):
            r = make_request(seed, i)
            data = {
                "title": r.title,
                "description": r.description,
                "kind_wanted": r.kind_wanted or "",
                **_dates_for(r.slots),
            }
            school = schools[(r.area - 1) % len(schools)]
            out.append(services.request_create(actor=SYSTEM, organization=school, data=data))
        return out

    def coordinator(self):
        from accounts.services import user_create

        return user_create(
            username=f"benchmark-{os.getpid()}",
            password="x",
            role="coordinator",
            check_password=False,
        )

    def fulltext_rank(self, req: Request) -> float:
        terms = sorted(set((req.tok_title + " " + req.tok_description).split()))
        query = " | ".join("'" + t.replace("'", "''").replace("\\", "\\\\") + "'" for t in terms)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM talent_profile WHERE status = 'published' "
                "AND search_vector @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank_cd(search_vector, to_tsquery('simple', %s)) DESC LIMIT %s",
                [query, query, LIMIT],
            )
            cursor.fetchall()
        return time.perf_counter() - started

    def save_to_ranked(self, requests: list[Request]) -> list[float]:
        """Give a published profile of the right kind a request's own text, save it through the
        service, and time until the next candidates call ranks it (it must)."""
        out, used = [], set()
        for req in requests[:20]:
            people = Profile.objects.filter(status="published").exclude(id__in=used)
            if req.kind_wanted:
                people = people.filter(kind=req.kind_wanted)
            person = people.order_by("id").first()
            used.add(person.id)
            started = time.perf_counter()
            talent_services.profile_edit(
                actor=SYSTEM,
                profile=person,
                data={"skills": f"{req.title}。{req.description}", "availability": ALL_SLOTS},
            )
            ranked = [
                c.profile.pk for c in candidates_for_request(req, Options(limit=LIMIT)).results
            ]
            out.append(time.perf_counter() - started)
            if person.id not in ranked:
                raise CommandError(f"profile {person.id} was not ranked by the next call")
        return out


class StatementTimes:
    """``connection.execute_wrapper`` that times each statement (Django's own query log keeps
    milliseconds only)."""

    def __init__(self) -> None:
        self.seconds: list[tuple[str, float]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds.append((" ".join(sql.split())[:60], time.perf_counter() - started))


def _dates_for(slot_groups: tuple[int, ...]) -> dict:
    """A date and band for a generated request's first slot group (none: no date)."""
    if not slot_groups:
        return {"dates": [], "time_band": ""}
    bit = (slot_groups[0] & -slot_groups[0]).bit_length() - 1
    day, band = divmod(bit, 3)
    first = date(2026, 12, 7)  # a Monday
    return {"dates": [first + timedelta(days=day)], "time_band": BANDS[band][0]}
