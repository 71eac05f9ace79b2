#!/usr/bin/env bash
# Tests ./scripts/run end to end (issue 15), on its own state folder (.local/run-script-test: own
# PostgreSQL on a free port, master key, credential and config files), a free HTTP port and the Flink
# cluster at STREAMJOBS_TEST_FLINK_URL; it never touches the developer's .local/pg or ports 55432/8080.
#   (d) a foreign program on the HTTP port: exit non-zero naming the port, before PostgreSQL is created
#   (a) first start: the six phase lines, the export lines, it serves, the printed admin CLI command works
#       as printed (empty environment), dev.env and dev-credentials.json are 0600, the token authenticates
#   (b) a second start while it serves: exits 0 at once, says it is already serving, PostgreSQL untouched
#   (c) stop and start again: the same AK/SK and token are printed and the token authenticates; after the
#       token is revoked, the next start keeps the AK/SK and mints a new token only
#   scripts/stop-db and scripts/stop-flink say what they stopped (or that nothing ran)
# It builds the release binary first (a no-op when up to date) and fails on compiler warnings in
# Sources/ or Tests/ in that build's output. With CI set, a missing STREAMJOBS_TEST_FLINK_URL fails it.
source "$(dirname "$0")/../lib/common.sh"
source "$SJ_ROOT/scripts/lib/build-warnings.sh"
cd "$SJ_ROOT"

flink_url="${STREAMJOBS_TEST_FLINK_URL:-}"
if [ -z "$flink_url" ]; then
  [ -n "${CI:-}" ] && sj_die "run-script test: STREAMJOBS_TEST_FLINK_URL is not set (a Flink cluster is required in CI)"
  sj_log "run-script test: SKIPPED (set STREAMJOBS_TEST_FLINK_URL to a running Flink cluster's REST URL)"
  exit 0
fi

work="$SJ_LOCAL/run-script-test"
dev="$work/dev"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_port="$(free_port)"
pg_port="$(free_port)"
url="http://127.0.0.1:$http_port"
run_pid="" foreign_pid="" current_log=""

cleanup() {
  local status=$?
  set +e
  [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null && wait "$run_pid" 2>/dev/null
  [ -n "$foreign_pid" ] && kill "$foreign_pid" 2>/dev/null && wait "$foreign_pid" 2>/dev/null
  sj_pg_stop "$dev/pg"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
sj_pg_stop "$dev/pg"; rm -rf "$work"; mkdir -p "$work/empty"

fail() {
  [ -n "$current_log" ] && [ -f "$current_log" ] && { echo "--- $current_log" >&2; tail -n 40 "$current_log" >&2; }
  sj_die "run-script test: $*"
}

# scripts/run with an empty environment but for these overrides: nothing of the caller's STREAMJOBS_*.
run_script=(env -i PATH="$PATH" HOME="${HOME:-/root}" USER="${USER:-root}" LANG=C.UTF-8
  STREAMJOBS_DEV_DIR="$dev" STREAMJOBS_DEV_PG_PORT="$pg_port" STREAMJOBS_HTTP_PORT="$http_port"
  STREAMJOBS_FLINK_URL="$flink_url" STREAMJOBS_DEV_FLINK_DIR="$work/no-flink" "$SJ_ROOT/scripts/run")

# Starts scripts/run in the background (its log: $1) and waits until it serves.
start_service() {
  current_log="$1"
  "${run_script[@]}" > "$current_log" 2>&1 &
  run_pid=$!
  local deadline=$(( $(date +%s) + 240 ))
  until curl -s -o /dev/null "$url/healthz"; do
    kill -0 "$run_pid" 2>/dev/null || fail "scripts/run exited before serving"
    [ "$(date +%s)" -lt "$deadline" ] || fail "scripts/run did not serve within 240 s"
    sleep 0.2
  done
}

stop_service() {
  kill "$run_pid"; wait "$run_pid" 2>/dev/null || true; run_pid=""
  ! curl -s -o /dev/null "$url/healthz" || fail "the service still answers after SIGTERM"
}

# The status of GET /v1.0/<project>/streaming/jobs with the token of the `export P=… TOKEN=…` line in $1.
token_status() {
  local p token
  p="$(sed -n 's/^  export P=\([^ ]*\) TOKEN=.*/\1/p' "$1" | tail -n 1)"
  token="$(sed -n 's/^  export P=[^ ]* TOKEN=\([^ ]*\) .*/\1/p' "$1" | tail -n 1)"
  curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $token" "$url/v1.0/$p/streaming/jobs"
}
aksk_line() { grep -E '^  export HUAWEICLOUD_SDK_AK=[^ ]+ HUAWEICLOUD_SDK_SK=[^ ]+ HUAWEICLOUD_SDK_PROJECT_ID=[^ ]+$' "$1" | tail -n 1; }
token_line() { grep -E '^  export P=[^ ]+ TOKEN=[^ ]+   # ' "$1" | tail -n 1 | sed 's/   # .*//'; }

started=$(date +%s)
current_log="$work/release-build.log"
sj_log "run-script test: release build (a no-op when up to date)"
swift build -c release --product streamjobs > "$current_log" 2>&1 || fail "the release build failed"
sj_fail_on_project_warnings "$current_log"
build_done=$(date +%s)

# (d) A foreign program holds the port: refused before anything is started or created.
current_log="$work/foreign.log"
python3 -m http.server "$http_port" --bind 127.0.0.1 --directory "$work/empty" >/dev/null 2>&1 &
foreign_pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$url/" && break; sleep 0.1; done
rc=0; timeout 60 "${run_script[@]}" > "$current_log" 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "(d) scripts/run exited 0 with a foreign program on port $http_port"
grep -q "port $http_port" "$current_log" || fail "(d) the message does not name port $http_port"
[ ! -e "$dev/pg" ] || fail "(d) scripts/run created PostgreSQL although the port was taken"
! (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null || fail "(d) scripts/run started PostgreSQL although the port was taken"
kill "$foreign_pid"; wait "$foreign_pid" 2>/dev/null || true; foreign_pid=""
sj_log "run-script test: (d) foreign program on the port: exit $rc, names the port, PostgreSQL untouched"

# (a) First start.
start_service "$work/run1.log"
for phase in "[1/6] packages" "[2/6] database: starting" "[3/6] Flink: using STREAMJOBS_FLINK_URL" "[4/6] build" "[5/6] migrate" "[6/6] serve"; do
  grep -qF "$phase" "$current_log" || fail "(a) no progress line '$phase'"
done
[ -n "$(aksk_line "$current_log")" ] || fail "(a) no 'export HUAWEICLOUD_SDK_AK=… SK=… PROJECT_ID=…' line"
[ -n "$(token_line "$current_log")" ] || fail "(a) no 'export P=… TOKEN=…' line"
grep -q 'warning:' "$current_log" && fail "(a) scripts/run printed a warning"
[ "$(token_status "$current_log")" = 200 ] || fail "(a) the printed token is not accepted"
for f in "$dev/dev.env" "$dev/dev-credentials.json"; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "(a) $f has mode $(stat -c %a "$f"), not 600"
done
cli="$(grep -E '^  STREAMJOBS_CONFIG_FILE=[^ ]+ [^ ]+ credentials list --project [^ ]+$' "$current_log" | sed 's/^  //')"
[ -n "$cli" ] || fail "(a) no admin CLI command line"
ak="$(aksk_line "$current_log" | sed 's/.*HUAWEICLOUD_SDK_AK=\([^ ]*\) .*/\1/')"
listed="$(cd / && env -i PATH=/usr/bin:/bin bash -c "$cli" 2>&1)" || fail "(a) the printed admin command failed: $listed"
grep -q "$ak" <<<"$listed" || fail "(a) the printed admin command does not list the development AK: $listed"
grep -q ' token ' <<<"$listed" || fail "(a) the printed admin command does not list the development token: $listed"
first_aksk="$(aksk_line "$current_log")" first_token="$(token_line "$current_log")"
sj_log "run-script test: (a) first start: phases, export lines, admin CLI and token work"

# (b) A second start while it serves.
pg_pid="$(sj_pg_pid "$dev/pg")" || fail "(b) PostgreSQL is not running"
current_log="$work/run2.log"
t0=$(date +%s); rc=0
timeout 60 "${run_script[@]}" > "$current_log" 2>&1 || rc=$?
elapsed=$(( $(date +%s) - t0 ))
[ "$rc" = 0 ] || fail "(b) a second scripts/run exited $rc while the first serves"
[ "$elapsed" -le 15 ] || fail "(b) a second scripts/run took ${elapsed}s"
grep -q "already serving on $url" "$current_log" || fail "(b) it does not say it is already serving"
grep -q '\[[1-6]/6\]' "$current_log" && fail "(b) it went through the phases"
[ "$(token_line "$current_log")" = "$first_token" ] || fail "(b) it does not print the development token"
[ "$(sj_pg_pid "$dev/pg")" = "$pg_pid" ] || fail "(b) PostgreSQL was restarted"
kill -0 "$run_pid" 2>/dev/null || fail "(b) the first service stopped"
sj_log "run-script test: (b) second start while serving: exit 0 in ${elapsed}s, PostgreSQL pid $pg_pid unchanged"

# (c) Stop and start again: the same credential; then a revoked token alone is replaced.
stop_service
start_service "$work/run3.log"
grep -q "\[2/6\] database: PostgreSQL in $dev/pg already running (pid $pg_pid)" "$current_log" || fail "(c) PostgreSQL was not left running"
grep -q "(reused; kept in $dev/dev-credentials.json)" "$current_log" || fail "(c) the credential was not reused"
[ "$(aksk_line "$current_log")" = "$first_aksk" ] || fail "(c) another AK/SK was printed"
[ "$(token_line "$current_log")" = "$first_token" ] || fail "(c) another token was printed"
[ "$(token_status "$current_log")" = 200 ] || fail "(c) the reused token is not accepted"
stop_service
token_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token_credential_id"])' "$dev/dev-credentials.json")"
(cd / && env -i PATH=/usr/bin:/bin bash -c "${cli%% credentials list*} credentials revoke --no-wait $token_id") >/dev/null \
  || fail "(c) revoking the token with the admin CLI failed"
start_service "$work/run4.log"
grep -q "(minted a new token; kept in" "$current_log" || fail "(c) the revoked token was not replaced (alone)"
[ "$(aksk_line "$current_log")" = "$first_aksk" ] || fail "(c) the AK/SK changed when only the token was revoked"
[ "$(token_line "$current_log")" != "$first_token" ] || fail "(c) the revoked token was printed again"
[ "$(token_status "$current_log")" = 200 ] || fail "(c) the new token is not accepted"
stop_service
sj_log "run-script test: (c) restart: same AK/SK and token, accepted; a revoked token alone is re-minted"

# scripts/stop-db and scripts/stop-flink say what they stopped.
current_log="$work/stop.log"
STREAMJOBS_DEV_DIR="$dev" "$SJ_ROOT/scripts/stop-db" 2> "$current_log"
grep -q "stopped the development PostgreSQL (.*port $pg_port, pid $pg_pid)" "$current_log" || fail "stop-db did not say what it stopped"
STREAMJOBS_DEV_DIR="$dev" "$SJ_ROOT/scripts/stop-db" 2> "$current_log"
grep -q "no development PostgreSQL is running" "$current_log" || fail "stop-db did not say nothing ran"
STREAMJOBS_DEV_FLINK_DIR="$work/no-flink" "$SJ_ROOT/scripts/stop-flink" 2> "$current_log"
grep -q "no development Flink cluster is running" "$current_log" || fail "stop-flink did not say nothing ran"
sj_log "run-script test: passed in $(( $(date +%s) - build_done ))s (plus $(( build_done - started ))s of release build)"
