import Dispatch
import Glibc
import Synchronization

/// Runs `body(index)` on `count` dedicated threads (not Swift's cooperative pool, which has one thread per
/// core) and returns when all have finished.
public func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Work {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
    var threads: [pthread_t] = []
    for index in 0..<count {
        // Retained here, released by the thread that runs it.
        let work = Unmanaged.passRetained(Work { body(index) }).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, work)
        precondition(created == 0, "pthread_create failed")
        threads.append(thread)
    }
    for thread in threads { pthread_join(thread, nil) }
}

/// Sleeps the calling thread.
public func sleep(milliseconds: Int) {
    usleep(useconds_t(milliseconds * 1000))
}

/// Milliseconds spent in `body`.
public func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// Starts completion-style `work` and blocks the calling thread until its completion runs (exactly once,
/// on any thread), returning what it was given.
public func waitForCompletion<T: Sendable>(_ work: (@escaping @Sendable (T) -> Void) -> Void) -> T {
    let slot = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    work { value in
        slot.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    return slot.withLock { $0! }  // set before the signal
}
