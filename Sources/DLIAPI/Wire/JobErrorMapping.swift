import JobDomain

extension APIError {
    /// The one table from domain errors to DLI's wire errors.
    public init(_ error: JobError) {
        switch error {
        case .invalidParameter(let name, let reason):
            self = .invalidParameter(name, reason)
        case .jobNotFound:
            // Same answer whether the id exists in another project or nowhere: no hint either way.
            self.init(status: 400, code: DLIErrorCode.flinkJobNotFound, message: "The job does not exist.")
        case .nameAlreadyExists(let name):
            self.init(
                status: 400, code: DLIErrorCode.alreadyExists,
                message: "A job named '\(name)' already exists in this project.")
        case .illegalTransition(let command, let status, let reason):
            self.init(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "Cannot \(command.name.replacingUnderscores) a job in status \(status.rawValue): \(reason).")
        case .concurrentModification:
            self.init(
                status: 503, code: DLIErrorCode.serverError,
                message: "The job is being changed by other requests; retry shortly.", headers: [("Retry-After", "1")])
        case .versionMismatch(_, let expected, let current):
            // A StreamJobs extension (If-Match); DLI has no such error, and its code for a parameter that
            // does not hold is DLI.0001.
            self.init(
                status: 412, code: DLIErrorCode.parameterInvalid,
                message: "If-Match names version \(expected), but the job is at version \(current) (ETag \"\(current)\"); "
                    + "read the job again and retry.",
                headers: [("ETag", "\"\(current)\"")])
        case .deletionProtected:
            self.init(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "The job has deletion_protection set; update it to false before deleting the job.")
        case .storeUnavailable:
            self = .serviceUnavailable
        case .internalError:
            self.init(status: 500, code: DLIErrorCode.serverError, message: "Internal error.")
        case .templateNotFound:
            // DLI's generic "object does not exist" (400, not 404); no hint whether another project has it.
            self.init(status: 400, code: DLIErrorCode.objectNotFound, message: "The template does not exist.")
        case .templateNameAlreadyExists(let name):
            self.init(
                status: 400, code: DLIErrorCode.alreadyExists,
                message: "A template named '\(name)' already exists in this project.")
        case .quotaExceeded(let resource, let limit):
            self.init(
                status: 400, code: DLIErrorCode.quotaInsufficient,
                message: "Quota insufficient: a project can have at most \(limit) \(resource)s.")
        }
    }

    /// 503 while the database cannot be reached; clients retry after the given delay.
    public static let serviceUnavailable = APIError(
        status: 503, code: DLIErrorCode.serverError,
        message: "The service is temporarily unavailable; retry later.", headers: [("Retry-After", "1")])
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

extension JobError {
    /// Whether the error is a failed `If-Match` precondition.
    var isVersionMismatch: Bool {
        if case .versionMismatch = self { return true }
        return false
    }
}
