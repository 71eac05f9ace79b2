import Dispatch
import Synchronization
import WaitRule

/// Turns work that completes through a callback into a blocking call, for the synchronous callers of
/// an asynchronous service path. When the work completes before returning (a blocking repository) this
/// never waits.
enum Completion {
    /// Starts `work` and returns what it hands to its completion (called exactly once, on any thread).
    static func wait<T: Sendable>(_ work: (@escaping @Sendable (T) -> Void) -> Void) -> T {
        WaitRule.mayWait("waiting for a completion")
        let slot = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        work { value in
            slot.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return slot.withLock { $0! }  // set before the signal
    }
}
