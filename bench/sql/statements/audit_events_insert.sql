INSERT INTO audit_events (project_id, actor, action, targets, status, error_code, reason, request_id,
                          client_address, count)
VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10)
