-- Back to the kinds of 0010: log collections (pending or done) go with their kind.
DELETE FROM engine_work WHERE kind = 'collect_logs';
ALTER TABLE engine_work DROP CONSTRAINT engine_work_kind_check;
ALTER TABLE engine_work ADD CONSTRAINT engine_work_kind_check CHECK (kind IN
    ('submit', 'submit_from_savepoint', 'cancel', 'stop_with_savepoint', 'trigger_savepoint', 'restore'));
