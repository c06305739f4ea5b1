-- Figur 2 (the reform commission): the persons qualifying at the end of
-- jobpraemie_figur2_aar (2014) by their average ordinary paid hours per week over the next
-- five calendar years (2015-2019): all ordinary hours / the weeks of those years (days / 7).
-- Bands: exactly 0, then up to each of jobpraemie_figur2_graenser (1, 5, 10, 20, 30 hours a
-- week; a band holds its upper bound's lower side: [1, 5) ...) and above the last; plus
-- over_0 (any ordinary hour in five years) and i_alt. Empty unless loentimer covers the five
-- years whole. "Få timer" in the text (godt 20 pct.) is read as under 1 hour a week.
CREATE OR REPLACE TABLE jobpraemie_figur_2 AS
WITH
y AS (SELECT getvariable('jobpraemie_figur2_aar') AS y0),
covered AS (
    SELECT count(*) = 5 AS ok FROM loentimer_aar, y WHERE aar BETWEEN y.y0 + 1 AND y.y0 + 5
),
b AS (SELECT list_transform(string_split(getvariable('jobpraemie_figur2_graenser'), ','), LAMBDA x: CAST(x AS DOUBLE)) AS g),
pop AS (
    SELECT m.person_id FROM jobpraemie_maalgruppe m, y, covered WHERE m.aar = y.y0 AND m.kvalificeret AND covered.ok
),
per_week AS (
    SELECT p.person_id,
           coalesce(exact_sum(t.timer_ordinaer), 0)
               / (date_diff('day', make_date(y.y0 + 1, 1, 1), make_date(y.y0 + 6, 1, 1)) / 7.0) AS timer_pr_uge
    FROM pop p CROSS JOIN y
    LEFT JOIN jobpraemie_timer t ON t.person_id = p.person_id AND t.aar BETWEEN y.y0 + 1 AND y.y0 + 5
    GROUP BY p.person_id, y.y0
),
banded AS (
    SELECT w.person_id, w.timer_pr_uge,
           CASE WHEN w.timer_pr_uge = 0 THEN 0 ELSE 1 + len(list_filter(b.g, LAMBDA x: x <= w.timer_pr_uge)) END AS nr,
           b.g
    FROM per_week w, b
),
bands AS (
    SELECT 0 AS nr, '0' AS timer_pr_uge
    UNION ALL
    SELECT i + 1, CASE WHEN i = 0 THEN 'under ' || g[1] || ' (over 0)'
                       WHEN i = len(g) THEN g[i] || ' og derover'
                       ELSE g[i] || '–' || g[i + 1] END
    FROM b, range(0, len(b.g) + 1) r(i)
),
n AS (SELECT count(*) AS total FROM banded)
SELECT bands.nr, replace(bands.timer_pr_uge, '.0', '') AS timer_pr_uge, count(x.person_id) AS antal,
       count(x.person_id) * 100.0 / nullif(n.total, 0) AS andel
FROM bands CROSS JOIN n LEFT JOIN banded x ON x.nr = bands.nr
WHERE n.total > 0
GROUP BY bands.nr, bands.timer_pr_uge, n.total
UNION ALL SELECT 90, 'over_0', count(*) FILTER (WHERE nr > 0), count(*) FILTER (WHERE nr > 0) * 100.0 / count(*)
FROM banded HAVING count(*) > 0
UNION ALL SELECT 99, 'i_alt', count(*), 100.0 FROM banded HAVING count(*) > 0
ORDER BY nr;
