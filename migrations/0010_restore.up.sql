-- Restores after the engine lost a job (issue 16): how often a job was restarted (restores and Flink's
-- own in-job restarts), and for each engine
-- job where it checkpoints and what it was started from, with the previous engine job's same columns
-- kept when a new engine job replaces it (so a resubmission still knows which checkpoints to resume,
-- also after a crash between assigning the new id and submitting it).
ALTER TABLE jobs ADD COLUMN restart_times integer NOT NULL DEFAULT 0 CHECK (restart_times >= 0);

ALTER TABLE engine_jobs
    ADD COLUMN checkpoint_dir          text,
    ADD COLUMN restored_from           text,
    ADD COLUMN previous_engine_job_id  text CHECK (previous_engine_job_id ~ '^[0-9a-f]{32}$'),
    ADD COLUMN previous_checkpoint_dir text,
    ADD COLUMN previous_restored_from  text,
    -- In-job restarts Flink reported for the current engine job (its restart strategy), already
    -- counted in jobs.restart_times.
    ADD COLUMN restarts                integer NOT NULL DEFAULT 0 CHECK (restarts >= 0);

-- 'restore': resubmission of a job the engine lost, from its latest checkpoint.
ALTER TABLE engine_work DROP CONSTRAINT engine_work_kind_check;
ALTER TABLE engine_work ADD CONSTRAINT engine_work_kind_check CHECK (kind IN
    ('submit', 'submit_from_savepoint', 'cancel', 'stop_with_savepoint', 'trigger_savepoint', 'restore'));
