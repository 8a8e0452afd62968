"""The memory of a worker process that has ranked, read from Linux's /proc/self/smaps.

``benchmark_matching`` starts this module as separate processes (``python -m
bench.worker_memory``), as gunicorn starts workers: each sets up Django against the same
database, takes its index (opening the saved one, or building its own with ``--build``),
answers requests, says ``ready`` and, once every worker is ready (a line on its standard
input), prints its memory as one JSON line: resident and proportional (shared pages divided
among the processes mapping them) in all, and for the saved index's files alone.
"""

import argparse
import json
import os
import re
import sys
import time


def smaps(prefix: str) -> dict[str, int]:
    """Kibibytes: Rss, Pss, private and shared in all, and Rss/Pss of the files under prefix."""
    out = dict.fromkeys(("rss", "pss", "private", "shared", "files_rss", "files_pss"), 0)
    path = ""
    with open("/proc/self/smaps") as f:
        for line in f:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                parts = line.split()
                path = parts[5] if len(parts) > 5 else ""
                continue
            key, _, value = line.partition(":")
            if key not in ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Shared_Clean",
                           "Shared_Dirty"):  # fmt: skip
                continue
            kb = int(value.split()[0])
            name = {"Rss": "rss", "Pss": "pss"}.get(key) or key.split("_")[0].lower()
            out[name] += kb
            if prefix and path.startswith(prefix) and key in ("Rss", "Pss"):
                out[f"files_{name}"] += kb
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir")
    parser.add_argument("--build", action="store_true", help="build instead of opening")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    from matching.candidates import candidates_for_request
    from matching.index_cache import profile_cache
    from matching.models import Request

    settings.TSUNAGU_INDEX_DIR = None if args.build else args.index_dir
    started = time.perf_counter()
    index = profile_cache.fresh()
    seconds = time.perf_counter() - started
    for req in Request.objects.select_related("organization").order_by("id")[: args.requests]:
        candidates_for_request(req)
    print("ready", flush=True)
    sys.stdin.readline()  # every worker is up: the shared pages are counted among all
    memory = smaps(os.path.realpath(args.index_dir))
    stats = index.stats()
    memory.update(first_call_seconds=seconds, bytes=stats["bytes"], shared=stats["shared_bytes"])
    print(json.dumps(memory), flush=True)


if __name__ == "__main__":
    main()
