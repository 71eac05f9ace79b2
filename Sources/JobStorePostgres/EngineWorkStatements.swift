import PostgresClient

/// The reconciler's statements (engine work, engine jobs, engine transitions), as named prepared
/// statements with bind parameters. Indexes are named in `migrations/0004_engine.up.sql`.
enum EngineWorkStatements {
    /// Claims due work of any project, at most one per job (its oldest pending), leasing it. A system
    /// path: the statement is the `SECURITY DEFINER` function of migrations/0006 (engine_work_pending_by_job,
    /// engine_work_pending). $1 owner, $2 limit, $3 lease in ms. Returns `EngineWorkRow` columns.
    static let claimWork = PGStatement(
        name: "engine_work_claim",
        sql: "SELECT * FROM streamjobs_claim_engine_work($1, $2::integer, $3::int8)")

    /// Releases a lease and makes the work due again later (primary key). $1 project, $2 job, $3 version,
    /// $4 owner, $5 step, $6 savepoint request, $7 delay ms, $8 restart step clock, $9 note.
    static let reschedule = PGStatement(
        name: "engine_work_reschedule",
        sql: """
            UPDATE engine_work SET claimed_by = NULL, lease_until = NULL, step = $5, savepoint_request = $6,
                not_before = now() + $7::int8 * interval '1 millisecond',
                step_started_at = CASE WHEN $8::boolean OR step <> $5 THEN now() ELSE step_started_at END,
                note = COALESCE($9, note)
            WHERE project_id = $1 AND job_id = $2 AND job_version = $3 AND claimed_by = $4 AND done_at IS NULL
            """)

    /// Marks work done (primary key). $1 project, $2 job, $3 version, $4 owner, $5 outcome.
    static let complete = PGStatement(
        name: "engine_work_complete",
        sql: """
            UPDATE engine_work SET done_at = now(), outcome = $5, lease_until = NULL
            WHERE project_id = $1 AND job_id = $2 AND job_version = $3 AND claimed_by = $4 AND done_at IS NULL
            """)

    /// Claims due polls of live jobs of any project that have an engine job and no pending work. A
    /// system path: the `SECURITY DEFINER` function of migrations/0006 (engine_jobs_due).
    /// $1 owner, $2 limit, $3 interval ms. Returns (project, job).
    static let claimPolls = PGStatement(
        name: "engine_jobs_claim_polls",
        sql: "SELECT * FROM streamjobs_claim_engine_polls($1, $2::integer, $3::int8)")

    /// A job, deleted or not, with its deletion flag and engine job id (primary keys).
    static let record = PGStatement(
        name: "engine_job_record",
        sql: """
            SELECT \(JobColumns.selectList), deleted_at IS NOT NULL,
                (SELECT e.engine_job_id FROM engine_jobs e WHERE e.project_id = jobs.project_id AND e.job_id = jobs.job_id)
            FROM jobs WHERE project_id = $1 AND job_id = $2
            """)

    /// Assigns the engine job (primary key). $1 project, $2 job, $3 engine job id.
    static let setEngineJob = PGStatement(
        name: "engine_jobs_set",
        sql: """
            INSERT INTO engine_jobs (project_id, job_id, engine_job_id) VALUES ($1, $2, $3)
            ON CONFLICT (project_id, job_id) DO UPDATE
                SET engine_job_id = EXCLUDED.engine_job_id, assigned_at = now(), next_poll_at = now()
            """)

    /// Sets status_desc only (primary key). $1 project, $2 job, $3 version, $4 text.
    static let describe = PGStatement(
        name: "engine_job_describe",
        sql: """
            UPDATE jobs SET status_desc = $4
            WHERE project_id = $1 AND job_id = $2 AND version = $3 AND status_desc <> $4
            """)

    /// An engine transition on a job, deleted or not: status, description, savepoint, start time, a
    /// journal entry (naming the engine job and the savepoint) and optional new engine work, conditional
    /// on the version (primary keys).
    /// $1 project, $2 job, $3 expected version, $4 new status, $5 status_desc, $6 savepoint path or NULL,
    /// $7 starts running, $8 event, $9 from status, $10 engine work kind or NULL, $11 actor.
    static let applyTransition = PGStatement(
        name: "engine_job_apply_transition",
        sql: """
            WITH changed AS (
                UPDATE jobs SET status = $4, status_desc = $5, version = version + 1, updated_at = now(),
                    has_savepoint = has_savepoint OR $6::text IS NOT NULL,
                    savepoint_path = COALESCE($6::text, savepoint_path),
                    started_at = CASE WHEN $7::boolean THEN now() ELSE started_at END
                WHERE project_id = $1 AND job_id = $2 AND version = $3
                RETURNING project_id, job_id, version
            ), journal AS (
                INSERT INTO job_journal
                    (project_id, job_id, version, event, from_status, to_status, deleted, engine_work, actor, detail,
                     engine_job_id, savepoint_path)
                SELECT project_id, job_id, version, $8, $9, $4, false, $10::text, $11::text,
                    $5 || CASE WHEN $6::text IS NULL THEN '' ELSE ' (savepoint ' || $6::text || ')' END,
                    (SELECT e.engine_job_id FROM engine_jobs e
                     WHERE e.project_id = changed.project_id AND e.job_id = changed.job_id),
                    $6::text
                FROM changed
                RETURNING project_id, job_id, version
            ), work AS (
                INSERT INTO engine_work (project_id, job_id, job_version, kind)
                SELECT project_id, job_id, version, $10::text FROM journal WHERE $10::text IS NOT NULL
            )
            SELECT version FROM changed
            """)
}
