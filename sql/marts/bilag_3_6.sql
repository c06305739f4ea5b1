-- Bilag 3.6 (Nye veje mod job (2015)): the same for uddannelseshjælp.
-- Conventions: sql/core/reference_paths.sql (exit_table).
CREATE OR REPLACE TABLE bilag_3_6 AS
SELECT * FROM exit_table(['udh']);
