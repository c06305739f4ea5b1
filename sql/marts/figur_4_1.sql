-- Figur 4.1: long-term recipients with a company-based offer (virksomhedspraktik,
-- løntilskud or nytteindsats; not fleksjob) in the quarter, by benefit and herkomst
-- (Nye veje mod job (2015)). Population: company_offers_quarter.
CREATE OR REPLACE TABLE figur_4_1 AS
WITH herkomst(herkomst, navn) AS (VALUES
    (1, 'Dansk oprindelse'), (2, 'Indvandrere, vestlige'), (3, 'Efterkommere, vestlige'),
    (4, 'Indvandrere, ikke-vestlige'), (5, 'Efterkommere, ikke-vestlige')
)
SELECT c.kategori || '_' || coalesce(CAST(c.herkomst AS VARCHAR), 'uoplyst') AS kategori,
       c.kategori || ', ' || coalesce(h.navn, 'uoplyst') AS label,
       c.kategori AS gruppe, c.herkomst, count(*) AS antal,
       count(*) FILTER (WHERE c.virksomhedsrettet) AS antal_virksomhedsrettet,
       count(*) FILTER (WHERE c.virksomhedsrettet) * 100.0 / count(*) AS andel_virksomhedsrettet
FROM company_offers_quarter c LEFT JOIN herkomst h USING (herkomst)
GROUP BY ALL
ORDER BY c.kategori, c.herkomst;
