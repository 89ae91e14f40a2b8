#!/usr/bin/env bash
# `npm start`: the whole platform on this machine with one command. Installs what is missing
# (bootstrap.sh: system packages, Kafka jars, FerretDB), builds every workspace, then hands over
# to `corridor-platform up` (infra/platform), which starts Kafka + the database, the four services,
# seeds reference data, runs the demo chain, starts Prometheus and runs until Ctrl-C.
# Arguments go to the CLI: `npm start -- --once`, `npm start -- --fresh`, `npm start -- --help`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export KAFKAJS_NO_PARTITIONER_WARNING=1

if [ -f scripts/bootstrap.sh ]; then
  bash scripts/bootstrap.sh
fi
echo "==> build (turbo)" >&2
npx turbo run build --output-logs=errors-only
# exec: Ctrl-C and SIGTERM reach the CLI directly, which stops services, Prometheus, broker and database.
exec node infra/platform/dist/cli.js up "$@"
