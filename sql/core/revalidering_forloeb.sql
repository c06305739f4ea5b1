-- Revalidering courses (Nye veje mod job (2015) kapitel 7; docs/METODE.md "Revalidering").
-- A course (forløb) of revalidering, or of forrevalidering, is a spell of that one category by
-- the spells' rule (bridged_spells in sql/core/spells.sql: gaps of at most max_gap_weeks bridged).
-- The spell family 'revalidering' joins the two categories; chapter 7 counts them apart, so a
-- forrevalidering before a revalidering is a course of its own. One row per course:
--   ydelse: revalidering | forrevalidering; forloeb_nr; w_from, w_to; uger: weeks on the benefit
--   in it (bridged gaps not counted); aar: the ISO year of its first week (a week belongs to its
--   Thursday's year); left_censored: running in the extract's first week (its start is unseen);
--   right_censored: its end cannot be told from the extract (spells.sql);
--   start_i_aaret: the person's first course of the kind that starts in its year (not left-censored):
--     chapter 7 counts starts as persons, a second start in the same year not again;
--   med_forrevalidering (revalidering courses): a forrevalidering course of the person ran in the
--     revalidering_forrevalidering_uger (52) weeks before the start or at it; NULL where those
--     weeks are not all inside the extract;
--   videre (forrevalidering courses): a revalidering course of the person starts while it runs or
--     in the revalidering_forrevalidering_uger weeks after its last week; NULL where those
--     weeks are not all inside the extract.
CREATE OR REPLACE TEMP VIEW revalidering_runs AS
SELECT person_id, category AS grp, w_from, w_to FROM category_runs
WHERE category IN ('revalidering', 'forrevalidering');

CREATE OR REPLACE TABLE revalidering_forloeb AS
WITH
f AS (
    SELECT person_id, grp AS ydelse, spell_no AS forloeb_nr, w_from, w_to, weeks_on_benefit AS uger,
           left_censored, right_censored, CAST(week_year(w_from) AS INTEGER) AS aar
    FROM bridged_spells(revalidering_runs)
),
b AS (SELECT getvariable('revalidering_forrevalidering_uger') AS n, getvariable('extract_first_week') AS f0,
             getvariable('extract_last_week') AS f1)
SELECT f.person_id, f.ydelse, f.forloeb_nr, f.w_from, f.w_to, f.uger, f.aar, f.left_censored, f.right_censored,
       NOT f.left_censored AND row_number() OVER (PARTITION BY f.person_id, f.ydelse, f.left_censored, f.aar
                                                  ORDER BY f.w_from) = 1 AS start_i_aaret,
       CASE WHEN f.ydelse = 'revalidering' AND NOT f.left_censored AND f.w_from - b.n >= b.f0
            THEN EXISTS (SELECT 1 FROM f p WHERE p.person_id = f.person_id AND p.ydelse = 'forrevalidering'
                                              AND p.w_to >= f.w_from - b.n AND p.w_from <= f.w_from) END
           AS med_forrevalidering,
       CASE WHEN f.ydelse = 'forrevalidering' AND f.w_to + b.n <= b.f1
            THEN EXISTS (SELECT 1 FROM f r WHERE r.person_id = f.person_id AND r.ydelse = 'revalidering'
                                              AND r.w_from > f.w_from AND r.w_from <= f.w_to + b.n) END AS videre
FROM f, b
ORDER BY f.person_id, f.ydelse, f.forloeb_nr;
