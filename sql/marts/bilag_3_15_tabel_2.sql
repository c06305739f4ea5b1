-- Bilag 3.15 Tabel 2 (Nye veje mod job (2015)): share of kontanthjælp recipients
-- sanctioned per quarter, by herkomst (DREAM; 'uoplyst' where missing). Cells:
-- sql/core/sanction_cells.sql (docs/METODE.md).
CREATE OR REPLACE TABLE bilag_3_15_tabel_2 AS
SELECT * FROM sanction_table('kvartal', 'kth', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'},
     {'dimension': 'herkomst', 'vaerdi': 'dansk_oprindelse'}, {'dimension': 'herkomst', 'vaerdi': 'indvandrer_vestlig'},
     {'dimension': 'herkomst', 'vaerdi': 'efterkommer_vestlig'}, {'dimension': 'herkomst', 'vaerdi': 'indvandrer_ikke_vestlig'},
     {'dimension': 'herkomst', 'vaerdi': 'efterkommer_ikke_vestlig'}, {'dimension': 'herkomst', 'vaerdi': 'uoplyst'}]);
