-- Bilag 3.15 Tabel 1 (Nye veje mod job (2015)): availability sanctions to kontanthjælp
-- recipients and the share sanctioned, per quarter, by visitation category (the
-- visitation of the sanction's week; 'uoplyst' where there is none). Cells and their
-- conventions: sql/core/sanction_cells.sql (docs/METODE.md).
CREATE OR REPLACE TABLE bilag_3_15_tabel_1 AS
SELECT * FROM sanction_table('kvartal', 'kth', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'},
    {'dimension': 'visitation', 'vaerdi': 'jobparat'}, {'dimension': 'visitation', 'vaerdi': 'aktivitetsparat'}, {'dimension': 'visitation', 'vaerdi': 'uoplyst'}]);
