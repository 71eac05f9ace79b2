-- An audit trail the service cannot rewrite (issue 13). 0006 let the runtime role UPDATE audit_events
-- (so it could forge an event's actor) and INSERT and UPDATE credentials (so it could mint a credential
-- or undo a revocation). The service needs neither: it appends audit events and reads them, and it only
-- reads credentials (the two per-request lookups go through 0006's SECURITY DEFINER functions; the
-- failed-authentication path checks whether a project has any credential, scoped by row-level
-- security). Creating and revoking credentials is the admin command's, which connects as the tables'
-- owner (STREAMJOBS_MIGRATE_DATABASE_URL). DELETE and TRUNCATE were never granted.
REVOKE UPDATE ON audit_events FROM streamjobs_app;
REVOKE INSERT, UPDATE ON credentials FROM streamjobs_app;
