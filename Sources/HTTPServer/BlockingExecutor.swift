import Dispatch
import Glibc
import Synchronization

/// A fixed set of threads for work that blocks (a call on a pooled database connection, a file, another
/// service), so that the work holds no libmicrohttpd worker: the responder answers
/// ``HTTPAnswer/later(_:)`` and runs the work here, and the worker goes on serving other connections.
///
/// Work runs in the order it was submitted, as threads come free. ``close()`` refuses new work, drops
/// the work that has not started (the server has answered those requests at its shutdown) and waits for
/// the work that has. The threads keep the executor alive until then: call ``close()`` when done.
public final class BlockingExecutor: Sendable {
    /// One piece of work.
    public typealias Work = @Sendable () -> Void

    private struct Queue {
        /// Waiting work, oldest first (at most one piece per parked request, so short).
        var work: [Work] = []
        var closed = false
    }

    private let queue = Mutex(Queue())
    /// Counts the pieces waiting (plus one per thread at close, to wake them all).
    private let waiting = DispatchSemaphore(value: 0)
    private let threads = Mutex<[pthread_t]>([])

    /// Starts `threads` threads.
    /// - Parameter threads: how many pieces of work may run at once, at least 1.
    public init(threads: Int) {
        precondition(threads > 0, "a blocking executor needs a thread")
        for _ in 0..<threads { startThread() }
    }

    /// Queues `work`; returns false (without running it) once the executor is closed.
    @discardableResult
    public func submit(_ work: @escaping Work) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.closed else { return false }
            queue.work.append(work)
            return true
        }
        if accepted { waiting.signal() }
        return accepted
    }

    /// Refuses new work, drops the work not started, and waits until the running work has finished and
    /// the threads have ended. Idempotent.
    public func close() {
        let count = queue.withLock { queue -> Int in
            queue.closed = true
            queue.work = []
            return threads.withLock { $0.count }
        }
        for _ in 0..<count { waiting.signal() }
        let handles = threads.withLock { handles in
            defer { handles = [] }
            return handles
        }
        for handle in handles { pthread_join(handle, nil) }
    }

    /// The next piece of work, or nil when the executor is closed (after waiting for either).
    private func take() -> Work? {
        waiting.wait()
        // Removed as taken, so nothing a piece captured outlives its run.
        return queue.withLock { queue -> Work? in
            queue.closed || queue.work.isEmpty ? nil : queue.work.removeFirst()
        }
    }

    private func run() {
        while let work = take() { work() }
    }

    private func startThread() {
        // Unmanaged: +1 held by the thread until its loop ends (after close()).
        let retained = Unmanaged.passRetained(self).toOpaque()
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            let executor = Unmanaged<BlockingExecutor>.fromOpaque(raw!).takeRetainedValue()
            executor.run()
            return nil
        }
        var handle = pthread_t()
        guard pthread_create(&handle, nil, body, retained) == 0 else {
            Unmanaged<BlockingExecutor>.fromOpaque(retained).release()
            preconditionFailure("pthread_create failed: errno \(errno)")
        }
        threads.withLock { $0.append(handle) }
    }
}
