-- Bilag 3.2 (Nye veje mod job (2015)): prior support (forsørgelseskilde) of persons on
-- fleksjob, revalidering, førtidspension and ressourceforløb in the reference week with
-- under five years (260 weeks) on the benefit, per benefit. Prose: 80-90 %
-- were on public support before.
-- Conventions: sql/core/reference_paths.sql (prior_support_table).
CREATE OR REPLACE TABLE bilag_3_2 AS
SELECT * FROM prior_support_table(['fleksjob', 'revalidering', 'foertidspension', 'ressourceforloeb'], 'per_ydelse', false, 260);
