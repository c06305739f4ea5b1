-- Recipients of each sanctioned benefit per period (docs/METODE.md): one row per
-- period, person and ydelse for every person with >= 1 week of the ydelse in the
-- period (category_runs overlapping the period's weeks), with
--   visitationer: the visitation categories of those weeks (kth, udh; a person who
--     was jobparat and aktivitetsparat in the quarter is a recipient in both);
--   herkomst: from DREAM; kommune: the person's municipality in the period's year
--     (nykomYYYY), 'uoplyst' if none or not one of the 98.
CREATE OR REPLACE TABLE sanction_recipients AS
WITH
runs AS (
    SELECT person_id, category AS ydelse, visitation, w_from, w_to FROM category_runs
    WHERE category IN ('kth', 'udh', 'dagpenge', 'ressourceforloeb', 'ledighedsydelse', 'sygedagpenge')
),
p AS (SELECT row_number() OVER (ORDER BY periodetype, w0) AS pid, * FROM periods),  -- grouped by a number
per_period AS (  -- visitationer: [] where the weeks have none (the benefits without visitation)
    SELECT p.pid, r.person_id, r.ydelse,
           coalesce(list_sort(list_distinct(list(r.visitation) FILTER (WHERE r.visitation IS NOT NULL))),
                    CAST([] AS VARCHAR[])) AS visitationer
    FROM runs r JOIN p ON r.w_from <= p.w1 AND r.w_to >= p.w0
    GROUP BY p.pid, r.person_id, r.ydelse
)
SELECT p.periodetype, p.periode, p.aar, r.person_id, r.ydelse, r.visitationer,
       herkomst_name(pe.herkomst) AS herkomst,
       CASE WHEN k.kommune IS NOT NULL THEN CAST(k.kommune AS VARCHAR) ELSE 'uoplyst' END AS kommune
FROM per_period r
JOIN p USING (pid)
JOIN persons pe USING (person_id)
LEFT JOIN person_kommune pk ON pk.person_id = r.person_id AND pk.aar = p.aar
LEFT JOIN kommuner k ON k.kommune = pk.kommune;
