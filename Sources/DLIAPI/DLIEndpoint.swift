/// Every route of the DLI v1.0 Flink job API that StreamJobs serves. The route table below is the
/// single list; the OpenAPI test compares it with `openapi.yaml`.
public enum DLIEndpoint: String, Sendable, Hashable, CaseIterable {
    case createSQLJob
    case showJob
    case deleteJob

    /// The route table.
    public static let routes: [Router<DLIEndpoint>.Route] = [
        .init("POST", "/v1.0/{project_id}/streaming/sql-jobs", .createSQLJob),
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}", .showJob),
        .init("DELETE", "/v1.0/{project_id}/streaming/jobs/{job_id}", .deleteJob),
    ]
}
