SELECT job_id, name, description, job_type, status, status_desc, queue_name, user_name, run_mode, edge_group_ids, tags, root_id, has_savepoint, savepoint_path, created_at, updated_at, started_at FROM jobs WHERE project_id = $1 AND deleted_at IS NULL AND root_id = -1 AND status = $2
ORDER BY created_at DESC, job_id DESC OFFSET $3 LIMIT $4
