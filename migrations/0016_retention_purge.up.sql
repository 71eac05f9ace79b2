-- Retention and purge of deleted jobs (issue 17, extension beyond DLI). A project may opt in to a
-- retention period for its deleted jobs (NULL, the default: kept forever, as DLI keeps them); a purger
-- hard-deletes a deleted job once it is older than that, or on request (DELETE …/deleted-jobs/{id}),
-- and disposes of its checkpoints and savepoints in the project's object space.

-- One row per project that changed a setting (absent: every setting at its default).
CREATE TABLE project_settings (
    project_id                 text        NOT NULL,
    deleted_job_retention_days integer     CHECK (deleted_job_retention_days BETWEEN 1 AND 3650),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id)
);

GRANT SELECT, INSERT, UPDATE ON project_settings TO streamjobs_app;
ALTER TABLE project_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_settings_project ON project_settings
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));

-- A purge in progress: set when a purger first claims the job (and never cleared, so a purge that
-- crashed after disposing of files is found again and finished, whatever the retention says), with
-- the claim's owner and lease (an expired lease lets another purger take it over).
ALTER TABLE jobs
    ADD COLUMN purging_since     timestamptz,
    ADD COLUMN purge_claimed_by  text,
    ADD COLUMN purge_lease_until timestamptz;

-- A begun purge, found again by the claim (few rows: purges under way or interrupted).
CREATE INDEX jobs_purging ON jobs (project_id, job_id) WHERE purging_since IS NOT NULL;

-- The purger's claim, a system path across projects: deleted jobs past their project's retention (from
-- the projects that set one, jobs_deleted_by_time), or whose purge began and was not finished
-- (jobs_purging), with no engine work pending (the delete's stop finished, engine_work_pending_by_job),
-- not leased by another purger. $1 owner, $2 limit, $3 lease in ms.
CREATE FUNCTION streamjobs_claim_purges(text, integer, bigint)
RETURNS TABLE (project_id text, job_id bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    WITH candidates AS (
        SELECT j.project_id, j.job_id FROM project_settings s
        JOIN jobs j ON j.project_id = s.project_id AND j.deleted_at IS NOT NULL
            AND j.deleted_at <= now() - s.deleted_job_retention_days * interval '1 day'
        WHERE s.deleted_job_retention_days IS NOT NULL
        UNION
        SELECT p.project_id, p.job_id FROM jobs p WHERE p.purging_since IS NOT NULL
    ), due AS (
        SELECT j.project_id, j.job_id FROM jobs j
        JOIN candidates c ON c.project_id = j.project_id AND c.job_id = j.job_id
        WHERE j.deleted_at IS NOT NULL
          AND (j.purge_lease_until IS NULL OR j.purge_lease_until < now())
          AND NOT EXISTS (
              SELECT 1 FROM engine_work w
              WHERE w.project_id = j.project_id AND w.job_id = j.job_id AND w.done_at IS NULL)
        ORDER BY j.deleted_at
        LIMIT $2
        FOR UPDATE OF j SKIP LOCKED
    )
    UPDATE jobs j SET purge_claimed_by = $1, purge_lease_until = now() + $3 * interval '1 millisecond',
        purging_since = COALESCE(j.purging_since, now())
    FROM due
    WHERE j.project_id = due.project_id AND j.job_id = due.job_id
    RETURNING j.project_id, j.job_id
$$;

-- Hard-deletes a deleted job's rows, in foreign-key order, when `owner` holds its purge claim. The
-- runtime role may delete nothing itself; this function is the one way it removes a job, and only
-- in the project of the calling transaction (app.project_id), only a deleted job it claimed.
-- $1 project, $2 job, $3 owner. True when the rows were deleted.
CREATE FUNCTION streamjobs_purge_job(text, bigint, text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
BEGIN
    IF $1 IS DISTINCT FROM current_setting('app.project_id', true) THEN
        RETURN false;
    END IF;
    PERFORM 1 FROM jobs
    WHERE project_id = $1 AND job_id = $2 AND deleted_at IS NOT NULL AND purge_claimed_by = $3
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM job_alarms  WHERE project_id = $1 AND job_id = $2;
    DELETE FROM engine_work WHERE project_id = $1 AND job_id = $2;
    DELETE FROM engine_jobs WHERE project_id = $1 AND job_id = $2;
    DELETE FROM job_journal WHERE project_id = $1 AND job_id = $2;
    DELETE FROM jobs        WHERE project_id = $1 AND job_id = $2;
    RETURN true;
END
$$;

DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        'streamjobs_claim_purges(text, integer, bigint)',
        'streamjobs_purge_job(text, bigint, text)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO streamjobs_app', f);
    END LOOP;
END $$;
