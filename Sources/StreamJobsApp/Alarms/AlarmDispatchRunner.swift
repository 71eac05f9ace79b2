import Foundation
import JobDomain
import Logging
import ServiceMetrics
import Synchronization

/// Runs `AlarmDispatcher`s on their own threads until `stop()` (the alarm dispatcher threads of
/// ARCHITECTURE.md §2): each thread runs passes, and sleeps briefly when a pass claimed nothing. Store
/// outages are logged once per change and retried; receiver failures are the retry rule's business.
public final class AlarmDispatchRunner: Sendable {
    private let dispatchers: [AlarmDispatcher]
    private let metrics: AlarmMetrics?
    private let logger: Logger
    private let idleMillis: Int
    private let stopping = Atomic<Bool>(false)
    private let running = Mutex<Int>(0)
    private let degraded = Atomic<Bool>(false)

    /// - Parameters:
    ///   - dispatchers: one per thread (each with its own lease owner).
    ///   - idleMillis: how long a thread sleeps after a pass that claimed nothing.
    public init(dispatchers: [AlarmDispatcher], idleMillis: Int = 200, metrics: AlarmMetrics? = nil, logger: Logger) {
        self.dispatchers = dispatchers
        self.idleMillis = idleMillis
        self.metrics = metrics
        self.logger = logger
    }

    /// Starts one thread per dispatcher.
    public func start() {
        running.withLock { $0 += dispatchers.count }
        for (index, dispatcher) in dispatchers.enumerated() {
            let thread = Thread { [self] in
                loop(dispatcher)
                running.withLock { $0 -= 1 }
            }
            thread.name = "alarms-\(index)"
            thread.start()
        }
        logger.info("alarm dispatcher started", metadata: ["alarms.threads": "\(dispatchers.count)"])
    }

    /// Asks the threads to stop and waits up to `timeout` for their current pass to end (an attempt in
    /// flight is bounded by the sender's timeout; an alarm it leaves claimed is due again after its lease).
    public func stop(timeout: Duration = .seconds(15)) {
        stopping.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + timeout
        while running.withLock({ $0 }) > 0 && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        logger.info("alarm dispatcher stopped")
    }

    private func loop(_ dispatcher: AlarmDispatcher) {
        while !stopping.load(ordering: .acquiring) {
            var busy = false
            do {
                let report = try dispatcher.tick()
                metrics?.record(delivered: report.delivered, failed: report.failed, gaveUp: report.gaveUp)
                if report.gaveUp > 0 {
                    logger.warning("alarm delivery given up", metadata: ["alarms.count": "\(report.gaveUp)"])
                }
                busy = report.claimed > 0
                note(degradedNow: false)
            } catch {
                note(degradedNow: true)
            }
            if !busy { sleep(milliseconds: idleMillis) }
        }
    }

    private func note(degradedNow: Bool) {
        if degraded.exchange(degradedNow, ordering: .relaxed) != degradedNow {
            if degradedNow {
                logger.warning("alarm dispatcher degraded", metadata: ["alarms.reason": "store unavailable"])
            } else {
                logger.notice("alarm dispatcher recovered")
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
