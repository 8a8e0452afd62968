"""How fast ``import_profiles`` takes a large file, against Sudachi tokenising the same text.

Generates a CSV of N synthetic registrations (bench/synthetic.py: the matcher's seeded
texts; names from bench/data.py's pools; every row with its own registration number and phone
number), then in this one process and run:

1. the baseline: SudachiPy (SplitMode.C, sudachidict-core, the analyser's own dictionary and
   tokenizer) tokenising every non-empty
   skills / experience / bio text of the file, one call per text, nothing else;
2. the import: the service's own engine (talent.importing.import_file, what the command and
   the upload page run) reading, checking, looking for duplicates, tokenising and COPYing the
   file into a scratch database in one transaction, committed.

The scratch database is created beside the configured one and dropped at the end, so the
real data is never touched.
"""

import csv
import random
import resource
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from bench.data import GIVEN_NAMES, SURNAMES, scratch_database
from bench.synthetic import AREAS, make_profile
from lib.slots import SLOT_CHOICES

HEADER = (
    "kind", "display_name", "furigana", "skills", "experience", "bio", "status", "areas",
    "phone", "external_id", "availability", "birth_year",
)  # fmt: skip


def write_csv(path: Path, n: int, seed: int) -> int:
    """The benchmark file; returns its size in bytes."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(n):
            p = make_profile(seed, i)
            rng = random.Random(seed * 7_000_003 + i)
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
            out.writerow((
                p.kind, f"{surname[0]} {given[0]}", f"{surname[1]} {given[1]}", p.skills,
                p.experience, p.bio, "published" if p.published else "pending",
                "・".join(AREAS[a - 1] for a in p.areas), f"090-{i // 10000:04d}-{i % 10000:04d}",
                f"B-{seed}-{i:07d}",
                " ".join(c for bit, (c, _) in enumerate(SLOT_CHOICES) if p.availability >> bit & 1),
                rng.randint(1940, 2000),
            ))  # fmt: skip
    return path.stat().st_size


def texts_of(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for name in ("skills", "experience", "bio"):
                if row[name]:
                    yield row[name]


def backend_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine only)."""
    import os

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = "人材の一括取り込みの速さを、同じ文章を Sudachi で分かち書きする時間と比べて表示します。"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=11)

    def log(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def handle(self, *args, rows: int, seed: int, **options):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "profiles.csv"
            started = time.perf_counter()
            size = write_csv(path, rows, seed)
            self.log(
                f"{rows:,} rows generated: {size / 1e6:.1f} MB of CSV "
                f"in {time.perf_counter() - started:.1f} s"
            )
            baseline, chars, calls = self.baseline(path)
            with scratch_database(self.log):
                self.run_import(path, rows, baseline, chars, calls)

    def baseline(self, path: Path) -> tuple[float, int, int]:
        from lib.text import analyzer

        tokenizer = analyzer().sudachi_tokenizer()
        texts = list(texts_of(path))
        for text in texts[:200]:  # warm-up, as the import's analyser is warm after its first rows
            tokenizer.tokenize(text)
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            tokenizer.tokenize(text)
        elapsed = time.perf_counter() - started
        self.baseline_cpu = time.process_time() - cpu
        chars = sum(len(t) for t in texts)
        self.log(
            f"baseline: Sudachi (SplitMode.C) tokenised {len(texts):,} texts "
            f"({chars:,} characters, {len(set(texts)):,} distinct) in {elapsed:.1f} s "
            f"(CPU {self.baseline_cpu:.1f} s)"
        )
        return elapsed, chars, len(texts)

    def run_import(self, path: Path, rows: int, baseline: float, chars: int, calls: int):
        from lib.text import analyzer
        from talent.importing import import_file
        from talent.models import Area, Profile

        Area.objects.bulk_create(Area(name=name) for name in AREAS)
        analyzer().terms("準備")  # load the dictionary before the clock starts, as a server has
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        backend = backend_cpu()
        started, cpu = time.perf_counter(), time.process_time()
        result = import_file(lambda: path.open("rb"), path.name, same_person="new")
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        backend = backend_cpu() - backend if backend is not None else None
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert Profile.objects.count() == rows == result.imported
        self.log(
            f"import: {result.imported:,} rows in {elapsed:.1f} s "
            f"({result.imported / elapsed:,.0f} rows/s), committed in one transaction; "
            f"{len(result.duplicates):,} rows reported as possibly the same person"
        )
        self.log(
            f"peak memory of this process: {rss_after / 1024:.0f} MB "
            f"(before the import: {rss_before / 1024:.0f} MB)"
        )
        pg = f" + its PostgreSQL backend {backend:.1f} s" if backend is not None else ""
        self.log(f"import CPU: this process {cpu:.1f} s{pg}")
        self.log(f"import / Sudachi baseline: {elapsed / baseline:.2f}x (wall clock)")
        if backend is not None:
            ratio = (cpu + backend) / self.baseline_cpu
            self.log(f"import / Sudachi baseline in CPU time (process + backend): {ratio:.2f}x")
