-- Bilag 3.15 Tabel 8 (Nye veje mod job (2015)): availability sanctions to kontanthjælp
-- recipients and the share sanctioned, per municipality and year: "Hele landet" first,
-- then all 98 municipalities (code order; zero where no one is counted), then
-- 'uoplyst' (sanctions without a known municipality, recipients without nykomYYYY).
-- A sanction counts in the municipality on its record; a recipient in his or her
-- municipality of the year; the share of a municipality counts its sanctioned persons
-- who are also its recipients. Municipalities sum to Hele landet in antal_sanktioner
-- and antal_modtagere (asset check). Cells: sql/core/sanction_cells.sql.
CREATE OR REPLACE TABLE bilag_3_15_tabel_8 AS
SELECT * REPLACE (CASE WHEN dimension = 'i_alt' THEN 'hele_landet' ELSE vaerdi END AS vaerdi)
FROM sanction_table('aar', 'kth', (
    SELECT [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}]
           || list({'dimension': 'kommune', 'vaerdi': CAST(kommune AS VARCHAR)} ORDER BY kommune)
           || [{'dimension': 'kommune', 'vaerdi': 'uoplyst'}]
    FROM kommuner));
