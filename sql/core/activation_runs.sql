-- Activation per person and run of weeks (docs/METODE.md). Grain: (person_id, w_from, w_to);
-- only runs with some activation spell, each a run of activation_offer_runs
-- (sql/core/activation_offer_runs.sql), in which every week has the same activation:
--   hours = sum over the person's activation spells, except voksenlaerling and mentor,
--           of timer_pr_uge x (days of the week covered) / 7, capped at full_time_hours
--           (37); overlapping spells are summed before the cap (hours of each week of the run)
--   hours_uncapped = the same before the cap
--   tilbud = the offers that count as activation; virksomhedsrettet = the company-based
--           ones (virksomhedspraktik, løntilskud, nytteindsats) as offer_sector
-- The marts count a run's weeks by interval overlap with their periods and sum hours with
-- exact_sum_weeks (sql/macros.sql): the same sums as week by week. The view activation_weeks
-- has the same by week, for models that want weeks.
CREATE OR REPLACE TABLE activation_runs AS
-- a run with one offer (most): its row as it is, the same values the sums below give one row
SELECT person_id, w_from, w_to,
       least(CASE WHEN counts_as_activation THEN exact_one(hours) ELSE 0 END,
             getvariable('full_time_hours')) AS hours,
       CASE WHEN counts_as_activation THEN exact_one(hours) ELSE 0 END AS hours_uncapped,
       CASE WHEN counts_as_activation THEN [tilbud] END AS tilbud,
       CASE WHEN virksomhedsrettet THEN [tilbud || coalesce('_' || sektor, '')] END AS virksomhedsrettet,
       source
FROM activation_offer_runs
WHERE offers_in_run = 1
UNION ALL
SELECT person_id, w_from, w_to,
       least(coalesce(CAST(sum(CAST(hours AS DECIMAL(38, 6))) FILTER (WHERE counts_as_activation) AS DOUBLE), 0),
             any_value(getvariable('full_time_hours'))) AS hours,
       coalesce(CAST(sum(CAST(hours AS DECIMAL(38, 6))) FILTER (WHERE counts_as_activation) AS DOUBLE), 0)
           AS hours_uncapped,
       list_sort(list_distinct(list(tilbud) FILTER (WHERE counts_as_activation))) AS tilbud,  -- NULL if none
       list_sort(list_distinct(list(tilbud || coalesce('_' || sektor, '')) FILTER (WHERE virksomhedsrettet)))
           AS virksomhedsrettet,
       any_value(source) AS source
FROM activation_offer_runs
WHERE offers_in_run > 1
GROUP BY person_id, w_from, w_to;  -- not sorted: no reader depends on the rows' order (a sharded run's
-- table is the shards' rows one after the other, and equals an unsharded run's), and the sort of the
-- rows with their lists was half the model's time

CREATE OR REPLACE VIEW activation_weeks AS
SELECT person_id, unnest(range(w_from, w_to + 1)) AS week, hours, hours_uncapped, tilbud, virksomhedsrettet, source
FROM activation_runs;

-- Hours-based activation of groups of categories over the weeks p_first ... p_last (Tabel 3.2,
-- the integration annex's Figur 3; docs/METODE.md "Activation"). rows: a table (gruppe, kategori)
-- naming the categories (with visitation) of each group. Per group:
--   antal: persons with a week in the group in the period whose spell (family, gaps bridged) had
--          lasted at least p_min_anc weeks in their last such week (0: everyone);
--   uger: their weeks in the group; aktiveret: those of them with activation hours in those weeks;
--   activation_hours (capped per week at full time) and possible_hours (full_time_hours x uger);
--   max_hours, max_possible: one person's most (for disclosure control's dominance rule).
-- A person in two groups in the period is in both, each with its own weeks.
CREATE OR REPLACE MACRO activation_rate(rows, p_first, p_last, p_min_anc) AS TABLE
WITH
period AS (SELECT unnest(range(p_first, p_last + 1)) AS week),
person_week AS (
    SELECT r.person_id, g.gruppe, c.family, w.week
    FROM category_runs r
    JOIN query_table(rows) g ON g.kategori = r.kategori
    JOIN categories c ON c.category = r.category
    JOIN period w ON w.week BETWEEN r.w_from AND r.w_to
),
grp AS (SELECT person_id, gruppe, family, max(week) AS last_week FROM person_week GROUP BY ALL),
population AS (
    SELECT g.person_id, g.gruppe
    FROM grp g
    JOIN spells s ON s.person_id = g.person_id AND s.family = g.family AND g.last_week BETWEEN s.w_from AND s.w_to
    WHERE g.last_week - s.w_from + 1 >= p_min_anc
),
per_person AS (
    SELECT w.person_id, w.gruppe, count(*) AS n_weeks, coalesce(exact_sum(a.hours), 0) AS hours
    FROM person_week w
    JOIN population USING (person_id, gruppe)
    LEFT JOIN activation_runs a ON a.person_id = w.person_id AND w.week BETWEEN a.w_from AND a.w_to
    GROUP BY w.person_id, w.gruppe
)
SELECT gruppe, count(*) AS antal, count(*) FILTER (WHERE hours > 0) AS aktiveret, sum(n_weeks) AS uger,
       exact_sum(hours) AS activation_hours, getvariable('full_time_hours') * sum(n_weeks) AS possible_hours,
       max(hours) AS max_hours, getvariable('full_time_hours') * max(n_weeks) AS max_possible
FROM per_person
GROUP BY gruppe;

-- The share with an active offer in the offer_lookback_weeks (12) weeks up to the reference week
-- by whole years of anciennity (Figur 3.5 and 3.8, the integration annex's Figur 4; Bilag 3.14).
-- stock: a table (person_id, gruppe, anciennitet: weeks of the spell at the reference week).
-- Anciennity under min_offer_anciennity_weeks (12) is left out; aar = floor(anciennitet / 52),
-- 10 = ten years or more. An offer: activation hours > 0 in one of the weeks; company-based: a
-- virksomhedspraktik, løntilskud or nytteindsats in one of them.
CREATE OR REPLACE MACRO offers_by_anciennity(stock) AS TABLE
WITH
p AS (SELECT getvariable('reference_week') AS r, getvariable('offer_lookback_weeks') AS lookback,
             getvariable('min_offer_anciennity_weeks') AS min_anc),
offers AS (
    SELECT a.person_id, bool_or(a.hours > 0) AS tilbud,
           bool_or(len(coalesce(a.virksomhedsrettet, [])) > 0) AS virksomhedsrettet
    FROM activation_runs a, p
    WHERE a.w_from <= p.r AND a.w_to >= p.r - p.lookback + 1
    GROUP BY a.person_id
),
banded AS (
    SELECT s.gruppe, CAST(least(floor(s.anciennitet / 52), 10) AS INTEGER) AS aar,
           coalesce(o.tilbud, false) AS tilbud, coalesce(o.virksomhedsrettet, false) AS virksomhedsrettet
    FROM query_table(stock) s LEFT JOIN offers o USING (person_id), p
    WHERE s.anciennitet >= p.min_anc
)
SELECT gruppe, aar,
       CASE WHEN aar = 0 THEN 'under 1 år' WHEN aar = 10 THEN '10 år og derover'
            ELSE aar || '-' || (aar + 1) || ' år' END AS aar_label,
       count(*) AS antal, count(*) FILTER (WHERE tilbud) AS antal_tilbud,
       count(*) FILTER (WHERE virksomhedsrettet) AS antal_virksomhedsrettet
FROM banded
GROUP BY gruppe, aar;
