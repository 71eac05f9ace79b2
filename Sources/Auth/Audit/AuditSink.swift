/// Where audit events go. `record` never throws: the request it describes has already happened, so a
/// failure to record is the sink's to report (log and metric), not the client's.
public protocol AuditSink: Sendable {
    /// Records `event` durably before returning (the caller answers the client afterwards).
    func record(_ event: AuditEvent)

    /// Records `event` durably, then calls `then` (exactly once, possibly on another thread; also when
    /// recording failed, which the sink reports itself). The caller answers the client in `then`. The
    /// default records with ``record(_:)`` and calls `then` before returning.
    func record(_ event: AuditEvent, then: @escaping @Sendable () -> Void)
}

extension AuditSink {
    public func record(_ event: AuditEvent, then: @escaping @Sendable () -> Void) {
        record(event)
        then()
    }
}
