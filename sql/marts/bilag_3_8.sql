-- Bilag 3.8 (seed 001 l. 2199-2357): who the citizens at the edge of the labour market are, in
-- the reference week (uge 20 2014): per benefit group, the number, mean age, sex, origin and
-- region, beside the population aged 16-64. Long format: gruppe, maal, antal (persons, for
-- maal = 'antal'), vaerdi (mean age in years, or pct. of the group's persons), personer (the
-- group's size on every row).
--   gruppe: the category with visitation (category_runs.kategori) in the reference week, for the
--     source's eleven groups; revalidering includes forrevalidering; alle = all of them and
--     kontanthjælp under integrationsloven (the source counts integration under kontanthjælp);
--     befolkning_16_64 = every person in DREAM aged 16-64 (a blank week included).
--   age = ISO year of the reference week - foedselsaar (DATA_CONTRACT.md §2.1); region from the
--     municipality of that year (nykom; kommuner.csv); origin from herkomst. Persons without a
--     value are left out of that measure's denominator (a share of those with the value).
-- Family type and children (from CPR and the law model) are not in DREAM: not computed.
CREATE OR REPLACE TABLE bilag_3_8 AS
WITH
p AS (SELECT getvariable('reference_week') AS r, year(week_monday(getvariable('reference_week')) + 3) AS y),
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
),
attrs AS (
    SELECT s.gruppe, s.person_id, p.y - ps.foedselsaar AS alder, ps.koen,
           CASE WHEN ps.herkomst IS NOT NULL THEN herkomst_name(ps.herkomst) END AS herkomst, k.region
    FROM stock s JOIN persons ps USING (person_id) CROSS JOIN p
    LEFT JOIN person_kommune pk ON pk.person_id = s.person_id AND pk.aar = p.y
    LEFT JOIN kommuner k ON k.kommune = pk.kommune
),
measures AS (
    SELECT gruppe, 'antal' AS maal, count(*) AS antal, NULL::DOUBLE AS vaerdi FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'gns_alder', NULL, avg(alder) FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'maend', NULL, 100.0 * count(*) FILTER (WHERE koen = 1) / nullif(count(koen), 0) FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'kvinder', NULL, 100.0 * count(*) FILTER (WHERE koen = 2) / nullif(count(koen), 0) FROM attrs GROUP BY gruppe
    UNION ALL
    SELECT a.gruppe, h.h, NULL, 100.0 * count(*) FILTER (WHERE a.herkomst = h.h) / nullif(count(a.herkomst), 0)
    FROM attrs a, (VALUES ('dansk_oprindelse'), ('indvandrer_ikke_vestlig'), ('efterkommer_ikke_vestlig'),
                          ('indvandrer_vestlig'), ('efterkommer_vestlig')) h(h)
    GROUP BY a.gruppe, h.h
    UNION ALL
    SELECT a.gruppe, 'region_' || r.r, NULL, 100.0 * count(*) FILTER (WHERE a.region = r.r) / nullif(count(a.region), 0)
    FROM attrs a, (VALUES ('hovedstaden'), ('sjaelland'), ('syddanmark'), ('midtjylland'), ('nordjylland')) r(r)
    GROUP BY a.gruppe, r.r
),
grid AS (  -- every group and measure, also a group nobody is in (antal 0, no values)
    SELECT g.gruppe, m.maal FROM (SELECT DISTINCT gruppe FROM groups UNION SELECT 'alle' UNION SELECT 'befolkning_16_64') g,
                                 (SELECT DISTINCT maal FROM measures) m
)
SELECT g.gruppe, g.maal, CASE WHEN g.maal = 'antal' THEN coalesce(m.antal, 0) END AS antal, m.vaerdi,
       coalesce(n.personer, 0) AS personer  -- personer: the group's size, for disclosure control
FROM grid g LEFT JOIN measures m USING (gruppe, maal)
LEFT JOIN (SELECT gruppe, count(*) AS personer FROM attrs GROUP BY gruppe) n USING (gruppe)
ORDER BY list_position(['kth_jobparat', 'kth_aktivitetsparat', 'udh_aabenlyst_uddannelsesparat', 'udh_uddannelsesparat',
                        'udh_aktivitetsparat', 'sygedagpenge', 'revalidering', 'ressourceforloeb', 'foertidspension',
                        'fleksjob', 'ledighedsydelse', 'alle', 'befolkning_16_64'], g.gruppe), g.maal;
