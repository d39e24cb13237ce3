#!/usr/bin/env bash
# The crash harness (`npm run crash-harness`): POST /cases with Idempotency-Keys, each retried with
# its key until it is 201, while the API (API and worker in one process) is killed with SIGKILL and
# restarted every CRASH_KILL_EVERY_MS and every PostgreSQL session of its database is terminated
# every CRASH_TERMINATE_EVERY_MS; then counts what was acknowledged against what is stored.
# Then stops the API once every projection is at the store's last event, and rebuilds the read
# models from the events (rebuild-read-models). Prints one JSON line and exits 1 when a case was
# lost or doubled, a key was left in progress, a read model misses an acknowledged case or differs
# from its rebuild, a projection stopped, the API exited by itself or answered a 500. Knobs: CRASH_COMMANDS (default 1500), CRASH_CLIENTS (16), CRASH_KILL_EVERY_MS
# (5000; 0: never), CRASH_TERMINATE_EVERY_MS (350; 0: never). Scratch database and Redis prefix,
# dropped at the end; builds first unless CRASH_SKIP_BUILD=1.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=lib/services.sh
source "$ROOT/scripts/lib/services.sh"
ensure_node_modules || exit 1
ensure_services || exit 1

SERVER_URL="$DATABASE_URL"
DB="nrm_crash_$(node -e 'process.stdout.write(require("crypto").randomBytes(6).toString("hex"))')"
export DATABASE_URL
DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; process.stdout.write(u.toString())' "$SERVER_URL" "$DB")"
export REDIS_KEY_PREFIX="$DB"
export AUTH_JWT_SECRET PERSONAL_DATA_MASTER_KEY PERSON_MATCH_KEY
PERSON_MATCH_KEY="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"
AUTH_JWT_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')"
PERSONAL_DATA_MASTER_KEY="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"

cleanup() {
  local rc=$?
  psql "$SERVER_URL" -X -q -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1
  node -e '
    const Redis = require("ioredis");
    const redis = new Redis(process.argv[1], { maxRetriesPerRequest: 3 });
    (async () => {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${process.argv[2]}*`, "COUNT", 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    })().finally(() => redis.disconnect());
  ' "$REDIS_URL" "$DB" || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql "$SERVER_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$DB\"" || exit 1
if [[ ${CRASH_SKIP_BUILD:-0} != 1 ]]; then npm run build --silent >&2 || exit 1; fi
node dist/apps/cli/src/main.js migrate >/dev/null || exit 1
npx ts-node -T -r tsconfig-paths/register scripts/crash-harness.ts
