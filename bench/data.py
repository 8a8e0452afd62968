"""Synthetic profiles loaded into PostgreSQL for the benchmark commands.

Rows come from the matcher's seeded generator (bench/synthetic.py), their texts are
analysed by the service's own pipeline (sentence by sentence through the engine's cache:
generated texts repeat sentences) and loaded with COPY. Callers run this inside a transaction
they roll back, so nothing is ever committed; ids start far above the existing ones, so no
sequence moves either.
"""

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from bench.engine import SentenceCache
from bench.synthetic import AREAS, make_profile
from lib.slots import SLOT_CHOICES
from lib.text import analyzer
from lib.text.kana import name_terms, reading_terms
from lib.text.names import name_key
from talent.models import Fee, ProfileStatus, current_fiscal_year

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
# Ids of generated rows start this far above the largest existing id.
ID_GAP = 10_000_000

PROFILE_COLUMNS = (
    "id", "kind", "display_name", "furigana", "skills", "experience", "bio", "availability",
    "fee", "email", "phone", "public_fields", "status", "screening_note", "external_id",
    "created_at", "updated_at", "tok_name", "tok_reading", "tok_skills", "tok_experience",
    "tok_bio", "index_xid", "valid_fiscal_year", "formula_fields", "name_key",
)  # fmt: skip
PROFILE_TYPES = (
    "int8", "text", "text", "text", "text", "text", "text", "text[]", "text", "text", "text",
    "text[]", "text", "text", "text", "timestamptz", "timestamptz", "text", "text", "text",
    "text", "text", "int8", "int2", "text[]", "text",
)  # fmt: skip


class Rollback(Exception):
    """Raised at the end of a run to undo everything it wrote."""


def load_synthetic_profiles(n: int, seed: int, *, log: Callable[[str], None]) -> list[int]:
    """Generate ``n`` profiles, analyse them with the service's pipeline and COPY them in.

    Call inside a transaction that is rolled back, or in a ``scratch_database``. Returns the
    ids of the generated 地区.
    """
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
            [(aid, f"{name}（計測用{seed}）") for aid, name in zip(area_ids, AREAS, strict=True)],
        )
    cache = SentenceCache(analyzer())
    now = timezone.now()
    year = current_fiscal_year()
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
            year, [], name_key(name),
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
    log(
        f"{n:,} profiles generated ({chars:,} characters analysed in {analysed:.1f} s), "
        f"loaded with COPY and indexed in {loaded:.1f} s."
    )
    return area_ids


@contextmanager
def scratch_database(log: Callable[[str], None]) -> Iterator[str]:
    """A new, migrated database beside the configured one, used by this process until the
    block ends and then dropped: for measurements that need data really committed (several
    transactions, several connections), without touching the real database."""
    from django.core.management import call_command

    real = connection.settings_dict["NAME"]
    name = f"{real}_bench_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        log(
            f"scratch database {name} created and migrated in {time.perf_counter() - started:.1f} s"
        )
        yield name
    finally:
        connection.close()
        connection.settings_dict["NAME"] = real
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        log(f"scratch database {name} dropped")
