-- Credentials (AK/SK and bearer tokens, each scoped to one project) and the audit trail (issue 5).
-- project_id stays first in both primary keys.
--
-- Row-level security note: two lookups are NOT project-scoped, because they run before the project a
-- credential belongs to is known (they are how it becomes known): the AK lookup
-- (credentials_by_access_key) and the token-hash lookup (credentials_by_token_hash), both on every
-- authenticated request. Policies on `credentials` must let the service role run those two reads
-- across projects; everything else (list, revoke, audit reads and writes) is scoped by project_id.
-- The admin commands `streamjobs credentials list` (without --project) and `revoke <id>` also search
-- across projects.

CREATE TABLE credentials (
    project_id              text        NOT NULL CHECK (project_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    credential_id           text        NOT NULL CHECK (credential_id ~ '^cred-[0-9a-f]{20}$'),
    kind                    text        NOT NULL CHECK (kind IN ('aksk', 'token')),
    -- AK/SK: the AK in clear (it is sent with every request), the SK sealed with AES-256-GCM under the
    -- master key named by master_key_id (a fresh 12-byte nonce per secret; the AK is the associated data).
    access_key              text        CHECK (access_key ~ '^[A-Z0-9]{20}$'),
    secret_key_nonce        bytea,
    secret_key_ciphertext   bytea,
    master_key_id           text,
    -- Tokens: only the SHA-256 of the token is stored.
    token_sha256            bytea       CHECK (octet_length(token_sha256) = 32),
    description             text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 255),
    created_at              timestamptz NOT NULL DEFAULT now(),
    created_by              text        NOT NULL,
    expires_at              timestamptz,
    revoked_at              timestamptz,
    revoked_by              text,
    PRIMARY KEY (project_id, credential_id),
    CHECK (
        (kind = 'aksk' AND access_key IS NOT NULL AND secret_key_nonce IS NOT NULL
            AND secret_key_ciphertext IS NOT NULL AND master_key_id IS NOT NULL AND token_sha256 IS NULL)
        OR (kind = 'token' AND token_sha256 IS NOT NULL AND expires_at IS NOT NULL AND access_key IS NULL
            AND secret_key_nonce IS NULL AND secret_key_ciphertext IS NULL AND master_key_id IS NULL)
    )
);

-- The per-request lookups (not project-scoped, see above). Unique: one AK or token names one credential.
CREATE UNIQUE INDEX credentials_by_access_key ON credentials (access_key) WHERE access_key IS NOT NULL;
CREATE UNIQUE INDEX credentials_by_token_hash ON credentials (token_sha256) WHERE token_sha256 IS NOT NULL;
-- `revoke <credential-id>` without a project.
CREATE UNIQUE INDEX credentials_by_id ON credentials (credential_id);

CREATE TABLE audit_events (
    project_id      text        NOT NULL,
    event_id        bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    -- A credential id, 'anonymous', or 'cli:<user>' for admin commands; never a secret.
    actor           text        NOT NULL,
    action          text        NOT NULL,
    targets         text[]      NOT NULL DEFAULT '{}',
    status          integer     NOT NULL,
    error_code      text,
    -- Why authentication failed (bad_signature, date_out_of_window, ...), for failed authentications.
    reason          text,
    request_id      text        NOT NULL,
    client_address  text        NOT NULL,
    -- How many identical failed authentications this row stands for (the rest were throttled).
    count           integer     NOT NULL DEFAULT 1 CHECK (count >= 1),
    PRIMARY KEY (project_id, event_id)
);

-- `streamjobs audit --project P --since T`.
CREATE INDEX audit_events_by_time ON audit_events (project_id, occurred_at, event_id);
