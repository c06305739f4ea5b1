-- Bilag 3.8 (Nye veje mod job (2015)): who the citizens at the edge of the labour market are, in
-- the reference week (uge 20 2014): per benefit group, the number, mean age, sex, origin and
-- region, beside the population aged 16-64 (the persons and groups: sql/core/udkant_persons.sql).
-- Long format: gruppe, maal, antal (persons, for maal = 'antal'), vaerdi (mean age in years, or
-- pct. of the group's persons with the attribute given), personer (the group's size, every row).
-- Family type and children (from CPR and the law model) are not in DREAM: not computed.
CREATE OR REPLACE TABLE bilag_3_8 AS
WITH
attrs AS (SELECT * FROM udkant_persons),
measures AS (  -- grundlag: the persons a value rests on (those with the attribute given)
    SELECT gruppe, 'antal' AS maal, count(*) AS antal, NULL::DOUBLE AS vaerdi, count(*) AS grundlag FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'gns_alder', NULL, avg(alder), count(alder) FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'maend', NULL, 100.0 * count(*) FILTER (WHERE koen = 1) / nullif(count(koen), 0), count(koen)
              FROM attrs GROUP BY gruppe
    UNION ALL SELECT gruppe, 'kvinder', NULL, 100.0 * count(*) FILTER (WHERE koen = 2) / nullif(count(koen), 0), count(koen)
              FROM attrs GROUP BY gruppe
    UNION ALL
    SELECT a.gruppe, h.h, NULL, 100.0 * count(*) FILTER (WHERE a.herkomst = h.h) / nullif(count(a.herkomst), 0),
           count(a.herkomst)
    FROM attrs a, (VALUES ('dansk_oprindelse'), ('indvandrer_ikke_vestlig'), ('efterkommer_ikke_vestlig'),
                          ('indvandrer_vestlig'), ('efterkommer_vestlig')) h(h)
    GROUP BY a.gruppe, h.h
    UNION ALL
    SELECT a.gruppe, 'region_' || r.r, NULL, 100.0 * count(*) FILTER (WHERE a.region = r.r) / nullif(count(a.region), 0),
           count(a.region)
    FROM attrs a, (VALUES ('hovedstaden'), ('sjaelland'), ('syddanmark'), ('midtjylland'), ('nordjylland')) r(r)
    GROUP BY a.gruppe, r.r
),
grid AS (  -- every group and measure, also a group nobody is in (antal 0, no values)
    SELECT g.gruppe, m.maal FROM (SELECT unnest(udkant_grupper()) AS gruppe) g,
                                 (SELECT DISTINCT maal FROM measures) m
)
SELECT g.gruppe, g.maal, CASE WHEN g.maal = 'antal' THEN coalesce(m.antal, 0) END AS antal, m.vaerdi,
       coalesce(n.personer, 0) AS personer,  -- personer: the group's size
       coalesce(m.grundlag, 0) AS _grundlag  -- the persons the value rests on (disclosure control; never published)
FROM grid g LEFT JOIN measures m USING (gruppe, maal)
LEFT JOIN (SELECT gruppe, count(*) AS personer FROM attrs GROUP BY gruppe) n USING (gruppe)
ORDER BY list_position(udkant_grupper(), g.gruppe), g.maal;
