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
        "version", "restart_times", "deletion_protection",
    ]

    /// `all` joined for a SELECT list.
    static let selectList = all.joined(separator: ", ")
}
