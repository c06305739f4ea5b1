-- Afstemning med Jobindsats: the register's persons and full-time persons beside the
-- Jobindsats tables of the data folder, one row per register cell (docs/METODE.md,
-- "Afstemning med Jobindsats"; the cell-by-cell comparison is sql/core/jobindsats_afstemning.sql).
--   periode: the portal's period in the report's form: 2022M01 (month), 2022Q1 (quarter),
--     2022 (year, and a moving annual total ending in Q4, which has the year's weeks),
--     2022QMAT02 (another moving annual total);
--   kommune: the municipality's code, or hele_landet;
--   one row per (maal, ydelse, periode, kommune): where two loaded tables publish the same
--     cell, the first by table id, file and row is shown (every one is in jobindsats_afstemning);
--   jobindsats: as published (NULL where the portal suppressed it); register: the register's
--     value (0 where no one is counted); forskel = register - jobindsats; forskel_pct in per
--     cent of jobindsats; tolerance: the measure's (jobindsats_maalinger.csv); forskel_tolerancer =
--     forskel / tolerance (beyond the tolerance where more than 1 either way: the report lists
--     the rows by its size).
-- figur marks the rows of the figure: the municipalities of the (maal, ydelse, periode) with
-- the most municipalities compared, persons before full-time persons, the latest period.
CREATE OR REPLACE TABLE afstemning_jobindsats AS
WITH
cells AS (
    SELECT *,
           CASE WHEN periodetype = 'M' THEN strftime(periode_start, '%Y') || 'M' || strftime(periode_start, '%m')
                WHEN periodetype = 'K' THEN year(periode_start) || 'Q' || quarter(periode_start)
                WHEN periodetype = 'Y' OR (periodetype = 'QMAT' AND month(periode_slut) = 12)
                    THEN CAST(year(periode_slut) AS VARCHAR)
                ELSE year(periode_slut) || 'QMAT0' || quarter(periode_slut) END AS periode_rapport,
           CASE WHEN niveau = 'hele_landet' THEN 'hele_landet' ELSE CAST(kommune AS VARCHAR) END AS kommune_rapport
    FROM jobindsats_afstemning
    WHERE maal IN ('personer', 'fuldtidspersoner') AND register IS NOT NULL
),
first_ AS (
    SELECT *, row_number() OVER (PARTITION BY maal, ydelse, periode_rapport, kommune_rapport
                                 ORDER BY tabel_id, kilde_fil, kilde_raekke) AS nr
    FROM cells
),
shown AS (SELECT * FROM first_ WHERE nr = 1),
figure_group AS (
    SELECT maal, ydelse, periode_rapport, count(*) AS n, max(periode_slut) AS slut
    FROM shown WHERE kommune_rapport <> 'hele_landet'
    GROUP BY maal, ydelse, periode_rapport
    ORDER BY n DESC, maal = 'personer' DESC, slut DESC, ydelse, periode_rapport
    LIMIT 1
)
SELECT s.maal, s.ydelse, s.periode_rapport AS periode, s.kommune_rapport AS kommune,
       s.tabel_id, s.maaling, s.jobindsats, s.register, s.register - s.jobindsats AS forskel,
       CASE WHEN s.jobindsats <> 0 THEN 100 * (s.register - s.jobindsats) / s.jobindsats END AS forskel_pct,
       s.tolerance, (s.register - s.jobindsats) / s.tolerance AS forskel_tolerancer,
       f.maal IS NOT NULL AND s.kommune_rapport <> 'hele_landet' AS figur,
       s.register_personer AS _personer
FROM shown s
LEFT JOIN figure_group f USING (maal, ydelse, periode_rapport)
ORDER BY s.maal DESC, s.ydelse, s.periode_start, s.periode_slut, s.kommune_rapport <> 'hele_landet',
         try_cast(s.kommune_rapport AS INTEGER);
