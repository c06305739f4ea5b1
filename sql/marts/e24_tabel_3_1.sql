-- The 2024 report's Tabel 3.1: persons by number of sanctions in the year, among
-- the year's recipients, for the kontanthjælp system (kontant- and uddannelseshjælp
-- pooled: persons with >= 1 week of either; their kth and udh sanctions) and the
-- dagpenge system. Karantæne is left out (sanction_excluded_types), as in the source;
-- every record counts (a 'så længe' sanction is reported per day). Sanctions of persons
-- who are not recipients of the system in the year are not in the table (they are
-- counted in the data-quality section).
-- Columns as the other sanction tables, read per bucket (vaerdi = 0, 1, ..., 6-10, >10):
--   antal_modtagere = persons in the bucket; antal_sanktioner = their sanctions;
--   antal_sanktionerede = persons in the bucket if it is >= 1, else 0;
--   andel_sanktionerede = the bucket's share of the year's sanctioned recipients
--   (the source's "andel blandt sanktionerede"), NULL for 0.
CREATE OR REPLACE TABLE e24_tabel_3_1 AS
WITH
sys(kategori, ydelse) AS (VALUES ('kh_system', 'kth'), ('kh_system', 'udh'), ('dp_system', 'dagpenge')),
recipients AS (
    SELECT DISTINCT r.periode, s.kategori, r.person_id
    FROM sanction_recipients r JOIN sys s USING (ydelse) WHERE r.periodetype = 'aar'
),
counts AS (
    SELECT e.aar AS periode, s.kategori, e.person_key, count(*) AS n
    FROM sanction_events e JOIN sys s USING (ydelse)
    WHERE e.counted AND e.aar IS NOT NULL
    GROUP BY ALL
),
per_person AS (
    SELECT r.periode, r.kategori, coalesce(c.n, 0) AS n
    FROM recipients r LEFT JOIN counts c
      ON c.periode = r.periode AND c.kategori = r.kategori AND c.person_key = r.person_id
),
buckets(ord, vaerdi, lo, hi) AS (VALUES
    (0, '0', 0, 0), (1, '1', 1, 1), (2, '2', 2, 2), (3, '3', 3, 3), (4, '4', 4, 4), (5, '5', 5, 5),
    (6, '6-10', 6, 10), (7, '>10', 11, NULL)
),
cells AS (
    SELECT p.periode, p.kategori, b.ord, count(*) AS personer, sum(p.n) AS sanktioner, max(p.n) AS max_n
    FROM per_person p JOIN buckets b ON p.n >= b.lo AND (b.hi IS NULL OR p.n <= b.hi)
    GROUP BY ALL
),
grid AS (
    SELECT y.w0, y.periode, k.ko, k.kategori, b.ord, b.vaerdi,
           coalesce(c.personer, 0) AS personer, coalesce(c.sanktioner, 0) AS sanktioner, coalesce(c.max_n, 0) AS max_n
    FROM periods y
    CROSS JOIN (VALUES (1, 'kh_system'), (2, 'dp_system')) k(ko, kategori)
    CROSS JOIN buckets b
    LEFT JOIN cells c ON c.periode = y.periode AND c.kategori = k.kategori AND c.ord = b.ord
    WHERE y.periodetype = 'aar'
)
SELECT periode, kategori, 'antal_sanktioner_i_aaret' AS dimension, vaerdi,
       personer AS antal_modtagere, sanktioner AS antal_sanktioner,
       CASE WHEN ord > 0 THEN personer ELSE 0 END AS antal_sanktionerede,
       CASE WHEN ord > 0 THEN personer * 100.0
            / nullif(sum(personer) FILTER (WHERE ord > 0) OVER (PARTITION BY periode, kategori), 0) END
           AS andel_sanktionerede,
       max_n AS _max_sanktioner  -- the most sanctions of one person in the cell (disclosure control)
FROM grid
ORDER BY w0, ko, ord;
