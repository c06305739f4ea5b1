-- Bilag 3.5 (Nye veje mod job (2015)): persons on kontanthjælp in the reference week by
-- kth anciennity band (kth and udh pooled) and their state in the following
-- quarter (most frequent in weeks 21-32 2014). Prose: of the leavers,
-- 19 / 39 / 60 / 74 % go to other public support (< 1, 1-3, 3-5, > 5 years).
-- Conventions: sql/core/reference_paths.sql (exit_table).
CREATE OR REPLACE TABLE bilag_3_5 AS
SELECT * FROM exit_table(['kth']);
