-- Jobs, their journal, and engine work. Every tenant table keeps project_id first in its primary key
-- and in its foreign keys, so the schema can be distributed by project later (e.g. Citus).

CREATE SEQUENCE job_id_seq AS bigint;

CREATE TABLE jobs (
    project_id              text        NOT NULL CHECK (project_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    job_id                  bigint      NOT NULL DEFAULT nextval('job_id_seq') CHECK (job_id > 0),
    name                    text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 57),
    description             text        NOT NULL DEFAULT '',
    job_type                text        NOT NULL CHECK (job_type IN
                                ('flink_sql_job', 'flink_opensource_sql_job', 'flink_sql_edge_job', 'flink_jar_job')),
    status                  text        NOT NULL DEFAULT 'job_init' CHECK (status IN (
                                'job_init', 'job_submitting', 'job_submit_fail', 'job_running',
                                'job_running_exception', 'job_downloading', 'job_idle', 'job_canceling',
                                'job_cancel_success', 'job_cancel_fail', 'job_savepointing',
                                'job_arrearage_stopped', 'job_arrearage_recovering', 'job_finish')),
    status_desc             text        NOT NULL DEFAULT '',
    queue_name              text,
    user_name               text,
    run_mode                text        NOT NULL DEFAULT 'shared_cluster'
                                CHECK (run_mode IN ('shared_cluster', 'exclusive_cluster', 'edge_node')),
    sql_body                text,
    template_id             bigint,
    cu_number               integer     NOT NULL DEFAULT 2,
    parallel_number         integer     NOT NULL DEFAULT 1,
    manager_cu_number       integer     NOT NULL DEFAULT 1,
    tm_cus                  integer     NOT NULL DEFAULT 1,
    tm_slot_num             integer,
    checkpoint_enabled      boolean     NOT NULL DEFAULT false,
    checkpoint_mode         smallint    NOT NULL DEFAULT 1 CHECK (checkpoint_mode IN (1, 2)),
    checkpoint_interval     integer     NOT NULL DEFAULT 10,
    obs_bucket              text,
    log_enabled             boolean     NOT NULL DEFAULT false,
    smn_topic               text,
    restart_when_exception  boolean     NOT NULL DEFAULT false,
    idle_state_retention    integer     NOT NULL DEFAULT 3600,
    dirty_data_strategy     text        NOT NULL DEFAULT '0',
    udf_jar_url             text,
    resume_checkpoint       boolean     NOT NULL DEFAULT false,
    resume_max_num          integer     NOT NULL DEFAULT -1,
    runtime_config          text,
    flink_version           text,
    execution_agency_urn    text,
    resource_config_version text,
    resource_config         jsonb,
    flink_log_config        text,
    operator_config         text,
    static_estimator_config text,
    main_class              text,
    entrypoint              text,
    entrypoint_args         text,
    dependency_jars         text[]      NOT NULL DEFAULT '{}',
    dependency_files        text[]      NOT NULL DEFAULT '{}',
    checkpoint_path         text,
    feature                 text,
    image                   text,
    edge_group_ids          text[]      NOT NULL DEFAULT '{}',
    tags                    jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    root_id                 bigint      NOT NULL DEFAULT -1,
    has_savepoint           boolean     NOT NULL DEFAULT false,
    savepoint_path          text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    started_at              timestamptz,
    -- Every change increments version; it is also the journal's sequence number for the job.
    version                 bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- Soft delete: the row stays; these say when, by whom, through which request, from which status.
    deleted_at              timestamptz,
    deleted_by              text,
    deleted_request_id      text,
    status_at_delete        text,
    PRIMARY KEY (project_id, job_id),
    CHECK ((deleted_at IS NULL) = (status_at_delete IS NULL))
);
ALTER SEQUENCE job_id_seq OWNED BY jobs.job_id;

-- Names are unique among a project's live jobs, so a deleted job's name can be reused.
CREATE UNIQUE INDEX jobs_live_name_key ON jobs (project_id, name) WHERE deleted_at IS NULL;

-- The single history of a job: one row per transition, written in the same transaction as the change.
CREATE TABLE job_journal (
    project_id   text        NOT NULL,
    job_id       bigint      NOT NULL,
    version      bigint      NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    event        text        NOT NULL,
    from_status  text,
    to_status    text        NOT NULL,
    deleted      boolean     NOT NULL DEFAULT false,
    engine_work  text,
    request_id   text,
    actor        text,
    detail       text        NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, job_id, version),
    FOREIGN KEY (project_id, job_id) REFERENCES jobs (project_id, job_id)
);

-- Engine work a reconciler claims with FOR UPDATE SKIP LOCKED and a lease that expires.
CREATE TABLE engine_work (
    project_id   text        NOT NULL,
    job_id       bigint      NOT NULL,
    job_version  bigint      NOT NULL,
    kind         text        NOT NULL CHECK (kind IN
                     ('submit', 'submit_from_savepoint', 'cancel', 'stop_with_savepoint', 'trigger_savepoint')),
    requested_at timestamptz NOT NULL DEFAULT now(),
    claimed_by   text,
    lease_until  timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    done_at      timestamptz,
    outcome      text,
    PRIMARY KEY (project_id, job_id, job_version),
    FOREIGN KEY (project_id, job_id, job_version) REFERENCES job_journal (project_id, job_id, version)
);
-- The reconciler's claim query: pending work, oldest first.
CREATE INDEX engine_work_pending ON engine_work (requested_at) WHERE done_at IS NULL;
