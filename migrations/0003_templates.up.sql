-- Flink SQL job templates (dli-api.md §3.16). Like jobs: project_id first in the primary key, soft
-- deletes (the row stays), names unique among a project's live templates.

CREATE SEQUENCE job_template_id_seq AS bigint;

CREATE TABLE job_templates (
    project_id          text        NOT NULL CHECK (project_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    template_id         bigint      NOT NULL DEFAULT nextval('job_template_id_seq') CHECK (template_id > 0),
    name                text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
    description         text        NOT NULL DEFAULT '',
    sql_body            text        NOT NULL DEFAULT '',
    job_type            text        NOT NULL DEFAULT 'flink_sql_job'
                            CHECK (job_type IN ('flink_sql_job', 'flink_opensource_sql_job')),
    tags                jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- Every change increments version.
    version             bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by          text,
    created_request_id  text,
    -- Soft delete: the row stays; these say when, by whom and through which request.
    deleted_at          timestamptz,
    deleted_by          text,
    deleted_request_id  text,
    PRIMARY KEY (project_id, template_id)
);
ALTER SEQUENCE job_template_id_seq OWNED BY job_templates.template_id;

-- Names are unique among a project's live templates, so a deleted template's name can be reused.
CREATE UNIQUE INDEX job_templates_live_name_key ON job_templates (project_id, name) WHERE deleted_at IS NULL;

-- Listing (newest or oldest first) and the per-project count behind total_count and the 100-template cap.
CREATE INDEX job_templates_list_by_time ON job_templates (project_id, created_at, template_id)
    WHERE deleted_at IS NULL;
