-- Afstemning med Jobindsats: the share sanctioned (sql/core/sanction_cells.sql, the cells of
-- Bilag 3.15) beside the Jobindsats tables of the data folder that publish one, per quarter
-- (2022Q1) or year (2022) and municipality (dimension kommune) or Hele landet (i_alt).
-- One row per sanction cell: where two loaded tables publish the same cell, the first by
-- table id, file and row (every one is in jobindsats_afstemning). forskel = register -
-- jobindsats in percentage points; tolerance: the measure's (jobindsats_maalinger.csv);
-- forskel_tolerancer = forskel / tolerance.
CREATE OR REPLACE TABLE afstemning_jobindsats_sanktioner AS
WITH
cells AS (
    SELECT *,
           CASE periodetype WHEN 'K' THEN year(periode_start) || 'Q' || quarter(periode_start)
                ELSE CAST(year(periode_start) AS VARCHAR) END AS periode_rapport,
           CASE WHEN niveau = 'hele_landet' THEN 'i_alt' ELSE 'kommune' END AS dimension,
           CASE WHEN niveau = 'hele_landet' THEN 'i_alt' ELSE CAST(kommune AS VARCHAR) END AS vaerdi
    FROM jobindsats_afstemning
    WHERE maal = 'andel_sanktionerede' AND register IS NOT NULL
),
shown AS (
    SELECT * FROM cells
    QUALIFY row_number() OVER (PARTITION BY ydelse, periode_rapport, dimension, vaerdi
                               ORDER BY tabel_id, kilde_fil, kilde_raekke) = 1
)
SELECT c.periode_rapport AS periode, c.ydelse AS kategori, c.dimension, c.vaerdi, c.tabel_id, c.jobindsats,
       s.antal_modtagere, s.andel_sanktionerede, s.andel_sanktionerede - c.jobindsats AS forskel, c.tolerance,
       (s.andel_sanktionerede - c.jobindsats) / c.tolerance AS forskel_tolerancer
FROM shown c
JOIN sanction_cells s
  ON s.periode = c.periode_rapport AND s.kategori = c.ydelse AND s.dimension = c.dimension AND s.vaerdi = c.vaerdi
ORDER BY c.ydelse, c.periode_start, c.periode_slut, c.dimension <> 'i_alt', try_cast(c.vaerdi AS INTEGER);
