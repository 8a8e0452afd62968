#!/usr/bin/env bash
# Sourced by scripts/serve and scripts/test: prepares a fresh machine (or reuses what is there).
#   - a virtualenv in .venv with the pinned dependencies (requirements.lock) and dev tools;
#   - unless DATABASE_URL is set, a project-local PostgreSQL 15 cluster in .pgdata/ that listens
#     on a Unix socket only (no TCP port to collide with), started if it is not running;
#   - the schema, migrated.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1m[tsunagu]\033[0m %s\n' "$*" >&2; }

ensure_venv() {
  local stamp=".venv/.installed-$(sha1sum requirements.lock requirements-nodeps.lock pyproject.toml | sha1sum | cut -c1-12)"
  if [ ! -x .venv/bin/python ]; then
    log "creating the virtualenv (.venv)"
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ]; then
    log "installing dependencies (requirements.lock)"
    .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
    .venv/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.lock
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PGROOT="$ROOT/.pgdata"

# initdb and postgres refuse to run as root; as root we run them as the `postgres` system user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "using DATABASE_URL from the environment"
    return
  fi
  [ -x "$PG_BIN/initdb" ] || PG_BIN="$(dirname "$(command -v initdb)")"
  mkdir -p "$PGROOT/run"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGROOT" "$PGROOT/run"
  fi
  if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
    log "initialising a project-local PostgreSQL cluster in .pgdata/data"
    as_pg "$PG_BIN/initdb" -D "$PGROOT/data" -U tsunagu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
    log "starting PostgreSQL (socket in .pgdata/run)"
    as_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/postgres.log" -w \
      -o "-c listen_addresses='' -k $PGROOT/run -c max_connections=200 -c fsync=off -c synchronous_commit=off" \
      start >/dev/null
  fi
  if ! "$PG_BIN/psql" -h "$PGROOT/run" -U tsunagu -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='tsunagu'" | grep -q 1; then
    "$PG_BIN/createdb" -h "$PGROOT/run" -U tsunagu tsunagu
  fi
  export DATABASE_URL="postgres://tsunagu@/tsunagu?host=$PGROOT/run"
}

# Run-time Debian packages: the report charts (matplotlib) and the certificate PDF (WeasyPrint)
# draw Japanese with Noto CJK; WeasyPrint needs Pango. Installed when missing and we are root.
ensure_debian_packages() {
  local missing=() fonts libs
  # Read the lists whole first: with pipefail, `… | grep -q` can fail when grep stops early.
  fonts="$(fc-list 2>/dev/null || true)"
  libs="$(ldconfig -p 2>/dev/null || true)"
  grep -qi "Noto Sans CJK JP" <<<"$fonts" || missing+=(fonts-noto-cjk)
  grep -q "libpango-1.0.so.0" <<<"$libs" || missing+=(libpango-1.0-0)
  grep -q "libpangoft2-1.0.so.0" <<<"$libs" || missing+=(libpangoft2-1.0-0)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} (Japanese charts and certificate PDFs)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
  else
    log "missing ${missing[*]} and cannot install (not root): charts lose their Japanese text and certificate PDFs fail"
  fi
}

ensure_debian_packages
ensure_venv
ensure_database
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-local-development-key-not-for-production}"
log "migrating the schema"
python manage.py migrate --noinput >/dev/null
