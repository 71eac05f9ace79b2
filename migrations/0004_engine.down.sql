DROP TABLE engine_jobs;
DROP INDEX engine_work_pending_by_job;
ALTER TABLE engine_work
    DROP COLUMN step, DROP COLUMN step_started_at, DROP COLUMN not_before, DROP COLUMN savepoint_request,
    DROP COLUMN note;
