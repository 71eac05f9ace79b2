-- Listing jobs (GET /v1.0/{project_id}/streaming/jobs): page indexes and exact per-status counts.

-- First pages by creation time, newest or oldest first, optionally by status.
CREATE INDEX jobs_list_by_time ON jobs (project_id, created_at, job_id) WHERE deleted_at IS NULL;
CREATE INDEX jobs_list_by_status_time ON jobs (project_id, status, created_at, job_id) WHERE deleted_at IS NULL;

-- Live jobs per (project, status), kept exact by a trigger so total_count never scans a million rows.
-- Each backend writes its own slot (pg_backend_pid() % 16): concurrent writers in one project do
-- not queue on one counter row; readers sum the slots.
CREATE TABLE job_status_counts (
    project_id text    NOT NULL,
    status     text    NOT NULL,
    slot       integer NOT NULL,
    live       bigint  NOT NULL,
    PRIMARY KEY (project_id, status, slot)
);

CREATE FUNCTION job_status_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s integer := pg_backend_pid() % 16;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        INSERT INTO job_status_counts AS c (project_id, status, slot, live) VALUES (OLD.project_id, OLD.status, s, -1)
        ON CONFLICT (project_id, status, slot) DO UPDATE SET live = c.live - 1;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
        INSERT INTO job_status_counts AS c (project_id, status, slot, live) VALUES (NEW.project_id, NEW.status, s, 1)
        ON CONFLICT (project_id, status, slot) DO UPDATE SET live = c.live + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER jobs_status_counts AFTER INSERT OR DELETE OR UPDATE OF status, deleted_at ON jobs
    FOR EACH ROW EXECUTE FUNCTION job_status_counts_track();

-- Parameters of engine work (e.g. the target directory of a savepoint).
ALTER TABLE engine_work ADD COLUMN parameters jsonb NOT NULL DEFAULT '{}';
