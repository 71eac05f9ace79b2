SELECT status, version, deleted_at IS NOT NULL, deletion_protection FROM jobs WHERE project_id = $1 AND job_id = $2
