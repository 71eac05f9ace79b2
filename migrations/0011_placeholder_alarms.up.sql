-- PLACEHOLDER in branch joblogs only, so that 0012 applies after 0010 here: the alarms branch owns
-- 0011 (job_alarms). Drop this pair when merging (git revert of its commit).
SELECT 1;
