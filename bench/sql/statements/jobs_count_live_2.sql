SELECT COALESCE(sum(live), 0)::int8 FROM job_status_counts WHERE project_id = $1 AND status = $2
