-- Bilag 3.7 (Nye veje mod job (2015)): the same for sygedagpenge.
-- Conventions: sql/core/reference_paths.sql (exit_table).
CREATE OR REPLACE TABLE bilag_3_7 AS
SELECT * FROM exit_table(['sygedagpenge']);
