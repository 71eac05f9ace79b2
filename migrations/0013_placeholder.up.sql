-- PLACEHOLDER for 0013 (deleted jobs/journal, another branch); dropped at merge.
SELECT 1;
