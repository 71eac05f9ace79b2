-- PLACEHOLDER (see the up file).
SELECT 1;
