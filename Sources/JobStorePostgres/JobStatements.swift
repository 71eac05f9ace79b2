import PostgresClient

/// Every SQL statement the job repository runs, as named prepared statements. Values are always `$n`
/// parameters. Each is served by an index named in `migrations/` (see the comment on each).
enum JobStatements {
    /// The columns a new job's INSERT sets, in parameter order ($1 …).
    static let insertColumns: [String] = [
        "project_id", "name", "description", "job_type", "queue_name", "user_name", "run_mode", "sql_body",
        "template_id", "cu_number", "parallel_number", "manager_cu_number", "tm_cus", "tm_slot_num",
        "checkpoint_enabled", "checkpoint_mode", "checkpoint_interval", "obs_bucket", "log_enabled", "smn_topic",
        "restart_when_exception", "idle_state_retention", "dirty_data_strategy", "udf_jar_url", "resume_checkpoint",
        "resume_max_num", "runtime_config", "flink_version", "execution_agency_urn", "resource_config_version",
        "resource_config", "flink_log_config", "operator_config", "static_estimator_config", "main_class",
        "entrypoint", "entrypoint_args", "dependency_jars", "dependency_files", "checkpoint_path", "feature",
        "image", "edge_group_ids", "tags", "deletion_protection",
    ]

    /// Parameter casts the server cannot infer from an INSERT target alone.
    private static func placeholder(_ index: Int, _ column: String) -> String {
        switch column {
        case "resource_config", "tags": return "$\(index)::jsonb"
        default: return "$\(index)"
        }
    }

    /// Inserts a job, its first journal entry and the request's audit event in one statement (primary key;
    /// jobs_live_name_key). Parameters: the `insertColumns` values, then request id, actor, audit action
    /// (NULL: no audit event) and client address (`AuditInTransaction`).
    static let insert: PGStatement = {
        let n = insertColumns.count
        let values = insertColumns.enumerated().map { placeholder($0.offset + 1, $0.element) }.joined(separator: ", ")
        let audit = AuditInTransaction.cte(
            source: "j", target: "job_id", actor: n + 2, requestID: n + 1, action: n + 3, clientAddress: n + 4)
        return PGStatement(
            name: "jobs_insert",
            sql: """
                WITH j AS (
                    INSERT INTO jobs (\(insertColumns.joined(separator: ", "))) VALUES (\(values)) RETURNING *
                ), journal AS (
                    INSERT INTO job_journal (project_id, job_id, version, event, from_status, to_status, request_id, actor)
                    SELECT project_id, job_id, version, 'create', NULL, status, $\(n + 1), $\(n + 2) FROM j
                ), \(audit)
                SELECT \(JobColumns.selectList) FROM j
                """)
    }()

    /// A live job by id (primary key).
    static let findLive = PGStatement(
        name: "jobs_find_live",
        sql: "SELECT \(JobColumns.selectList) FROM jobs WHERE project_id = $1 AND job_id = $2 AND deleted_at IS NULL")

    /// Status, version, deletion and deletion protection of a job, deleted or not (primary key).
    static let snapshot = PGStatement(
        name: "jobs_snapshot",
        sql: "SELECT status, version, deleted_at IS NOT NULL, deletion_protection FROM jobs WHERE project_id = $1 AND job_id = $2")

    /// The conditional transition: applies only if the job is live and still at the expected version;
    /// writes the journal entry, the engine work and the request's audit event in the same statement
    /// (primary keys).
    ///
    /// $1 project, $2 job, $3 expected version, $4 new status, $5 soft delete, $6 request id, $7 actor,
    /// $8 event, $9 from status, $10 engine work kind or NULL, $11 savepoint path to attach or NULL,
    /// $12 engine work parameters (jsonb object), $13 audit action or NULL, $14 client address, $15 whether
    /// the job may be live on an engine (the journal entry then names the engine job, engine_jobs' key).
    static let commitTransition = PGStatement(
        name: "jobs_commit_transition",
        sql: """
            WITH changed AS (
                UPDATE jobs SET
                    status = $4, version = version + 1, updated_at = now(),
                    deleted_at = CASE WHEN $5::boolean THEN now() END,
                    deleted_by = CASE WHEN $5::boolean THEN $7::text END,
                    deleted_request_id = CASE WHEN $5::boolean THEN $6::text END,
                    status_at_delete = CASE WHEN $5::boolean THEN status END,
                    has_savepoint = has_savepoint OR $11::text IS NOT NULL,
                    savepoint_path = COALESCE($11::text, savepoint_path),
                    restart_times = CASE WHEN $8::text = 'run' THEN 0 ELSE restart_times END
                WHERE project_id = $1 AND job_id = $2 AND version = $3 AND deleted_at IS NULL
                RETURNING project_id, job_id, version
            ), journal AS (
                INSERT INTO job_journal
                    (project_id, job_id, version, event, from_status, to_status, deleted, engine_work, request_id, actor,
                     engine_job_id, savepoint_path)
                SELECT project_id, job_id, version, $8, $9, $4, $5::boolean, $10::text, $6::text, $7::text,
                    CASE WHEN $15::boolean THEN (
                        SELECT e.engine_job_id FROM engine_jobs e
                        WHERE e.project_id = changed.project_id AND e.job_id = changed.job_id) END,
                    $11::text
                FROM changed
                RETURNING project_id, job_id, version
            ), work AS (
                INSERT INTO engine_work (project_id, job_id, job_version, kind, parameters)
                SELECT project_id, job_id, version, $10::text, $12::jsonb FROM journal WHERE $10::text IS NOT NULL
            ), \(AuditInTransaction.cte(source: "changed", target: "job_id", actor: 7, requestID: 6, action: 13, clientAddress: 14))
            SELECT version FROM changed
            """)

    /// The definition columns an update replaces (not the type, template or creator). Tags are written
    /// as given: updates start from the current definition, so only an import overwrite changes them.
    static let updateColumns: [String] = insertColumns.filter {
        !["project_id", "job_type", "template_id", "user_name"].contains($0)
    }

    /// Replaces a live job's definition at the expected version, journals it and records the request's
    /// audit event (primary key). Parameters: the `updateColumns` values, then project, job, expected
    /// version, request id, actor, event, from status, to status, audit action or NULL, client address.
    static let update: PGStatement = {
        let n = updateColumns.count
        let sets = updateColumns.enumerated().map { "\($0.element) = \(placeholder($0.offset + 1, $0.element))" }
        let audit = AuditInTransaction.cte(
            source: "changed", target: "job_id", actor: n + 5, requestID: n + 4, action: n + 9, clientAddress: n + 10)
        return PGStatement(
            name: "jobs_update_definition",
            sql: """
                WITH changed AS (
                    UPDATE jobs SET \(sets.joined(separator: ", ")), status = $\(n + 8),
                        version = version + 1, updated_at = now()
                    WHERE project_id = $\(n + 1) AND job_id = $\(n + 2) AND version = $\(n + 3) AND deleted_at IS NULL
                    RETURNING project_id, job_id, version, updated_at
                ), journal AS (
                    INSERT INTO job_journal (project_id, job_id, version, event, from_status, to_status, request_id, actor)
                    SELECT project_id, job_id, version, $\(n + 6), $\(n + 7), $\(n + 8), $\(n + 4), $\(n + 5) FROM changed
                ), \(audit)
                SELECT version, floor(extract(epoch FROM updated_at) * 1000)::int8 FROM changed
                """)
    }()
}
