-- Bilag 3.11 (Nye veje mod job (2015), prose): citizens at the edge of the labour
-- market as a share of the population aged 16-64, by municipality, in the reference week:
-- persons in udkant_persons' group 'alle' aged 16-64 / persons aged 16-64, by the municipality
-- of the reference week's year (hele_landet: all; uoplyst: no municipality). The source's map
-- has lost its numbers; the prose gives Lolland 27 pct. and "under 10 pct." north of København.
CREATE OR REPLACE TABLE bilag_3_11 AS
WITH
pop AS (SELECT person_id, coalesce(CAST(kommune AS VARCHAR), 'uoplyst') AS kommune FROM udkant_persons
        WHERE gruppe = 'befolkning_16_64'),
edge AS (SELECT DISTINCT person_id FROM udkant_persons WHERE gruppe = 'alle'),
cells AS (
    SELECT p.kommune, count(*) AS antal_befolkning, count(e.person_id) AS antal
    FROM pop p LEFT JOIN edge e USING (person_id) GROUP BY p.kommune
    UNION ALL
    SELECT 'hele_landet', count(*), count(e.person_id) FROM pop p LEFT JOIN edge e USING (person_id)
)
SELECT c.kommune, coalesce(k.navn, CASE c.kommune WHEN 'hele_landet' THEN 'Hele landet' ELSE 'Uoplyst' END) AS navn,
       c.antal_befolkning, c.antal, c.antal * 100.0 / c.antal_befolkning AS andel
FROM cells c LEFT JOIN kommuner k ON CAST(k.kommune AS VARCHAR) = c.kommune
ORDER BY c.kommune = 'hele_landet' DESC, andel DESC, c.kommune;
