/// Why an engine call failed. Reasons are short, for `status_desc` and logs; no credentials in them.
public enum EngineError: Error, Sendable, Equatable {
    /// The engine could not be reached or did not answer in time; the call may be retried later.
    case unavailable(String)
    /// The engine refused the request for a reason that retrying will not fix (a program that fails
    /// to start, bad SQL, a savepoint that cannot be restored).
    case rejected(String)
    /// The engine does not know this job.
    case notFound
    /// The job has already ended on the engine (cancel or stop came too late, which is fine).
    case alreadyTerminal
    /// The job definition cannot be submitted (a missing jar, an unsupported type).
    case invalidJob(String)
    /// The engine answered something this adapter does not understand.
    case protocolError(String)

    /// One line for `status_desc`.
    public var reason: String {
        switch self {
        case .unavailable(let r): return "engine unavailable: \(r)"
        case .rejected(let r): return r
        case .notFound: return "the engine does not know the job"
        case .alreadyTerminal: return "the job had already ended on the engine"
        case .invalidJob(let r): return r
        case .protocolError(let r): return "unexpected engine answer: \(r)"
        }
    }
}
