SELECT credential_id, project_id, master_key_id, encode(secret_key_nonce, 'hex'),
encode(secret_key_ciphertext, 'hex'), revoked_at IS NOT NULL, coalesce(expires_at <= now(), false) FROM credentials WHERE project_id = $1 AND access_key = $2
