-- The engine reconciler: which Flink job carries each job, and progress on engine work between claims.

-- Progress of one piece of engine work: its step, when the step began (for the stop deadline), when it
-- is due again (back-off, polling an operation), the engine's savepoint request id, and a short note.
ALTER TABLE engine_work
    ADD COLUMN step              text        NOT NULL DEFAULT 'new' CHECK (step IN ('new', 'requested', 'savepointing')),
    ADD COLUMN step_started_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN not_before        timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN savepoint_request text,
    ADD COLUMN note              text;

-- The claim query: a job's oldest pending work first (work of one job is done in order).
CREATE INDEX engine_work_pending_by_job ON engine_work (project_id, job_id, job_version) WHERE done_at IS NULL;

-- The engine job that carries a job (set before it is submitted, so a crash cannot lose it), and when
-- the job is next polled: instances claim due polls with FOR UPDATE SKIP LOCKED and push them ahead.
CREATE TABLE engine_jobs (
    project_id    text        NOT NULL,
    job_id        bigint      NOT NULL,
    engine_job_id text        NOT NULL CHECK (engine_job_id ~ '^[0-9a-f]{32}$'),
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    next_poll_at  timestamptz NOT NULL DEFAULT now(),
    polled_by     text,
    PRIMARY KEY (project_id, job_id),
    FOREIGN KEY (project_id, job_id) REFERENCES jobs (project_id, job_id)
);
-- The poll claim query: due polls, oldest first.
CREATE INDEX engine_jobs_due ON engine_jobs (next_poll_at);
