#!/usr/bin/env bash
# Brings everything up on this machine and serves the API with its worker (`npm run up`):
# dependencies, PostgreSQL and Redis (found, started with Docker, or installed), migrations,
# a build, the server, a demo case and ready-to-use tokens. Ctrl-C stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/services.sh
source scripts/lib/services.sh

ensure_node_modules
ensure_services

# The application's own database on that server.
APP_DATABASE="${NRM_DATABASE:-nrm}"
DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$APP_DATABASE")"
export DATABASE_URL
npx ts-node -T scripts/create-database.ts "$DATABASE_URL"

# A local signing secret, kept between runs so demo tokens stay valid.
mkdir -p .run
if [ -z "${AUTH_JWT_SECRET:-}" ]; then
  [ -s .run/jwt-secret ] || node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))' > .run/jwt-secret
  AUTH_JWT_SECRET="$(cat .run/jwt-secret)"
fi
export AUTH_JWT_SECRET
# A local personal-data master key, made once and kept in .run/ (git-ignored): losing it makes the
# local database's personal data unreadable. Never used outside this script: the processes have no
# default key and refuse to start without PERSONAL_DATA_MASTER_KEY.
if [ -z "${PERSONAL_DATA_MASTER_KEY:-}" ]; then
  if [ "${NODE_ENV:-}" = production ]; then
    echo "PERSONAL_DATA_MASTER_KEY must be set when NODE_ENV=production (no local key is made)." >&2
    exit 1
  fi
  [ -s .run/personal-data-master-key ] ||
    (umask 077 && node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > .run/personal-data-master-key)
  PERSONAL_DATA_MASTER_KEY="$(cat .run/personal-data-master-key)"
fi
export PERSONAL_DATA_MASTER_KEY
# A local key for the integrity anchors, kept in .run/ like the one above (production sets its own:
# the processes refuse NODE_ENV=production without INTEGRITY_ANCHOR_KEY).
if [ -z "${INTEGRITY_ANCHOR_KEY:-}" ] && [ "${NODE_ENV:-}" != production ]; then
  [ -s .run/integrity-anchor-key ] ||
    (umask 077 && node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > .run/integrity-anchor-key)
  INTEGRITY_ANCHOR_KEY="$(cat .run/integrity-anchor-key)"
  export INTEGRITY_ANCHOR_KEY
fi
export PORT="${PORT:-3000}"
export HOST="${HOST:-127.0.0.1}"
export EVENT_STORE="${EVENT_STORE:-postgres}"
# The console's demo sign-in (a user per role, no password): this machine only.
export DEMO_SIGN_IN="${DEMO_SIGN_IN:-true}"

npm run --silent migrate
echo "Building…" >&2
npm run --silent build

node dist/apps/api/src/main.js --with-worker &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 120); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$PORT/health"; then
    break
  fi
  kill -0 $SERVER 2>/dev/null || { echo "The server stopped; see its log above." >&2; exit 1; }
  sleep 0.5
done

npm run --silent demo -- "http://127.0.0.1:$PORT"
wait $SERVER
