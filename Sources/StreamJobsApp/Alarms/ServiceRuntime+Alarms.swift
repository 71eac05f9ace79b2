import AlarmWebhook
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import ServiceMetrics

extension ServiceRuntime {
    /// The alarm dispatcher threads over the outbox, delivering to the configured webhook (not started).
    static func makeAlarmDispatch(
        _ configuration: AlarmConfiguration, outbox: PostgresAlarmOutbox, metrics: AlarmMetrics, logger: Logger
    ) -> AlarmDispatchRunner {
        let sender = WebhookAlarmSender(
            url: configuration.webhookURL, secret: configuration.secret, timeout: Double(configuration.timeoutSeconds))
        let instance = EngineConfiguration.defaultInstanceName()
        // A claim outlives the longest attempt (timeout + 2 s of grace in the sender) by a wide margin.
        let lease = Int64(configuration.timeoutSeconds + 30) * 1000
        let dispatchers = (0..<configuration.threads).map { index in
            AlarmDispatcher(
                outbox: outbox, sender: sender, rule: configuration.retry, owner: "\(instance)-alarms-\(index)",
                leaseMillis: lease)
        }
        return AlarmDispatchRunner(dispatchers: dispatchers, metrics: metrics, logger: logger)
    }
}
