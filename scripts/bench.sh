#!/usr/bin/env bash
# Performance benchmarks (`npm run bench`).
#
#   1. npm ci when node_modules is missing/stale; PostgreSQL + Redis reachable (scripts/lib/services.sh)
#   2. a scratch database nrm_bench_<random> on the DATABASE_URL server and a Redis key prefix of the
#      same name (both dropped on exit, always)
#   3. npm run build (benchmarked as served: the API as `npm run start:api` starts it, heap settings
#      included, and the worker beside it)
#   4. bench/event-store.bench.ts: migrations, then PostgresEventStore.appendToStream vs pgbench
#      single-row INSERT at 1, 8 and 32 clients
#   5. bench/http.bench.ts: idle transactions/s (30 s, no traffic), POST /cases at 1, 8 and 32 clients, then
#      projection lag at 500 (target) and 1,000 (report) commands/s
#   6. bench/deadlines.bench.ts (in a database of its own): 10,000 deadlines due within 60 s, fired by the deadline worker (BullMQ);
#      lateness p50/p99/max, missed, doubled (its own figures on stdout; ~70 s)
#   7. bench/console.bench.ts (in a database of its own): the console's first-load JavaScript gzipped, and the
#      deadline board with 1,000 open deadlines rendered in headless Chromium (its own figures on stdout)
#   8. bench/summary.ts: the figures table (stdout), each with its target and met / MISSED
#
# Knobs: BENCH_SECONDS (per step, default 10), BENCH_LAG_RATES (default 500,1000), BENCH_IDLE_SECONDS
# (default 30), BENCH_SKIP_BUILD=1,
# BENCH_KEEP_RESULTS=1 (keep the JSON results and the API log in the temporary directory),
# BENCH_CPU_PROFILE_DIR=<dir> (the API and the worker write V8 CPU profiles there when they stop),
# BENCH_TOPOLOGY=single (API and worker in one process; default: two processes, as in production).
# Everything talks to 127.0.0.1 only. Exit status: 0 when every benchmark ran (targets may be missed).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=lib/services.sh
source "$ROOT/scripts/lib/services.sh"

say() { echo "bench: $*" >&2; }
die() {
  say "$*"
  exit 1
}

ensure_node_modules || die "npm ci failed"
ensure_services || die "PostgreSQL/Redis are not available (see above)"

RESULTS="$(mktemp -d "${TMPDIR:-/tmp}/nrm-bench.XXXXXX")" || die "mktemp failed"
export BENCH_RESULTS_DIR="$RESULTS"
SERVER_URL="$DATABASE_URL"
BENCH_DB="nrm_bench_$(node -e 'process.stdout.write(require("crypto").randomBytes(6).toString("hex"))')"
# Same server, credentials and query string; the scratch database instead of the path.
BENCH_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; process.stdout.write(u.toString())' "$SERVER_URL" "$BENCH_DB")"

psql_server() { psql "$SERVER_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
  local rc=$?
  if [[ -f $RESULTS/api.pid ]]; then
    local pid
    pid="$(cat "$RESULTS/api.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping the API (pid $pid)"
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  if [[ -n ${BENCH_DB:-} ]]; then
    psql_server -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" >/dev/null 2>&1 \
      && say "dropped database $BENCH_DB" || say "could not drop database $BENCH_DB"
    psql_server -c "DROP DATABASE IF EXISTS \"${BENCH_DB}_deadlines\" WITH (FORCE)" >/dev/null 2>&1 || true
    # Its Redis keys too (the API's, the console's and the deadlines' prefixes all start with it):
    # left behind, a run leaves ~40,000 keys that whatever reads the whole Redis then wades through.
    node -e '
      const Redis = require("ioredis");
      const redis = new Redis(process.argv[1], { maxRetriesPerRequest: 3 });
      (async () => {
        let cursor = "0", deleted = 0;
        do {
          const [next, keys] = await redis.scan(cursor, "MATCH", `${process.argv[2]}*`, "COUNT", 1000);
          if (keys.length) deleted += await redis.del(...keys);
          cursor = next;
        } while (cursor !== "0");
        return deleted;
      })().then((deleted) => { console.error(`bench: deleted ${deleted} Redis keys`); redis.disconnect(); },
        (error) => { console.error(`bench: could not delete the Redis keys: ${error.message}`); redis.disconnect(); });
    ' "$REDIS_URL" "$BENCH_DB" || true
  fi
  if [[ $rc -ne 0 && -f $RESULTS/api.log ]]; then
    say "last API log lines:"
    tail -n 20 "$RESULTS/api.log" >&2
  fi
  if [[ ${BENCH_KEEP_RESULTS:-0} == 1 ]]; then say "results kept in $RESULTS"; else rm -rf "$RESULTS"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_server -c "CREATE DATABASE \"$BENCH_DB\"" || die "could not create database $BENCH_DB"
say "scratch database $BENCH_DB"

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  say "npm run build"
  npm run build --silent >&2 || die "build failed"
fi
[[ -f dist/apps/api/src/main.js ]] || die "dist/apps/api/src/main.js is missing"

TS_NODE=(npx ts-node -T -r tsconfig-paths/register)
export DATABASE_URL="$BENCH_URL"
export REDIS_KEY_PREFIX="$BENCH_DB"
export AUTH_JWT_SECRET
AUTH_JWT_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')"
export PERSONAL_DATA_MASTER_KEY
PERSONAL_DATA_MASTER_KEY="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"

RC=0
timeout 150 "${TS_NODE[@]}" bench/event-store.bench.ts || { say "event-store bench failed"; RC=1; }
if [[ $RC -eq 0 ]]; then
  timeout 400 "${TS_NODE[@]}" bench/http.bench.ts || { say "HTTP bench failed"; RC=1; }
fi
if [[ $RC -eq 0 ]]; then
  # A database of its own: the HTTP phase leaves thousands of overdue escalations behind, which
  # would share the deadline workers with the 10,000 deadlines measured here.
  DEADLINES_DB="${BENCH_DB}_deadlines"
  psql_server -c "CREATE DATABASE \"$DEADLINES_DB\"" || die "could not create database $DEADLINES_DB"
  DEADLINES_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; process.stdout.write(u.toString())' "$SERVER_URL" "$DEADLINES_DB")"
  DATABASE_URL="$DEADLINES_URL" node dist/apps/cli/src/main.js migrate >/dev/null || die "migrations failed"
  DATABASE_URL="$DEADLINES_URL" REDIS_KEY_PREFIX="$DEADLINES_DB" timeout 150 "${TS_NODE[@]}" bench/deadlines.bench.ts \
    || { say "deadlines bench failed"; RC=1; }
fi
[[ $RC -eq 0 ]] && { timeout 300 "${TS_NODE[@]}" bench/console.bench.ts || { say "console bench failed"; RC=1; }; }
"${TS_NODE[@]}" bench/summary.ts
exit "$RC"
