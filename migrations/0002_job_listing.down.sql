ALTER TABLE engine_work DROP COLUMN parameters;
DROP TRIGGER jobs_status_counts ON jobs;
DROP FUNCTION job_status_counts_track();
DROP TABLE job_status_counts;
DROP INDEX jobs_list_by_status_time;
DROP INDEX jobs_list_by_time;
