#!/usr/bin/env bash
# Installs everything the test command needs on a fresh Debian machine, idempotently:
# system packages (only the missing ones), node_modules (fresh clone only), the Kafka jars from
# Maven Central and FerretDB built with Go into .cache/. Safe to run again: finished steps are skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GO_MIN_MINOR=24                 # FerretDB v1.24.2's go.mod says go 1.24
GO_TOOLCHAIN=go1.24.3           # fetched from the Go module proxy when no recent Go is installed
CACHE="${CORRIDOR_CACHE_DIR:-$ROOT/.cache}"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
phase_start=0
phase() { phase_start=$(ms); echo "==> bootstrap: $*" >&2; }
phase_done() { local d=$(( $(ms) - phase_start )); printf '    done in %d.%01ds\n' $((d / 1000)) $((d % 1000 / 100)) >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "bootstrap: need root (or sudo) to run: $*" >&2; return 1
  fi
}

# --- system packages --------------------------------------------------------------------------
# command -> Debian package; kcat/prometheus/docker-compose are used by other workspaces' tests.
declare -A WANT=(
  [kcat]=kcat [prometheus]=prometheus [promtool]=prometheus [docker-compose]=docker-compose
  [java]=openjdk-17-jre-headless [mvn]=maven [setpriv]=util-linux [curl]=curl [unzip]=unzip
)
missing=()
for cmd in "${!WANT[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${WANT[$cmd]}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  phase "apt-get install $pkgs"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
  phase_done
fi

# --- Go (only to build FerretDB; skipped when its binary is cached) ----------------------------
go_ok() {
  local v
  v=$("$1" env GOVERSION 2>/dev/null) || return 1 # e.g. go1.26.8
  v=${v#go}
  [ "${v%%.*}" -gt 1 ] || [ "$(echo "$v" | cut -d. -f2)" -ge "$GO_MIN_MINOR" ]
}
find_go() {
  local c
  for c in "$(command -v go || true)" /usr/local/go/bin/go "$CACHE/go/bin/go"; do
    if [ -n "$c" ] && [ -x "$c" ] && go_ok "$c"; then echo "$c"; return 0; fi
  done
  return 1
}
FERRETDB_BIN="$CACHE/ferretdb/v1.24.2/ferretdb"
if [ ! -x "$FERRETDB_BIN" ] && ! find_go >/dev/null; then
  phase "Go $GO_TOOLCHAIN toolchain from the Go module proxy into $CACHE/go"
  proxy="${GOPROXY:-https://proxy.golang.org}"; proxy="${proxy%%,*}"
  if [ "$proxy" = direct ] || [ "$proxy" = off ]; then proxy=https://proxy.golang.org; fi
  arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
  mod="v0.0.1-$GO_TOOLCHAIN.linux-$arch"
  tmp=$(mktemp -d)
  curl -fsSL "$proxy/golang.org/toolchain/@v/$mod.zip" -o "$tmp/go.zip"
  unzip -q "$tmp/go.zip" -d "$tmp/x"
  rm -rf "$CACHE/go"; mkdir -p "$CACHE"
  mv "$tmp/x/golang.org/toolchain@$mod" "$CACHE/go"
  # Module zips carry no file modes.
  chmod +x "$CACHE"/go/bin/* "$CACHE"/go/pkg/tool/*/*
  rm -rf "$tmp"
  phase_done
fi
if GO_BIN=$(find_go); then export PATH="$(dirname "$GO_BIN"):$PATH"; fi

# --- node_modules -----------------------------------------------------------------------------
# `npm install`, not `npm ci`: the registries these machines reach hold only this platform's
# optional binaries (@swc/core-*, @turbo/*, @unrs/resolver-binding-*), so the committed lockfile
# cannot list the other platforms' entries and `npm ci` refuses it as "out of sync". `npm install`
# still installs the lockfile's exact versions. Runs on a fresh clone and whenever the lockfile
# changed since the last install.
if [ ! -x node_modules/.bin/turbo ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ "${CORRIDOR_NPM_INSTALL:-0}" = 1 ]; then
  phase "npm install (lockfile versions)"
  npm install --no-audit --no-fund
  phase_done
fi

# --- Kafka jars + FerretDB --------------------------------------------------------------------
if [ ! -f infra/local/dist/cli.js ] || [ -n "$(find infra/local/src -newer infra/local/dist/cli.js -print -quit)" ]; then
  phase "build @corridor/local-infra"
  (cd infra/local && npx tsc -p tsconfig.build.json)
  phase_done
fi
phase "Kafka jars and FerretDB into $CACHE (cached after the first run)"
node infra/local/dist/cli.js fetch
phase_done
