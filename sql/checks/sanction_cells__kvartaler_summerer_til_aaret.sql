-- The sanctions of a year's quarters sum to the year's in every cell (Tabel 1's 2013 quarters sum to Tabel 8's
-- total), for every year wholly inside the extract.
WITH q AS (SELECT p.aar, c.kategori, c.dimension, c.vaerdi, sum(c.antal_sanktioner) AS s
           FROM sanction_cells c JOIN periods p USING (periodetype, periode)
           WHERE c.periodetype = 'kvartal' GROUP BY ALL),
     y AS (SELECT CAST(periode AS INTEGER) AS aar, kategori, dimension, vaerdi, antal_sanktioner AS s
           FROM sanction_cells WHERE periodetype = 'aar')
SELECT coalesce(y.aar, q.aar) AS aar, coalesce(y.kategori, q.kategori) AS kategori,
       coalesce(y.vaerdi, q.vaerdi) AS vaerdi, y.s AS aaret, q.s AS kvartalerne
FROM y FULL JOIN q USING (aar, kategori, dimension, vaerdi)
WHERE (SELECT count(*) FROM periods WHERE periodetype = 'aar' AND aar = coalesce(y.aar, q.aar)) > 0
  AND coalesce(y.s, 0) <> coalesce(q.s, 0);
