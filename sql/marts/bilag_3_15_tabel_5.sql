-- Bilag 3.15 Tabel 5 (seed 001 l. 3273-3310): availability sanctions to dagpenge
-- recipients and the share sanctioned, per quarter. The source counts jobcentre and
-- a-kasse sanctions alike; so does this table (every record with ydelse dagpenge).
-- Cells: sql/core/sanction_cells.sql (STATISTICS.md §5).
CREATE OR REPLACE TABLE bilag_3_15_tabel_5 AS
SELECT * FROM sanction_table('kvartal', 'dagpenge', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}]);
