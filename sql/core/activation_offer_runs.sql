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
--           behind other benefits) with assumed hours; the report says so. Whether there is
--           an extract is the run's variable activation_extract (it has a row, of any person),
--           so that a group of persons computed alone (a person shard) gets the answer of the
--           whole population.
-- A spell with no end (slut blank) runs to the extract's last week. The view
-- activation_offer_weeks has the same by week, for models that want weeks.
CREATE OR REPLACE TABLE activation_offer_runs AS
WITH
b AS (
    SELECT getvariable('extract_first_week') AS first_w, getvariable('extract_last_week') AS last_w,
           getvariable('full_time_hours') AS full_time
),
spell_weeks AS (
    SELECT p.person_id, a.tilbud, a.sektor, a.timer_pr_uge, a.start, s.slut, week_of(a.start) AS w1, week_of(s.slut) AS w2
    FROM activation a JOIN persons p USING (pnr), b,
         LATERAL (SELECT coalesce(a.slut, week_monday(b.last_w) + 6) AS slut) s
    WHERE s.slut >= a.start
),
-- Most spells overlap no other spell of the person (one offer at a time): their pieces are runs as
-- they stand, with their own hours. Only the pieces of spells that overlap another (within the
-- extract's weeks) are cut at every boundary of those pieces and summed there; the cap's share
-- below too. A spell is alone when it starts after every earlier spell (by first week) has ended
-- and the next starts after it and every earlier one have ended: one sort of the spells, not of
-- their pieces.
spell AS (
    SELECT *, (m_before IS NULL OR c1 > m_before) AND (next_c1 IS NULL OR next_c1 > m_through) AS alone
    FROM (
        SELECT s.*, c.c1, c.c2,
               max(c.c2) OVER w_before AS m_before, max(c.c2) OVER w_through AS m_through, lead(c.c1) OVER w AS next_c1
        FROM spell_weeks s, b, LATERAL (SELECT greatest(s.w1, b.first_w) AS c1, least(s.w2, b.last_w) AS c2) c
        WHERE c.c1 <= c.c2  -- a spell outside the extract's weeks has no pieces
        WINDOW w AS (PARTITION BY s.person_id ORDER BY c.c1, c.c2),
               w_before AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
               w_through AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
),
piece AS (  -- a spell's first week, its last, and the whole weeks between: the same hours in each week of a piece
    SELECT person_id, tilbud, sektor, alone, w1 AS w_from, w1 AS w_to,
           timer_pr_uge * (date_diff('day', start, least(slut, week_monday(w1) + 6)) + 1) / 7.0 AS hours
    FROM spell
    UNION ALL
    SELECT person_id, tilbud, sektor, alone, w2, w2, timer_pr_uge * (date_diff('day', week_monday(w2), slut) + 1) / 7.0
    FROM spell WHERE w2 > w1
    UNION ALL
    SELECT person_id, tilbud, sektor, alone, w1 + 1, w2 - 1, timer_pr_uge * 7 / 7.0 FROM spell WHERE w2 > w1 + 1
),
clipped AS (  -- to the extract's weeks
    SELECT person_id, tilbud, sektor, alone, greatest(w_from, b.first_w) AS w_from, least(w_to, b.last_w) AS w_to, hours
    FROM piece, b
    WHERE w_from <= b.last_w AND w_to >= b.first_w
),
shared AS (SELECT * EXCLUDE (alone) FROM clipped WHERE NOT alone),
bound AS (SELECT person_id, w_from AS w FROM shared UNION SELECT person_id, w_to + 1 FROM shared),
segment AS (  -- between two consecutive boundaries of a person's pieces, every piece covers all of it or none
    SELECT person_id, w AS w_from, lead(w) OVER (PARTITION BY person_id ORDER BY w) - 1 AS w_to FROM bound
),
alone_runs AS (  -- a spell's piece as it stands
    SELECT person_id, w_from, w_to, tilbud, sektor, exact_one(hours) AS hours, 'extract' AS source
    FROM clipped WHERE alone
),
cut_runs AS (  -- the overlapping spells' pieces, cut and summed
    SELECT s.person_id, s.w_from, s.w_to, c.tilbud, c.sektor, exact_sum(c.hours) AS hours, 'extract' AS source
    FROM segment s JOIN shared c ON c.person_id = s.person_id AND s.w_from BETWEEN c.w_from AND c.w_to
    WHERE s.w_to IS NOT NULL
    GROUP BY ALL
),
from_dream AS (  -- no activation extract: DREAM's activation codes at full time, capped as the cut runs are
    SELECT r.person_id, r.w_from, r.w_to, c.offer AS tilbud, c.sector AS sektor,
           CAST(b.full_time AS DOUBLE) AS hours, 'dream' AS source
    FROM category_runs r
    JOIN codes_validity v ON v.code = r.code
         AND r.w_from >= coalesce(v.valid_from_w, -2147483648) AND r.w_from <= coalesce(v.valid_to_w, 2147483647)
    JOIN codes c ON c.code = r.code AND c.category = v.category, b
    WHERE c.offer IS NOT NULL AND NOT getvariable('activation_extract')
),
capped AS (  -- the share of full time: a run's offers together; a piece alone, its own hours
    SELECT f.*, f.hours * least(1.0, b.full_time / CAST(sum(CAST(f.hours AS DECIMAL(38, 6)))
                                                        FILTER (WHERE f.counts_as_activation)
                                                        OVER (PARTITION BY f.person_id, f.w_from) AS DOUBLE)) AS within_cap,
           count(*) OVER (PARTITION BY f.person_id, f.w_from) AS offers_in_run
    FROM (SELECT *, tilbud NOT IN ('voksenlaerling', 'mentor') AS counts_as_activation
          FROM (SELECT * FROM cut_runs UNION ALL SELECT * FROM from_dream)) f, b
    UNION ALL
    SELECT f.*, f.tilbud NOT IN ('voksenlaerling', 'mentor'), f.hours * least(1.0, b.full_time / exact_one(f.hours)), 1
    FROM alone_runs f, b
)
SELECT f.person_id, f.w_from, f.w_to, f.tilbud, f.sektor, f.hours, f.counts_as_activation,
       CASE WHEN f.counts_as_activation THEN f.within_cap ELSE 0 END AS hours_capped,
       f.tilbud IN ('virksomhedspraktik', 'loentilskud', 'nytteindsats') AS virksomhedsrettet,
       f.source, f.offers_in_run
FROM capped f;  -- not sorted: no reader depends on the rows' order (a sharded run's table is the shards'
-- rows one after the other, and its tables equal an unsharded run's), and the sort by person, week,
-- offer and sector was half the model's time

CREATE OR REPLACE VIEW activation_offer_weeks AS
SELECT person_id, unnest(range(w_from, w_to + 1)) AS week, tilbud, sektor, hours, counts_as_activation, hours_capped,
       virksomhedsrettet, source
FROM activation_offer_runs;
