import Foundation
import JobDomain
import Logging
import ServiceMetrics
import Synchronization

/// Runs a `Reconciler` on its own threads until `stop()`: each thread ticks, and sleeps briefly when a
/// tick found nothing to do. Store and engine outages are logged (once per change) and retried.
public final class ReconcilerRunner: Sendable {
    private let reconciler: Reconciler
    private let metrics: ReconcilerMetrics?
    private let logger: Logger
    private let idleMillis: Int
    private let stopping = Atomic<Bool>(false)
    private let running = Mutex<Int>(0)
    /// Whether the last tick saw the engine or the store unavailable (to log changes only).
    private let degraded = Atomic<Bool>(false)

    /// - Parameters:
    ///   - reconciler: what each tick runs.
    ///   - idleMillis: how long a thread sleeps after a tick with nothing to do.
    ///   - metrics: where each pass's duration and lag are recorded, if anywhere.
    public init(reconciler: Reconciler, idleMillis: Int = 100, metrics: ReconcilerMetrics? = nil, logger: Logger) {
        self.reconciler = reconciler
        self.metrics = metrics
        self.idleMillis = idleMillis
        self.logger = logger
    }

    /// Starts `threads` reconciler threads.
    public func start(threads: Int = 1) {
        running.withLock { $0 += threads }
        for index in 0..<threads {
            let thread = Thread { [self] in
                loop()
                running.withLock { $0 -= 1 }
            }
            thread.name = "reconciler-\(index)"
            thread.start()
        }
        logger.info("reconciler started", metadata: ["reconciler.threads": "\(threads)"])
    }

    /// Asks the threads to stop and waits up to `timeout` for their current tick to end.
    public func stop(timeout: Duration = .seconds(15)) {
        stopping.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + timeout
        while running.withLock({ $0 }) > 0 && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        logger.info("reconciler stopped")
    }

    private func loop() {
        while !stopping.load(ordering: .acquiring) {
            var busy = false
            do {
                let started = ContinuousClock.now
                let report = try reconciler.tick()
                metrics?.recordPass(
                    duration: ContinuousClock.now - started, lagSeconds: Double(report.oldestWorkAgeMillis) / 1000)
                busy = report.workClaimed > 0
                // Only a tick that talked to the engine can say whether it is back.
                if report.engineUnavailable || report.workClaimed + report.jobsPolled > 0 {
                    note(degradedNow: report.engineUnavailable, reason: "engine unavailable")
                }
            } catch {
                note(degradedNow: true, reason: "store unavailable")
            }
            if !busy { sleep(milliseconds: idleMillis) }
        }
    }

    private func note(degradedNow: Bool, reason: String) {
        if degraded.exchange(degradedNow, ordering: .relaxed) != degradedNow {
            if degradedNow {
                logger.warning("reconciler degraded", metadata: ["reconciler.reason": "\(reason)"])
            } else {
                logger.notice("reconciler recovered")
            }
        }
    }

    private func sleep(milliseconds: Int) {
        var left = milliseconds
        while left > 0 && !stopping.load(ordering: .relaxed) {
            usleep(UInt32(min(left, 50) * 1000))
            left -= 50
        }
    }
}
