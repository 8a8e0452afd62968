"""How fast the full-text search answers at scale, against a plain ILIKE scan.

Everything happens in one transaction that is rolled back at the end: the generated rows are
never committed and no other session ever sees them, so the demo data (and anything else in
the database) is left as it was. Rows get explicit ids far above the existing ones, so no
sequence moves either.

The generated profiles come from the matcher's seeded generator (bench/synthetic.py);
their texts are analysed by the service's own pipeline, sentence by sentence through the
engine's cache (generated texts repeat sentences), and loaded with COPY. The search itself is
the service's: talent.search.profile_search, exactly as the API calls it.
"""

import random
import time
from types import SimpleNamespace

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from accounts.models import Role
from accounts.system import SYSTEM
from bench.data import Rollback, load_synthetic_profiles
from bench.engine import summary
from bench.synthetic import AUDIENCES, SKILLS
from talent import selectors
from talent.models import Profile
from talent.search import profile_search

# The second word of a benchmark query: who it is for, or where/how, as coordinators type it.
CONTEXT_WORDS = (*AUDIENCES, "初心者", "教室", "講座", "指導", "体験", "お手伝い", "公民館")
PAGE = 20


class Command(BaseCommand):
    help = (
        "全文検索の速さを測ります。合成した人材を1つのトランザクションで登録し、"
        "2語＋絞り込みの検索の所要時間（p50/p95）を ILIKE の全件走査と比べて表示し、"
        "最後にすべて取り消します（既存のデータには触れません）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, profiles: int, queries: int, seed: int, **options):
        try:
            with transaction.atomic():
                self.run(profiles, queries, seed)
                raise Rollback
        except Rollback:
            self.log("生成したデータはすべて取り消しました（rolled back）。")
        if not connection.in_atomic_block:
            # The rolled-back rows are dead tuples until vacuumed; do not leave that to chance.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) talent_profile, talent_profile_areas, talent_area")

    def log(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def run(self, n_profiles: int, n_queries: int, seed: int) -> None:
        area_ids = self.load(n_profiles, seed)
        cases = self.queries(n_queries, seed, area_ids)
        results = {label: self.measure(search, cases) for label, search in SEARCHES.items()}
        self.log("")
        self.log(
            f"{n_queries} two-word searches + kind + area filter, count and first page of {PAGE}:"
        )
        self.log(f"  {'':52} {'p50':>8} {'p95':>8} {'min':>8} {'max':>8}  rows matched (median)")
        for label, (times, counts) in results.items():
            s = summary(times)
            self.log(
                f"  {label:52} {ms(s['p50'])} {ms(s['p95'])} {ms(s['min'])} {ms(s['max'])}"
                f"  {summary(counts)['median']:.0f}"
            )
        ratio = summary(results[BASELINE][0])["p50"] / summary(results[COORDINATOR][0])["p50"]
        self.log(f"  ILIKE / full text at p50: {ratio:.1f}x")
        self.explain(cases[0])

    # -- data ---------------------------------------------------------------------------------

    def load(self, n: int, seed: int) -> list[int]:
        return load_synthetic_profiles(n, seed, log=self.log)

    def queries(self, n: int, seed: int, area_ids: list[int]) -> list[tuple[str, int, str]]:
        rng = random.Random(seed)
        cases = []
        for _ in range(n):
            kind = rng.choice(list(SKILLS))
            text = f"{rng.choice(SKILLS[kind])} {rng.choice(CONTEXT_WORDS)}"
            cases.append((kind, rng.choice(area_ids), text))
        return cases

    # -- timing -------------------------------------------------------------------------------

    def measure(self, search, cases) -> tuple[list[float], list[int]]:
        for kind, area, text in cases[:20]:  # warm caches as a running service has them
            run_page(search(kind, area, text))
        times, counts = [], []
        for kind, area, text in cases:
            started = time.perf_counter()
            count = run_page(search(kind, area, text))
            times.append(time.perf_counter() - started)
            counts.append(count)
        return times, counts

    def explain(self, case) -> None:
        kind, area, text = case
        plan = coordinator_search(kind, area, text)[:PAGE].explain(analyze=True, buffers=True)
        self.log("")
        self.log(f"EXPLAIN (ANALYZE, BUFFERS) of 「{text}」 + kind={kind} + area (first page):")
        for line in plan.splitlines():
            self.log("  " + line)
        if "profile_search_gin" not in plan:
            self.log("  !! the GIN index profile_search_gin is not in this plan")


# A volunteer as the search sees one: published profiles, and only their consented fields.
VOLUNTEER_VIEWER = SimpleNamespace(
    is_authenticated=True, role=Role.VOLUNTEER, id=None, pk=None, organization_id=None
)


def coordinator_search(kind: str, area: int, text: str):
    return profile_search(Profile.objects.filter(kind=kind, areas=area), text, viewer=SYSTEM)


def volunteer_search(kind: str, area: int, text: str):
    visible = selectors.profiles_visible_to(VOLUNTEER_VIEWER)
    return profile_search(visible.filter(kind=kind, areas=area), text, viewer=VOLUNTEER_VIEWER)


def run_page(queryset) -> int:
    """What the API does for a list: count the rows, then fetch the first page."""
    count = queryset.count()
    list(queryset[:PAGE])
    return count


ILIKE_SQL = (
    "(talent_profile.display_name || ' ' || talent_profile.skills || ' ' || "
    "talent_profile.experience || ' ' || talent_profile.bio) ILIKE %s"
)


def ilike_search(kind: str, area: int, text: str):
    """The baseline: every word as a case-insensitive substring of the raw texts."""
    qs = Profile.objects.filter(kind=kind, areas=area)
    for word in text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        qs = qs.filter(RawSQL(ILIKE_SQL, [pattern], output_field=BooleanField()))
    return qs.order_by("furigana", "id")


COORDINATOR = "full text, coordinator (all fields)"
VOLUNTEER = "full text, volunteer (published, consented fields)"
BASELINE = "baseline: ILIKE '%word%' on the raw text"
SEARCHES = {COORDINATOR: coordinator_search, VOLUNTEER: volunteer_search, BASELINE: ilike_search}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f}ms"
