-- Placeholder so that 0013 loads on a branch without the real restore migration; drop when merging.
SELECT 1;
