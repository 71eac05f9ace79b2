extension DLIEndpoint {
    /// Whether the endpoint changes something (a row, engine work, a file), and so honours an
    /// `Idempotency-Key` header (`DLIResponder+Idempotency.swift`). Reads, and POSTs that only compute
    /// an answer (metrics, gen-graph), do not. A new endpoint must decide here (the switch is exhaustive);
    /// OpenAPIDocumentTests checks the document lists the header on exactly these operations.
    public var mutates: Bool {
        switch self {
        case .createSQLJob, .updateSQLJob, .createJarJob, .updateJarJob, .deleteJob, .runJobs, .stopJobs, .deleteJobs,
            .triggerSavepoint, .importSavepoint, .collectJobLogs, .createTemplate, .updateTemplate, .deleteTemplate,
            .exportJobs, .importJobs, .restoreDeletedJob, .purgeDeletedJob, .updateSettings:
            return true
        case .showJob, .listJobs, .showExecuteGraph, .createSQLJobGraph, .showJobMetrics, .listTemplates,
            .listJobAlarms, .showJobJournal, .listDeletedJobs, .showDeletedJob, .showSettings:
            return false
        }
    }
}
