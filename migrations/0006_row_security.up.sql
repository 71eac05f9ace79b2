-- Isolation in depth (issue 5): row-level security on every tenant table, keyed by a per-transaction
-- setting. The service connects as a role that does not own the tables (a member of streamjobs_app,
-- or streamjobs_app itself with LOGIN), so the policies apply to it. Every project-scoped store call
-- runs in a transaction that first does set_config('app.project_id', <project>, true); a statement
-- that forgot `WHERE project_id = ...` still sees, changes and counts only that project's rows, and
-- with the setting unset (or empty) no row at all.
--
-- The table owner (the role that applies migrations) is not subject to the policies (no FORCE): it
-- runs only migrations, and the few cross-project "system" paths below, as SECURITY DEFINER functions.

-- The runtime role. Roles belong to the whole cluster, so it may already exist (another database,
-- or created beforehand by an administrator when the migrating role may not create roles).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'streamjobs_app') THEN
        BEGIN
            CREATE ROLE streamjobs_app NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;   -- created concurrently (another database)
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role streamjobs_app does not exist and % may not create it', current_user
                    USING HINT = 'As an administrator: CREATE ROLE streamjobs_app NOLOGIN; then migrate again.';
        END;
    END IF;
END $$;

-- What the service may do: read, insert and update (deletes are soft: no DELETE, no TRUNCATE).
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO streamjobs_app', current_schema());
END $$;
GRANT SELECT, INSERT, UPDATE ON jobs, job_journal, engine_work, engine_jobs, job_status_counts, job_templates
    TO streamjobs_app;
GRANT USAGE ON SEQUENCE job_id_seq, job_template_id_seq TO streamjobs_app;
-- The start-up schema check and /readyz read the bookkeeping table (the migrator creates it first).
GRANT SELECT ON schema_migrations TO streamjobs_app;

-- One policy per tenant table, for every command and every role but the owner.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY jobs_project ON jobs
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

ALTER TABLE job_journal ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_journal_project ON job_journal
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

ALTER TABLE engine_work ENABLE ROW LEVEL SECURITY;
CREATE POLICY engine_work_project ON engine_work
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

ALTER TABLE engine_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY engine_jobs_project ON engine_jobs
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

-- Written by the jobs_status_counts trigger, which runs as the service's role inside its transaction.
ALTER TABLE job_status_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_status_counts_project ON job_status_counts
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

ALTER TABLE job_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_templates_project ON job_templates
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

-- Credentials and the audit trail (0005). Everything about them is project-scoped except the two
-- lookups that find out which project a request's credential belongs to: those are the functions
-- streamjobs_credential_by_access_key / _by_token_hash below. Cross-project admin commands
-- (`streamjobs credentials list` without --project, `revoke <id>`) connect as the owner
-- (STREAMJOBS_MIGRATE_DATABASE_URL), like `streamjobs migrate`.
GRANT SELECT, INSERT, UPDATE ON credentials, audit_events TO streamjobs_app;

ALTER TABLE credentials ENABLE ROW LEVEL SECURITY;
CREATE POLICY credentials_project ON credentials
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_events_project ON audit_events
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

-- The system paths: the only statements that work across projects. Each is a SECURITY DEFINER
-- function (it runs as the owner, who is not subject to the policies) that the service may execute
-- and nothing else; search_path is pinned to this schema so no object of the caller is picked up.

-- The reconciler claims due engine work of any project (engine_work_pending_by_job, engine_work_pending).
-- $1 owner, $2 limit, $3 lease in ms. Same statement as EngineWorkStatements had before 0006.
CREATE FUNCTION streamjobs_claim_engine_work(text, integer, bigint)
RETURNS TABLE (project_id text, job_id bigint, job_version bigint, kind text, step text, savepoint_request text,
               attempts integer, step_age_ms bigint, savepoint_path text)
LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    WITH due AS (
        SELECT w.project_id, w.job_id, w.job_version FROM engine_work w
        WHERE w.done_at IS NULL AND w.not_before <= now()
          AND (w.lease_until IS NULL OR w.lease_until < now())
          AND NOT EXISTS (
              SELECT 1 FROM engine_work o
              WHERE o.project_id = w.project_id AND o.job_id = w.job_id AND o.done_at IS NULL
                AND o.job_version < w.job_version)
        ORDER BY w.requested_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED
    )
    UPDATE engine_work w SET claimed_by = $1, lease_until = now() + $3 * interval '1 millisecond',
        attempts = w.attempts + 1
    FROM due
    WHERE w.project_id = due.project_id AND w.job_id = due.job_id AND w.job_version = due.job_version
    RETURNING w.project_id, w.job_id, w.job_version, w.kind, w.step, w.savepoint_request, w.attempts,
        floor(extract(epoch FROM (now() - w.step_started_at)) * 1000)::int8, w.parameters->>'savepoint_path'
$$;

-- The reconciler claims due polls of live jobs of any project (engine_jobs_due); it then reads each
-- claimed job scoped to its project. $1 owner, $2 limit, $3 interval in ms.
CREATE FUNCTION streamjobs_claim_engine_polls(text, integer, bigint)
RETURNS TABLE (project_id text, job_id bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    WITH due AS (
        SELECT e.project_id, e.job_id FROM engine_jobs e
        JOIN jobs j ON j.project_id = e.project_id AND j.job_id = e.job_id
        WHERE e.next_poll_at <= now() AND j.deleted_at IS NULL
          AND j.status IN ('job_submitting', 'job_running', 'job_downloading', 'job_idle', 'job_arrearage_recovering')
          AND NOT EXISTS (
              SELECT 1 FROM engine_work w
              WHERE w.project_id = e.project_id AND w.job_id = e.job_id AND w.done_at IS NULL)
        ORDER BY e.next_poll_at
        LIMIT $2
        FOR UPDATE OF e SKIP LOCKED
    )
    UPDATE engine_jobs e SET next_poll_at = now() + $3 * interval '1 millisecond', polled_by = $1
    FROM due WHERE e.project_id = due.project_id AND e.job_id = due.job_id
    RETURNING e.project_id, e.job_id
$$;

-- The operations gauge streamjobs_jobs{status}: live jobs per status over all projects (counts only).
CREATE FUNCTION streamjobs_live_jobs_by_status()
RETURNS TABLE (status text, jobs bigint)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT status, count(*) FROM jobs WHERE deleted_at IS NULL GROUP BY status
$$;

-- Authentication, before the project is known: the credential (of any project) with this AK or
-- this token hash (credentials_by_access_key, credentials_by_token_hash). All columns, as the table.
CREATE FUNCTION streamjobs_credential_by_access_key(text)
RETURNS SETOF credentials
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT * FROM credentials WHERE access_key = $1
$$;

CREATE FUNCTION streamjobs_credential_by_token_hash(bytea)
RETURNS SETOF credentials
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT * FROM credentials WHERE token_sha256 = $1
$$;

DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        'streamjobs_claim_engine_work(text, integer, bigint)',
        'streamjobs_claim_engine_polls(text, integer, bigint)',
        'streamjobs_live_jobs_by_status()',
        'streamjobs_credential_by_access_key(text)',
        'streamjobs_credential_by_token_hash(bytea)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO streamjobs_app', f);
    END LOOP;
END $$;
