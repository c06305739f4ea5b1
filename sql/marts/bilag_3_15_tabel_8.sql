-- Bilag 3.15 Tabel 8 (seed 001 l. 3419-3532): availability sanctions to kontanthjælp
-- recipients and the share sanctioned, per municipality and year: "Hele landet" first,
-- then all 98 municipalities (code order; zero where no one is counted), then
-- 'uoplyst' (sanctions without a known municipality, recipients without nykomYYYY).
-- A sanction counts in the municipality on its record; a recipient in his or her
-- municipality of the year; the share of a municipality counts its sanctioned persons
-- who are also its recipients. Municipalities sum to Hele landet in antal_sanktioner
-- and antal_modtagere (asset check). Cells: sql/core/sanction_cells.sql.
CREATE OR REPLACE TABLE bilag_3_15_tabel_8 AS
WITH rows_ AS (
    SELECT 0 AS ord, 'i_alt' AS dimension, 'i_alt' AS vaerdi
    UNION ALL SELECT kommune, 'kommune', CAST(kommune AS VARCHAR) FROM kommuner
    UNION ALL SELECT 100000, 'kommune', 'uoplyst'
)
SELECT p.periode, 'kth' AS kategori, r.dimension,
       CASE WHEN r.dimension = 'i_alt' THEN 'hele_landet' ELSE r.vaerdi END AS vaerdi,
       coalesce(c.antal_modtagere, 0) AS antal_modtagere, coalesce(c.antal_sanktioner, 0) AS antal_sanktioner,
       coalesce(c.antal_sanktionerede, 0) AS antal_sanktionerede, c.andel_sanktionerede
FROM periods p CROSS JOIN rows_ r
LEFT JOIN sanction_cells c
  ON c.periodetype = p.periodetype AND c.periode = p.periode AND c.kategori = 'kth'
 AND c.dimension = r.dimension AND c.vaerdi = r.vaerdi
WHERE p.periodetype = 'aar'
ORDER BY p.w0, r.ord;
