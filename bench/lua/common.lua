-- Shared by every bench script: the machine-readable summary bench/lib/bench.py parses (one line,
-- anchored at "BENCH "), with latencies from wrk's full histogram rather than its rounded text.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end

-- Authentication as deployed: when bench.py sets BENCH_AUTH_TOKEN, every request any script builds
-- with wrk.format carries it as X-Auth-Token (the header table passed, or wrk's own, gets the header).
local token = os.getenv("BENCH_AUTH_TOKEN")
if token and token ~= "" then
  local format = wrk.format
  wrk.format = function(method, path, headers, body)
    headers = headers or wrk.headers
    headers["X-Auth-Token"] = token
    return format(method, path, headers, body)
  end
end
