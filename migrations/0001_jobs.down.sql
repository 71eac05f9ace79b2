DROP TABLE engine_work;
DROP TABLE job_journal;
DROP TABLE jobs;
