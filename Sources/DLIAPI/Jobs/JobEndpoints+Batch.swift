import HTTPServer
import JSONCodec
import JobDomain

extension JobEndpoints {
    /// The most ids one batch request may carry.
    static let maxBatchSize = 1000

    /// `POST …/jobs/run`, `…/jobs/stop`, `…/jobs/delete`: a top-level JSON array with one
    /// `{is_success, message}` per requested id, in request order. Each id is its own transaction: a bad
    /// id fails alone and the others still happen.
    func batch(_ kind: BatchKind, _ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> HTTPResponse
    {
        let body = try requestBody.object(of: request)
        let ids = try Self.jobIDs(body)
        if context.expectedVersion != nil, ids.count != 1 {
            throw .invalidParameter(IfMatchHeader.name, "applies to one job: send job_ids with a single id")
        }
        let command: JobCommand
        var stopOptions = StopOptions()
        switch kind {
        case .run:
            command = .run(resumeSavepoint: try body.bool("resume_savepoint") ?? false)
            try DeleteStopOptions.refuse(body)
        case .stop:
            command = .stop(triggerSavepoint: try body.bool("trigger_savepoint") ?? false)
            try DeleteStopOptions.refuse(body)
        case .delete:
            command = .delete
            stopOptions = try DeleteStopOptions.fromBody(body)
        }
        var w = JSONWriter(capacity: 64 * ids.count + 8)
        w.beginArray()
        for item in ids {
            let message: String
            var success = false
            switch item {
            case .invalid(let text):
                message = "Invalid job id \(text): must be a positive integer."
            case .valid(let id):
                do {
                    if case .delete = command {
                        switch try Completion.wait({
                            service.delete(id, in: project, options: stopOptions, context: context, completion: $0)
                        }) {
                        case .deleted: message = "The job is successfully deleted."
                        case .alreadyDeleted: message = "The job was already deleted."
                        }
                    } else {
                        _ = try Completion.wait { service.apply(command, to: id, in: project, context: context, completion: $0) }
                        message = kind.successMessage
                    }
                    success = true
                } catch let error where error.isVersionMismatch {
                    throw APIError(error)  // If-Match with its one id: the request's precondition failed
                } catch .storeUnavailable {
                    // Nothing later in the batch can succeed either: answer 503 for the whole request,
                    // as a client must retry (earlier items are idempotent to retry).
                    throw .serviceUnavailable
                } catch {
                    message = "Job \(id): \(APIError(error).message)"
                }
            }
            w.beginObject()
            w.key("is_success"); w.string(success ? "true" : "false")
            w.key("message"); w.string(message)
            w.endObject()
        }
        w.endArray()
        return .json(status: 200, body: w.bytes)
    }

    /// Which batch operation.
    enum BatchKind {
        case run, stop, delete

        var successMessage: String {
            switch self {
            case .run: return "The request for submitting DLI jobs is successfully delivered."
            case .stop: return "The request for stopping DLI jobs is successfully delivered."
            case .delete: return "The job is successfully deleted."
            }
        }
    }

    enum BatchItem {
        case valid(JobID)
        case invalid(String)
    }

    /// `job_ids`: a non-empty array; an item that is not a positive integer fails alone.
    static func jobIDs(_ body: FieldReader) throws(APIError) -> [BatchItem] {
        guard let value = body.object["job_ids"], !value.isNull else { throw .invalidParameter("job_ids", "is required") }
        guard case .array(let items) = value else { throw .invalidParameter("job_ids", "must be an array of job ids") }
        guard (1...maxBatchSize).contains(items.count) else {
            throw .invalidParameter("job_ids", "must have 1 to \(maxBatchSize) ids")
        }
        return items.map { item in
            if case .number(let n) = item, let v = n.int64Value, let id = JobID(v) { return .valid(id) }
            if case .string(let s) = item, let id = JobID(decimal: s) { return .valid(id) }
            return .invalid(String(String(decoding: item.serialized(), as: UTF8.self).prefix(32)))
        }
    }
}
