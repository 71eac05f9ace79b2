import JobDomain

/// A delete's stop options (a StreamJobs extension): `policy=cancel|savepoint|drain` and
/// `deadline_seconds` as query parameters of `DELETE …/jobs/{job_id}`, or as fields of a batch delete's
/// body. Absent: the service's setting.
enum DeleteStopOptions {
    static let deadlineSeconds: ClosedRange<Int64> = 1...3600

    static func fromQuery(_ q: QueryParameters) throws(APIError) -> StopOptions {
        StopOptions(
            policy: try q.choice("policy", StopPolicy.self),
            deadlineMillis: try q.int("deadline_seconds", range: deadlineSeconds).map { $0 * 1000 })
    }

    static func fromBody(_ r: FieldReader) throws(APIError) -> StopOptions {
        let range = Int(deadlineSeconds.lowerBound)...Int(deadlineSeconds.upperBound)
        return StopOptions(
            policy: try r.choice("policy", StopPolicy.self),
            deadlineMillis: try r.int("deadline_seconds", range: range).map { Int64($0) * 1000 })
    }

    /// Run and stop batches take no stop options: refused rather than ignored.
    static func refuse(_ r: FieldReader) throws(APIError) {
        for key in ["policy", "deadline_seconds"] where r.object[key].map({ !$0.isNull }) == true {
            throw .invalidParameter(key, "applies to deletes only")
        }
    }
}
