/// Every metric StreamJobs exports at `GET /metrics`, in one list so dashboards and alerts have a
/// single place to look. Label values always come from bounded sets (route templates, methods, status
/// codes, job statuses, engine operations), never from paths, ids or messages.
public enum MetricName {
    /// Counter `{route, method, status}`: HTTP requests answered. `route` is the route template.
    public static let httpRequests = "streamjobs_http_requests_total"
    /// Histogram `{route, method}`: seconds from a complete request to its response.
    public static let httpRequestDuration = "streamjobs_http_request_duration_seconds"
    /// Gauge: PostgreSQL pool connections checked out.
    public static let poolInUse = "streamjobs_db_pool_in_use"
    /// Gauge: threads waiting for a PostgreSQL pool connection.
    public static let poolWaiting = "streamjobs_db_pool_waiting"
    /// Gauge: PostgreSQL pool size.
    public static let poolSize = "streamjobs_db_pool_size"
    /// Gauge `{status}`: live (not deleted) jobs per DLI status, refreshed at most every few seconds.
    public static let jobs = "streamjobs_jobs"
    /// Gauge: seconds between now and the oldest engine work item not yet done, as of the last reconciler pass.
    public static let reconcilerLag = "streamjobs_reconciler_lag_seconds"
    /// Histogram: seconds one reconciler pass took.
    public static let reconcilerPassDuration = "streamjobs_reconciler_pass_duration_seconds"
    /// Counter: reconciler passes completed.
    public static let reconcilerPasses = "streamjobs_reconciler_passes_total"
    /// Counter `{operation}`: failed calls to the Flink engine.
    public static let engineErrors = "streamjobs_engine_errors_total"
    /// Gauge: 1 when the last engine health probe succeeded, else 0.
    public static let engineUp = "streamjobs_engine_up"
    /// Counter `{outcome}`: alarm delivery attempts by outcome (`delivered`, `failed` and retried, `gave_up`).
    public static let alarmDeliveries = "streamjobs_alarm_deliveries_total"
    /// Gauge: alarms of all projects waiting for delivery (state pending), refreshed with ``jobs``.
    public static let alarmsPending = "streamjobs_alarms_pending"
}
