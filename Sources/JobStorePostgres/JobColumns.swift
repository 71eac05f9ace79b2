/// The column list every job read selects, in the order `JobRowDecoder` reads it. One place, so a
/// new column is added to the SELECT and the decoder together.
enum JobColumns {
    /// Column expressions, in decoding order.
    static let all: [String] = [
        "project_id", "job_id", "name", "description", "job_type", "status", "status_desc", "queue_name",
        "user_name", "run_mode", "sql_body", "template_id", "cu_number", "parallel_number", "manager_cu_number",
        "tm_cus", "tm_slot_num", "checkpoint_enabled", "checkpoint_mode", "checkpoint_interval", "obs_bucket",
        "log_enabled", "smn_topic", "restart_when_exception", "idle_state_retention", "dirty_data_strategy",
        "udf_jar_url", "resume_checkpoint", "resume_max_num", "runtime_config", "flink_version",
        "execution_agency_urn", "resource_config_version", "resource_config::text", "flink_log_config",
        "operator_config", "static_estimator_config", "main_class", "entrypoint", "entrypoint_args",
        "to_json(dependency_jars)::text", "to_json(dependency_files)::text", "checkpoint_path", "feature", "image",
        "to_json(edge_group_ids)::text", "tags::text", "root_id", "has_savepoint", "savepoint_path",
        "floor(extract(epoch FROM created_at) * 1000)::int8",
        "floor(extract(epoch FROM updated_at) * 1000)::int8",
        "floor(extract(epoch FROM started_at) * 1000)::int8",
        "version",
    ]

    /// `all` joined for a SELECT list.
    static let selectList = all.joined(separator: ", ")

    /// The SELECT list of a list page's summary items. A summary shows identity, status, times, queue,
    /// savepoint and tags (`JobJSON.writeSummary`); every other column is replaced by a constant of its
    /// type, so PostgreSQL neither reads nor formats the SQL text (up to 1 MiB a job) and configuration,
    /// and the decoder builds no strings for them.
    static let summarySelectList = all.map { summaryPlaceholders[$0] ?? $0 }.joined(separator: ", ")

    /// Constants that stand in for the columns a summary does not show (valid for the decoder).
    private static let summaryPlaceholders: [String: String] = {
        var placeholders: [String: String] = [:]
        for column in [
            "sql_body", "obs_bucket", "smn_topic", "udf_jar_url", "runtime_config", "flink_version",
            "execution_agency_urn", "resource_config_version", "resource_config::text", "flink_log_config",
            "operator_config", "static_estimator_config", "main_class", "entrypoint", "entrypoint_args",
            "checkpoint_path", "feature", "image",
        ] { placeholders[column] = "NULL::text" }
        for column in [
            "cu_number", "parallel_number", "manager_cu_number", "tm_cus", "checkpoint_interval", "idle_state_retention",
            "resume_max_num",
        ] { placeholders[column] = "0" }
        for column in ["checkpoint_enabled", "log_enabled", "restart_when_exception", "resume_checkpoint"] {
            placeholders[column] = "false"
        }
        placeholders["template_id"] = "NULL::int8"
        placeholders["tm_slot_num"] = "NULL::int4"
        placeholders["checkpoint_mode"] = "1"
        placeholders["dirty_data_strategy"] = "'0'"
        placeholders["to_json(dependency_jars)::text"] = "'[]'"
        placeholders["to_json(dependency_files)::text"] = "'[]'"
        return placeholders
    }()
}
