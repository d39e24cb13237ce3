# shellcheck shell=bash
#
# Development/test service bootstrap. Source this file, then call:
#
#   ensure_node_modules   # npm ci when node_modules is missing or stale
#   ensure_services       # make PostgreSQL + Redis reachable, export
#                         # DATABASE_URL (a server database; callers create
#                         # their own databases) and REDIS_URL
#
# For each service, independently, the first option that works wins:
#   a) DATABASE_URL / REDIS_URL from the environment, when they answer;
#   b) the local defaults (postgres@127.0.0.1:5432, 127.0.0.1:6379);
#   c) `docker compose -f docker/compose.yml up -d <service>` when Docker runs;
#   d) as root on Debian/Ubuntu: apt-get install what is missing and start it
#      on loopback only (a dev/test machine is assumed);
#   e) otherwise fail with a message saying what to install or set.
#
# Needs only bash and node (no npm packages: node_modules may not exist yet).
# Does not change the caller's shell options. Decisions go to stderr.

_SVC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_SVC_PG_DEFAULT_URL='postgres://postgres@127.0.0.1:5432/postgres'
# What the compose `postgres` service accepts (password auth).
_SVC_PG_COMPOSE_URL='postgres://postgres:postgres@127.0.0.1:5432/postgres'
_SVC_REDIS_DEFAULT_URL='redis://127.0.0.1:6379'

_svc_log() { printf '%s\n' "$*" >&2; }
_svc_have() { command -v "$1" >/dev/null 2>&1; }

# URL without its password, for log lines.
_svc_redact() { printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#'; }

# _svc_timeout SECONDS CMD... — `timeout` when available (not on stock macOS).
_svc_timeout() {
  local secs=$1
  shift
  if _svc_have timeout; then timeout "$secs" "$@"; else "$@"; fi
}

# ---------------------------------------------------------------------------
# "Does it answer?" checks
# ---------------------------------------------------------------------------

# _svc_node_probe pg|redis URL — TCP probe with node (no npm packages). For
# Redis it sends AUTH (when the URL has credentials) and PING, expects +PONG.
_svc_node_probe() {
  _svc_have node || return 1
  _svc_timeout 10 node -e '
const [kind, raw] = process.argv.slice(1);
let u;
try { u = new URL(raw); } catch { process.exit(2); }
const host = (u.hostname || "127.0.0.1").replace(/^\[|\]$/g, "");
const port = Number(u.port) || (kind === "pg" ? 5432 : 6379);
const tls = u.protocol === "rediss:";
const mod = require(tls ? "tls" : "net");
const sock = mod.connect({ host, port, servername: tls ? host : undefined },
  () => {
    if (kind === "pg") { sock.destroy(); process.exit(0); }
    const bulk = (a) => `*${a.length}\r\n` + a.map((s) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`).join("");
    let out = "";
    if (u.password) {
      const args = ["AUTH"];
      if (u.username) args.push(decodeURIComponent(u.username));
      args.push(decodeURIComponent(u.password));
      out += bulk(args);
    }
    sock.write(out + bulk(["PING"]));
  });
let buf = "";
sock.setEncoding("utf8");
sock.on("data", (d) => {
  buf += d;
  if (buf.includes("+PONG")) { sock.destroy(); process.exit(0); }
  if (buf.startsWith("-") || buf.includes("\r\n-")) { sock.destroy(); process.exit(1); }
});
sock.setTimeout(3000, () => { sock.destroy(); process.exit(1); });
sock.on("error", () => process.exit(1));
' "$1" "$2" >/dev/null 2>&1
}

# _svc_pg_answers URL — the server accepts connections and authenticates.
_svc_pg_answers() {
  local url=$1 out
  if _svc_have psql; then
    out=$(_svc_timeout 10 env PGCONNECT_TIMEOUT=3 psql -X -w -q -At -d "$url" -c 'select 1' 2>&1) && return 0
    # Authenticated, but the URL's database does not exist yet: the server is
    # usable (callers create their own databases).
    [[ $out == *'database "'*'" does not exist'* ]] && return 0
    return 1
  elif _svc_have pg_isready; then
    _svc_timeout 10 env PGCONNECT_TIMEOUT=3 pg_isready -q -d "$url" >/dev/null 2>&1
  else
    _svc_node_probe pg "$url"
  fi
}

# _svc_redis_answers URL — PING answers PONG.
_svc_redis_answers() {
  local url=$1 out
  if _svc_have redis-cli; then
    out=$(_svc_timeout 5 redis-cli -u "$url" ping 2>/dev/null) || return 1
    [[ $out == PONG ]]
  else
    _svc_node_probe redis "$url"
  fi
}

# _svc_wait pg|redis URL SECONDS
_svc_wait() {
  local kind=$1 url=$2 secs=$3 i
  for ((i = 0; i < secs; i++)); do
    "_svc_${kind}_answers" "$url" && return 0
    sleep 1
  done
  return 1
}

# ---------------------------------------------------------------------------
# Docker
# ---------------------------------------------------------------------------

_SVC_DOCKER_OK=''
_svc_docker_usable() {
  if [[ -z $_SVC_DOCKER_OK ]]; then
    _SVC_DOCKER_OK=no
    if _svc_have docker && _svc_timeout 20 docker info >/dev/null 2>&1; then
      if docker compose version >/dev/null 2>&1 || _svc_have docker-compose; then
        _SVC_DOCKER_OK=yes
      fi
    fi
  fi
  [[ $_SVC_DOCKER_OK == yes ]]
}

# _svc_compose_up SERVICE...
_svc_compose_up() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$_SVC_ROOT/docker/compose.yml" up -d "$@" >&2
  else
    docker-compose -f "$_SVC_ROOT/docker/compose.yml" up -d "$@" >&2
  fi
}

# ---------------------------------------------------------------------------
# apt (root on Debian/Ubuntu only)
# ---------------------------------------------------------------------------

_svc_can_apt() {
  [[ $(id -u) == 0 && -f /etc/debian_version ]] && _svc_have apt-get
}

_SVC_APT_UPDATED=''
# _svc_apt_install PACKAGE...
_svc_apt_install() {
  # A UTF-8 locale so that the cluster created by postgresql's postinst is UTF8
  # rather than SQL_ASCII on minimal images without a locale.
  local -a aptenv=(env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8)
  if [[ -z $_SVC_APT_UPDATED ]]; then
    _svc_log "apt: apt-get update"
    "${aptenv[@]}" apt-get update -q >&2 || return 1
    _SVC_APT_UPDATED=1
  fi
  _svc_log "apt: apt-get install -y $*"
  "${aptenv[@]}" apt-get install -y -q --no-install-recommends "$@" >&2
}

_svc_pg_installed() {
  _svc_have pg_ctlcluster && _svc_have pg_lsclusters && _svc_have psql &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# _svc_pg_start_cluster VERSION NAME — start a Debian cluster on loopback only
# and make sure user postgres may connect over loopback without a password.
# Prints the cluster's port on stdout.
_svc_pg_start_cluster() {
  local ver=$1 name=$2 port status hba url i
  read -r _ _ port status _ < <(pg_lsclusters -h "$ver" "$name" 2>/dev/null) || true
  [[ -n $port ]] || { _svc_log "PostgreSQL: cluster $ver/$name not found"; return 1; }
  url="postgres://postgres@127.0.0.1:$port/postgres"

  if [[ $status != online* ]]; then
    _svc_log "PostgreSQL: starting cluster $ver/$name on 127.0.0.1:$port"
    pg_ctlcluster --skip-systemctl-redirect -o '-c listen_addresses=localhost' \
      "$ver" "$name" start >&2 || return 1
  fi
  # Wait for the server itself, then check that user postgres gets in.
  for ((i = 0; i < 30; i++)); do
    _svc_timeout 10 pg_isready -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1 && break
    sleep 1
  done
  if ! _svc_pg_answers "$url"; then
    hba=$(pg_conftool -s "$ver" "$name" show hba_file 2>/dev/null) || hba=''
    [[ -n $hba ]] || hba="/etc/postgresql/$ver/$name/pg_hba.conf"
    if [[ -f $hba ]] && ! grep -q 'added by scripts/lib/services.sh' "$hba"; then
      _svc_log "PostgreSQL: allowing trust auth for user postgres on local/loopback connections ($hba)"
      local tmp
      tmp=$(mktemp) || return 1
      {
        echo '# Dev/test machine: trust user postgres on local/loopback connections (added by scripts/lib/services.sh)'
        echo 'local   all   postgres                  trust'
        echo 'host    all   postgres   127.0.0.1/32   trust'
        echo 'host    all   postgres   ::1/128        trust'
        cat "$hba"
      } >"$tmp" && cat "$tmp" >"$hba" # keeps the file's owner and mode
      rm -f "$tmp"
      pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload >&2 || return 1
    fi
    _svc_wait pg "$url" 30 || return 1
  fi
  printf '%s\n' "$port"
}

# Start (installing first when needed) a Debian-packaged PostgreSQL; exports
# DATABASE_URL on success.
_svc_pg_via_apt() {
  if ! _svc_pg_installed; then
    _svc_log "PostgreSQL: installing with apt-get"
    _svc_apt_install postgresql || return 1
  fi
  local ver name port line
  # Prefer an existing cluster on port 5432, then any existing cluster.
  line=$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 { print; exit }')
  [[ -n $line ]] || line=$(pg_lsclusters -h 2>/dev/null | head -n 1)
  if [[ -n $line ]]; then
    read -r ver name _ <<<"$line"
  else
    ver=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null |
      awk -F/ '{ print $5 }' | sort -V | tail -n 1)
    [[ -n $ver ]] || return 1
    name=main
    _svc_log "PostgreSQL: creating cluster $ver/$name"
    pg_createcluster --locale=C.UTF-8 --encoding=UTF8 "$ver" "$name" >&2 || return 1
  fi
  port=$(_svc_pg_start_cluster "$ver" "$name") || return 1
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

_svc_redis_dir() { printf '%s\n' "${REDIS_DATA_DIR:-$_SVC_ROOT/.run/redis}"; }

# Start (installing first when needed) redis-server on 127.0.0.1:6379; exports
# REDIS_URL on success.
_svc_redis_via_apt() {
  if ! _svc_have redis-server; then
    _svc_log "Redis: installing with apt-get"
    _svc_apt_install redis-server || return 1
    # The package's init script may have started it already.
    if _svc_wait redis "$_SVC_REDIS_DEFAULT_URL" 2; then
      export REDIS_URL=$_SVC_REDIS_DEFAULT_URL
      return 0
    fi
  fi
  local dir
  dir=$(_svc_redis_dir)
  mkdir -p "$dir" || return 1
  _svc_log "Redis: starting redis-server on 127.0.0.1:6379 (data in $dir)"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 \
    --appendonly yes --maxmemory-policy noeviction \
    --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" >&2 || return 1
  _svc_wait redis "$_SVC_REDIS_DEFAULT_URL" 30 || return 1
  export REDIS_URL=$_SVC_REDIS_DEFAULT_URL
}

# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------

_svc_ensure_postgres() {
  local url
  if [[ -n ${DATABASE_URL:-} ]]; then
    if _svc_pg_answers "$DATABASE_URL"; then
      _svc_log "PostgreSQL: using DATABASE_URL ($(_svc_redact "$DATABASE_URL"))"
      return 0
    fi
    _svc_log "PostgreSQL: DATABASE_URL ($(_svc_redact "$DATABASE_URL")) does not answer; trying the local default"
  fi
  for url in "$_SVC_PG_DEFAULT_URL" "$_SVC_PG_COMPOSE_URL"; do
    if _svc_pg_answers "$url"; then
      export DATABASE_URL=$url
      _svc_log "PostgreSQL: using $(_svc_redact "$url")"
      return 0
    fi
  done
  if _svc_docker_usable; then
    _svc_log "PostgreSQL: starting docker compose service postgres"
    if _svc_compose_up postgres && _svc_wait pg "$_SVC_PG_COMPOSE_URL" 90; then
      export DATABASE_URL=$_SVC_PG_COMPOSE_URL
      _svc_log "PostgreSQL: using $(_svc_redact "$DATABASE_URL") (docker compose)"
      return 0
    fi
    _svc_log "PostgreSQL: the docker compose service did not become ready"
  fi
  if _svc_can_apt; then
    if _svc_pg_via_apt; then
      _svc_log "PostgreSQL: using $(_svc_redact "$DATABASE_URL")"
      return 0
    fi
    _svc_log "PostgreSQL: could not install/start it with apt-get"
  fi
  _svc_log "PostgreSQL: none reachable. Either set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/postgres," \
    "or run PostgreSQL on 127.0.0.1:5432 accepting user postgres without a password" \
    "(Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql@16 && brew services start postgresql@16 && createuser -s postgres)," \
    "or start Docker and run: docker compose -f docker/compose.yml up -d postgres"
  return 1
}

_svc_ensure_redis() {
  if [[ -n ${REDIS_URL:-} ]]; then
    if _svc_redis_answers "$REDIS_URL"; then
      _svc_log "Redis: using REDIS_URL ($(_svc_redact "$REDIS_URL"))"
      return 0
    fi
    _svc_log "Redis: REDIS_URL ($(_svc_redact "$REDIS_URL")) does not answer; trying the local default"
  fi
  if _svc_redis_answers "$_SVC_REDIS_DEFAULT_URL"; then
    export REDIS_URL=$_SVC_REDIS_DEFAULT_URL
    _svc_log "Redis: using $REDIS_URL"
    return 0
  fi
  if _svc_docker_usable; then
    _svc_log "Redis: starting docker compose service redis"
    if _svc_compose_up redis && _svc_wait redis "$_SVC_REDIS_DEFAULT_URL" 60; then
      export REDIS_URL=$_SVC_REDIS_DEFAULT_URL
      _svc_log "Redis: using $REDIS_URL (docker compose)"
      return 0
    fi
    _svc_log "Redis: the docker compose service did not become ready"
  fi
  if _svc_can_apt; then
    if _svc_redis_via_apt; then
      _svc_log "Redis: using $REDIS_URL"
      return 0
    fi
    _svc_log "Redis: could not install/start it with apt-get"
  fi
  _svc_log "Redis: none reachable. Either set REDIS_URL=redis://[:PASSWORD@]HOST:PORT," \
    "or run Redis on 127.0.0.1:6379" \
    "(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis && brew services start redis)," \
    "or start Docker and run: docker compose -f docker/compose.yml up -d redis"
  return 1
}

# ensure_services — make PostgreSQL and Redis reachable; exports DATABASE_URL
# and REDIS_URL. Returns non-zero (after saying why) when either is missing.
ensure_services() {
  local rc=0
  _svc_ensure_postgres || rc=1
  _svc_ensure_redis || rc=1
  return "$rc"
}

# ensure_node_modules — `npm ci` when node_modules is missing or older than
# package-lock.json.
ensure_node_modules() {
  local marker="$_SVC_ROOT/node_modules/.package-lock.json"
  if [[ ! -d $_SVC_ROOT/node_modules ]]; then
    _svc_log "npm: node_modules missing; running npm ci"
  elif [[ ! -f $marker || $_SVC_ROOT/package-lock.json -nt $marker ]]; then
    _svc_log "npm: package-lock.json changed; running npm ci"
  else
    return 0
  fi
  # npm ci refuses a lock file that lacks optional packages for other platforms, which happens
  # when the registry in use does not serve them (e.g. msgpackr-extract's darwin builds); npm
  # install then installs the same locked versions for this platform.
  (cd "$_SVC_ROOT" && { npm ci --no-audit --no-fund >&2 ||
    { _svc_log "npm: npm ci refused the lock file; running npm install"; npm install --no-audit --no-fund >&2; }; })
}
