-- Reverts 0008: credential changes are no longer announced (instances must not cache credentials).
DROP TRIGGER credentials_truncated ON credentials;
DROP TRIGGER credentials_changed ON credentials;
DROP FUNCTION streamjobs_credential_changed();
