-- The periods of the period-based tables: quarters and years, each the ISO weeks whose
-- Thursday falls in it (docs/METODE.md), so 2014Q2 is weeks 2014-W14 ... 2014-W26 and a
-- year is its ISO year. Only periods wholly inside the DREAM extract are listed: a
-- period cut by the extract's first or last week would undercount its recipients.
--   periodetype: 'kvartal' | 'aar';  periode: '2014Q2' | '2014';  aar: the year;
--   w0, w1: first and last week index (weeks since 1990-W01).
CREATE OR REPLACE TABLE periods AS
WITH
b AS (SELECT getvariable('extract_first_week') AS f, getvariable('extract_last_week') AS l),
starts AS (  -- the first day of every quarter from the extract's first year to one past its last
    SELECT CAST(d AS DATE) AS d
    FROM b, range(make_date(year(week_monday(b.f)) - 1, 1, 1), make_date(year(week_monday(b.l)) + 2, 1, 1),
                  INTERVAL 3 MONTH) t(d)
),
quarters AS (
    SELECT 'kvartal' AS periodetype, year(d) || 'Q' || quarter(d) AS periode, year(d) AS aar,
           first_week_from(d - 3) AS w0, first_week_from(CAST(d + INTERVAL 3 MONTH AS DATE) - 3) - 1 AS w1
    FROM starts
),
years AS (
    SELECT 'aar' AS periodetype, CAST(aar AS VARCHAR) AS periode, aar, min(w0) AS w0, max(w1) AS w1
    FROM quarters GROUP BY aar
)
SELECT p.* FROM (SELECT * FROM quarters UNION ALL SELECT * FROM years) p, b
WHERE p.w0 >= b.f AND p.w1 <= b.l
ORDER BY periodetype DESC, w0;
