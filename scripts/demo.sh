#!/usr/bin/env bash
# make demo: migrate, load the demo Kommunen once, serve with gunicorn (static files via whitenoise).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE=lotse.settings
$BIN/lotse migrate --no-input -v0
$BIN/lotse collectstatic --no-input -v0
$BIN/lotse demo-data --persons "${LOTSE_DEMO_PERSONS:-2000}" --seed 1
echo
echo "Lotse läuft auf http://127.0.0.1:${PORT}/  (Beenden mit Strg+C)"
exec $BIN/gunicorn lotse.wsgi:application --bind "127.0.0.1:${PORT}" --workers "${LOTSE_WORKERS:-2}" \
  --threads 4 --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
