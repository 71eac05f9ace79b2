import JobDomain
import PostgresClient

/// The statements for one shape of list query. Each combination of present filters gets its own SQL
/// text and prepared statement (so the planner sees only real predicates and uses the list indexes);
/// values are always bind parameters.
struct JobListStatements {
    let page: PGStatement
    let count: PGStatement
    let pageParameters: [any PGBindable]
    let countParameters: [any PGBindable]

    /// - Parameters:
    ///   - query: the filters and page.
    ///   - project: the project listed.
    ///   - detail: whole jobs (`JobColumns`, text results) rather than summaries (`JobSummaryColumns`, binary).
    init(_ query: JobListQuery, project: ProjectID, detail: Bool) {
        var conditions = ["project_id = $1", "deleted_at IS NULL"]
        var parameters: [any PGBindable] = [project.rawValue]
        var shape = 0
        func add(_ bit: Int, _ condition: (String) -> String, _ value: any PGBindable) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
            shape |= bit
        }
        if let v = query.rootJobID {
            add(1, { "root_id = \($0)" }, v)
        } else {
            conditions.append("root_id = -1")
        }
        if let v = query.status { add(2, { "status = \($0)" }, v.rawValue) }
        if let v = query.name { add(4, { "strpos(lower(name), lower(\($0))) > 0" }, v) }
        if let v = query.jobType { add(8, { "job_type = \($0)" }, v.rawValue) }
        if let v = query.queueName { add(16, { "queue_name = \($0)" }, v) }
        if let v = query.userName { add(32, { "user_name = \($0)" }, v) }
        if !query.tags.isEmpty { add(64, { "tags @> \($0)::jsonb" }, JobRowEncoder.tagsJSON(query.tags)) }
        let filters = conditions.joined(separator: " AND ")

        // total_count: from the trigger-maintained counters when only the status filters, else counted.
        if shape & ~2 == 0 {
            let statusCondition = query.status == nil ? "" : " AND status = $2"
            count = PGStatement(
                name: "jobs_count_live_\(shape)",
                sql: "SELECT COALESCE(sum(live), 0)::int8 FROM job_status_counts WHERE project_id = $1\(statusCondition)")
            countParameters = query.status.map { [project.rawValue, $0.rawValue] } ?? [project.rawValue]
        } else {
            count = PGStatement(name: "jobs_count_\(shape)", sql: "SELECT count(*) FROM jobs WHERE \(filters)")
            countParameters = parameters
        }

        let direction = query.ascending ? "ASC" : "DESC"
        let columns = detail ? JobColumns.selectList : JobSummaryColumns.selectList
        let n = parameters.count
        page = PGStatement(
            name: "jobs_list_\(shape)_\(query.ascending ? "a" : "d")\(detail ? "f" : "s")",
            sql: """
                SELECT \(columns) FROM jobs WHERE \(filters)
                ORDER BY created_at \(direction), job_id \(direction) OFFSET $\(n + 1) LIMIT $\(n + 2)
                """,
            resultFormat: detail ? .text : .binary)
        pageParameters = parameters + [query.offset, query.limit]
    }
}
