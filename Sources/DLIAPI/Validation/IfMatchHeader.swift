import Auth
import HTTPServer
import JobDomain

/// `If-Match` on a job mutation (a StreamJobs extension): the strong ETag of a job read, `"<version>"`,
/// as `GET …/jobs/{job_id}` sends it. The mutation then applies only to that version of the job, and a
/// job at another version answers 412 (`JobError.versionMismatch`). `*` (any version) and an absent
/// header set no precondition. Only the endpoints that change one job honour it; anywhere else the
/// header is refused rather than ignored.
enum IfMatchHeader {
    static let name = "If-Match"

    /// The version `request` makes its precondition on `endpoint`, or nil.
    /// - Throws: `APIError.invalidParameter("If-Match", …)` for a weak, malformed or repeated value, or
    ///   on an endpoint that does not honour it.
    static func expectedVersion(_ request: HTTPRequest, for endpoint: DLIEndpoint) throws(APIError) -> Int64? {
        let values = request.headers.values(for: name)
        guard let raw = values.first else { return nil }
        guard endpoint.honoursIfMatch else {
            throw .invalidParameter(name, "is honoured only by the operations that change one job")
        }
        let text = raw.trimmingSpaces
        guard values.count == 1, !text.contains(",") else {
            throw .invalidParameter(name, "must name one ETag, as the job's detail sends it")
        }
        if text == "*" { return nil }
        let digits = text.utf8.dropFirst().dropLast()
        guard text.utf8.count >= 3, text.utf8.first == UInt8(ascii: "\""), text.utf8.last == UInt8(ascii: "\""),
            digits.count <= 18, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let version = Int64(String(decoding: digits, as: UTF8.self))
        else {
            throw .invalidParameter(name, "must be a strong ETag of a job, such as \"12\" (from the job's detail)")
        }
        return version
    }

    /// The `ETag` header value of a job at `version`.
    static func etag(_ version: Int64) -> String { "\"\(version)\"" }
}

extension DLIEndpoint {
    /// Whether the endpoint changes one job and so honours `If-Match` (the batches only with one id).
    var honoursIfMatch: Bool {
        switch self {
        case .updateSQLJob, .updateJarJob, .deleteJob, .runJobs, .stopJobs, .deleteJobs, .triggerSavepoint,
            .importSavepoint, .restoreDeletedJob, .purgeDeletedJob:
            return true
        case .createSQLJob, .showJob, .createJarJob, .listJobs, .showExecuteGraph, .createSQLJobGraph, .showJobMetrics,
            .collectJobLogs, .createTemplate, .updateTemplate, .deleteTemplate, .listTemplates, .exportJobs, .importJobs,
            .listJobAlarms, .showJobJournal, .listDeletedJobs, .showDeletedJob, .showSettings, .updateSettings:
            return false
        }
    }
}
