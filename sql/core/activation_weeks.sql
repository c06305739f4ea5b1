-- Activation per person-week (STATISTICS.md §4). Grain: (person_id, week), only weeks
-- with some activation.
--   hours = sum over the person's activation spells, except voksenlaerling and mentor,
--           of timer_pr_uge x (days of the week the spell covers) / 7, capped at
--           full_time_hours (37); overlapping spells are summed before the cap.
--   source = 'extract' (the activation extract) or 'dream' where the extract is
--           absent: then a week with a DREAM activation code (codes.offer) counts as
--           full-time activation in that offer. DREAM's priority order hides
--           activation behind other benefits, so that is a lower bound on who was
--           activated, and its hours are an assumption, flagged in the report.
-- A spell with no end (slut blank) runs to the extract's last week.
CREATE OR REPLACE TABLE activation_weeks AS
WITH
bounds AS (
    SELECT getvariable('extract_first_week') AS first_w, getvariable('extract_last_week') AS last_w,
           getvariable('full_time_hours') AS full_time
),
spell AS (
    SELECT p.person_id, a.tilbud, a.sektor, a.timer_pr_uge, a.start,
           coalesce(a.slut, week_monday(b.last_w) + 6) AS slut
    FROM activation a JOIN persons p USING (pnr), bounds b
),
spell_week AS (
    SELECT *, unnest(range(week_of(start), week_of(slut) + 1)) AS week
    FROM spell
),
counted AS (
    SELECT s.*, date_diff('day', greatest(s.start, week_monday(s.week)), least(s.slut, week_monday(s.week) + 6)) + 1
               AS days
    FROM spell_week s, bounds b
    WHERE s.week BETWEEN b.first_w AND b.last_w
),
from_extract AS (
    SELECT person_id, week,
           least(coalesce(sum(timer_pr_uge * days / 7.0)
                          FILTER (WHERE tilbud NOT IN ('voksenlaerling', 'mentor')), 0), any_value(b.full_time)) AS hours,
           coalesce(sum(timer_pr_uge * days / 7.0) FILTER (WHERE tilbud NOT IN ('voksenlaerling', 'mentor')), 0)
               AS hours_uncapped,
           list(DISTINCT tilbud ORDER BY tilbud) FILTER (WHERE tilbud NOT IN ('voksenlaerling', 'mentor')) AS tilbud,
           list(DISTINCT tilbud || coalesce('_' || sektor, '') ORDER BY 1)
               FILTER (WHERE tilbud IN ('virksomhedspraktik', 'loentilskud', 'nytteindsats')) AS virksomhedsrettet,
           'extract' AS source
    FROM counted, bounds b
    GROUP BY person_id, week
),
from_dream AS (
    SELECT r.person_id, unnest(range(r.w_from, r.w_to + 1)) AS week, CAST(any_value(b.full_time) AS DOUBLE) AS hours,
           CAST(any_value(b.full_time) AS DOUBLE) AS hours_uncapped, [any_value(c.offer)] AS tilbud,
           CASE WHEN any_value(c.offer) IN ('virksomhedspraktik', 'loentilskud', 'nytteindsats')
                THEN [any_value(c.offer) || coalesce('_' || any_value(c.sector), '')] END AS virksomhedsrettet,
           'dream' AS source
    FROM category_runs r
    JOIN codes_validity v ON v.code = r.code
         AND r.w_from >= coalesce(v.valid_from_w, -2147483648) AND r.w_from <= coalesce(v.valid_to_w, 2147483647)
    JOIN codes c ON c.code = r.code AND c.category = v.category, bounds b
    WHERE c.offer IS NOT NULL AND (SELECT count(*) FROM activation) = 0
    GROUP BY r.person_id, r.w_from, r.w_to
)
SELECT * FROM from_extract
UNION ALL
SELECT * FROM from_dream
ORDER BY person_id, week;
