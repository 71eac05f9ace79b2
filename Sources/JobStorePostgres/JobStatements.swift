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
        "image", "edge_group_ids", "tags",
    ]

    /// Parameter casts the server cannot infer from an INSERT target alone.
    private static func placeholder(_ index: Int, _ column: String) -> String {
        switch column {
        case "resource_config", "tags": return "$\(index)::jsonb"
        default: return "$\(index)"
        }
    }

    /// Inserts a job and its first journal entry in one statement (primary key; jobs_live_name_key).
    static let insert: PGStatement = {
        let n = insertColumns.count
        let values = insertColumns.enumerated().map { placeholder($0.offset + 1, $0.element) }.joined(separator: ", ")
        return PGStatement(
            name: "jobs_insert",
            sql: """
                WITH j AS (
                    INSERT INTO jobs (\(insertColumns.joined(separator: ", "))) VALUES (\(values)) RETURNING *
                ), journal AS (
                    INSERT INTO job_journal (project_id, job_id, version, event, from_status, to_status, request_id, actor)
                    SELECT project_id, job_id, version, 'create', NULL, status, $\(n + 1), $\(n + 2) FROM j
                )
                SELECT \(JobColumns.selectList) FROM j
                """)
    }()

    /// A live job by id (primary key).
    static let findLive = PGStatement(
        name: "jobs_find_live",
        sql: "SELECT \(JobColumns.selectList) FROM jobs WHERE project_id = $1 AND job_id = $2 AND deleted_at IS NULL")

    /// Status, version and deletion of a job, deleted or not (primary key).
    static let snapshot = PGStatement(
        name: "jobs_snapshot",
        sql: "SELECT status, version, deleted_at IS NOT NULL FROM jobs WHERE project_id = $1 AND job_id = $2")

    /// The conditional transition: applies only if the job is live and still at the expected version;
    /// writes the journal entry and the engine work in the same statement (primary keys).
    ///
    /// $1 project, $2 job, $3 expected version, $4 new status, $5 soft delete, $6 request id, $7 actor,
    /// $8 event, $9 from status, $10 engine work kind or NULL.
    static let commitTransition = PGStatement(
        name: "jobs_commit_transition",
        sql: """
            WITH changed AS (
                UPDATE jobs SET
                    status = $4, version = version + 1, updated_at = now(),
                    deleted_at = CASE WHEN $5::boolean THEN now() END,
                    deleted_by = CASE WHEN $5::boolean THEN $7::text END,
                    deleted_request_id = CASE WHEN $5::boolean THEN $6::text END,
                    status_at_delete = CASE WHEN $5::boolean THEN status END
                WHERE project_id = $1 AND job_id = $2 AND version = $3 AND deleted_at IS NULL
                RETURNING project_id, job_id, version
            ), journal AS (
                INSERT INTO job_journal
                    (project_id, job_id, version, event, from_status, to_status, deleted, engine_work, request_id, actor)
                SELECT project_id, job_id, version, $8, $9, $4, $5::boolean, $10::text, $6::text, $7::text FROM changed
                RETURNING project_id, job_id, version
            ), work AS (
                INSERT INTO engine_work (project_id, job_id, job_version, kind)
                SELECT project_id, job_id, version, $10::text FROM journal WHERE $10::text IS NOT NULL
            )
            SELECT version FROM changed
            """)
}
