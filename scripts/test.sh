#!/usr/bin/env bash
# Whole-suite test command (`npm test [-- <jest args>]`).
#
#   1. npm ci when node_modules is missing/stale
#   2. make PostgreSQL + Redis reachable (exports DATABASE_URL, REDIS_URL)
#   3. typecheck everything (tsc --noEmit); a type error fails the run
#   4. jest; its normal output stays visible
#
# The last line printed (stdout) is always "N passed, N failed[, N skipped]".
# Exit status is 0 only when every test passed and at least one ran.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=lib/services.sh
source "$ROOT/scripts/lib/services.sh"

# Setup/typecheck failures count as one failed test.
fail_run() {
  echo "test: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

ensure_node_modules || fail_run "npm ci failed"
ensure_services || fail_run "PostgreSQL/Redis are not available (see above)"

# The console's browser tests drive Debian's Chromium: installed here when missing and we are root;
# otherwise those tests print why they are skipped.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x $CHROMIUM && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test: installing chromium (apt-get) for the console's browser tests" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 ||
    echo "test: could not install chromium; the browser tests will say they are skipped" >&2
fi

echo "test: typecheck (tsc --noEmit -p tsconfig.json)" >&2
npx tsc --noEmit -p tsconfig.json || fail_run "typecheck failed"

RESULTS="$(mktemp "${TMPDIR:-/tmp}/jest-results.XXXXXX")" || fail_run "mktemp failed"
trap 'rm -f "$RESULTS"' EXIT

npx jest --ci --json --outputFile="$RESULTS" "$@"
JEST_RC=$?

node -e '
const fs = require("fs");
const [file, rcText] = process.argv.slice(1);
const jestRc = Number(rcText);
let r;
try {
  r = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
  console.error(`test: jest wrote no results (exit code ${jestRc})`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const n = (k) => (Number.isFinite(r[k]) ? r[k] : 0);
const passed = n("numPassedTests");
// Suites that crashed before running any test (syntax/type/import errors)
// would otherwise be invisible in the counts.
const failed = n("numFailedTests") + n("numRuntimeErrorTestSuites");
const skipped = n("numPendingTests");
let code = 0;
if (failed > 0) code = 1;
else if (jestRc !== 0) {
  console.error(`test: jest exited with code ${jestRc}`);
  code = 1;
} else if (passed === 0) {
  console.error("test: no tests ran");
  code = 1;
}
console.log(`${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : ""));
process.exit(code);
' "$RESULTS" "$JEST_RC"
