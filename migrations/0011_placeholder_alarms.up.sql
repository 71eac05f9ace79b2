-- Placeholder so that 0013 loads on a branch without the real alarms migration; drop when merging.
SELECT 1;
