-- Reverts 0015.
DROP FUNCTION streamjobs_claim_engine_work(text, integer, bigint);
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
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION streamjobs_claim_engine_work(text, integer, bigint) SET search_path = %I, pg_temp',
        current_schema());
END $$;
REVOKE ALL ON FUNCTION streamjobs_claim_engine_work(text, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION streamjobs_claim_engine_work(text, integer, bigint) TO streamjobs_app;

ALTER TABLE jobs DROP COLUMN deletion_protection;
