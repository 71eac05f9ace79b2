import MetricsTestKit
import ServiceMetrics
import Testing

@Suite struct ReconcilerMetricsTests {
    @Test func passesLagAndEngineErrorsAreRecordedUnderTheDocumentedNames() throws {
        let factory = TestMetrics()
        let metrics = ReconcilerMetrics(factory: factory)
        metrics.recordPass(duration: .milliseconds(250), lagSeconds: 3.5)
        metrics.recordPass(duration: .milliseconds(10), lagSeconds: -1)
        metrics.recordEngineError(.cancel)
        metrics.recordEngineError(.cancel)
        metrics.recordEngineReachable(true)

        #expect(try factory.expectCounter(MetricName.reconcilerPasses).totalValue == 2)
        #expect(try factory.expectTimer(MetricName.reconcilerPassDuration).values == [250_000_000, 10_000_000])
        #expect(try factory.expectGauge(MetricName.reconcilerLag).values == [3.5, 0], "negative lag clamps to 0")
        #expect(try factory.expectCounter(MetricName.engineErrors, [("operation", "cancel")]).totalValue == 2)
        #expect(try factory.expectCounter(MetricName.engineErrors, [("operation", "submit")]).totalValue == 0)
        #expect(try factory.expectGauge(MetricName.engineUp).lastValue == 1)
    }
}
