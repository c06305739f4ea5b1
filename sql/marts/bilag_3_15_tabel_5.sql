-- Bilag 3.15 Tabel 5 (Nye veje mod job (2015)): availability sanctions to dagpenge
-- recipients and the share sanctioned, per quarter. The source counts jobcentre and
-- a-kasse sanctions alike; so does this table (every record with ydelse dagpenge).
-- Cells: sql/core/sanction_cells.sql (docs/METODE.md).
CREATE OR REPLACE TABLE bilag_3_15_tabel_5 AS
SELECT * FROM sanction_table('kvartal', 'dagpenge', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}]);
