import Glibc

/// Runs the process under Linux's `SCHED_BATCH` policy (nice level unchanged), which threads created
/// afterwards inherit: a woken thread then waits for the running one to block instead of preempting it.
///
/// Here that means a worker handing a read to the pipeline thread goes on serving its other ready
/// connections first, and the pipeline thread delivers a whole batch of results before the workers run,
/// so reads and responses go out in batches instead of one context switch each (bench/: GET throughput
/// +11-21 % at 8-64 clients on one shared core). No privilege is needed. See sched(7).
enum BatchScheduling {
    /// `SCHED_BATCH` from <linux/sched.h>; glibc declares it only under `_GNU_SOURCE`.
    static let policy: Int32 = 3

    /// Switches the calling thread (and every thread it starts later) to `SCHED_BATCH`.
    /// - Returns: whether the kernel accepted it.
    @discardableResult
    static func enable() -> Bool {
        var parameters = sched_param(sched_priority: 0)
        return sched_setscheduler(0, policy, &parameters) == 0
    }
}
