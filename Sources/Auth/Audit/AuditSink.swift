/// Where audit events go. `record` never throws: the request it describes has already happened, so a
/// failure to record is the sink's to report (log and metric), not the client's.
public protocol AuditSink: Sendable {
    /// Records `event` durably before returning (the caller answers the client afterwards).
    func record(_ event: AuditEvent)
}
