-- Bilag 3.3 (Nye veje mod job (2015)): prior support of persons on kontant- or
-- uddannelseshjælp in the reference week, by anciennity band (kth and udh pooled). Prose
--: under one year 73 % came from employment, education or other
-- self-support (ikke_offentlig), 20 % from SU education; 1-3 years 64 %, 3-5 years 63 %.
-- Conventions: sql/core/reference_paths.sql (prior_support_table).
CREATE OR REPLACE TABLE bilag_3_3 AS
SELECT * FROM prior_support_table(['kth', 'udh'], 'kth_udh', true, 2147483647);
