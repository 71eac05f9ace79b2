import Metrics
import ServiceMetrics
import Synchronization

/// Request counters and latency histograms, labelled by route template, method and status. Each label
/// set's metric is made on first use and cached, so the hot path is one dictionary lookup under a mutex.
final class HTTPMetrics: Sendable {
    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private let factory: any MetricsFactory
    private let counters = Mutex<[Key: Counter]>([:])
    private let timers = Mutex<[Key: Timer]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records one answered request.
    /// - Parameters:
    ///   - route: a route template or ``RouteLabeler/unmatched``.
    ///   - method: a label from ``RouteLabeler/method(_:)``.
    ///   - status: the status code sent.
    ///   - duration: time from the complete request to the response.
    func record(route: String, method: String, status: Int, duration: Duration) {
        let counterKey = Key(route: route, method: method, status: status)
        let counter = counters.withLock { cache in
            if let existing = cache[counterKey] { return existing }
            let made = Counter(
                label: MetricName.httpRequests,
                dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory)
            cache[counterKey] = made
            return made
        }
        counter.increment()
        let timerKey = Key(route: route, method: method, status: 0)
        let timer = timers.withLock { cache in
            if let existing = cache[timerKey] { return existing }
            let made = Timer(
                label: MetricName.httpRequestDuration, dimensions: [("route", route), ("method", method)],
                factory: factory)
            cache[timerKey] = made
            return made
        }
        timer.record(duration: duration)
    }
}
