-- Failure alarms (issue 16, "Alarms"): an outbox of alarms raised when a job with an smn_topic enters
-- job_running_exception, job_submit_fail or job_cancel_fail. The row is inserted by the statement that
-- records the status change (engine_job_apply_transition), so the alarm commits or rolls back with it;
-- dispatchers on any instance claim due rows with FOR UPDATE SKIP LOCKED and POST them to the receiver.
CREATE SEQUENCE job_alarm_id_seq;

CREATE TABLE job_alarms (
    project_id       text        NOT NULL,
    alarm_id         bigint      NOT NULL DEFAULT nextval('job_alarm_id_seq'),
    job_id           bigint      NOT NULL,
    job_version      bigint      NOT NULL,   -- the job version the transition produced
    topic            text        NOT NULL CHECK (topic <> ''),
    status           text        NOT NULL CHECK (status IN ('job_running_exception', 'job_submit_fail', 'job_cancel_fail')),
    reason           text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'gave_up')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Due time while pending (a claim pushes it past the lease), NULL once delivered or given up.
    next_attempt_at  timestamptz DEFAULT now(),
    claimed_by       text,
    delivered_at     timestamptz,
    last_error       text        CHECK (length(last_error) <= 200),
    last_http_status integer,
    PRIMARY KEY (project_id, alarm_id),
    -- One alarm per transition; also the per-job list (project, job, in order of versions).
    CONSTRAINT job_alarms_by_job UNIQUE (project_id, job_id, job_version),
    FOREIGN KEY (project_id, job_id) REFERENCES jobs (project_id, job_id),
    CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);
-- The claim query: pending alarms, earliest due first.
CREATE INDEX job_alarms_due ON job_alarms (next_attempt_at) WHERE state = 'pending';

-- The service may read, insert and update (no DELETE), and only its project's rows (as 0006).
GRANT SELECT, INSERT, UPDATE ON job_alarms TO streamjobs_app;
GRANT USAGE ON SEQUENCE job_alarm_id_seq TO streamjobs_app;
ALTER TABLE job_alarms ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_alarms_project ON job_alarms
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

-- A system path (0006): dispatchers claim due alarms of any project (job_alarms_due), counting an
-- attempt and pushing the due time past the lease, so a crashed dispatcher's alarm is due again when
-- the lease ends. $1 owner, $2 limit, $3 lease in ms. Returns each alarm with its job's name.
CREATE FUNCTION streamjobs_claim_alarms(text, integer, bigint)
RETURNS TABLE (project_id text, alarm_id bigint, job_id bigint, job_name text, topic text, status text,
               reason text, created_ms bigint, attempts integer)
LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    WITH due AS (
        SELECT a.project_id, a.alarm_id FROM job_alarms a
        WHERE a.state = 'pending' AND a.next_attempt_at <= now()
        ORDER BY a.next_attempt_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED
    )
    UPDATE job_alarms a SET claimed_by = $1, attempts = a.attempts + 1,
        next_attempt_at = now() + $3 * interval '1 millisecond'
    FROM due
    WHERE a.project_id = due.project_id AND a.alarm_id = due.alarm_id
    RETURNING a.project_id, a.alarm_id, a.job_id,
        (SELECT j.name FROM jobs j WHERE j.project_id = a.project_id AND j.job_id = a.job_id),
        a.topic, a.status, a.reason, floor(extract(epoch FROM a.created_at) * 1000)::int8, a.attempts
$$;

-- The operations gauge streamjobs_alarms_pending: alarms not yet delivered nor given up, over all
-- projects (a count only; job_alarms_due).
CREATE FUNCTION streamjobs_pending_alarms()
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT count(*) FROM job_alarms WHERE state = 'pending'
$$;

DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['streamjobs_claim_alarms(text, integer, bigint)', 'streamjobs_pending_alarms()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO streamjobs_app', f);
    END LOOP;
END $$;
