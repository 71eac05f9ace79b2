-- Deleted jobs and the journal as readable history (issue 17, extensions beyond DLI).

-- The engine job a journal entry concerns and the savepoint it recorded or attached. Entries written
-- before this migration keep NULL (their savepoint, if any, is only in `detail`).
ALTER TABLE job_journal
    ADD COLUMN engine_job_id  text,
    ADD COLUMN savepoint_path text;

-- GET …/deleted-jobs: a project's deleted jobs, newest deletion first, paged by (deleted_at, job_id).
CREATE INDEX jobs_deleted_by_time ON jobs (project_id, deleted_at, job_id) WHERE deleted_at IS NOT NULL;
