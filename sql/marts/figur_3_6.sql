-- Figur 3.6: kontanthjælp anciennity and time since the last active offer, in the
-- reference week R (Nye veje mod job (2015)).
--   population: persons with category kth (either visitation) in week R whose kth_udh
--               spell (kontant- and uddannelseshjælp pooled, gaps <= 3 weeks bridged)
--               is at least one year old in R
--   bands: 1-2, 2-3, 3-5, 5-10 and over 10 years of anciennity (52-week years)
--   andel_ikke_1aar: no activation hours > 0 in the 52 weeks R-51 ... R; _3aar in the
--               156 weeks, _5aar in the 260 weeks up to R
--   fuldt_observeret: the extract reaches back the 260 weeks the last column needs;
--               if not, "not within 5 years" only means "not since the extract began"
CREATE OR REPLACE TABLE figur_3_6 AS
WITH
p AS (SELECT getvariable('reference_week') AS r, getvariable('extract_first_week') AS first_w),
baand(ord, kategori, label, fra, til) AS (VALUES
    (1, '1_2', '1-2 år', 52, 104), (2, '2_3', '2-3 år', 104, 156), (3, '3_5', '3-5 år', 156, 260),
    (4, '5_10', '5-10 år', 260, 520), (5, 'over_10', 'Over 10 år', 520, 2147483647)
),
kth AS (
    SELECT r.person_id, p.r - s.w_from + 1 AS anciennitet
    FROM category_runs r, p
    JOIN spells s ON s.person_id = r.person_id AND s.family = 'kth_udh' AND p.r BETWEEN s.w_from AND s.w_to
    WHERE r.category = 'kth' AND p.r BETWEEN r.w_from AND r.w_to
),
last_offer AS (
    SELECT a.person_id, max(least(a.w_to, p.r)) AS uge FROM activation_runs a, p
    WHERE a.w_from <= p.r AND a.hours > 0 GROUP BY a.person_id
),
per_person AS (
    SELECT k.person_id, k.anciennitet, p.r - l.uge AS uger_siden FROM kth k LEFT JOIN last_offer l USING (person_id), p
)
SELECT b.kategori, b.label, count(pp.person_id) AS antal,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 52) AS antal_ikke_1aar,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 52) * 100.0
           / nullif(count(pp.person_id), 0) AS andel_ikke_1aar,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 156) AS antal_ikke_3aar,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 156) * 100.0
           / nullif(count(pp.person_id), 0) AS andel_ikke_3aar,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 260) AS antal_ikke_5aar,
       count(pp.person_id) FILTER (WHERE pp.uger_siden IS NULL OR pp.uger_siden >= 260) * 100.0
           / nullif(count(pp.person_id), 0) AS andel_ikke_5aar,
       any_value(p.r - 259 >= p.first_w) AS fuldt_observeret
FROM baand b LEFT JOIN per_person pp ON pp.anciennitet >= b.fra AND pp.anciennitet < b.til, p
GROUP BY b.ord, b.kategori, b.label
ORDER BY b.ord;
