-- Consistency of the data set (psql variables: p0, d): prints one line per problem, nothing when sound.
\set ON_ERROR_STOP on
SELECT 'job_status_counts differs from jobs for ' || coalesce(a.project_id, b.project_id) || '/'
       || coalesce(a.status, b.status) || ': ' || coalesce(a.live, 0) || ' vs ' || coalesce(b.live, 0)
FROM (SELECT project_id, status, sum(live) AS live FROM job_status_counts GROUP BY 1, 2 HAVING sum(live) <> 0) AS a
FULL JOIN (SELECT project_id, status, count(*) AS live FROM jobs WHERE deleted_at IS NULL GROUP BY 1, 2) AS b
  USING (project_id, status)
WHERE coalesce(a.live, 0) <> coalesce(b.live, 0);
SELECT 'delete pool job ' || job_id || ' is not a live job_running at version 1'
FROM jobs WHERE project_id = :'p0' AND job_id <= :d AND (deleted_at IS NOT NULL OR status <> 'job_running' OR version <> 1)
LIMIT 5;
