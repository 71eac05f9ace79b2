/// Every route of the DLI Flink job API that StreamJobs serves (v1.0, and gen-graph under /v3 as in DLI), and its extensions beyond DLI. The route table below is the
/// single list; the OpenAPI test compares it with the shipped document.
public enum DLIEndpoint: String, Sendable, Hashable, CaseIterable {
    case createSQLJob
    case showJob
    case deleteJob
    case updateSQLJob
    case createJarJob
    case updateJarJob
    case listJobs
    case runJobs
    case stopJobs
    case deleteJobs
    case showExecuteGraph
    case createSQLJobGraph
    case showJobMetrics
    case triggerSavepoint
    case importSavepoint
    case collectJobLogs
    case createTemplate
    case updateTemplate
    case deleteTemplate
    case listTemplates
    case exportJobs
    case importJobs
    case listJobAlarms
    case showJobJournal
    case listDeletedJobs
    case showDeletedJob
    case restoreDeletedJob
    case purgeDeletedJob
    case showSettings
    case updateSettings

    /// The route table.
    public static let routes: [Router<DLIEndpoint>.Route] = [
        .init("POST", "/v1.0/{project_id}/streaming/sql-jobs", .createSQLJob),
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}", .showJob),
        .init("DELETE", "/v1.0/{project_id}/streaming/jobs/{job_id}", .deleteJob),
        .init("PUT", "/v1.0/{project_id}/streaming/sql-jobs/{job_id}", .updateSQLJob),
        .init("POST", "/v1.0/{project_id}/streaming/flink-jobs", .createJarJob),
        .init("PUT", "/v1.0/{project_id}/streaming/flink-jobs/{job_id}", .updateJarJob),
        .init("GET", "/v1.0/{project_id}/streaming/jobs", .listJobs),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/run", .runJobs),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/stop", .stopJobs),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/delete", .deleteJobs),
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}/execute-graph", .showExecuteGraph),
        .init("POST", "/v3/{project_id}/streaming/jobs/{job_id}/gen-graph", .createSQLJobGraph),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/metrics", .showJobMetrics),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/{job_id}/savepoint", .triggerSavepoint),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/{job_id}/import-savepoint", .importSavepoint),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/{job_id}/logs", .collectJobLogs),
        .init("POST", "/v1.0/{project_id}/streaming/job-templates", .createTemplate),
        .init("PUT", "/v1.0/{project_id}/streaming/job-templates/{template_id}", .updateTemplate),
        .init("DELETE", "/v1.0/{project_id}/streaming/job-templates/{template_id}", .deleteTemplate),
        .init("GET", "/v1.0/{project_id}/streaming/job-templates", .listTemplates),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/export", .exportJobs),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/import", .importJobs),
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}/alarms", .listJobAlarms),
        // Extensions beyond DLI (`x-streamjobs-extension` in the OpenAPI document).
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}/journal", .showJobJournal),
        .init("GET", "/v1.0/{project_id}/streaming/deleted-jobs", .listDeletedJobs),
        .init("GET", "/v1.0/{project_id}/streaming/deleted-jobs/{job_id}", .showDeletedJob),
        .init("POST", "/v1.0/{project_id}/streaming/deleted-jobs/{job_id}/restore", .restoreDeletedJob),
        .init("DELETE", "/v1.0/{project_id}/streaming/deleted-jobs/{job_id}", .purgeDeletedJob),
        .init("GET", "/v1.0/{project_id}/streaming/settings", .showSettings),
        .init("PUT", "/v1.0/{project_id}/streaming/settings", .updateSettings),
    ]
}
