#!/usr/bin/env bash
# make test: the whole suite on SQLite, then on PostgreSQL (required when CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=lotse.settings LOTSE_ENV=test
PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lotse_test}"
WORKERS="${LOTSE_TEST_WORKERS:-2}"

run_suite() {
  # pytest exit 5 means "no tests collected": that is a failure here, never a pass.
  "$BIN/python" -m pytest -n "$WORKERS" "$@"
  local rc=$?
  if [ "$rc" -eq 5 ]; then echo "FEHLER: keine Tests gefunden" >&2; return 1; fi
  return "$rc"
}

pg_reachable() {
  "$BIN/python" - "$PG_URL" <<'PY'
import sys, psycopg
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    psycopg.connect(host=u.hostname or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                    password=u.password or None, dbname="postgres", connect_timeout=5).close()
except Exception as exc:
    print(f"PostgreSQL nicht erreichbar: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

echo "== Tests auf SQLite =="
(unset DATABASE_URL; run_suite "$@") || exit 1

echo "== Tests auf PostgreSQL ($PG_URL) =="
if ! pg_reachable; then
  if [ "${CI:-}" = "true" ]; then echo "FEHLER: In CI muss PostgreSQL erreichbar sein." >&2; exit 1; fi
  echo "PostgreSQL-Lauf übersprungen (nicht erreichbar, kein CI)."
  exit 0
fi
DATABASE_URL="$PG_URL" LOTSE_TEST_POSTGRES=1 run_suite "$@" || exit 1
