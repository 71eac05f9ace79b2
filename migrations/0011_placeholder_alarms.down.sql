-- Placeholder; drop when merging.
SELECT 1;
