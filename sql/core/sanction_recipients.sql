-- Recipients of each sanctioned benefit per period (docs/METODE.md): one row per
-- period, person and ydelse for every person with >= 1 week of the ydelse in the
-- period (category_runs overlapping the period's weeks), with
--   visitationer: the visitation categories of those weeks (kth, udh; a person who
--     was jobparat and aktivitetsparat in the quarter is a recipient in both);
--   herkomst: from DREAM; kommune: the person's municipality in the period's year
--     (nykomYYYY, held as runs of years: kommune_runs), 'uoplyst' if none or not one of the 98.
CREATE OR REPLACE TABLE sanction_recipients AS
WITH
-- the sanctioned benefits, by number (grouped by a small integer, not by text: the model's largest
-- step at full scale)
ydelser AS (SELECT ['kth', 'udh', 'dagpenge', 'ressourceforloeb', 'ledighedsydelse', 'sygedagpenge'] AS names),
runs AS (
    SELECT person_id, CAST(list_position(y.names, category) AS TINYINT) AS yno, visitation, w_from, w_to
    FROM category_runs, ydelser y
    WHERE list_contains(y.names, category)
),
p AS (SELECT row_number() OVER (ORDER BY periodetype, w0) AS pid, * FROM periods),  -- grouped by a number
-- The periods a run overlaps, found by equality, not by a range join of every run with every
-- period: a type's periods are consecutive numbers in time order, so those ending at or after the
-- run's first week and starting at or before its last are one range of numbers, looked up per week.
period_range AS (
    SELECT w.week, t.periodetype,
           (SELECT min(pid) FROM p WHERE p.periodetype = t.periodetype AND p.w1 >= w.week) AS first_pid,
           (SELECT max(pid) FROM p WHERE p.periodetype = t.periodetype AND p.w0 <= w.week) AS last_pid
    FROM range(getvariable('extract_first_week'), getvariable('extract_last_week') + 1) w(week),
         (SELECT DISTINCT periodetype FROM p) t
),
-- visitationer is the sorted list of the visitations of the period's runs: gathered as one bit per
-- visitation (bit_or) and turned into the list once per distinct set, not per row
vis AS (SELECT visitation, CAST(1 AS BIGINT) << CAST(row_number() OVER (ORDER BY visitation) - 1 AS INTEGER) AS bit
        FROM (SELECT DISTINCT visitation FROM runs WHERE visitation IS NOT NULL)),
per_period AS (
    SELECT pid, person_id, yno, bit_or(coalesce(bit, 0)) AS mask
    FROM (SELECT unnest(range(a.first_pid, b.last_pid + 1)) AS pid, r.person_id, r.yno, v.bit
          FROM runs r
          JOIN period_range a ON a.week = r.w_from
          JOIN period_range b ON b.week = r.w_to AND b.periodetype = a.periodetype
          LEFT JOIN vis v USING (visitation))
    GROUP BY pid, person_id, yno
),
masks AS (  -- [] where the weeks have none (the benefits without visitation)
    SELECT m.mask, coalesce(list(v.visitation ORDER BY v.visitation) FILTER (WHERE (m.mask & v.bit) <> 0),
                            CAST([] AS VARCHAR[])) AS visitationer
    FROM (SELECT DISTINCT mask FROM per_period) m, vis v GROUP BY m.mask
    UNION ALL SELECT 0, CAST([] AS VARCHAR[]) WHERE NOT EXISTS (SELECT 1 FROM vis)
)
SELECT p.periodetype, p.periode, p.aar, r.person_id, y.names[r.yno] AS ydelse, ms.visitationer,
       herkomst_name(pe.herkomst) AS herkomst,
       CASE WHEN k.kommune IS NOT NULL THEN CAST(k.kommune AS VARCHAR) ELSE 'uoplyst' END AS kommune
FROM per_period r
JOIN p USING (pid)
JOIN masks ms USING (mask)
CROSS JOIN ydelser y
JOIN persons pe USING (person_id)
LEFT JOIN kommune_runs pk ON pk.person_id = r.person_id AND p.aar BETWEEN pk.aar_from AND pk.aar_to
LEFT JOIN kommuner k ON k.kommune = pk.kommune;
