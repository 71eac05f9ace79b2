# What listens on an HTTP address, for scripts/run's check before it starts anything. Source common.sh
# first; this file defines functions only.

# Prints `free` (nothing accepts connections on HOST:PORT), `streamjobs` (GET /healthz answers
# {"status":"ok"}, over http or https) or `other` (something else holds the port: another program, or
# one that does not answer within 3 s). HOST is an IPv4 literal; 0.0.0.0 is probed on 127.0.0.1.
# Installs curl only when something listens there and curl is missing.
sj_http_probe() {
  local host="$1" port="$2" body rc=0
  [ "$host" = 0.0.0.0 ] && host=127.0.0.1
  if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then echo free; return 0; fi
  command -v curl >/dev/null || sj_install_packages curl >&2
  body="$(curl -s -m 3 "http://$host:$port/healthz")" || rc=$?
  if [ "$rc" = 7 ]; then echo free; return 0; fi   # curl 7: could not connect (it went away)
  if [ "$rc" != 0 ] || [ "$body" != '{"status":"ok"}' ]; then
    body="$(curl -s -k -m 3 "https://$host:$port/healthz")" || true
  fi
  if [ "$body" = '{"status":"ok"}' ]; then echo streamjobs; else echo other; fi
}
