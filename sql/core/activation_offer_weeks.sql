-- Activation per person, week and offer (docs/METODE.md). Grain: (person_id, week,
-- tilbud, sektor). The building block of activation_weeks and of the measures that
-- need hours by offer type (tool mix, company-based full-time persons).
--   hours = timer_pr_uge x (days of the week the spell covers) / 7, summed over the
--           person's spells of that offer and sector; voksenlaerling and mentor are
--           kept here (flag counts_as_activation = false) but never count as activation
--   hours_capped = hours scaled so that the person's week sums to at most
--           full_time_hours (37): overlapping offers share the cap pro rata
--   source = 'extract', or 'dream' where there is no activation extract: a week with a
--           DREAM activation code (codes.offer) is full-time activation in that offer, a
--           lower bound on who was activated (DREAM's priority order hides activation
--           behind other benefits) with assumed hours; the report says so.
-- A spell with no end (slut blank) runs to the extract's last week.
CREATE OR REPLACE TABLE activation_offer_weeks AS
WITH
b AS (
    SELECT getvariable('extract_first_week') AS first_w, getvariable('extract_last_week') AS last_w,
           getvariable('full_time_hours') AS full_time
),
spell AS (
    SELECT p.person_id, a.tilbud, a.sektor, a.timer_pr_uge, a.start, coalesce(a.slut, week_monday(b.last_w) + 6) AS slut
    FROM activation a JOIN persons p USING (pnr), b
),
spell_week AS (
    SELECT *, unnest(range(week_of(start), week_of(slut) + 1)) AS week FROM spell
),
from_extract AS (
    SELECT s.person_id, s.week, s.tilbud, s.sektor,
           exact_sum(s.timer_pr_uge * (date_diff('day', greatest(s.start, week_monday(s.week)),
                                                   least(s.slut, week_monday(s.week) + 6)) + 1) / 7.0) AS hours,
           'extract' AS source
    FROM spell_week s, b
    WHERE s.week BETWEEN b.first_w AND b.last_w
    GROUP BY s.person_id, s.week, s.tilbud, s.sektor
),
from_dream AS (
    SELECT r.person_id, unnest(range(r.w_from, r.w_to + 1)) AS week, c.offer AS tilbud, c.sector AS sektor,
           CAST(b.full_time AS DOUBLE) AS hours, 'dream' AS source
    FROM category_runs r
    JOIN codes_validity v ON v.code = r.code
         AND r.w_from >= coalesce(v.valid_from_w, -2147483648) AND r.w_from <= coalesce(v.valid_to_w, 2147483647)
    JOIN codes c ON c.code = r.code AND c.category = v.category, b
    WHERE c.offer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activation)
),
all_offers AS (SELECT * FROM from_extract UNION ALL SELECT * FROM from_dream),
flagged AS (
    SELECT *, tilbud NOT IN ('voksenlaerling', 'mentor') AS counts_as_activation FROM all_offers
)
SELECT f.person_id, f.week, f.tilbud, f.sektor, f.hours, f.counts_as_activation,
       CASE WHEN f.counts_as_activation
            THEN f.hours * least(1.0, b.full_time / CAST(sum(CAST(f.hours AS DECIMAL(38, 6)))
                                                              FILTER (WHERE f.counts_as_activation)
                                                              OVER (PARTITION BY f.person_id, f.week) AS DOUBLE))
            ELSE 0 END AS hours_capped,
       f.tilbud IN ('virksomhedspraktik', 'loentilskud', 'nytteindsats') AS virksomhedsrettet,
       f.source
FROM flagged f, b
ORDER BY f.person_id, f.week, f.tilbud;
