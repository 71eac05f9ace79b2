/// DLI's error codes (dli-api.md §5.2) that StreamJobs answers with.
public enum DLIErrorCode {
    /// 400: parameter validation failed.
    public static let parameterInvalid = "DLI.0001"
    /// 401: user authentication error (missing, unknown, revoked, expired or badly signed credentials).
    public static let userAuthenticationError = "DLI.0013"
    /// Wrong identity or role: StreamJobs answers it with 403 for a credential of another project.
    public static let wrongIdentityOrRole = "DLI.0016"
    /// 400: SQL semantic error (gen-graph: the planner refused the SQL).
    public static let sqlSemanticError = "DLI.0005"
    /// 400: object already exists.
    public static let alreadyExists = "DLI.0006"
    /// 400 (405 for a wrong method): operation not supported.
    public static let operationNotSupported = "DLI.0007"
    /// 400: system restriction (limits).
    public static let systemRestriction = "DLI.0009"
    /// Resource object unavailable: StreamJobs answers it with 409 while a request with the same
    /// `Idempotency-Key` is still executing.
    public static let resourceUnavailable = "DLI.0012"
    /// 404: no matching resource (unknown route).
    public static let noMatchingResource = "DLI.0023"
    /// Server-side error (500, or 503 with Retry-After while the database is unreachable).
    public static let serverError = "DLI.0999"
    /// 400: the Flink job does not exist in this project (Terraform reads it as "gone").
    public static let flinkJobNotFound = "DLI.16001"
    /// 400: the object (e.g. a template) does not exist.
    public static let objectNotFound = "DLI.0002"
    /// 400: quota insufficient (e.g. more than 100 templates in a project).
    public static let quotaInsufficient = "DLI.1028"
}
