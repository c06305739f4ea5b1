-- The persons of the characteristics tables (Nye veje mod job (2015) Bilag 3.8, 3.9, 3.11) in the reference
-- week, one row per person and group, with the attributes DREAM holds:
--   gruppe: the category with visitation (category_runs.kategori) for the source's eleven
--     groups; revalidering includes forrevalidering; alle = all of them and kontanthjælp under
--     integrationsloven (the source counts integration under kontanthjælp, Bilag 3.8);
--     befolkning_16_64 = every person in DREAM aged 16-64, on a benefit or not.
--   alder = ISO year of the reference week - foedselsaar (DATA_CONTRACT.md §2.1); kommune and
--   region from that year's nykom (kommuner.csv); herkomst by name (NULL when not given).
CREATE OR REPLACE TABLE udkant_persons AS
WITH
p AS (SELECT getvariable('reference_week') AS r, week_year(getvariable('reference_week')) AS y),
groups(kategori, gruppe) AS (VALUES
    ('kth_jobparat', 'kth_jobparat'), ('kth_aktivitetsparat', 'kth_aktivitetsparat'),
    ('udh_aabenlyst_uddannelsesparat', 'udh_aabenlyst_uddannelsesparat'),
    ('udh_uddannelsesparat', 'udh_uddannelsesparat'), ('udh_aktivitetsparat', 'udh_aktivitetsparat'),
    ('sygedagpenge', 'sygedagpenge'), ('revalidering', 'revalidering'), ('forrevalidering', 'revalidering'),
    ('ressourceforloeb', 'ressourceforloeb'), ('foertidspension', 'foertidspension'), ('fleksjob', 'fleksjob'),
    ('ledighedsydelse', 'ledighedsydelse')),
stock AS (
    SELECT c.person_id, g.gruppe FROM category_runs c JOIN groups g USING (kategori), p WHERE p.r BETWEEN c.w_from AND c.w_to
    UNION ALL
    SELECT c.person_id, 'alle' FROM category_runs c, p
    WHERE p.r BETWEEN c.w_from AND c.w_to AND (c.kategori IN (SELECT kategori FROM groups) OR c.category = 'kth_integrationsloven')
    UNION ALL
    SELECT person_id, 'befolkning_16_64' FROM persons, p WHERE p.y - foedselsaar BETWEEN 16 AND 64
)
SELECT s.gruppe, s.person_id, p.y - ps.foedselsaar AS alder, ps.koen,
       CASE WHEN ps.herkomst IS NOT NULL THEN herkomst_name(ps.herkomst) END AS herkomst, pk.kommune, k.region
FROM stock s JOIN persons ps USING (person_id) CROSS JOIN p
LEFT JOIN kommune_runs pk ON pk.person_id = s.person_id AND p.y BETWEEN pk.aar_from AND pk.aar_to
LEFT JOIN kommuner k ON k.kommune = pk.kommune;
