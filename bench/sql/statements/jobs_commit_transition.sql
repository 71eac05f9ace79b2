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
), audit AS (
    INSERT INTO audit_events (project_id, actor, action, targets, status, request_id, client_address)
    SELECT project_id, $7::text, $13::text, ARRAY['job_id=' || job_id], 200,
           $6::text, $14::text
    FROM changed WHERE $13::text IS NOT NULL
)
SELECT version FROM changed
