import HTTPServer
import JobDomain

/// Validation of path parameters at the edge: nothing reaches the service unvalidated.
enum PathParameters {
    static func projectID(_ parameters: [String: PercentEncodedString]) throws(APIError) -> ProjectID {
        guard let decoded = parameters["project_id"]?.decoded, let id = ProjectID(decoded) else {
            throw .invalidParameter("project_id", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'")
        }
        return id
    }

    static func jobID(_ parameters: [String: PercentEncodedString]) throws(APIError) -> JobID {
        guard let decoded = parameters["job_id"]?.decoded, let id = JobID(decimal: decoded) else {
            throw .invalidParameter("job_id", "must be a positive decimal integer no larger than 9223372036854775807")
        }
        return id
    }
}
