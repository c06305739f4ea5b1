-- The spell cohort of the curves (docs/METODE.md): spells of every family whose first
-- week falls in cohort_year (by its Thursday, i.e. its ISO year), leaving out spells that
-- start in the extract's first week (left-censored: their real start is unknown).
--   t_uger = last week - first week + 1 (bridged gaps count);
--   afgang: the spell ends (an event at t_uger) if the max_gap_weeks + 1 (4) weeks after
--     its last week all lie inside the extract and none of them has code 997 (emigrated)
--     or 999 (dead); otherwise it is censored at t_uger;
--   destination (events only): the state in the first week after the spell:
--     anden_offentlig (another public-support category) or selvforsoergelse (anything else,
--     blank included). The cumulative incidences of anciennitet_cif split exits by it.
CREATE OR REPLACE TABLE cohort_spells AS
WITH
b AS (SELECT getvariable('extract_first_week') AS f, getvariable('extract_last_week') AS l,
             getvariable('max_gap_weeks') + 1 AS after),
cohort AS (
    SELECT s.person_id, s.family, s.spell_no, s.w_from, s.w_to, s.w_to - s.w_from + 1 AS t_uger
    FROM spells s, b
    WHERE week_year(s.w_from) = getvariable('cohort_year') AND s.w_from > b.f
),
gone AS (  -- emigrated or dead in the weeks after the spell
    SELECT DISTINCT c.person_id, c.family, c.spell_no
    FROM cohort c, b JOIN category_runs r ON r.person_id = c.person_id
    WHERE r.code IN (997, 999) AND r.w_from <= c.w_to + b.after AND r.w_to > c.w_to
),
next_week AS (
    SELECT c.person_id, c.family, c.spell_no, any_value(s.public_support) AS public_support
    FROM cohort c JOIN state_runs s ON s.person_id = c.person_id AND c.w_to + 1 BETWEEN s.w_from AND s.w_to
    GROUP BY ALL
)
SELECT c.*, (c.w_to + b.after <= b.l AND g.person_id IS NULL) AS afgang,
       CASE WHEN c.w_to + b.after <= b.l AND g.person_id IS NULL
            THEN CASE WHEN coalesce(n.public_support, false) THEN 'anden_offentlig' ELSE 'selvforsoergelse' END
       END AS destination
FROM cohort c CROSS JOIN b
LEFT JOIN gone g USING (person_id, family, spell_no)
LEFT JOIN next_week n USING (person_id, family, spell_no);
