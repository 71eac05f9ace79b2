-- Placeholder so that 0013 loads on a branch without the real job_logs migration; drop when merging.
SELECT 1;
