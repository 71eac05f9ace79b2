-- Reverts 0006: the system functions, the policies and the grants. The role streamjobs_app is left in
-- place: roles belong to the whole cluster and other databases may use it (DROP ROLE it by hand).
DROP FUNCTION streamjobs_credential_by_token_hash(bytea);
DROP FUNCTION streamjobs_credential_by_access_key(text);
DROP FUNCTION streamjobs_live_jobs_by_status();
DROP FUNCTION streamjobs_claim_engine_polls(text, integer, bigint);
DROP FUNCTION streamjobs_claim_engine_work(text, integer, bigint);

DROP POLICY audit_events_project ON audit_events;
ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY;
DROP POLICY credentials_project ON credentials;
ALTER TABLE credentials DISABLE ROW LEVEL SECURITY;
REVOKE SELECT, INSERT, UPDATE ON credentials, audit_events FROM streamjobs_app;

DROP POLICY job_templates_project ON job_templates;
ALTER TABLE job_templates DISABLE ROW LEVEL SECURITY;
DROP POLICY job_status_counts_project ON job_status_counts;
ALTER TABLE job_status_counts DISABLE ROW LEVEL SECURITY;
DROP POLICY engine_jobs_project ON engine_jobs;
ALTER TABLE engine_jobs DISABLE ROW LEVEL SECURITY;
DROP POLICY engine_work_project ON engine_work;
ALTER TABLE engine_work DISABLE ROW LEVEL SECURITY;
DROP POLICY job_journal_project ON job_journal;
ALTER TABLE job_journal DISABLE ROW LEVEL SECURITY;
DROP POLICY jobs_project ON jobs;
ALTER TABLE jobs DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON schema_migrations FROM streamjobs_app;
REVOKE USAGE ON SEQUENCE job_id_seq, job_template_id_seq FROM streamjobs_app;
REVOKE SELECT, INSERT, UPDATE ON jobs, job_journal, engine_work, engine_jobs, job_status_counts, job_templates
    FROM streamjobs_app;
DO $$
BEGIN
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM streamjobs_app', current_schema());
END $$;
