import PostgresClient

/// The statements of the journal, the deleted jobs and restore (`PostgresJobRepository+History.swift`),
/// as named prepared statements with bind parameters. Indexes are named on each.
enum JobHistoryStatements {
    /// The deletion columns a deleted job's read adds after the job's own: deleted_at in epoch ms, by
    /// whom, through which request, the status at deletion, deleted_at in epoch µs (the page position), and
    /// when the purger removes it in epoch ms (deleted_at + the project's retention; NULL without one), and
    /// whether a purge of it began.
    static let deletionColumns = [
        "floor(extract(epoch FROM deleted_at) * 1000)::int8", "deleted_by", "deleted_request_id", "status_at_delete",
        "(extract(epoch FROM deleted_at) * 1000000)::int8",
        """
        (SELECT floor(extract(epoch FROM jobs.deleted_at + s.deleted_job_retention_days * interval '1 day') * 1000)::int8
         FROM project_settings s WHERE s.project_id = jobs.project_id)
        """,
        "purging_since IS NOT NULL",
    ]

    /// Whether the job exists in the project, live or deleted (primary key).
    static let jobExists = PGStatement(
        name: "jobs_exists",
        sql: "SELECT 1 FROM jobs WHERE project_id = $1 AND job_id = $2")

    /// The journal columns, in `JournalEntry` order.
    static let journalColumns = [
        "version", "floor(extract(epoch FROM recorded_at) * 1000)::int8", "event", "from_status", "to_status", "deleted",
        "engine_work", "request_id", "actor", "detail", "engine_job_id", "savepoint_path",
    ]

    /// A page of a job's journal, newest first (primary key, scanned backwards). $1 project, $2 job,
    /// $3 only versions below this, $4 limit.
    static let journalPage = PGStatement(
        name: "job_journal_page",
        sql: """
            SELECT \(journalColumns.joined(separator: ", ")) FROM job_journal
            WHERE project_id = $1 AND job_id = $2 AND version < $3
            ORDER BY version DESC LIMIT $4
            """)

    /// A deleted job with its deletion (primary key). $1 project, $2 job.
    static let findDeleted = PGStatement(
        name: "jobs_find_deleted",
        sql: """
            SELECT \(JobColumns.selectList), \(deletionColumns.joined(separator: ", "))
            FROM jobs WHERE project_id = $1 AND job_id = $2 AND deleted_at IS NOT NULL
            """)

    /// Restores a deleted job at the expected version when none of its engine work is pending: clears the
    /// deletion (unless a purge of it began), sets the status (and the name, when given), journals it with the savepoint the job keeps,
    /// and records the request's audit event; returns the restored job (primary keys; engine_work_pending_by_job; jobs_live_name_key
    /// refuses a name a live job has).
    ///
    /// $1 project, $2 job, $3 expected version, $4 new status, $5 new name or NULL, $6 request id, $7 actor,
    /// $8 event, $9 from status, $10 detail, $11 audit action or NULL, $12 client address.
    static let restore = PGStatement(
        name: "jobs_restore",
        sql: """
            WITH changed AS (
                UPDATE jobs SET
                    status = $4, name = COALESCE($5::text, name), version = version + 1, updated_at = now(),
                    deleted_at = NULL, deleted_by = NULL, deleted_request_id = NULL, status_at_delete = NULL
                WHERE project_id = $1 AND job_id = $2 AND version = $3 AND deleted_at IS NOT NULL
                  AND purging_since IS NULL
                  AND NOT EXISTS (
                      SELECT 1 FROM engine_work w
                      WHERE w.project_id = $1 AND w.job_id = $2 AND w.done_at IS NULL)
                RETURNING *
            ), journal AS (
                INSERT INTO job_journal
                    (project_id, job_id, version, event, from_status, to_status, request_id, actor, detail, savepoint_path)
                SELECT project_id, job_id, version, $8, $9, $4, $6::text, $7::text, $10, savepoint_path FROM changed
            ), \(AuditInTransaction.cte(source: "changed", target: "job_id", actor: 7, requestID: 6, action: 11, clientAddress: 12))
            SELECT \(JobColumns.selectList) FROM changed
            """)
}
