import Foundation
import JobDomain
import Logging
import Synchronization

/// Runs a `JobPurger` on its own thread every `interval` until `stop()` (the purger thread of
/// ARCHITECTURE.md §2). It runs with or without an engine: purging needs only PostgreSQL and the object
/// store. A pass that purged a full batch is followed at once by another.
public final class PurgeRunner: Sendable {
    private let purger: JobPurger
    private let intervalMillis: Int
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let degraded = Atomic<Bool>(false)

    public init(purger: JobPurger, intervalSeconds: Int, logger: Logger) {
        self.purger = purger
        self.intervalMillis = intervalSeconds * 1000
        self.logger = logger
    }

    /// Starts the thread.
    public func start() {
        running.store(true, ordering: .releasing)
        let thread = Thread { [self] in
            loop()
            running.store(false, ordering: .releasing)
        }
        thread.name = "purger"
        thread.start()
        logger.info("purger started", metadata: ["purge.interval_seconds": "\(intervalMillis / 1000)"])
    }

    /// Asks the thread to stop and waits up to `timeout` for its pass to end (a job it leaves claimed is
    /// taken over when its lease ends).
    public func stop(timeout: Duration = .seconds(15)) {
        stopping.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + timeout
        while running.load(ordering: .acquiring) && ContinuousClock.now < deadline { usleep(10_000) }
        logger.info("purger stopped")
    }

    private func loop() {
        while !stopping.load(ordering: .acquiring) {
            do {
                let report = try purger.tick()
                if report.purged > 0 { logger.notice("deleted jobs purged", metadata: ["purge.count": "\(report.purged)"]) }
                if report.failed > 0 {
                    logger.warning("deleted jobs not purged; retried after their lease", metadata: ["purge.failed": "\(report.failed)"])
                }
                note(degradedNow: false)
            } catch {
                note(degradedNow: true)
            }
            var left = intervalMillis
            while left > 0 && !stopping.load(ordering: .relaxed) {
                usleep(UInt32(min(left, 50) * 1000))
                left -= 50
            }
        }
    }

    private func note(degradedNow: Bool) {
        if degraded.exchange(degradedNow, ordering: .relaxed) != degradedNow {
            if degradedNow {
                logger.warning("purger degraded", metadata: ["purge.reason": "store unavailable"])
            } else {
                logger.notice("purger recovered")
            }
        }
    }
}
