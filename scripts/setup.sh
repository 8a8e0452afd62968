#!/usr/bin/env bash
# Sourced by the scripts in this folder: prepares a fresh machine (or reuses what is there).
#   - a virtualenv in .venv with the pinned dependencies (requirements.lock) and dev tools;
#   - unless DATABASE_URL is set, a project-local PostgreSQL 15 cluster in .pgdata/ that listens
#     on a Unix socket only (no TCP port to collide with), started if it is not running;
#   - a random secret key for this checkout in .local/ (unless DJANGO_SECRET_KEY is set);
#   - the schema, migrated.
# SETUP_STEPS chooses the steps (default: "debian venv database secret migrate"); scripts/backup,
# for instance, needs only "venv database".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SETUP_STARTED=$SECONDS

log() { printf '\033[1m[tsunagu]\033[0m %s\n' "$*" >&2; }
# A step that may take a while: say what it is, then how long it took.
step_done() { log "  … done in $((SECONDS - $1)) s"; }

ensure_venv() {
  local stamp=".venv/.installed-$(sha1sum requirements.lock requirements-nodeps.lock pyproject.toml | sha1sum | cut -c1-12)"
  local t=$SECONDS
  if [ ! -x .venv/bin/python ]; then
    # A leftover link or a half-made folder (an interrupted first run) is replaced.
    if [ -L .venv ] || [ -e .venv ]; then
      log "replacing the unusable .venv"
      rm -rf .venv
    fi
    log "creating the virtualenv (.venv)"
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ]; then
    log "installing $(grep -c '^[^#]' requirements.lock) pinned packages from requirements.lock (the first time takes a minute or two)"
    # One line per package as pip gets to it, so a slow download is visible.
    .venv/bin/pip install --disable-pip-version-check --progress-bar off -r requirements.lock 2>&1 \
      | sed -un -e 's/^Collecting \([^ ]*\).*/  installing \1/p' \
               -e 's/^Requirement already satisfied: \([^ ]*\).*/  already there: \1/p' >&2
    log "installing $(grep -c '^[^#]' requirements-nodeps.lock) more without their dependencies (requirements-nodeps.lock)"
    .venv/bin/pip install --disable-pip-version-check --progress-bar off --no-deps -r requirements-nodeps.lock 2>&1 \
      | sed -un -e 's/^Collecting \([^ ]*\).*/  installing \1/p' >&2
    rm -f .venv/.installed-*
    touch "$stamp"
    step_done "$t"
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

find_pg_bin() {
  [ -x "$PG_BIN/initdb" ] || PG_BIN="$(dirname "$(command -v initdb)")"
}

local_cluster_running() {
  [ -f "$PGROOT/data/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1
}

ensure_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "using DATABASE_URL from the environment"
    return
  fi
  find_pg_bin
  mkdir -p "$PGROOT/run"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGROOT" "$PGROOT/run"
  fi
  if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
    local t=$SECONDS
    log "initialising a project-local PostgreSQL cluster in .pgdata/data"
    as_pg "$PG_BIN/initdb" -D "$PGROOT/data" -U tsunagu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    step_done "$t"
  fi
  if ! local_cluster_running; then
    local t=$SECONDS
    log "starting PostgreSQL (socket in .pgdata/run; scripts/stop stops it)"
    as_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/postgres.log" -w \
      -o "-c listen_addresses='' -k $PGROOT/run -c max_connections=200 -c fsync=off -c synchronous_commit=off" \
      start >/dev/null
    step_done "$t"
  fi
  if ! "$PG_BIN/psql" -h "$PGROOT/run" -U tsunagu -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='tsunagu'" | grep -q 1; then
    log "creating the database tsunagu"
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
    (apt-get -o DPkg::Lock::Timeout=300 update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}") >/dev/null \
      || log "warning: could not install ${missing[*]}: charts lose their Japanese text and certificate PDFs fail"
  else
    log "missing ${missing[*]} and cannot install (not root): charts lose their Japanese text and certificate PDFs fail"
  fi
}

# No fixed, public key: a random one is made once for this checkout in .local/ (ignored by git,
# readable by its owner only) unless DJANGO_SECRET_KEY is set.
ensure_secret_key() {
  if [ -n "${DJANGO_SECRET_KEY:-}" ]; then
    return
  fi
  mkdir -p "$ROOT/.local"
  if [ ! -s "$ROOT/.local/secret_key" ]; then
    (umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(64))" >"$ROOT/.local/secret_key")
  fi
  DJANGO_SECRET_KEY="$(cat "$ROOT/.local/secret_key")"
  export DJANGO_SECRET_KEY
}

ensure_schema() {
  local t=$SECONDS
  log "migrating the schema"
  python manage.py migrate --noinput | sed -un 's/^  Applying \(.*\)\.\.\. OK$/  applied \1/p' >&2
  step_done "$t"
}

for _step in ${SETUP_STEPS-debian venv database secret migrate}; do
  case "$_step" in
    debian) ensure_debian_packages ;;
    venv) ensure_venv ;;
    database) ensure_database ;;
    secret) ensure_secret_key ;;
    migrate) ensure_schema ;;
    *) log "unknown setup step: $_step"; exit 2 ;;
  esac
done
