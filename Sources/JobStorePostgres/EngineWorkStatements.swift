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

    /// A job, deleted or not, with its deletion flag, its engine job id, that engine job's checkpoint
    /// location, origin and counted in-job restarts, and the previous engine job's id, checkpoint location and origin
    /// (primary keys).
    static let record = PGStatement(
        name: "engine_job_record",
        sql: """
            SELECT \(JobColumns.selectList), deleted_at IS NOT NULL,
                e.e_id, e.e_checkpoint_dir, e.e_restored_from, e.e_previous_id, e.e_previous_checkpoint_dir,
                e.e_previous_restored_from, e.e_restarts
            FROM jobs LEFT JOIN LATERAL (
                SELECT x.engine_job_id AS e_id, x.checkpoint_dir AS e_checkpoint_dir, x.restored_from AS e_restored_from,
                    x.previous_engine_job_id AS e_previous_id, x.previous_checkpoint_dir AS e_previous_checkpoint_dir,
                    x.previous_restored_from AS e_previous_restored_from, x.restarts AS e_restarts
                FROM engine_jobs x WHERE x.project_id = jobs.project_id AND x.job_id = jobs.job_id
            ) e ON true
            WHERE jobs.project_id = $1 AND jobs.job_id = $2
            """)

    /// Assigns the engine job (primary key). $1 project, $2 job, $3 engine job id, $4 its checkpoint
    /// location (NULL: the engine's default), $5 what it is started from. A different engine job it
    /// replaces moves to the `previous_*` columns; the same id again (a retried submission) keeps them.
    static let setEngineJob = PGStatement(
        name: "engine_jobs_set",
        sql: """
            INSERT INTO engine_jobs (project_id, job_id, engine_job_id, checkpoint_dir, restored_from)
            VALUES ($1, $2, $3, $4::text, $5::text)
            ON CONFLICT (project_id, job_id) DO UPDATE
                SET engine_job_id = EXCLUDED.engine_job_id, assigned_at = now(), next_poll_at = now(),
                    checkpoint_dir = EXCLUDED.checkpoint_dir, restored_from = EXCLUDED.restored_from,
                    previous_engine_job_id = CASE WHEN engine_jobs.engine_job_id <> EXCLUDED.engine_job_id
                        THEN engine_jobs.engine_job_id ELSE engine_jobs.previous_engine_job_id END,
                    previous_checkpoint_dir = CASE WHEN engine_jobs.engine_job_id <> EXCLUDED.engine_job_id
                        THEN engine_jobs.checkpoint_dir ELSE engine_jobs.previous_checkpoint_dir END,
                    previous_restored_from = CASE WHEN engine_jobs.engine_job_id <> EXCLUDED.engine_job_id
                        THEN engine_jobs.restored_from ELSE engine_jobs.previous_restored_from END,
                    restarts = CASE WHEN engine_jobs.engine_job_id <> EXCLUDED.engine_job_id
                        THEN 0 ELSE engine_jobs.restarts END
            """)

    /// Counts engine job $3's in-job restarts up to $4 and adds those not yet counted to the job's
    /// restart_times (primary keys; only while $3 is the job's engine job). $1 project, $2 job.
    static let recordEngineRestarts = PGStatement(
        name: "engine_jobs_record_restarts",
        sql: """
            WITH counted AS (
                SELECT restarts FROM engine_jobs
                WHERE project_id = $1 AND job_id = $2 AND engine_job_id = $3 AND restarts < $4::integer
                FOR UPDATE
            ), raised AS (
                UPDATE engine_jobs e SET restarts = $4::integer FROM counted
                WHERE e.project_id = $1 AND e.job_id = $2
                RETURNING $4::integer - counted.restarts AS added
            )
            UPDATE jobs SET restart_times = restart_times + raised.added FROM raised
            WHERE jobs.project_id = $1 AND jobs.job_id = $2
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
    /// on the version (primary keys). A transition that enqueues `restore` work (the engine lost the job)
    /// adds one to restart_times: it is recorded once per loss.
    /// A transition that raises an alarm ($12, `EngineTransition.raisesAlarm`) of a live job with an
    /// `smn_topic` also inserts the alarm into the outbox (`job_alarms`, migrations/0011), so the alarm
    /// commits or rolls back with the status.
    /// $1 project, $2 job, $3 expected version, $4 new status, $5 status_desc, $6 savepoint path or NULL,
    /// $7 starts running, $8 event, $9 from status, $10 engine work kind or NULL, $11 actor, $12 raises an alarm.
    static let applyTransition = PGStatement(
        name: "engine_job_apply_transition",
        sql: """
            WITH changed AS (
                UPDATE jobs SET status = $4, status_desc = $5, version = version + 1, updated_at = now(),
                    has_savepoint = has_savepoint OR $6::text IS NOT NULL,
                    savepoint_path = COALESCE($6::text, savepoint_path),
                    started_at = CASE WHEN $7::boolean THEN now() ELSE started_at END,
                    restart_times = restart_times + CASE WHEN $10::text = 'restore' THEN 1 ELSE 0 END
                WHERE project_id = $1 AND job_id = $2 AND version = $3
                RETURNING project_id, job_id, version, smn_topic, deleted_at
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
            ), alarm AS (
                INSERT INTO job_alarms (project_id, job_id, job_version, topic, status, reason)
                SELECT project_id, job_id, version, smn_topic, $4, $5 FROM changed
                WHERE $12::boolean AND smn_topic IS NOT NULL AND smn_topic <> '' AND deleted_at IS NULL
            )
            SELECT version FROM changed
            """)
}
