-- PLACEHOLDER (no-op) so 0015 applies on this branch; replaced at merge.
SELECT 1;
