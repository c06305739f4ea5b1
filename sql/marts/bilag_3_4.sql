-- Bilag 3.4 (Nye veje mod job (2015)): prior support of persons on sygedagpenge in the
-- reference week by anciennity band. Prose: under one year 71 % were
-- employed before (ikke_offentlig here: DREAM has no employment flag) and 16 % on
-- dagpenge; 1-3 years 61 % and 26 %.
-- Conventions: sql/core/reference_paths.sql (prior_support_table).
CREATE OR REPLACE TABLE bilag_3_4 AS
SELECT * FROM prior_support_table(['sygedagpenge'], 'sygedagpenge', true, 2147483647);
