-- Job logs (issue 16): 'collect_logs' writes a job's logs to <obs_bucket>/jobs/<job_id>/logs/<engine job
-- id>/. It is enqueued by the engine transition that ends a run or a stop of a job with log_enabled and an
-- obs_bucket (in the same statement), and by POST …/jobs/{job_id}/logs (with its own journal entry), so
-- every piece of it has its own job version, as every other kind: the primary key stays as it is.
ALTER TABLE engine_work DROP CONSTRAINT engine_work_kind_check;
ALTER TABLE engine_work ADD CONSTRAINT engine_work_kind_check CHECK (kind IN
    ('submit', 'submit_from_savepoint', 'cancel', 'stop_with_savepoint', 'trigger_savepoint', 'restore',
     'collect_logs'));
