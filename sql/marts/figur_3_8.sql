-- Figur 3.8: the share with a company-based offer in the 12 weeks up to the reference
-- week, by anciennity band (Nye veje mod job (2015)). Same population and bands as
-- Figur 3.5 (sql/marts/figur_3_5.sql), other numerator.
CREATE OR REPLACE TABLE figur_3_8 AS
SELECT kategori, label, gruppe, aar, antal, antal_virksomhedsrettet, andel_virksomhedsrettet
FROM figur_3_5
ORDER BY gruppe, aar;
