-- Tabel 3.2: hours-based activation (docs/METODE.md; Nye veje mod job (2015)).
-- Period P = the activation_period_weeks (13) ISO weeks ending with activation_end_week
-- (2014-W31, end of July 2014).
--   W_g   the weeks of P in which the person's category (with visitation) is g
--   population of g: W_g non-empty and the anciennity of the person's spell (family
--         of g) in the last week of W_g >= min_anciennity_weeks (26)
--   activation_hours = sum of activation_runs.hours over the population's weeks in W_g
--   possible_hours   = full_time_hours (37) x sum |W_g|
--   andel_aktiveret  = persons with activation hours > 0 in W_g / antal x 100
--   aktiveringsgrad  = activation_hours / possible_hours x 100
--   aktiveringsgrad_beroerte = aktiveringsgrad / andel_aktiveret x 100 (blank if 0)
-- A person in two groups within P is in both populations, each with its own weeks. The
-- arithmetic is the table macro activation_rate (sql/core/activation_runs.sql).
CREATE OR REPLACE TEMP TABLE t32_rows AS
SELECT * FROM (VALUES
    (1, 'dagpenge', 'Dagpengemodtagere'),
    (2, 'kth_jobparat', 'Kontanthjælp – jobparate'),
    (3, 'kth_aktivitetsparat', 'Kontanthjælp – aktivitetsparate'),
    (4, 'udh_aabenlyst_uddannelsesparat', 'Uddannelseshjælp – åbenlyst uddannelsesparate'),
    (5, 'udh_uddannelsesparat', 'Uddannelseshjælp – uddannelsesparate'),
    (6, 'udh_aktivitetsparat', 'Uddannelseshjælp – aktivitetsparate'),
    (7, 'sygedagpenge', 'Sygedagpenge'),
    (8, 'revalidering', 'Revalidering'),
    (9, 'ressourceforloeb', 'Ressourceforløb'),
    (10, 'ledighedsydelse', 'Ledighedsydelse')
) t(ord, kategori, label);

CREATE OR REPLACE TEMP VIEW t32_groups AS SELECT kategori AS gruppe, kategori FROM t32_rows;

CREATE OR REPLACE TABLE tabel_3_2 AS
WITH
agg AS (
    SELECT t.ord, t.kategori, t.label, coalesce(a.antal, 0) AS antal, coalesce(a.aktiveret, 0) AS aktiveret,
           coalesce(a.activation_hours, 0) AS activation_hours, coalesce(a.possible_hours, 0) AS possible_hours,
           coalesce(a.max_hours, 0) AS max_hours, coalesce(a.max_possible, 0) AS max_possible
    FROM t32_rows t
    LEFT JOIN activation_rate(t32_groups, getvariable('activation_end_week') - getvariable('activation_period_weeks') + 1,
                              getvariable('activation_end_week'), getvariable('min_anciennity_weeks')) a
      ON a.gruppe = t.kategori
)
SELECT kategori, label, CAST(antal AS BIGINT) AS antal,
       aktiveret * 100.0 / nullif(antal, 0) AS andel_aktiveret,
       100 - aktiveret * 100.0 / nullif(antal, 0) AS andel_ikke_aktiveret,
       activation_hours / nullif(possible_hours, 0) * 100 AS aktiveringsgrad,
       (activation_hours / nullif(possible_hours, 0) * 100) / nullif(aktiveret * 100.0 / nullif(antal, 0), 0) * 100
           AS aktiveringsgrad_beroerte,
       CAST(activation_hours AS DOUBLE) AS activation_hours, CAST(possible_hours AS DOUBLE) AS possible_hours,
       -- one person's hours at most, for disclosure control's dominance rule (never published)
       CAST(max_hours AS DOUBLE) AS _max_timer, CAST(max_possible AS DOUBLE) AS _max_mulige_timer
FROM agg
ORDER BY ord;
