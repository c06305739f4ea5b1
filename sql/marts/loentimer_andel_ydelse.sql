-- Share of recipients with paid hours in a quarter, by benefit (the reform commission: "kun 2
-- pct. af personer i et ressourceforløb og 9 pct. af kontanthjælpsmodtagere" had paid hours
-- in Q3 2021). Recipients: persons on the category in every week of the quarter
-- (loentimer_kvartal; its weeks by the Thursday rule), so that the hours, any hour ordinary or
-- supported in the quarter's three calendar months (loentimer is monthly), are hours worked
-- while on the benefit, not after leaving it (a person with one week would count a new job). Every public
-- support category (a row even with no recipients), and kth_i_alt (kontanthjælp incl. under
-- integrationsloven: on the two together every week, so someone who moves from one to the other
-- in the quarter is in kth_i_alt and in neither row). Empty unless loentimer covers the quarter's
-- months.
CREATE OR REPLACE TABLE loentimer_andel_ydelse AS
WITH
q AS (
    SELECT getvariable('loentimer_first_week') AS w0, getvariable('loentimer_last_week') AS w1,
           make_date(CAST(left(getvariable('loentimer_kvartal'), 4) AS INTEGER),
                     3 * CAST(right(getvariable('loentimer_kvartal'), 1) AS INTEGER) - 2, 1) AS m0
),
covered AS (SELECT count(*) > 0 AND min(maaned) <= any_value(q.m0)
                   AND max(maaned) >= CAST(any_value(q.m0) + INTERVAL 2 MONTH AS DATE) AS ok FROM loentimer, q),
ydelse_of(category, ydelse) AS (  -- each row's categories: its own, and kth_i_alt's two
    SELECT category, category FROM categories WHERE public_support
    UNION ALL SELECT 'kth', 'kth_i_alt' UNION ALL SELECT 'kth_integrationsloven', 'kth_i_alt'
),
rec AS (  -- on the row's categories in every week of the quarter
    SELECT r.person_id, y.ydelse
    FROM category_runs r JOIN ydelse_of y USING (category), q, covered
    WHERE r.w_from <= q.w1 AND r.w_to >= q.w0 AND covered.ok
    GROUP BY r.person_id, y.ydelse, q.w0, q.w1
    HAVING sum(least(r.w_to, q.w1) - greatest(r.w_from, q.w0) + 1) = q.w1 - q.w0 + 1
),
worked AS (
    SELECT DISTINCT l.person_id FROM loentimer l, q
    WHERE l.person_id IS NOT NULL AND l.maaned BETWEEN q.m0 AND CAST(q.m0 + INTERVAL 2 MONTH AS DATE) AND l.timer > 0
),
ydelser AS (SELECT DISTINCT ydelse FROM ydelse_of)  -- every row, also one nobody had the whole quarter
SELECT getvariable('loentimer_kvartal') AS periode, y.ydelse, count(r.person_id) AS antal_modtagere,
       count(w.person_id) AS antal_med_timer, count(w.person_id) * 100.0 / nullif(count(r.person_id), 0) AS andel_med_timer
FROM ydelser y, covered
LEFT JOIN rec r ON r.ydelse = y.ydelse LEFT JOIN worked w ON w.person_id = r.person_id
WHERE covered.ok
GROUP BY ALL
ORDER BY y.ydelse;
