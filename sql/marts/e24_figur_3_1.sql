-- The 2024 report's Figur 3.1 (prose): persons sanctioned and the share
-- sanctioned per target group and year (the report shows 2022). Target groups: dagpenge
-- (sanctioned by the a-kasser), kontanthjælp jobparat / aktivitetsparat, uddannelseshjælp
-- uddannelsesparat / aktivitetsparat, ressourceforløb, ledighedsydelse, sygedagpenge.
-- Karantæne is left out, as in the figure (sanction_excluded_types); the row
-- dagpenge_alle_typer keeps it, as the prose's "ca. 15 pct." does. A person is in every
-- group he or she received in the year (the source does not say which group a person
-- with several belongs to). Cells: sql/core/sanction_cells.sql (docs/METODE.md).
CREATE OR REPLACE TABLE e24_figur_3_1 AS
SELECT * EXCLUDE (g) FROM (
    SELECT 1 AS g, * FROM sanction_table('aar', 'dagpenge', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}])
    UNION ALL SELECT 2, * FROM sanction_table('aar', 'dagpenge_alle_typer', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}])
    UNION ALL SELECT 3, * FROM sanction_table('aar', 'kth', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'},
                                                            {'dimension': 'visitation', 'vaerdi': 'jobparat'}, {'dimension': 'visitation', 'vaerdi': 'aktivitetsparat'}])
    UNION ALL SELECT 4, * FROM sanction_table('aar', 'udh', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'},
                                                            {'dimension': 'visitation', 'vaerdi': 'alle_uddannelsesparate'}, {'dimension': 'visitation', 'vaerdi': 'aktivitetsparat'}])
    UNION ALL SELECT 5, * FROM sanction_table('aar', 'ressourceforloeb', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}])
    UNION ALL SELECT 6, * FROM sanction_table('aar', 'ledighedsydelse', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}])
    UNION ALL SELECT 7, * FROM sanction_table('aar', 'sygedagpenge', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}])
)
ORDER BY periode, g, list_position(['i_alt', 'jobparat', 'alle_uddannelsesparate', 'aktivitetsparat'], vaerdi);
