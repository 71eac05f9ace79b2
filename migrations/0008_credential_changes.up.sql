-- Every change to a credential is announced (issue 14), so each service instance can keep the
-- credentials it has read in memory and drop them the moment one changes: revocation, expiry moved,
-- secret re-sealed, row deleted or the table truncated, whoever does it (the admin command, a script,
-- psql). The notification goes out when the changing transaction commits, on channel
-- streamjobs_credentials, with the credential id as payload ('*' for TRUNCATE). Instances LISTEN on a
-- session of their own (CredentialChangeFeed) and answer nothing from memory while that session is down
-- or its last heartbeat is older than two seconds. Inserts need no notice: a cache only keeps credentials
-- it found.
CREATE FUNCTION streamjobs_credential_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('streamjobs_credentials', '*');
    ELSE
        PERFORM pg_notify('streamjobs_credentials', OLD.credential_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER credentials_changed AFTER UPDATE OR DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION streamjobs_credential_changed();
CREATE TRIGGER credentials_truncated AFTER TRUNCATE ON credentials
    FOR EACH STATEMENT EXECUTE FUNCTION streamjobs_credential_changed();
