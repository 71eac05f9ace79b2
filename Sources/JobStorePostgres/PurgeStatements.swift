import PostgresClient

/// The statements of the purger (`PostgresJobPurgeStore`) and of the project settings, as named prepared
/// statements with bind parameters. Indexes are named on each.
enum PurgeStatements {
    /// The cross-project claim: migration 0016's `SECURITY DEFINER` function. $1 owner, $2 limit, $3 lease ms.
    static let claimExpired = PGStatement(
        name: "purge_claim_expired",
        sql: "SELECT project_id, job_id FROM streamjobs_claim_purges($1, $2, $3)")

    /// A job's purge facts (primary keys): the job, deleted, engine work pending, the savepoints its
    /// journal recorded (but imports) and the imported ones (newline-separated), the engine jobs and their
    /// checkpoint bases. $1 project, $2 job.
    static let facts = PGStatement(
        name: "purge_facts",
        sql: """
            SELECT \(JobColumns.selectList), deleted_at IS NOT NULL,
                EXISTS (SELECT 1 FROM engine_work w WHERE w.project_id = $1 AND w.job_id = $2 AND w.done_at IS NULL),
                array_to_string(ARRAY(
                    SELECT DISTINCT savepoint_path FROM job_journal
                    WHERE project_id = $1 AND job_id = $2 AND savepoint_path IS NOT NULL AND event <> 'import_savepoint'
                ), E'\\n'),
                array_to_string(ARRAY(
                    SELECT DISTINCT savepoint_path FROM job_journal
                    WHERE project_id = $1 AND job_id = $2 AND savepoint_path IS NOT NULL AND event = 'import_savepoint'
                ), E'\\n'),
                (SELECT engine_job_id FROM engine_jobs e WHERE e.project_id = $1 AND e.job_id = $2),
                (SELECT checkpoint_dir FROM engine_jobs e WHERE e.project_id = $1 AND e.job_id = $2),
                (SELECT previous_engine_job_id FROM engine_jobs e WHERE e.project_id = $1 AND e.job_id = $2),
                (SELECT previous_checkpoint_dir FROM engine_jobs e WHERE e.project_id = $1 AND e.job_id = $2)
            FROM jobs WHERE project_id = $1 AND job_id = $2
            """)

    /// Claims one deleted job of the project at its version when no engine work of it is pending and no
    /// purger holds it (primary keys; engine_work_pending_by_job). $1 project, $2 job, $3 version,
    /// $4 owner, $5 lease ms.
    static let claimOne = PGStatement(
        name: "purge_claim_one",
        sql: """
            UPDATE jobs SET purge_claimed_by = $4, purge_lease_until = now() + $5 * interval '1 millisecond',
                purging_since = COALESCE(purging_since, now())
            WHERE project_id = $1 AND job_id = $2 AND version = $3 AND deleted_at IS NOT NULL
              AND (purge_lease_until IS NULL OR purge_lease_until < now())
              AND NOT EXISTS (
                  SELECT 1 FROM engine_work w WHERE w.project_id = $1 AND w.job_id = $2 AND w.done_at IS NULL)
            RETURNING job_id
            """)

    /// Deletes the job's rows through migration 0016's `streamjobs_purge_job` (only a deleted job `owner`
    /// claimed, in the transaction's project) and, when it did, inserts the audit record, in one statement.
    /// $1 project, $2 job, $3 owner, $4 actor, $5 action, $6 request id, $7 client address.
    static let finish = PGStatement(
        name: "purge_finish",
        sql: """
            WITH purged AS (
                SELECT streamjobs_purge_job($1, $2, $3) AS done
            ), audit AS (
                INSERT INTO audit_events (project_id, actor, action, targets, status, request_id, client_address)
                SELECT $1, $4::text, $5::text, ARRAY['job_id=' || $2::text], 200, $6::text, $7::text
                FROM purged WHERE done
            )
            SELECT done FROM purged
            """)

    /// A project's settings (primary key). $1 project.
    static let settings = PGStatement(
        name: "project_settings_find",
        sql: "SELECT deleted_job_retention_days FROM project_settings WHERE project_id = $1")

    /// Stores a project's settings and the request's audit event (primary key).
    /// $1 project, $2 retention days or NULL, $3 actor, $4 request id, $5 audit action or NULL, $6 client address.
    static let saveSettings = PGStatement(
        name: "project_settings_save",
        sql: """
            WITH saved AS (
                INSERT INTO project_settings (project_id, deleted_job_retention_days, updated_at)
                VALUES ($1, $2::int4, now())
                ON CONFLICT (project_id) DO UPDATE
                    SET deleted_job_retention_days = EXCLUDED.deleted_job_retention_days, updated_at = now()
                RETURNING project_id, deleted_job_retention_days
            ), \(AuditInTransaction.cte(source: "saved", target: "project_id", actor: 3, requestID: 4, action: 5, clientAddress: 6))
            SELECT deleted_job_retention_days FROM saved
            """)
}
