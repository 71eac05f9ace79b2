import JobDomain
import PostgresClient

/// The statement for one shape of deleted-jobs page. Each combination of present filters gets its own
/// SQL text and prepared statement (so the planner sees only real predicates); values are always bind
/// parameters. Pages are keyset pages on (deleted_at, job_id), newest first (jobs_deleted_by_time), and
/// read one row more than asked, which only tells whether a next page exists.
struct DeletedJobListStatements {
    let page: PGStatement
    let parameters: [any PGBindable]

    /// `timestamptz` from epoch microseconds, exactly (interval arithmetic is integral).
    private static func micros(_ parameter: String) -> String {
        "'epoch'::timestamptz + \(parameter)::int8 * interval '1 microsecond'"
    }

    init(_ query: DeletedJobListQuery, project: ProjectID) {
        var conditions = ["project_id = $1", "deleted_at IS NOT NULL"]
        var parameters: [any PGBindable] = [project.rawValue]
        var shape = 0
        func add(_ bit: Int, _ condition: (String) -> String, _ value: any PGBindable) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
            shape |= bit
        }
        if let v = query.name { add(1, { "strpos(lower(name), lower(\($0))) > 0" }, v) }
        if let v = query.statusAtDelete { add(2, { "status_at_delete = \($0)" }, v.rawValue) }
        if let v = query.jobType { add(4, { "job_type = \($0)" }, v.rawValue) }
        if let v = query.deletedSinceMillis { add(8, { "deleted_at >= \(Self.micros($0))" }, v * 1000) }
        if let v = query.deletedUntilMillis { add(16, { "deleted_at < \(Self.micros($0))" }, v * 1000) }
        if let after = query.after {
            parameters.append(after.deletedAtMicros)
            parameters.append(after.jobID.rawValue)
            let n = parameters.count
            conditions.append("(deleted_at, job_id) < (\(Self.micros("$\(n - 1)")), $\(n))")
            shape |= 32
        }
        let n = parameters.count
        page = PGStatement(
            name: "jobs_deleted_list_\(shape)",
            sql: """
                SELECT \(JobSummaryColumns.selectList), \(JobHistoryStatements.deletionColumns.joined(separator: ", "))
                FROM jobs WHERE \(conditions.joined(separator: " AND "))
                ORDER BY deleted_at DESC, job_id DESC LIMIT $\(n + 1)
                """,
            resultFormat: .binary)
        self.parameters = parameters + [Int64(query.limit) + 1]
    }
}
