import Dispatch
import Glibc
import HTTPServer
import Synchronization
import Testing

/// `BlockingExecutor`: work runs on its threads, no more at once than it has threads, in submission
/// order; `close()` drops the work not started, waits for the work running and refuses new work.
@Suite struct BlockingExecutorTests {
    @Test func runsWorkInOrderOnAtMostItsThreads() {
        let executor = BlockingExecutor(threads: 2)
        defer { executor.close() }
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let order = Mutex<[Int]>([])
        let done = DispatchGroup()
        for n in 0..<20 {
            done.enter()
            #expect(executor.submit {
                order.withLock { $0.append(n) }
                let now = running.add(1, ordering: .relaxed).newValue
                most.max(now, ordering: .relaxed)
                usleep(2_000)
                running.subtract(1, ordering: .relaxed)
                done.leave()
            })
        }
        done.wait()
        #expect(most.load(ordering: .relaxed) == 2)
        let started = order.withLock { $0 }
        #expect(started.count == 20)
        // Two threads take from one queue: a piece never starts more than one place after its turn.
        #expect(started.enumerated().allSatisfy { abs($0.offset - $0.element) <= 1 })
    }

    @Test func closeDropsWorkNotStartedWaitsForWorkRunningAndRefusesNewWork() {
        let executor = BlockingExecutor(threads: 1)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let finished = Atomic<Int>(0)
        executor.submit {
            started.signal()
            release.wait()
            finished.add(1, ordering: .relaxed)
        }
        started.wait()
        for _ in 0..<5 { executor.submit { finished.add(100, ordering: .relaxed) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { release.signal() }
        executor.close()  // returns once the running piece has finished
        #expect(finished.load(ordering: .relaxed) == 1, "the running piece finished, the queued ones never ran")
        #expect(!executor.submit { finished.add(1000, ordering: .relaxed) })
        executor.close()  // idempotent
        #expect(finished.load(ordering: .relaxed) == 1)
    }

    /// A piece of work and what it captured are released once it has run, even while the queue never
    /// empties (a queue that kept taken pieces until it drained grew without bound under steady load).
    @Test func releasesWorkOnceRunEvenWhileTheQueueNeverEmpties() {
        final class Tracker: Sendable {}
        let executor = BlockingExecutor(threads: 1)
        defer { executor.close() }
        weak var tracked: Tracker?
        let ran = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        do {
            let tracker = Tracker()
            tracked = tracker
            executor.submit { withExtendedLifetime(tracker) {} }
        }
        executor.submit {
            ran.signal()
            release.wait()
        }
        executor.submit {}  // waiting behind the blocked one: the queue is not empty
        ran.wait()
        #expect(tracked == nil)
        release.signal()
    }
}
