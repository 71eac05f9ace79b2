-- The benchmark data set, generated straight into the freshly migrated (empty) tables (psql variables: n0, d).
--
-- 100 projects, project_id = md5('bench-project-' || k). Project k = 1 is the largest with :n0 jobs
-- (ids 1 .. :n0); project k > 1 gets max(50, :n0 / k^2) jobs (a skewed, Zipf-like spread).
-- In project 1, jobs 1 .. :d are the delete pool: all live, all job_running (delete enqueues engine
-- work). Every other job q (0-based after the pool) has status number q % 14 of the 14 DLI statuses
-- and is deleted when (q / 14) % 20 = 19 (5 %), with deleted_by = 'bench-load'. bench/lua/get.lua
-- and the pgbench GET script compute live ids from that rule, so keep them in step.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;

BEGIN;

CREATE TEMP TABLE bench_projects ON COMMIT DROP AS
WITH p AS (
    SELECT k, md5('bench-project-' || k) AS project_id,
           CASE WHEN k = 1 THEN :n0 ELSE greatest(50, :n0 / (k * k)) END::bigint AS n
    FROM generate_series(1, 100) AS k)
SELECT k, project_id, n,
       (coalesce(sum(n) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint AS base,
       CASE WHEN k = 1 THEN :d ELSE 0 END::bigint AS pool
FROM p;

-- Secondary indexes are dropped and rebuilt after the load (faster than maintaining them row by row);
-- their definitions are read from the catalog, so migrations stay the single source.
CREATE TEMP TABLE bench_indexes ON COMMIT DROP AS
SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
FROM pg_index WHERE indrelid = 'jobs'::regclass AND NOT indisprimary;
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT name FROM bench_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;
-- The status-count trigger is replaced by one GROUP BY below (checked afterwards).
ALTER TABLE jobs DISABLE TRIGGER USER;

INSERT INTO jobs (project_id, job_id, name, description, job_type, status, queue_name, user_name, sql_body,
                  cu_number, parallel_number, checkpoint_enabled, checkpoint_interval, log_enabled, obs_bucket,
                  flink_version, tags, created_at, updated_at, started_at,
                  deleted_at, deleted_by, deleted_request_id, status_at_delete)
SELECT p.project_id, p.base + i, 'job-' || i,
       'Aggregates clicks per user; owner: "team ' || (i % 7) || E'"\tv2',
       CASE WHEN i % 10 = 0 THEN 'flink_jar_job' ELSE 'flink_opensource_sql_job' END,
       s.status, 'queue-' || (i % 5), 'user-' || (i % 20),
       'INSERT INTO sink_' || (i % 50) || ' SELECT user_id, count(*) AS clicks FROM source_' || (i % 30)
           || ' GROUP BY TUMBLE(proctime, INTERVAL ''1'' MINUTE), user_id',
       2 + (i % 4), 1 + (i % 3), i % 2 = 0, 10 + (i % 50), i % 3 = 0, 'bucket-' || (i % 9), '1.12',
       ('[{"key":"team","value":"t' || (i % 8) || '"}]')::jsonb,
       t.created, t.created,
       CASE WHEN s.status IN ('job_running', 'job_idle', 'job_savepointing') THEN t.created + interval '1 minute' END,
       CASE WHEN s.deleted THEN t.created + interval '1 hour' END,
       CASE WHEN s.deleted THEN 'bench-load' END,
       CASE WHEN s.deleted THEN 'bench-load-' || (p.base + i) END,
       CASE WHEN s.deleted THEN s.status END
FROM bench_projects AS p,
     generate_series(1, p.n) AS i,
     LATERAL (SELECT timestamptz '2025-01-01 00:00:00+00' + (p.base + i) * interval '1 second' AS created) AS t,
     LATERAL (SELECT CASE WHEN i <= p.pool THEN 'job_running'
                          ELSE (ARRAY['job_init', 'job_submitting', 'job_submit_fail', 'job_running',
                                      'job_running_exception', 'job_downloading', 'job_idle', 'job_canceling',
                                      'job_cancel_success', 'job_cancel_fail', 'job_savepointing',
                                      'job_arrearage_stopped', 'job_arrearage_recovering',
                                      'job_finish'])[(i - p.pool - 1) % 14 + 1] END AS status,
                     i > p.pool AND ((i - p.pool - 1) / 14) % 20 = 19 AS deleted) AS s;

ALTER TABLE jobs ENABLE TRIGGER USER;
INSERT INTO job_status_counts (project_id, status, slot, live)
SELECT project_id, status, 0, count(*) FROM jobs WHERE deleted_at IS NULL GROUP BY project_id, status;
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT def FROM bench_indexes LOOP EXECUTE r.def; END LOOP;
END $$;
SELECT setval('job_id_seq', (SELECT max(job_id) FROM jobs));
COMMIT;

VACUUM (ANALYZE) jobs;
VACUUM (ANALYZE) job_status_counts;
CHECKPOINT;
