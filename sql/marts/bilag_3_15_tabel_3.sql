-- Bilag 3.15 Tabel 3 (Nye veje mod job (2015)): availability sanctions to uddannelseshjælp
-- recipients and the share sanctioned, per quarter, by visitation category. The source
-- shows "Alle uddannelsesparate" (åbenlyst and other uddannelsesparate pooled) and
-- aktivitetsparate; its totals exceed their sum by the non-visited (uoplyst). Cells:
-- sql/core/sanction_cells.sql (docs/METODE.md).
CREATE OR REPLACE TABLE bilag_3_15_tabel_3 AS
SELECT * FROM sanction_table('kvartal', 'udh', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'},
    {'dimension': 'visitation', 'vaerdi': 'alle_uddannelsesparate'}, {'dimension': 'visitation', 'vaerdi': 'aabenlyst_uddannelsesparat'}, {'dimension': 'visitation', 'vaerdi': 'uddannelsesparat'},
    {'dimension': 'visitation', 'vaerdi': 'aktivitetsparat'}, {'dimension': 'visitation', 'vaerdi': 'uoplyst'}]);
