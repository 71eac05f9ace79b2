import Dispatch
import Synchronization
import WaitRule

/// The one blocking bridge over the asynchronous repository and service API: it starts a call that
/// reports through a completion and waits for it. Only threads that may wait use it — the
/// `BlockingExecutor` threads of the offloaded endpoints, the command line and tests. It checks
/// `WaitRule.mayWait`, so a libmicrohttpd worker that reaches it stops a debug build.
///
/// When the call completes before returning (a fake, or a store without pipelines) nothing waits.
public enum Completion {
    /// Starts `start` and returns the value it hands to its completion (called exactly once, on any
    /// thread), or throws the error.
    ///
    ///     let job = try Completion.wait { service.job(id, in: project, completion: $0) }
    public static func wait<T: Sendable>(
        _ start: (@escaping @Sendable (Result<T, JobError>) -> Void) -> Void
    ) throws(JobError) -> T {
        WaitRule.mayWait("waiting for a completion")
        let slot = Mutex<Result<T, JobError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        start { outcome in
            slot.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try slot.withLock { $0! }.get()  // set before the signal
    }
}
