# The compatibility suite: the official DLI Python SDK (huaweicloudsdkdli, from PyPI) drives a live
# `streamjobs serve` (Tests/Compatibility). Source it after common.sh; it defines functions only.
#
#   sj_compat_venv                 creates/refreshes .local/compat-venv from Tests/Compatibility/requirements.txt
#   sj_compat_run BIN SERVER_URL   migrates a fresh database on the server of SERVER_URL (a libpq URI),
#                                  serves BIN on a free port against it, runs pytest, stops the server
#                                  and drops the database; returns pytest's status

SJ_COMPAT_DIR="$SJ_ROOT/Tests/Compatibility"
SJ_COMPAT_VENV="$SJ_LOCAL/compat-venv"

# Installs the suite's Python packages into the venv, again only when requirements.txt changed.
sj_compat_venv() {
  local requirements="$SJ_COMPAT_DIR/requirements.txt" stamp="$SJ_COMPAT_VENV/.requirements.sha256"
  if [ ! -x "$SJ_COMPAT_VENV/bin/python" ]; then
    python3 -m venv "$SJ_COMPAT_VENV" 2>/dev/null || {
      sj_install_packages python3-venv
      rm -rf "$SJ_COMPAT_VENV"
      python3 -m venv "$SJ_COMPAT_VENV"
    }
  fi
  local want
  want="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    sj_log "installing the compatibility suite's Python packages"
    "$SJ_COMPAT_VENV/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    echo "$want" > "$stamp"
  fi
}

# Prints a TCP port that was free a moment ago on 127.0.0.1.
sj_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

sj_compat_run() {
  local bin="$1" server_url="$2"
  local db="streamjobs_compat_$$" log="$SJ_LOCAL/compat-serve.log" port pid rc=0
  local url="${server_url%/*}/$db"
  sj_compat_venv
  PGOPTIONS="-c client_min_messages=warning" "$SJ_PG_BIN/psql" "$server_url" -X -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  STREAMJOBS_DATABASE_URL="$url" "$bin" migrate up >/dev/null

  port="$(sj_free_port)"
  # The service connects as its runtime role (row-level security applies); migrations ran as the owner.
  SJ_DATABASE_URL="$url" sj_pg_app_role
  # Authentication on, as in production: a throw-away master key; the tests create a credential per
  # project with `streamjobs credentials create --json` (conftest.py) and the SDK signs with it.
  local master_key
  master_key="$(head -c 32 /dev/urandom | base64)"
  STREAMJOBS_DATABASE_URL="$SJ_APP_DATABASE_URL" STREAMJOBS_HTTP_PORT="$port" \
    STREAMJOBS_AUTH=on STREAMJOBS_MASTER_KEY="$master_key" \
    STREAMJOBS_LOG_FORMAT=json "$bin" serve >"$log" 2>&1 &
  pid=$!
  sj_wait_serving "$pid" "$port" "$log"

  sj_log "compatibility suite: official DLI Python SDK against http://127.0.0.1:$port"
  (cd "$SJ_COMPAT_DIR" && STREAMJOBS_COMPAT_URL="http://127.0.0.1:$port" STREAMJOBS_COMPAT_DATABASE_URL="$url" \
    STREAMJOBS_COMPAT_PSQL="$SJ_PG_BIN/psql" STREAMJOBS_COMPAT_BIN="$bin" STREAMJOBS_MASTER_KEY="$master_key" \
    STREAMJOBS_DATABASE_URL="$url" STREAMJOBS_MIGRATE_DATABASE_URL="$url" \
    PYTHONDONTWRITEBYTECODE=1 "$SJ_COMPAT_VENV/bin/python" -m pytest -q ${SJ_COMPAT_PYTEST_ARGS:-}) || rc=$?

  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$SJ_PG_BIN/psql" "$server_url" -X -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  return "$rc"
}
