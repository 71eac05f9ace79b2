-- job_cancel_fail (issue 16): a stop whose cancel the engine has not confirmed within the deadline ends
-- in job_cancel_fail, and the reconciler keeps polling such jobs, so that an engine job which does end
-- later still moves them to job_cancel_success. Same function as in 0006, plus that status.
CREATE OR REPLACE FUNCTION streamjobs_claim_engine_polls(text, integer, bigint)
RETURNS TABLE (project_id text, job_id bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    WITH due AS (
        SELECT e.project_id, e.job_id FROM engine_jobs e
        JOIN jobs j ON j.project_id = e.project_id AND j.job_id = e.job_id
        WHERE e.next_poll_at <= now() AND j.deleted_at IS NULL
          AND j.status IN ('job_submitting', 'job_running', 'job_downloading', 'job_idle', 'job_arrearage_recovering',
                           'job_cancel_fail')
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
