#!/usr/bin/env bash
# The project's test command (`npm test`): bootstrap a fresh machine if needed, then build,
# type-check and lint every workspace, then run the whole jest suite against real Kafka and a
# MongoDB-compatible server. The output ends with jest's summary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export KAFKAJS_NO_PARTITIONER_WARNING=1

ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms)
timed() {
  local name=$1 start d
  shift
  start=$(ms)
  echo "==> $name" >&2
  "$@"
  d=$(( $(ms) - start ))
  printf '==> %s took %d.%01ds\n' "$name" $((d / 1000)) $((d % 1000 / 100)) >&2
}

timed bootstrap bash scripts/bootstrap.sh
timed "turbo build typecheck lint" npx turbo run build typecheck lint --continue --output-logs=errors-only

jest_args=()
if [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; then jest_args+=(--ci); fi
d=$(( $(ms) - t0 ))
printf '==> jest (setup phases took %d.%01ds)\n' $((d / 1000)) $((d % 1000 / 100)) >&2
# exec: jest's summary is the last thing printed and its exit code is the command's.
exec npx jest "${jest_args[@]}" "$@"
