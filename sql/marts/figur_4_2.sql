-- Figur 4.2: long-term recipients in a company-based offer or fleksjob in the quarter,
-- by municipality, dagpenge against the others (kontant- and uddannelseshjælp,
-- revalidering, sygedagpenge, ledighedsydelse) (Nye veje mod job (2015); its definition
-- includes fleksjob). Population: company_offers_quarter; municipality in the
-- quarter's year.
CREATE OR REPLACE TABLE figur_4_2 AS
WITH grouped AS (
    SELECT *, CASE WHEN kategori = 'dagpenge' THEN 'dagpenge' ELSE 'oevrige' END AS gruppe
    FROM company_offers_quarter
)
SELECT coalesce(CAST(g.kommune AS VARCHAR), 'uoplyst') || '_' || g.gruppe AS kategori,
       coalesce(k.navn, 'uoplyst') || ', ' || CASE g.gruppe WHEN 'dagpenge' THEN 'dagpenge' ELSE 'øvrige' END AS label,
       g.kommune, k.navn, g.gruppe, count(*) AS antal,
       count(*) FILTER (WHERE g.total) AS antal_virksomhedsrettet,
       count(*) FILTER (WHERE g.total) * 100.0 / count(*) AS andel_virksomhedsrettet
FROM grouped g LEFT JOIN kommuner k USING (kommune)
GROUP BY ALL
ORDER BY g.kommune, g.gruppe;
