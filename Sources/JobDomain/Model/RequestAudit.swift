/// The audit facts of an audited request, for the repositories to record in the transaction of each write
/// the request makes: one audit event per changed row, committed with the row and its journal entry (or
/// not at all), with `job_id=<id>` / `template_id=<id>` as target and status 200.
public struct RequestAudit: Sendable, Equatable {
    /// `METHOD route-template`, e.g. `DELETE /v1.0/{project_id}/streaming/jobs/{job_id}`.
    public var action: String
    /// The client's address, as the HTTP server reports it.
    public var clientAddress: String
    /// Set by a repository once a write that carried this record committed.
    public let recorded: AuditMarker

    public init(action: String, clientAddress: String, recorded: AuditMarker = AuditMarker()) {
        self.action = action
        self.clientAddress = clientAddress
        self.recorded = recorded
    }

    /// Equal facts and the same marker.
    public static func == (a: RequestAudit, b: RequestAudit) -> Bool {
        a.action == b.action && a.clientAddress == b.clientAddress && a.recorded === b.recorded
    }
}
