-- Undoes what a benchmark run changed (psql variables: p0, d, maxid): jobs the service or pgbench
-- deleted in the delete pool come back live at version 1 (so the pgbench scripts' expected version
-- holds), jobs created by runs are removed, and every journal, engine-work and audit row goes (the
-- loader writes none). The status-count trigger keeps job_status_counts exact through all of it.
\set ON_ERROR_STOP on
BEGIN;
DO $$ BEGIN  -- audit rows written by the requests (when the schema has them)
    IF to_regclass('audit_events') IS NOT NULL THEN EXECUTE 'DELETE FROM audit_events'; END IF;
END $$;
DELETE FROM engine_work;
DELETE FROM job_journal;
DELETE FROM jobs WHERE job_id > :maxid;
UPDATE jobs SET deleted_at = NULL, deleted_by = NULL, deleted_request_id = NULL, status_at_delete = NULL,
                version = 1, updated_at = created_at
WHERE project_id = :'p0' AND job_id <= :d AND deleted_at IS NOT NULL;
COMMIT;
VACUUM (ANALYZE) jobs;
VACUUM job_journal, engine_work, job_status_counts;
CHECKPOINT;
