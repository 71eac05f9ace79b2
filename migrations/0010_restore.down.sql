-- Reverts 0010 (restore work becomes a plain submission).
UPDATE engine_work SET kind = 'submit' WHERE kind = 'restore';
ALTER TABLE engine_work DROP CONSTRAINT engine_work_kind_check;
ALTER TABLE engine_work ADD CONSTRAINT engine_work_kind_check CHECK (kind IN
    ('submit', 'submit_from_savepoint', 'cancel', 'stop_with_savepoint', 'trigger_savepoint'));
ALTER TABLE engine_jobs
    DROP COLUMN checkpoint_dir, DROP COLUMN restored_from, DROP COLUMN previous_engine_job_id,
    DROP COLUMN previous_checkpoint_dir, DROP COLUMN previous_restored_from, DROP COLUMN restarts;
ALTER TABLE jobs DROP COLUMN restart_times;
