-- Bilag 3.9 (Nye veje mod job (2015)): persons on public support in the reference week by origin
-- and sex: per group (sql/core/udkant_persons.sql) the shares of men and women among those of
-- Danish origin and among non-western immigrants (pct. of the group's persons of that origin
-- with a sex given), beside the population aged 16-64 (the source's note).
CREATE OR REPLACE TABLE bilag_3_9 AS
WITH
grid AS (
    SELECT g.gruppe, h.herkomst FROM (SELECT unnest(udkant_grupper()) AS gruppe) g,
                                     (VALUES ('dansk_oprindelse'), ('indvandrer_ikke_vestlig')) h(herkomst)
),
cells AS (
    SELECT gruppe, herkomst, count(koen) AS antal, count(*) FILTER (WHERE koen = 1) AS antal_maend,
           count(*) FILTER (WHERE koen = 2) AS antal_kvinder
    FROM udkant_persons GROUP BY ALL
)
SELECT g.gruppe, g.herkomst, coalesce(c.antal, 0) AS antal, coalesce(c.antal_maend, 0) AS antal_maend,
       coalesce(c.antal_kvinder, 0) AS antal_kvinder,
       c.antal_maend * 100.0 / nullif(c.antal, 0) AS andel_maend,
       c.antal_kvinder * 100.0 / nullif(c.antal, 0) AS andel_kvinder
FROM grid g LEFT JOIN cells c USING (gruppe, herkomst)
ORDER BY list_position(udkant_grupper(), g.gruppe), g.herkomst;
