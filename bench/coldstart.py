"""A worker's cold start and memory, for ``benchmark_matching``: building the index from
PostgreSQL against opening the one another worker saved (``lib.engine.persist``), and the
memory of worker processes that did either (``bench.worker_memory``)."""

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import override_settings

from common.database_url import database_url
from lib.engine.index import Index, Query
from lib.slots import request_slot_groups
from matching.index_cache import profile_cache
from matching.models import Request

LIMIT = 10


def cold_start(requests: list[Request], folder: Path, log: Callable[[str], None]) -> None:
    """A worker's first call: building the index from PostgreSQL, against opening the one
    another worker saved (memory-mapped); the opened one must rank every request alike."""
    with override_settings(TSUNAGU_INDEX_DIR=None):
        profile_cache.reset()
        started = time.perf_counter()
        built = profile_cache.fresh()
        build_seconds = time.perf_counter() - started
    with override_settings(TSUNAGU_INDEX_DIR=folder):
        profile_cache.reset()
        started = time.perf_counter()
        profile_cache.fresh()  # builds again, and saves for the next process
        save_seconds = time.perf_counter() - started - build_seconds
        profile_cache.reset()
        started = time.perf_counter()
        opened = profile_cache.fresh()
        open_seconds = time.perf_counter() - started
    same = sum(_answer(opened, req) == _answer(built, req) for req in requests)
    disk = sum(f.stat().st_size for f in folder.rglob("*.npy"))
    stats = opened.stats()
    log(
        f"  cold start of a worker: index built from PostgreSQL in {build_seconds:.2f} s "
        f"({len(built):,} rows); saved for the next worker in about {save_seconds:.2f} s "
        f"({disk / 2**20:.1f} MiB of files); opened memory-mapped in "
        f"{open_seconds * 1e3:.0f} ms, ranking {same}/{len(requests)} requests identically"
    )
    log(
        f"  index memory per worker: {(stats['bytes'] - stats['shared_bytes']) / 2**20:.1f} MiB "
        f"of its own + {stats['shared_bytes'] / 2**20:.1f} MiB memory-mapped from the saved "
        f"files (one copy per machine, shared by every worker)"
    )
    if same != len(requests):
        raise CommandError("the opened index ranks some requests otherwise than the built one")


def worker_memory(folder: Path, log: Callable[[str], None]) -> None:
    """Worker processes, as gunicorn starts them: one building its own index, then two
    opening the saved one side by side; each answers 100 requests and reports its memory."""
    env = {**os.environ, "DATABASE_URL": _database_url()}

    def workers(n: int, *extra: str) -> list[dict]:
        command = [sys.executable, "-m", "bench.worker_memory", str(folder), *extra]
        procs = [
            subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                cwd=settings.BASE_DIR,
            )
            for _ in range(n)
        ]
        try:
            for proc in procs:
                if proc.stdout.readline().strip() != "ready":
                    raise RuntimeError(f"worker {proc.pid} did not start")
            for proc in procs:
                proc.stdin.write("\n")
                proc.stdin.flush()
            return [json.loads(proc.stdout.readline()) for proc in procs]
        finally:
            for proc in procs:
                proc.stdin.close()
                proc.wait(60)
                proc.stdout.close()

    try:
        (built,) = workers(1, "--build")
        opened = workers(2)
    except (OSError, RuntimeError, ValueError) as exc:
        log(f"  worker memory not measured: {exc}")
        return

    def mib(kb: float) -> str:
        return f"{kb / 1024:.0f} MiB"

    first = opened[0]
    log(
        f"  a new worker's first call: {built['first_call_seconds']:.2f} s building its "
        f"index, {first['first_call_seconds']:.2f} s opening the saved one (Django, "
        f"Sudachi's dictionary and the word vectors included)"
    )
    log(
        f"  worker memory after 100 requests (/proc/self/smaps): built its own index: "
        f"RSS {mib(built['rss'])}; opened the saved one, two side by side: RSS "
        f"{mib(first['rss'])} each, of which {mib(first['files_rss'])} the index files, "
        f"counted {mib(first['files_pss'])} per worker (PSS: one copy in the page cache, "
        f"divided among the {round(first['files_rss'] / max(first['files_pss'], 1))} "
        f"processes that map it: the workers and this benchmark)"
    )


def _database_url() -> str:
    """This connection's database (the scratch one) as a DATABASE_URL for a child process."""
    return database_url(connection.settings_dict)


def _answer(index: Index, req: Request) -> dict:
    """The engine's whole answer for a request, at a fixed time (to compare two indexes)."""
    result = index.rank(
        Query(
            fields={"title": req.tok_title, "description": req.tok_description},
            kinds=tuple(req.kinds_wanted),
            kinds_strict=req.kinds_strict,
            required_slots=request_slot_groups(req.dates, req.time_band),
            limit=LIMIT,
            now=1_800_000_000.0,
        )
    ).as_dict()
    result.pop("stats")
    return result
