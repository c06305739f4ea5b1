-- Weeks on each benefit group and activation hours by offer, per ISO year: the common
-- ground of the mploy analysis (2017)'s activation rate and tool mix (sql/marts/m16_aktiveringsgrad.sql,
-- sql/marts/m16_redskaber.sql). Two tables:
--   m16_activation_by_offer (gruppe, aar, tilbud, timer) and
--   m16_activation_by_offer_totals (gruppe, aar, uger, timer, uger_i_aaret, ...).
-- Weeks on a group are counted from category_runs by interval overlap with the year;
-- activation hours are those of activation_offer_runs (capped at 37 a week, mentor
-- and voksenlærling excluded) in weeks the person is on the group.
CREATE OR REPLACE TEMP TABLE m16_members AS
SELECT * FROM (VALUES
    ('dagpenge', 'dagpenge_mv'), ('arbejdsmarkedsydelse', 'dagpenge_mv'), ('saerlig_uddannelsesydelse', 'dagpenge_mv'),
    ('kth', 'kontanthjaelp'), ('udh', 'uddannelseshjaelp'), ('sygedagpenge', 'sygedagpenge_mv'),
    ('jobafklaring', 'sygedagpenge_mv'), ('revalidering', 'revalidering_mv'), ('forrevalidering', 'revalidering_mv'),
    ('ressourceforloeb', 'ressourceforloeb'), ('ledighedsydelse', 'ledighedsydelse')) v(category, gruppe);

-- ISO years of the extract: week 1 holds 4 January, the last week 28 December
CREATE OR REPLACE TEMP TABLE m16_years AS
SELECT aar, week_of(make_date(aar, 1, 4)) AS w0, week_of(make_date(aar, 12, 28)) AS w1
FROM (SELECT unnest(week_years(getvariable('extract_first_week'), getvariable('extract_last_week'))) AS aar);

CREATE OR REPLACE TABLE m16_activation_by_offer AS
WITH
runs AS (
    SELECT person_id, w_from, w_to, category FROM category_runs WHERE category IN (SELECT category FROM m16_members)
),
pieces AS (  -- each offer run's weeks on the group: the overlap of the two runs
    SELECT r.category, a.tilbud, a.hours_capped, greatest(a.w_from, r.w_from) AS g0, least(a.w_to, r.w_to) AS g1
    FROM activation_offer_runs a
    JOIN runs r ON r.person_id = a.person_id AND a.w_from <= r.w_to AND a.w_to >= r.w_from
    WHERE a.counts_as_activation
),
-- and its weeks in each ISO year it touches (the year of a week's Thursday), found by equality
-- with the years, not by a range join: sorting every piece against 33 years took half the model.
-- (The group's name is joined after the years are unnested: unnesting beside a column joined from
-- m16_members stopped DuckDB 2.0 with an internal error, "dict-surviving cache", on 1,000,000 persons.)
hours AS (
    SELECT m.gruppe, y.aar, p.tilbud, exact_sum_weeks(p.hours_capped, least(p.g1, y.w1) - greatest(p.g0, y.w0) + 1) AS timer
    FROM (SELECT *, unnest(week_years(g0, g1)) AS aar FROM pieces) p
    JOIN m16_members m USING (category)
    JOIN m16_years y USING (aar)
    GROUP BY ALL
)
SELECT gruppe, aar, tilbud, timer FROM hours
UNION ALL
SELECT 'i_alt', aar, tilbud, exact_sum(timer) FROM hours GROUP BY aar, tilbud;

CREATE OR REPLACE TABLE m16_activation_by_offer_totals AS
WITH
b AS (SELECT getvariable('extract_first_week') AS f, getvariable('extract_last_week') AS l,
             getvariable('full_time_hours') AS full_time),
grupper(ord, gruppe, label) AS (VALUES
    (1, 'dagpenge_mv', 'Dagpenge mv.'), (2, 'kontanthjaelp', 'Kontanthjælp'), (3, 'uddannelseshjaelp', 'Uddannelseshjælp'),
    (4, 'sygedagpenge_mv', 'Sygedagpenge mv.'), (5, 'revalidering_mv', 'Revalidering mv.'),
    (6, 'ressourceforloeb', 'Ressourceforløb'), (7, 'ledighedsydelse', 'Ledighedsydelse'), (8, 'i_alt', 'I alt')
),
weeks_on AS (  -- each group run's weeks in each ISO year it touches, by equality as above
    SELECT m.gruppe, y.aar, sum(least(r.w_to, y.w1) - greatest(r.w_from, y.w0) + 1) AS uger
    FROM (SELECT w_from, w_to, category,
                 unnest(week_years(w_from, w_to)) AS aar
          FROM category_runs WHERE category IN (SELECT category FROM m16_members)) r
    JOIN m16_members m USING (category)
    JOIN m16_years y USING (aar)
    GROUP BY ALL
),
with_total AS (
    SELECT * FROM weeks_on UNION ALL SELECT 'i_alt', aar, sum(uger) FROM weeks_on GROUP BY aar
)
SELECT g.ord, g.gruppe, g.label, y.aar, y.w1 - y.w0 + 1 AS uger_i_aaret, y.w0 >= b.f AND y.w1 <= b.l AS helt_aar,
       coalesce(w.uger, 0) AS uger, coalesce(h.timer, 0) AS timer, b.full_time
FROM grupper g CROSS JOIN m16_years y CROSS JOIN b
LEFT JOIN with_total w ON w.gruppe = g.gruppe AND w.aar = y.aar
LEFT JOIN (SELECT gruppe, aar, exact_sum(timer) AS timer FROM m16_activation_by_offer GROUP BY ALL) h
       ON h.gruppe = g.gruppe AND h.aar = y.aar;
