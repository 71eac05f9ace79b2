#!/bin/sh
# Lays out an installation of StreamJobs in PREFIX from a built BINARY, a built SQL runner JAR and the
# data files of the source tree this script is in (found from its own path, not the working directory):
#   PREFIX/bin/streamjobs                              BINARY, mode 0755
#   PREFIX/share/streamjobs/migrations/*.sql           migrations/*.sql, 0644
#   PREFIX/share/streamjobs/sql-runner.jar             JAR, 0644
#   PREFIX/share/streamjobs/openapi.json               openapi/streamjobs.json, 0644
#   PREFIX/share/streamjobs/streamjobs.env.example     config/streamjobs.env.example, 0644
# Folders are 0755. Copying only (no swift, no java): the one layout step, run by scripts/install and by
# deploy/Dockerfile's build stage (which is why it is POSIX sh); deploy/check runs it both ways and
# compares the trees. The binary finds PREFIX/share/streamjobs from its own path (InstallLayout.swift).
# An existing PREFIX/share/streamjobs/migrations is replaced (a removed migration must not linger).
#
#   scripts/lib/install-layout.sh PREFIX BINARY JAR
set -eu
if [ $# -ne 3 ]; then
  echo "usage: scripts/lib/install-layout.sh PREFIX BINARY JAR" >&2
  exit 2
fi
prefix="$1" binary="$2" jar="$3"
root="$(cd "$(dirname "$0")/../.." && pwd)"
share="$prefix/share/streamjobs"
for input in "$binary" "$jar" "$root/openapi/streamjobs.json" "$root/config/streamjobs.env.example"; do
  [ -f "$input" ] || { echo "install-layout: $input: no such file" >&2; exit 1; }
done
set -- "$root"/migrations/*.sql
[ -f "$1" ] || { echo "install-layout: no migrations in $root/migrations" >&2; exit 1; }

mkdir -p "$prefix"
install -d -m 0755 "$prefix/bin" "$prefix/share" "$share"
install -m 0755 "$binary" "$prefix/bin/streamjobs"
echo "installed $prefix/bin/streamjobs"
rm -rf "$share/migrations"
install -d -m 0755 "$share/migrations"
install -m 0644 "$@" "$share/migrations/"
echo "installed $share/migrations/ ($# files)"
install -m 0644 "$jar" "$share/sql-runner.jar"
echo "installed $share/sql-runner.jar"
install -m 0644 "$root/openapi/streamjobs.json" "$share/openapi.json"
echo "installed $share/openapi.json"
install -m 0644 "$root/config/streamjobs.env.example" "$share/streamjobs.env.example"
echo "installed $share/streamjobs.env.example"
