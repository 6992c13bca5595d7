#!/usr/bin/env bash
# make bench: every benchmark in bench/, results as JSON in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=lotse.settings
mkdir -p bench/results
for bench in bench/bench_*.py; do
  echo "== $bench"
  .venv/bin/python "$bench" "$@"
done
