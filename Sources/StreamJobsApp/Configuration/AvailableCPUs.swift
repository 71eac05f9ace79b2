#if canImport(Glibc)
import Glibc
#endif

/// How many CPUs this process may run on: its affinity mask (`taskset`, cgroup cpusets), not the
/// machine's count. Defaults that size thread pools start from it.
enum AvailableCPUs {
    /// The CPUs in the calling thread's affinity mask (at start-up, the main thread's, which every
    /// thread it starts inherits); the online count if the mask cannot be read; at least 1.
    static var count: Int {
        // Glibc's module hides sched_getaffinity (a _GNU_SOURCE function): read the kernel's own
        // rendering of the mask instead.
        if let status = ConfigurationFile.read("/proc/thread-self/status"), let n = count(inStatus: status), n > 0 {
            return n
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The CPUs in the `Cpus_allowed:` line of a `/proc/<pid>/status` text (a hex mask in
    /// comma-separated 32-bit groups, e.g. `ff,ffffffff`), or `nil` without one.
    static func count(inStatus status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            var bits = 0
            for c in line.dropFirst("Cpus_allowed:".count) where c != "," && c != " " && c != "\t" {
                guard let digit = c.hexDigitValue else { return nil }
                bits += digit.nonzeroBitCount
            }
            return bits
        }
        return nil
    }

    /// The default for libmicrohttpd's worker threads and the PostgreSQL pool: two per available CPU, so
    /// one can run while the other waits on PostgreSQL, and no more. Measured with the service and
    /// PostgreSQL on one CPU (bench/, 32 clients): GET 4,927 req/s with 8 workers, 7,043 with 2; DELETE
    /// 1,148 and 1,468. More workers only queue for the same core, and the scheduler rotating through
    /// them is what lengthens the tail.
    static var defaultWorkerThreads: Int { min(64, 2 * count) }
}
