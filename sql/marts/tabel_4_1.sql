-- Tabel 4.1: long-term recipients activated in a company-based offer, by offer type and
-- sector, in a quarter (default 2014Q2; Nye veje mod job (2015)). Population and flags:
-- company_offers_quarter (sql/core/company_offers_quarter.sql).
--   columns: share of the row's population with the offer in the quarter; total = any
--       company-based offer or fleksjob (unique persons)
--   i_alt = all rows together (person-rows), i.e. the N-weighted mean of the rows, as published
CREATE OR REPLACE TABLE tabel_4_1 AS
WITH
table_rows(ord, kategori, label) AS (VALUES
    (1, 'dagpenge', 'Dagpenge'), (2, 'sygedagpenge', 'Sygedagpenge'),
    (3, 'kth_aktivitetsparat', 'Kontanthjælp (aktivitetsparat)'), (4, 'kth_jobparat', 'Kontanthjælp (jobparat)'),
    (5, 'fleksjobvisiterede', 'Fleksjobvisiterede'), (6, 'revalidering', 'Revalidering'),
    (7, 'udh_aabenlyst_uddannelsesparat', 'Uddannelseshjælp (åbenlyst uddannelsesparat)'),
    (8, 'udh_aktivitetsparat', 'Uddannelseshjælp (aktivitetsparat)'),
    (9, 'udh_uddannelsesparat', 'Uddannelseshjælp (uddannelsesparat)')
),
per_row AS (
    SELECT t.ord, t.kategori, t.label, c.* EXCLUDE (kategori)
    FROM table_rows t LEFT JOIN company_offers_quarter c USING (kategori)
    UNION ALL
    SELECT 10, 'i_alt', 'Total', c.* EXCLUDE (kategori) FROM company_offers_quarter c
)
SELECT kategori, label, count(person_id) AS antal,
       count(*) FILTER (WHERE lt_off) * 100.0 / nullif(count(person_id), 0) AS loentilskud_offentlig,
       count(*) FILTER (WHERE vp_off) * 100.0 / nullif(count(person_id), 0) AS virksomhedspraktik_offentlig,
       count(*) FILTER (WHERE lt_priv) * 100.0 / nullif(count(person_id), 0) AS loentilskud_privat,
       count(*) FILTER (WHERE vp_priv) * 100.0 / nullif(count(person_id), 0) AS virksomhedspraktik_privat,
       count(*) FILTER (WHERE nytte) * 100.0 / nullif(count(person_id), 0) AS nyttejob,
       count(*) FILTER (WHERE fleksjob) * 100.0 / nullif(count(person_id), 0) AS fleksjob,
       count(*) FILTER (WHERE total) * 100.0 / nullif(count(person_id), 0) AS total
FROM per_row
GROUP BY ord, kategori, label
ORDER BY ord;
