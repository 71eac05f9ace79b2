-- PLACEHOLDER for 0013; dropped at merge.
SELECT 1;
