DROP INDEX jobs_deleted_by_time;
ALTER TABLE job_journal DROP COLUMN savepoint_path, DROP COLUMN engine_job_id;
