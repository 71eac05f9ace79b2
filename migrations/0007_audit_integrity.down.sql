-- Reverts 0007: the runtime role gets back what 0006 granted on credentials and audit_events.
GRANT INSERT, UPDATE ON credentials TO streamjobs_app;
GRANT UPDATE ON audit_events TO streamjobs_app;
