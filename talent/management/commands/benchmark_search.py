"""How fast the full-text search answers at scale, against a plain ILIKE scan.

Everything happens in one transaction that is rolled back at the end: the generated rows are
never committed and no other session ever sees them, so the demo data (and anything else in
the database) is left as it was. Rows get explicit ids far above the existing ones, so no
sequence moves either.

The generated profiles come from the matcher's seeded generator (matching/engine/synthetic.py);
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
from django.utils import timezone

from accounts.models import Role
from accounts.system import SYSTEM
from matching.engine.analysis import Analyzer
from matching.engine.bench import SentenceCache, summary
from matching.engine.synthetic import AREAS, AUDIENCES, SKILLS, make_profile
from talent import selectors
from talent.models import Fee, Profile, ProfileStatus
from talent.search import profile_search
from talent.slots import SLOT_CHOICES
from talent.text import name_terms, reading_terms

SURNAMES = (
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"),
    ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"),
    ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"),
    ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"), ("井上", "いのうえ"),
    ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"),
    ("阿部", "あべ"), ("石川", "いしかわ"), ("前田", "まえだ"), ("小川", "おがわ"),
)  # fmt: skip
GIVEN_NAMES = (
    ("太郎", "たろう"), ("花子", "はなこ"), ("一郎", "いちろう"), ("洋子", "ようこ"),
    ("誠", "まこと"), ("恵子", "けいこ"), ("健", "けん"), ("由美", "ゆみ"), ("博", "ひろし"),
    ("直美", "なおみ"), ("茂", "しげる"), ("幸子", "さちこ"), ("勉", "つとむ"),
    ("久美子", "くみこ"), ("進", "すすむ"), ("和子", "かずこ"), ("浩二", "こうじ"),
    ("明美", "あけみ"), ("隆", "たかし"), ("智子", "ともこ"),
)  # fmt: skip
# The second word of a benchmark query: who it is for, or where/how, as coordinators type it.
CONTEXT_WORDS = (*AUDIENCES, "初心者", "教室", "講座", "指導", "体験", "お手伝い", "公民館")
PAGE = 20
# Ids of generated rows start this far above the largest existing id.
ID_GAP = 10_000_000

PROFILE_COLUMNS = (
    "id", "kind", "display_name", "furigana", "skills", "experience", "bio", "availability",
    "fee", "email", "phone", "public_fields", "status", "screening_note", "external_id",
    "created_at", "updated_at", "tok_name", "tok_reading", "tok_skills", "tok_experience",
    "tok_bio", "index_xid",
)  # fmt: skip
PROFILE_TYPES = (
    "int8", "text", "text", "text", "text", "text", "text", "text[]", "text", "text", "text",
    "text[]", "text", "text", "text", "timestamptz", "timestamptz", "text", "text", "text",
    "text", "text", "int8",
)  # fmt: skip


class Rollback(Exception):
    """Raised at the end of a run to undo everything it wrote."""


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
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM talent_area")
            area_base = cursor.fetchone()[0] + ID_GAP
            cursor.execute("SELECT coalesce(max(id), 0) FROM talent_profile")
            profile_base = cursor.fetchone()[0] + ID_GAP
            cursor.execute("SELECT coalesce(max(id), 0) FROM talent_profile_areas")
            link_base = cursor.fetchone()[0] + ID_GAP
            area_ids = [area_base + i for i in range(1, len(AREAS) + 1)]
            cursor.executemany(
                "INSERT INTO talent_area (id, name, furigana, sort_order) VALUES (%s, %s, '', 0)",
                [
                    (aid, f"{name}（計測用{seed}）")
                    for aid, name in zip(area_ids, AREAS, strict=True)
                ],
            )
        cache = SentenceCache(Analyzer())
        now = timezone.now()
        rows, links = [], []
        for i in range(n):
            p = make_profile(seed, i)
            rng = random.Random(seed * 7_000_003 + i)
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
            name, reading = f"{surname[0]} {given[0]}", f"{surname[1]} {given[1]}"
            pid = profile_base + i
            rows.append((
                pid, p.kind, name, reading, p.skills, p.experience, p.bio,
                # SLOT_CHOICES lists the slots in bit order (day * 3 + band).
                [code for bit, (code, _) in enumerate(SLOT_CHOICES) if p.availability >> bit & 1],
                rng.choice(Fee.values), "", "",
                rng.choice([[], ["furigana"], ["furigana", "bio"], ["furigana", "experience", "bio"]]),
                ProfileStatus.PUBLISHED if p.published else ProfileStatus.PENDING, "", "",
                now, now, name_terms(name), reading_terms(reading), cache.terms_string(p.skills),
                cache.terms_string(p.experience), cache.terms_string(p.bio), 0,
            ))  # fmt: skip
            links.extend((pid, area_ids[a - 1]) for a in p.areas)
        analysed = time.perf_counter() - started
        raw = connection.connection.cursor()
        # Area links first: their trigger stamps the linked profile, which does not exist yet,
        # so nothing is updated twice (the foreign keys are checked at commit, which never comes).
        with raw.copy("COPY talent_profile_areas (id, profile_id, area_id) FROM STDIN") as copy:
            copy.set_types(["int8", "int8", "int8"])
            for k, (pid, aid) in enumerate(links):
                copy.write_row((link_base + k, pid, aid))
        with raw.copy(f"COPY talent_profile ({', '.join(PROFILE_COLUMNS)}) FROM STDIN") as copy:
            copy.set_types(list(PROFILE_TYPES))
            for row in rows:
                copy.write_row(row)
        raw.execute("SELECT gin_clean_pending_list('profile_search_gin'::regclass)")
        raw.execute("ANALYZE talent_profile")
        raw.execute("ANALYZE talent_profile_areas")
        loaded = time.perf_counter() - started - analysed
        chars = sum(len(r[4]) + len(r[5]) + len(r[6]) for r in rows)
        self.log(
            f"{n:,} profiles generated ({chars:,} characters analysed in {analysed:.1f} s), "
            f"loaded with COPY and indexed in {loaded:.1f} s."
        )
        return area_ids

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
