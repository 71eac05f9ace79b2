import PostgresClient

/// The alarm outbox's statements (`job_alarms`, migrations/0011), as named prepared statements with
/// bind parameters. The insert is a CTE of `EngineWorkStatements.applyTransition`.
enum AlarmStatements {
    /// Claims due alarms of any project (job_alarms_due). A system path: the `SECURITY DEFINER` function
    /// of migrations/0011. $1 owner, $2 limit, $3 lease in ms.
    static let claim = PGStatement(
        name: "job_alarms_claim",
        sql: "SELECT * FROM streamjobs_claim_alarms($1, $2::integer, $3::int8)")

    /// Marks a claimed alarm delivered (primary key). $1 project, $2 alarm, $3 owner, $4 HTTP status.
    static let delivered = PGStatement(
        name: "job_alarms_delivered",
        sql: """
            UPDATE job_alarms SET state = 'delivered', delivered_at = now(), next_attempt_at = NULL, claimed_by = NULL,
                last_error = NULL, last_http_status = $4::integer
            WHERE project_id = $1 AND alarm_id = $2 AND claimed_by = $3 AND state = 'pending'
            """)

    /// Records a failed attempt of a claimed alarm (primary key): due again after $6 ms, or `gave_up`
    /// when $6 is NULL. $1 project, $2 alarm, $3 owner, $4 error, $5 HTTP status or NULL, $6 delay or NULL.
    static let failed = PGStatement(
        name: "job_alarms_failed",
        sql: """
            UPDATE job_alarms SET claimed_by = NULL, last_error = $4, last_http_status = $5::integer,
                state = CASE WHEN $6::int8 IS NULL THEN 'gave_up' ELSE 'pending' END,
                next_attempt_at = CASE WHEN $6::int8 IS NULL THEN NULL ELSE now() + $6::int8 * interval '1 millisecond' END
            WHERE project_id = $1 AND alarm_id = $2 AND claimed_by = $3 AND state = 'pending'
            """)

    /// A live job's alarms, oldest first (job_alarms_by_job), with one row of NULLs for a job without any;
    /// no row when the project has no such live job. $1 project, $2 job.
    static let listByJob = PGStatement(
        name: "job_alarms_by_job",
        sql: """
            SELECT a.alarm_id, a.topic, a.status, a.reason, floor(extract(epoch FROM a.created_at) * 1000)::int8,
                a.state, a.attempts, floor(extract(epoch FROM a.next_attempt_at) * 1000)::int8,
                floor(extract(epoch FROM a.delivered_at) * 1000)::int8, a.last_error, a.last_http_status, j.name
            FROM jobs j LEFT JOIN job_alarms a ON a.project_id = j.project_id AND a.job_id = j.job_id
            WHERE j.project_id = $1 AND j.job_id = $2 AND j.deleted_at IS NULL
            ORDER BY a.job_version
            """)
}
