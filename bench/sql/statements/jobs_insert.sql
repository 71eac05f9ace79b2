WITH j AS (
    INSERT INTO jobs (project_id, name, description, job_type, queue_name, user_name, run_mode, sql_body, template_id, cu_number, parallel_number, manager_cu_number, tm_cus, tm_slot_num, checkpoint_enabled, checkpoint_mode, checkpoint_interval, obs_bucket, log_enabled, smn_topic, restart_when_exception, idle_state_retention, dirty_data_strategy, udf_jar_url, resume_checkpoint, resume_max_num, runtime_config, flink_version, execution_agency_urn, resource_config_version, resource_config, flink_log_config, operator_config, static_estimator_config, main_class, entrypoint, entrypoint_args, dependency_jars, dependency_files, checkpoint_path, feature, image, edge_group_ids, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31::jsonb, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44::jsonb) RETURNING *
), journal AS (
    INSERT INTO job_journal (project_id, job_id, version, event, from_status, to_status, request_id, actor)
    SELECT project_id, job_id, version, 'create', NULL, status, $45, $46 FROM j
), audit AS (
    INSERT INTO audit_events (project_id, actor, action, targets, status, request_id, client_address)
    SELECT project_id, $46::text, $47::text, ARRAY['job_id=' || job_id], 200,
           $45::text, $48::text
    FROM j WHERE $47::text IS NOT NULL
)
SELECT project_id, job_id, name, description, job_type, status, status_desc, queue_name, user_name, run_mode, sql_body, template_id, cu_number, parallel_number, manager_cu_number, tm_cus, tm_slot_num, checkpoint_enabled, checkpoint_mode, checkpoint_interval, obs_bucket, log_enabled, smn_topic, restart_when_exception, idle_state_retention, dirty_data_strategy, udf_jar_url, resume_checkpoint, resume_max_num, runtime_config, flink_version, execution_agency_urn, resource_config_version, resource_config::text, flink_log_config, operator_config, static_estimator_config, main_class, entrypoint, entrypoint_args, to_json(dependency_jars)::text, to_json(dependency_files)::text, checkpoint_path, feature, image, to_json(edge_group_ids)::text, tags::text, root_id, has_savepoint, savepoint_path, floor(extract(epoch FROM created_at) * 1000)::int8, floor(extract(epoch FROM updated_at) * 1000)::int8, floor(extract(epoch FROM started_at) * 1000)::int8, version, restart_times FROM j
