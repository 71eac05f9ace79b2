-- Jobs purged stay purged; the retention settings and the purge bookkeeping go.
DROP FUNCTION streamjobs_purge_job(text, bigint, text);
DROP FUNCTION streamjobs_claim_purges(text, integer, bigint);
DROP INDEX jobs_purging;
ALTER TABLE jobs DROP COLUMN purge_lease_until, DROP COLUMN purge_claimed_by, DROP COLUMN purging_since;
DROP TABLE project_settings;
