-- Shared by every bench script: the machine-readable summary bench/lib/bench.py parses (one line,
-- anchored at "BENCH "), with latencies from wrk's full histogram rather than its rounded text.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
