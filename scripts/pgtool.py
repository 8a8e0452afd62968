"""Backup and restore of the project's database (called by scripts/backup and scripts/restore).

backup:  pg_dump in the custom format (-Fc: compressed, restorable table by table).
restore: into a *new* database next to the live one, then swapped in by renaming: a failed
         restore leaves the live database as it was, and the swap gives the database a new
         oid, by which every running process's matcher index (matching/index_cache.py) knows
         to rebuild from the restored rows on its next call. Connections to the old database
         are ended (DROP DATABASE ... WITH (FORCE)); the workers reconnect on their next request
         (CONN_HEALTH_CHECKS).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _tool(name: str) -> str:
    path = PG_BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def _libpq_env(config: dict) -> dict:
    env = dict(os.environ)
    host = config.get("HOST") or config.get("OPTIONS", {}).get("host", "")
    for key, value in {
        "PGHOST": host,
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": config.get("USER") or "",
        "PGPASSWORD": config.get("PASSWORD") or "",
    }.items():
        if value:
            env[key] = value
    return env


def _connect(config: dict, dbname: str):
    env = _libpq_env(config)
    return psycopg.connect(
        dbname=dbname,
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        autocommit=True,
    )


def backup(config: dict, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", config["NAME"]],
        env=_libpq_env(config),
        check=True,
    )
    partial.replace(target)  # never a half-written file under the final name


def restore(config: dict, source: Path) -> None:
    name = config["NAME"]
    staging = f"{name}_restoring"
    with _connect(config, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{staging}"')
        conn.execute(f'CREATE DATABASE "{staging}"')
    try:
        subprocess.run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                f"--dbname={staging}",
                str(source),
            ],
            env=_libpq_env(config),
            check=True,
        )
    except subprocess.CalledProcessError:
        with _connect(config, "postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{staging}"')
        raise
    with _connect(config, "postgres") as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'ALTER DATABASE "{staging}" RENAME TO "{name}"')


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("backup", "restore"):
        print("usage: pgtool.py backup|restore FILE", file=sys.stderr)
        return 2
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    path = Path(argv[2])
    if argv[1] == "backup":
        backup(config, path)
    else:
        if not path.is_file():
            print(f"no such backup file: {path}", file=sys.stderr)
            return 1
        restore(config, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
