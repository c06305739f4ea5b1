-- Tabel 3.2: hours-based activation (docs/METODE.md; Nye veje mod job (2015)).
-- Period P = the activation_period_weeks (13) ISO weeks ending with activation_end_week
-- (2014-W31, end of July 2014).
--   W_g   the weeks of P in which the person's category (with visitation) is g
--   population of g: W_g non-empty and the anciennity of the person's spell (family
--         of g) in the last week of W_g >= min_anciennity_weeks (26)
--   activation_hours = sum of activation_weeks.hours over the population's weeks in W_g
--   possible_hours   = full_time_hours (37) x sum |W_g|
--   andel_aktiveret  = persons with activation hours > 0 in W_g / antal x 100
--   aktiveringsgrad  = activation_hours / possible_hours x 100
--   aktiveringsgrad_beroerte = aktiveringsgrad / andel_aktiveret x 100 (blank if 0)
-- A person in two groups within P is in both populations, each with its own weeks.
CREATE OR REPLACE TABLE tabel_3_2 AS
WITH
p AS (
    SELECT getvariable('activation_end_week') AS e, getvariable('activation_period_weeks') AS n,
           getvariable('min_anciennity_weeks') AS min_anc, getvariable('full_time_hours') AS full_time
),
period AS (SELECT unnest(range(p.e - p.n + 1, p.e + 1)) AS week FROM p),
table_rows(ord, kategori, label) AS (VALUES
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
),
person_week AS (
    SELECT r.person_id, r.kategori, c.family, w.week
    FROM category_runs r
    JOIN categories c USING (category)
    JOIN period w ON w.week BETWEEN r.w_from AND r.w_to
    WHERE r.kategori IN (SELECT kategori FROM table_rows)
),
grp AS (
    SELECT person_id, kategori, family, max(week) AS last_week FROM person_week GROUP BY ALL
),
population AS (
    SELECT g.person_id, g.kategori
    FROM grp g
    JOIN spells s ON s.person_id = g.person_id AND s.family = g.family AND g.last_week BETWEEN s.w_from AND s.w_to, p
    WHERE g.last_week - s.w_from + 1 >= p.min_anc
),
per_person AS (
    SELECT w.person_id, w.kategori, count(*) AS n_weeks, coalesce(exact_sum(a.hours), 0) AS hours
    FROM person_week w
    JOIN population USING (person_id, kategori)
    LEFT JOIN activation_weeks a ON a.person_id = w.person_id AND a.week = w.week
    GROUP BY w.person_id, w.kategori
),
agg AS (
    SELECT t.ord, t.kategori, t.label, count(pp.person_id) AS antal,
           count(pp.person_id) FILTER (WHERE pp.hours > 0) AS aktiveret,
           coalesce(exact_sum(pp.hours), 0) AS activation_hours,
           any_value(p.full_time) * coalesce(sum(pp.n_weeks), 0) AS possible_hours,
           coalesce(max(pp.hours), 0) AS max_hours, any_value(p.full_time) * coalesce(max(pp.n_weeks), 0) AS max_possible
    FROM table_rows t LEFT JOIN per_person pp USING (kategori), p
    GROUP BY t.ord, t.kategori, t.label
)
SELECT kategori, label, CAST(antal AS BIGINT) AS antal,
       aktiveret * 100.0 / nullif(antal, 0) AS andel_aktiveret,
       100 - aktiveret * 100.0 / nullif(antal, 0) AS andel_ikke_aktiveret,
       activation_hours * 100.0 / nullif(possible_hours, 0) AS aktiveringsgrad,
       (activation_hours * 100.0 / nullif(possible_hours, 0)) / nullif(aktiveret * 100.0 / nullif(antal, 0), 0) * 100
           AS aktiveringsgrad_beroerte,
       CAST(activation_hours AS DOUBLE) AS activation_hours, CAST(possible_hours AS DOUBLE) AS possible_hours,
       -- one person's hours at most, for disclosure control's dominance rule (never published)
       CAST(max_hours AS DOUBLE) AS _max_timer, CAST(max_possible AS DOUBLE) AS _max_mulige_timer
FROM agg
ORDER BY ord;
