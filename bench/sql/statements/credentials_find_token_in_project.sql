SELECT credential_id, project_id, revoked_at IS NOT NULL, coalesce(expires_at <= now(), false) FROM credentials WHERE project_id = $1 AND token_sha256 = decode($2, 'hex')
