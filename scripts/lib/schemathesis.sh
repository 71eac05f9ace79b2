# schemathesis (PyPI, in .local/schemathesis-venv) against openapi/streamjobs.json and a live
# `streamjobs serve` on a fresh database: no 5xx (not_a_server_error), and every response matches the
# document (response_schema_conformance). Phases fuzzing and stateful: schemathesis 4.32.5 stops with an
# internal "Inconsistent results" error while generating coverage-phase cases for POST job-templates.
# Source it after common.sh and compat.sh; it defines functions only.
#
#   sj_schemathesis_run BIN SERVER_URL   migrates a fresh database on the server of SERVER_URL, serves BIN on
#                                        a free port with authentication on (a token of the one project
#                                        project_id is pinned to), runs schemathesis
#                                        for STREAMJOBS_SCHEMATHESIS_SECONDS (default 120) with at most
#                                        STREAMJOBS_SCHEMATHESIS_EXAMPLES (default 25) examples per operation,
#                                        stops the server and drops the database; returns schemathesis' status

SJ_SCHEMATHESIS_VENV="$SJ_LOCAL/schemathesis-venv"
SJ_SCHEMATHESIS_VERSION="4.32.5"

sj_schemathesis_venv() {
  if [ ! -x "$SJ_SCHEMATHESIS_VENV/bin/schemathesis" ] \
    || [ "$("$SJ_SCHEMATHESIS_VENV/bin/pip" show schemathesis 2>/dev/null | sed -n 's/^Version: //p')" != "$SJ_SCHEMATHESIS_VERSION" ]; then
    python3 -m venv "$SJ_SCHEMATHESIS_VENV" 2>/dev/null || { sj_install_packages python3-venv; python3 -m venv "$SJ_SCHEMATHESIS_VENV"; }
    sj_log "installing schemathesis $SJ_SCHEMATHESIS_VERSION"
    "$SJ_SCHEMATHESIS_VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SJ_SCHEMATHESIS_VERSION"
  fi
}

sj_schemathesis_run() {
  local bin="$1" server_url="$2"
  local db="streamjobs_schema_$$" log="$SJ_LOCAL/schemathesis-serve.log" report="$SJ_LOCAL/schemathesis.log"
  local url="${server_url%/*}/$db" serve_url port pid rc=0 tries=0
  sj_schemathesis_venv
  PGOPTIONS="-c client_min_messages=warning" "$SJ_PG_BIN/psql" "$server_url" -X -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  STREAMJOBS_DATABASE_URL="$url" "$bin" migrate up >/dev/null
  serve_url="$url"
  if declare -F sj_pg_app_role >/dev/null; then SJ_DATABASE_URL="$url" sj_pg_app_role; serve_url="$SJ_APP_DATABASE_URL"; fi
  port="$(sj_free_port)"
  # Authentication on, as deployed: every request carries a token of one project, and project_id is
  # pinned to it (random project ids would all be 403, reaching no endpoint). Invalid project ids and
  # refused credentials are covered by the Swift suite.
  local master_key token project=schemathesis config="$SJ_LOCAL/schemathesis.toml"
  master_key="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
  token="$(STREAMJOBS_DATABASE_URL="$url" STREAMJOBS_MASTER_KEY="$master_key" "$bin" credentials create \
    --project "$project" --token --json | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')"
  # The token through the document's `token` security scheme, not as a bare header: given only a
  # header, schemathesis also generates the `aksk` scheme's Authorization header, and a request carrying
  # both schemes is refused (401), so about a fifth of the cases tested nothing but that refusal.
  (umask 077 && printf '[parameters]\n"path.project_id" = "%s"\n\n[auth.openapi.token]\napi_key = "%s"\n' "$project" "$token" >"$config")
  STREAMJOBS_DATABASE_URL="$serve_url" STREAMJOBS_HTTP_PORT="$port" \
    STREAMJOBS_AUTH=on STREAMJOBS_MASTER_KEY="$master_key" STREAMJOBS_OBJECT_ROOT="$SJ_LOCAL/schemathesis-objects" \
    STREAMJOBS_LOG_FORMAT=json "$bin" serve >"$log" 2>&1 &
  pid=$!
  sj_wait_serving "$pid" "$port" "$log"
  sj_log "schemathesis against http://127.0.0.1:$port (report: $report)"
  "$SJ_SCHEMATHESIS_VENV/bin/schemathesis" --config-file "$config" run "$SJ_ROOT/openapi/streamjobs.json" \
    --url "http://127.0.0.1:$port" \
    --checks not_a_server_error,response_schema_conformance --phases fuzzing,stateful --workers 2 --no-color \
    --max-examples "${STREAMJOBS_SCHEMATHESIS_EXAMPLES:-25}" --max-time "${STREAMJOBS_SCHEMATHESIS_SECONDS:-120}" \
    --seed "${STREAMJOBS_SCHEMATHESIS_SEED:-20261129}" >"$report" 2>&1 || rc=$?
  sed -n '/^=* SUMMARY/,$p' "$report" >&2
  [ "$rc" -eq 0 ] || sed -n '/^=* FAILURES/,/^=* SUMMARY/p' "$report" | head -n 80 >&2
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$SJ_PG_BIN/psql" "$server_url" -X -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  return "$rc"
}
