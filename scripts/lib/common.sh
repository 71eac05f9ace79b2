# Shared shell functions for scripts/run, scripts/test and bench/run. Source it; do not run it.
# Everything lives under the repo's .local/ folder; nothing is installed outside Debian's packages.
set -euo pipefail

SJ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SJ_LOCAL="$SJ_ROOT/.local"
SJ_PG_BIN="${SJ_PG_BIN:-/usr/lib/postgresql/15/bin}"
SJ_PG_USER="${SJ_PG_USER:-streamjobs-pg}"   # initdb refuses root, so the cluster runs as this user

sj_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
sj_die() { sj_log "error: $*"; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
sj_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages in "$@" that are not installed yet.
sj_install_packages() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  sj_log "installing Debian packages: ${missing[*]}"
  sj_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sj_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The packages the service needs to build and run, and the test suite to run.
sj_install_base() {
  sj_install_packages pkg-config libmicrohttpd-dev libpq-dev libssl-dev zlib1g-dev postgresql-15 postgresql-client-15 curl ca-certificates python3
  command -v swift >/dev/null || [ -x /opt/swift/usr/bin/swift ] || sj_die "swift is not installed (expected Swift 6.x on PATH)"
  command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
}

# Runs "$@" as the cluster's owner (ourselves when not root).
sj_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$SJ_PG_USER" -- "$@"; else "$@"; fi
}

# Starts (creating if needed) a PostgreSQL cluster in $1 listening on 127.0.0.1:$2 with a database $3.
# Prints nothing; sets SJ_DATABASE_URL. Idempotent: a running cluster is left running.
sj_pg_start() {
  local dir="$1" port="$2" db="$3"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id "$SJ_PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SJ_PG_USER"
    chown "$SJ_PG_USER" "$dir"
    # The cluster's owner must be able to reach its directory. A clone in a private folder (mktemp -d
    # makes it 0700) is not: give the folders above it traverse-only permission (o+x: no listing).
    if ! runuser -u "$SJ_PG_USER" -- test -x "$dir"; then
      local p="$dir"
      while [ "$p" != "/" ]; do
        p="$(dirname "$p")"
        runuser -u "$SJ_PG_USER" -- test -x "$p" || { sj_log "allowing $SJ_PG_USER to traverse $p (o+x)"; chmod o+x "$p"; }
      done
      runuser -u "$SJ_PG_USER" -- test -x "$dir" || sj_die "$dir is not reachable by $SJ_PG_USER (check the parent folders' permissions)"
    fi
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    sj_pg_as_owner mkdir -p "$dir/data" "$dir/sock"
    sj_pg_as_owner "$SJ_PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat <<CONF | sj_pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 200
shared_buffers = 256MB
logging_collector = off
CONF
  fi
  if ! sj_pg_as_owner "$SJ_PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    # Right after an immediate shutdown the old server's processes can hold the port for a moment
    # ("could not bind ... Address already in use"): retry a few times before giving up.
    local attempt
    for attempt in 1 2 3 4 5; do
      sj_pg_as_owner "$SJ_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null && break
      [ "$attempt" -lt 5 ] || return 1
      sleep 1
    done
  fi
  if ! "$SJ_PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    "$SJ_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
  SJ_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/$db"
  export SJ_DATABASE_URL
}

# Prints the postmaster's pid of the cluster in $1 when it runs; fails (printing nothing) when it does not.
sj_pg_pid() {
  local pid_file="$1/data/postmaster.pid" pid
  [ -f "$pid_file" ] || return 1
  pid="$(head -n 1 "$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Stops the cluster in $1 (fast shutdown); no error when it is not running.
sj_pg_stop() {
  local dir="$1"
  [ -f "$dir/data/PG_VERSION" ] || return 0
  sj_pg_as_owner "$SJ_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# The service's runtime role (migrations/0006, row-level security): streamjobs_app, which does not own
# the tables, so the policies apply to it. Creates it with LOGIN (or adds LOGIN to the NOLOGIN role a
# migration made) on the cluster of $SJ_DATABASE_URL (set by sj_pg_start) and sets SJ_APP_DATABASE_URL,
# the same database as that role. Dev and test clusters trust loopback connections, so it needs no
# password; in production give it a password or a certificate (config/streamjobs.env.example).
sj_pg_app_role() {
  "$SJ_PG_BIN/psql" "$SJ_DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'streamjobs_app') THEN
        CREATE ROLE streamjobs_app LOGIN;
      ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'streamjobs_app') THEN
        ALTER ROLE streamjobs_app LOGIN;
      END IF;
    END \$\$" >/dev/null
  SJ_APP_DATABASE_URL="${SJ_DATABASE_URL/:\/\/postgres@/://streamjobs_app@}"
  export SJ_APP_DATABASE_URL
}

# Waits until a `streamjobs serve` (pid $1) answers /healthz on 127.0.0.1:$2, for up to 60 s; when it
# exits or never answers, prints the end of its log ($3) and dies.
sj_wait_serving() {
  local pid="$1" port="$2" log="$3" tries=0
  until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
    tries=$((tries + 1))
    if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -ge 600 ]; then
      kill "$pid" 2>/dev/null || true
      [ -f "$log" ] && tail -n 20 "$log" >&2
      sj_die "streamjobs serve did not start on port $port (log: $log)"
    fi
    sleep 0.1
  done
}
