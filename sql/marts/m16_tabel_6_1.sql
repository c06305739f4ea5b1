-- The mploy analysis's Tabel 6.1: full-time persons on public income support per year by
-- benefit group: weeks on the group in the year / weeks in the year (52 or 53 ISO weeks; a week
-- belongs to its Thursday's year; only years wholly in the extract, periods). Groups as the
-- source's note: dagpenge mv. = dagpenge, arbejdsmarkedsydelse, særlig
-- uddannelsesydelse; kontanthjælp without kontanthjælp under integrationsloven (the integration
-- programme: "Borgere omfattet af integrationsprogrammet indgår ikke i kortlægningen og
-- analysen", and Figur 6.1, on the same population, says so; its kontant- and uddannelseshjælp
-- of 2014, 148,696, is Nye veje mod job's Tabel 3.1 stock of the two without the programme,
-- 148,300; as m16_aktiveringsgrad); sygedagpenge mv. includes jobafklaring; revalidering mv.
-- includes forrevalidering; efterløn is DREAM code 621. Sums: midlertidige_i_alt (the temporary
-- benefits incl. integrationsydelse) and i_alt (+ fleksjob, førtidspension, efterløn). The
-- source's 2016 is Q4 2015-Q3 2016; we use calendar (ISO) years, as m16_aktiveringsgrad.
CREATE OR REPLACE TABLE m16_tabel_6_1 AS
WITH
y AS (SELECT aar, w0, w1, w1 - w0 + 1 AS uger_i_aaret FROM periods WHERE periodetype = 'aar'),
rows_(gruppe, ord, category, code) AS (VALUES
    ('dagpenge_mv', 1, 'dagpenge', NULL), ('dagpenge_mv', 1, 'arbejdsmarkedsydelse', NULL),
    ('dagpenge_mv', 1, 'saerlig_uddannelsesydelse', NULL), ('kth', 3, 'kth', NULL),
    ('udh', 4, 'udh', NULL), ('integrationsydelse', 5, 'integrationsydelse', NULL),
    ('sygedagpenge_mv', 6, 'sygedagpenge', NULL), ('sygedagpenge_mv', 6, 'jobafklaring', NULL),
    ('revalidering_mv', 7, 'revalidering', NULL), ('revalidering_mv', 7, 'forrevalidering', NULL),
    ('ressourceforloeb', 8, 'ressourceforloeb', NULL), ('ledighedsydelse', 9, 'ledighedsydelse', NULL),
    ('fleksjob', 11, 'fleksjob', NULL), ('foertidspension', 12, 'foertidspension', NULL),
    ('efterloen', 13, NULL, 621)),
-- a run's weeks in each ISO year it touches (the year of a week's Thursday), found by equality with
-- the years, not by a range join that sorted every run against the years (as m16_activation); a run
-- belongs to a group by its category or, for efterløn, by its code: two equality joins
run_years AS (
    SELECT category, code, w_from, w_to,
           unnest(week_years(w_from, w_to)) AS aar
    FROM category_runs
    WHERE category IN (SELECT category FROM rows_) OR code IN (SELECT code FROM rows_)
),
member_years AS (
    SELECT g.gruppe, g.ord, r.aar, r.w_from, r.w_to FROM run_years r JOIN rows_ g ON g.category = r.category
    UNION ALL
    SELECT g.gruppe, g.ord, r.aar, r.w_from, r.w_to FROM run_years r JOIN rows_ g ON g.code = r.code
),
weeks_on AS (
    SELECT r.gruppe, any_value(r.ord) AS ord, y.aar, sum(least(r.w_to, y.w1) - greatest(r.w_from, y.w0) + 1) AS uger
    FROM member_years r JOIN y USING (aar)
    GROUP BY r.gruppe, y.aar
),
grid AS (  -- every group in every year, 0 where nobody (the source prints 0 for udh before 2014)
    SELECT g.gruppe, g.ord, y.aar, coalesce(w.uger, 0) AS uger
    FROM (SELECT DISTINCT gruppe, ord FROM rows_) g CROSS JOIN y LEFT JOIN weeks_on w USING (gruppe, aar)
),
sums AS (
    SELECT * FROM grid
    UNION ALL SELECT 'kth_udh', 2, aar, sum(uger) FROM grid WHERE gruppe IN ('kth', 'udh') GROUP BY aar
    UNION ALL SELECT 'midlertidige_i_alt', 10, aar, sum(uger) FROM grid WHERE ord < 10 GROUP BY aar
    UNION ALL SELECT 'i_alt', 14, aar, sum(uger) FROM grid GROUP BY aar
)
SELECT s.gruppe, s.aar, s.uger, y.uger_i_aaret, s.uger / y.uger_i_aaret AS fuldtidspersoner
FROM sums s JOIN y USING (aar)
ORDER BY s.aar, s.ord;
