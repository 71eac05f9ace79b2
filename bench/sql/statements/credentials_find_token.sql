SELECT credential_id, project_id, revoked_at IS NOT NULL, coalesce(expires_at <= now(), false)
FROM streamjobs_credential_by_token_hash(decode($1, 'hex'))
