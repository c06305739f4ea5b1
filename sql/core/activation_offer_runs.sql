-- Activation per person, run of weeks and offer (docs/METODE.md). Grain: (person_id, w_from,
-- w_to, tilbud, sektor): a run is a stretch of weeks in which each of the person's offers has
-- the same hours every week; it ends wherever one of the person's spells starts or ends,
-- or has a partial week. The building block of activation_runs and of the measures that
-- need hours by offer type (tool mix, company-based full-time persons). Runs, not weeks: a
-- spell of a year is three rows at most, not 52; the marts count weeks by interval overlap.
--   hours = in each week of the run, timer_pr_uge x (days of the week the spell covers) / 7,
--           summed over the person's spells of that offer and sector; voksenlaerling and
--           mentor are kept here (flag counts_as_activation = false) but never count as activation
--   hours_capped = hours scaled so that the person's week sums to at most
--           full_time_hours (37): overlapping offers share the cap pro rata
--   offers_in_run = the rows of the person's run (1: one offer alone, most runs; activation_runs
--           takes those as they are and sums only the others)
--   source = 'extract', or 'dream' where there is no activation extract: a week with a
--           DREAM activation code (codes.offer) is full-time activation in that offer, a
--           lower bound on who was activated (DREAM's priority order hides activation
--           behind other benefits) with assumed hours; the report says so.
-- A spell with no end (slut blank) runs to the extract's last week. The view
-- activation_offer_weeks has the same by week, for models that want weeks.
CREATE OR REPLACE TABLE activation_offer_runs AS
WITH
b AS (
    SELECT getvariable('extract_first_week') AS first_w, getvariable('extract_last_week') AS last_w,
           getvariable('full_time_hours') AS full_time
),
spell AS (
    SELECT p.person_id, a.tilbud, a.sektor, a.timer_pr_uge, a.start, s.slut, week_of(a.start) AS w1, week_of(s.slut) AS w2
    FROM activation a JOIN persons p USING (pnr), b,
         LATERAL (SELECT coalesce(a.slut, week_monday(b.last_w) + 6) AS slut) s
    WHERE s.slut >= a.start
),
piece AS (  -- a spell's first week, its last, and the whole weeks between: the same hours in each week of a piece
    SELECT person_id, tilbud, sektor, w1 AS w_from, w1 AS w_to,
           timer_pr_uge * (date_diff('day', start, least(slut, week_monday(w1) + 6)) + 1) / 7.0 AS hours
    FROM spell
    UNION ALL
    SELECT person_id, tilbud, sektor, w2, w2, timer_pr_uge * (date_diff('day', week_monday(w2), slut) + 1) / 7.0
    FROM spell WHERE w2 > w1
    UNION ALL
    SELECT person_id, tilbud, sektor, w1 + 1, w2 - 1, timer_pr_uge * 7 / 7.0 FROM spell WHERE w2 > w1 + 1
),
clipped AS (  -- to the extract's weeks
    SELECT person_id, tilbud, sektor, greatest(w_from, b.first_w) AS w_from, least(w_to, b.last_w) AS w_to, hours
    FROM piece, b
    WHERE w_from <= b.last_w AND w_to >= b.first_w
),
-- Most persons' pieces do not overlap (one offer at a time): each piece is then a run as it
-- stands, with its own hours. Only the pieces of a person with overlapping ones are cut at every
-- boundary of that person's pieces and summed there; the cap's share below too.
overlapping AS (
    SELECT DISTINCT person_id FROM (
        SELECT person_id, w_from <= max(w_to) OVER (PARTITION BY person_id ORDER BY w_from, w_to
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS starts_inside
        FROM clipped)
    WHERE starts_inside
),
shared AS (SELECT * FROM clipped SEMI JOIN overlapping USING (person_id)),
bound AS (SELECT person_id, w_from AS w FROM shared UNION SELECT person_id, w_to + 1 FROM shared),
segment AS (  -- between two consecutive boundaries of a person's pieces, every piece covers all of it or none
    SELECT person_id, w AS w_from, lead(w) OVER (PARTITION BY person_id ORDER BY w) - 1 AS w_to FROM bound
),
from_extract AS (
    SELECT person_id, w_from, w_to, tilbud, sektor,
           exact_one(hours) AS hours,
           'extract' AS source, false AS shared
    FROM clipped ANTI JOIN overlapping USING (person_id)
    UNION ALL
    SELECT s.person_id, s.w_from, s.w_to, c.tilbud, c.sektor, exact_sum(c.hours), 'extract', true
    FROM segment s JOIN shared c ON c.person_id = s.person_id AND s.w_from BETWEEN c.w_from AND c.w_to
    WHERE s.w_to IS NOT NULL
    GROUP BY ALL
),
from_dream AS (
    SELECT r.person_id, r.w_from, r.w_to, c.offer AS tilbud, c.sector AS sektor,
           CAST(b.full_time AS DOUBLE) AS hours, 'dream' AS source, true AS shared
    FROM category_runs r
    JOIN codes_validity v ON v.code = r.code
         AND r.w_from >= coalesce(v.valid_from_w, -2147483648) AND r.w_from <= coalesce(v.valid_to_w, 2147483647)
    JOIN codes c ON c.code = r.code AND c.category = v.category, b
    WHERE c.offer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activation)
),
all_offers AS (SELECT * FROM from_extract UNION ALL SELECT * FROM from_dream),
flagged AS (
    SELECT *, tilbud NOT IN ('voksenlaerling', 'mentor') AS counts_as_activation FROM all_offers
),
capped AS (  -- the share of full time: a run's offers together; a piece alone, its own hours
    SELECT f.*, f.hours * least(1.0, b.full_time / CAST(sum(CAST(f.hours AS DECIMAL(38, 6)))
                                                        FILTER (WHERE f.counts_as_activation)
                                                        OVER (PARTITION BY f.person_id, f.w_from) AS DOUBLE)) AS within_cap,
           count(*) OVER (PARTITION BY f.person_id, f.w_from) AS offers_in_run
    FROM flagged f, b WHERE f.shared
    UNION ALL
    SELECT f.*, f.hours * least(1.0, b.full_time / exact_one(f.hours)), 1
    FROM flagged f, b WHERE NOT f.shared
)
SELECT f.person_id, f.w_from, f.w_to, f.tilbud, f.sektor, f.hours, f.counts_as_activation,
       CASE WHEN f.counts_as_activation THEN f.within_cap ELSE 0 END AS hours_capped,
       f.tilbud IN ('virksomhedspraktik', 'loentilskud', 'nytteindsats') AS virksomhedsrettet,
       f.source, f.offers_in_run
FROM capped f
ORDER BY f.person_id, f.w_from, f.tilbud, f.sektor;

CREATE OR REPLACE VIEW activation_offer_weeks AS
SELECT person_id, unnest(range(w_from, w_to + 1)) AS week, tilbud, sektor, hours, counts_as_activation, hours_capped,
       virksomhedsrettet, source
FROM activation_offer_runs;
