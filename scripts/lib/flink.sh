# Shell functions for a local Apache Flink 2.3 session cluster, installed from PyPI under .local/flink
# (see ../shared/flink-local.md for the measured recipe). Source common.sh first, then this file.
#
#   sj_flink_install            venv + apache-flink-libraries + apache-flink (--no-deps); sets FLINK_HOME
#   sj_flink_build_jars         javac the SQL runner, the test jobs and the test UDF against $FLINK_HOME/lib/*.jar
#   sj_flink_start DIR REST RPC BLOB [SLOTS] [TM_MB]   configure and start a cluster in DIR; waits for a slot
#   sj_flink_stop DIR           kills the cluster's JVMs by their pid files (no DELETE /cluster: it hangs)
#   sj_flink_crash DIR          SIGKILLs them, the JobManager first: an outage in which the JobManager
#                               reports nothing more (a SIGTERMed TaskManager can go first and let the
#                               JobManager report its jobs FAILED before it stops)

SJ_FLINK_VERSION="${SJ_FLINK_VERSION:-2.3.0}"
SJ_FLINK_VENV="$SJ_LOCAL/flink/venv"
SJ_FLINK_JARS="$SJ_LOCAL/flink/jars"

sj_flink_install() {
  if ! command -v javac >/dev/null; then sj_install_packages openjdk-17-jdk-headless; fi
  if [ ! -x "$SJ_FLINK_VENV/bin/python" ] || ! "$SJ_FLINK_VENV/bin/python" -c 'import pyflink' 2>/dev/null \
     || [ ! -f "$("$SJ_FLINK_VENV/bin/python" -c 'import pyflink,os;print(os.path.dirname(pyflink.__file__))')/bin/jobmanager.sh" ]; then
    sj_log "installing Apache Flink $SJ_FLINK_VERSION from PyPI into $SJ_FLINK_VENV (about 330 MB)"
    python3 -m venv "$SJ_FLINK_VENV" || { sj_install_packages python3-venv; rm -rf "$SJ_FLINK_VENV"; python3 -m venv "$SJ_FLINK_VENV"; }
    "$SJ_FLINK_VENV/bin/pip" install -q --no-cache-dir "apache-flink-libraries==$SJ_FLINK_VERSION"
    "$SJ_FLINK_VENV/bin/pip" install -q --no-cache-dir --no-deps "apache-flink==$SJ_FLINK_VERSION"
  fi
  FLINK_HOME="$("$SJ_FLINK_VENV/bin/python" -c 'import pyflink,os;print(os.path.dirname(pyflink.__file__))')"
  export FLINK_HOME
}

# Compiles one jar from flink/$1/src/main/java into $SJ_FLINK_JARS/$1.jar when a source is newer;
# $2 (optional) is an extra compile class path (jars the sources use but that do not go into the jar).
# The compile itself is flink/build-jar's, the one deploy/Dockerfile runs for the image's SQL runner.
sj_flink_build_jar() {
  local src="$SJ_ROOT/flink/$1/src/main/java" out="$SJ_FLINK_JARS/$1.jar" extra="${2:-}"
  if [ -f "$out" ] && [ -z "$(find "$src" -name '*.java' -newer "$out")" ]; then return 0; fi
  "$SJ_ROOT/flink/build-jar" "$src" "$FLINK_HOME/lib/*${extra:+:$extra}" "$out"
  sj_log "built $out"
}

sj_flink_build_jars() {
  sj_flink_build_jar sql-runner
  # test-deps.jar: classes a test job needs only through dependency_jars (not inside test-jobs.jar).
  sj_flink_build_jar test-deps
  if [ "$SJ_FLINK_JARS/test-deps.jar" -nt "$SJ_FLINK_JARS/test-jobs.jar" ]; then rm -f "$SJ_FLINK_JARS/test-jobs.jar"; fi
  sj_flink_build_jar test-jobs "$SJ_FLINK_JARS/test-deps.jar"
  # test-udf.jar: a scalar SQL function that SQL jobs reach only through udf_jar_url.
  sj_flink_build_jar test-udf
}

# Writes DIR/conf/config.yaml for a cluster listening on 127.0.0.1 only.
sj_flink_configure() {
  local dir rest="$2"
  dir="$(mkdir -p "$1" && cd "$1" && pwd)" rpc="$3" blob="$4" slots="${5:-8}" tm_mb="${6:-1536}"
  mkdir -p "$dir"/{conf,log,pids,tmp,web/upload,savepoints,checkpoints}
  cp "$FLINK_HOME"/conf/log4j*.properties "$dir/conf/"
  local jopts
  jopts="$(sed -n 's/^ *all: *//p' "$FLINK_HOME/conf/config.yaml" | head -1)"
  cat > "$dir/conf/config.yaml" <<YAML
env:
  java:
    opts:
      all: $jopts -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir=$dir/tmp
  pid:
    dir: $dir/pids
  log:
    dir: $dir/log
jobmanager:
  bind-host: 127.0.0.1
  rpc:
    address: localhost
    port: $rpc
  memory:
    process:
      size: 1024m
taskmanager:
  bind-host: 127.0.0.1
  host: localhost
  numberOfTaskSlots: $slots
  memory:
    process:
      size: ${tm_mb}m
    managed:
      size: 64m
parallelism:
  default: 1
rest:
  address: 127.0.0.1
  bind-address: 127.0.0.1
  port: $rest
blob:
  server:
    port: $blob
io:
  tmp:
    dirs: $dir/tmp
web:
  refresh-interval: 500
  tmpdir: $dir/web
  upload:
    dir: $dir/web/upload
execution:
  checkpointing:
    dir: file://$dir/checkpoints
    savepoint-dir: file://$dir/savepoints
YAML
}

# Starts a cluster in DIR (idempotent: a cluster whose REST port answers is left running) and waits
# until it has a free slot. Sets SJ_FLINK_URL.
sj_flink_start() {
  local dir="$1" rest="$2"
  SJ_FLINK_URL="http://127.0.0.1:$rest"
  export SJ_FLINK_URL
  if sj_flink_ready "$SJ_FLINK_URL"; then return 0; fi
  sj_flink_install
  sj_flink_configure "$@"
  sj_log "starting Flink in $dir (REST $SJ_FLINK_URL)"
  ( export FLINK_CONF_DIR="$dir/conf" FLINK_LOG_DIR="$dir/log"
    "$FLINK_HOME/bin/jobmanager.sh" start >/dev/null & "$FLINK_HOME/bin/taskmanager.sh" start >/dev/null & wait )
  local deadline=$(( $(date +%s) + ${SJ_FLINK_START_TIMEOUT:-120} ))
  until sj_flink_ready "$SJ_FLINK_URL"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 40 "$dir"/log/*.log >&2 || true
      sj_die "Flink in $dir did not get ready within ${SJ_FLINK_START_TIMEOUT:-120}s"
    fi
    sleep 0.3
  done
  sj_log "Flink ready at $SJ_FLINK_URL"
}

# Whether the cluster at URL answers and has at least one task slot.
sj_flink_ready() {
  local slots
  slots="$(curl -s -m 2 "$1/overview" | sed -n 's/.*"slots-total":\([0-9]*\).*/\1/p')"
  [ -n "$slots" ] && [ "$slots" -ge 1 ]
}

# Stops the cluster in DIR: SIGTERM to its JVMs, SIGKILL after 15 s.
sj_flink_crash() {
  local dir="$1" f pid
  for f in "$dir"/pids/*standalonesession*.pid "$dir"/pids/*.pid; do
    [ -f "$f" ] || continue
    while read -r pid; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; done < "$f"
    rm -f "$f"
  done
  return 0
}

sj_flink_stop() {
  local dir="$1" pids=() pid
  for f in "$dir"/pids/*.pid; do
    [ -f "$f" ] || continue
    while read -r pid; do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pids+=("$pid"); done < "$f"
    rm -f "$f"
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 150); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
}
