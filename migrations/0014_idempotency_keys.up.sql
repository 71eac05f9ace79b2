-- Idempotency keys (issue 17, "Idempotency-Key"; a StreamJobs extension beyond DLI). A mutating request
-- that carries an Idempotency-Key header reserves (project_id, key) here before it executes; its
-- response is stored in the same row and replayed, byte for byte, to every later request with the same
-- key and the same request fingerprint for 24 h. The rule is in README ("Retrying safely") and
-- ARCHITECTURE.md §5.
CREATE TABLE idempotency_keys (
    project_id   text        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 (hex) over method, route template, path parameters, query and the body's SHA-256.
    fingerprint  text        NOT NULL CHECK (length(fingerprint) = 64),
    -- A random value per reservation: only the request that reserved the key stores its response.
    token        text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('in_progress', 'done')),
    -- Until when an in-progress reservation is presumed to be executing; past it, with no response
    -- stored, the outcome is reported as unknown (never executed again).
    lease_until  timestamptz NOT NULL,
    status       integer     CHECK (status BETWEEN 100 AND 999),
    content_type text,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    -- Past it the key is ignored: the next request with it executes anew (and takes the row over), and
    -- reservations in the same project delete a few expired rows each.
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (project_id, key),
    CHECK ((state = 'done') = (status IS NOT NULL AND body IS NOT NULL AND completed_at IS NOT NULL))
);
-- The opportunistic purge: a project's expired keys, oldest first.
CREATE INDEX idempotency_keys_expired ON idempotency_keys (project_id, expires_at);

-- The service reads, reserves, completes, and deletes expired keys (the one table it may delete from:
-- a key is a cached response, not a record; the audit trail keeps what happened).
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO streamjobs_app;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_project ON idempotency_keys
    USING (project_id = current_setting('app.project_id', true))
    WITH CHECK (project_id = current_setting('app.project_id', true));
