-- Figur 3.5 (and the numbers behind Figur 3.8): anciennity and the share with an
-- active offer in the 12 weeks up to the reference week (Nye veje mod job (2015);
-- method Bilag 3.14).
--   population: persons whose category (with visitation) in week R (2014-W20) is one
--               of the five groups; anciennity of their spell (family of the group,
--               gaps <= max_gap_weeks bridged) in week R; under min_offer_anciennity_weeks
--               (12) left out
--   band (aar): whole years of anciennity, floor(anciennity / 52), 10 = ten years or more
--   andel_tilbud: share with activation hours > 0 in at least one of weeks R-11 ... R
--   andel_virksomhedsrettet: ... with a company-based offer (virksomhedspraktik,
--               løntilskud, nytteindsats) in one of those weeks (Figur 3.8)
-- The offers come from activation_runs: the activation extract, or DREAM's codes
-- where it is absent (the report's own source for these figures was DREAM). The banding and
-- counting is the table macro offers_by_anciennity (sql/core/activation_runs.sql).
CREATE OR REPLACE TEMP TABLE f35_grupper AS
SELECT * FROM (VALUES
    (1, 'ledighedsydelse', 'Ledighedsydelse'),
    (2, 'kth_jobparat', 'Jobparate kontanthjælpsmodtagere'),
    (3, 'kth_aktivitetsparat', 'Aktivitetsparate kontanthjælpsmodtagere'),
    (4, 'udh_uddannelsesparat', 'Uddannelsesparate uddannelseshjælpsmodtagere'),
    (5, 'udh_aktivitetsparat', 'Aktivitetsparate uddannelseshjælpsmodtagere')
) t(ord, gruppe, label);

CREATE OR REPLACE TEMP TABLE f35_stock AS
SELECT r.person_id, r.kategori AS gruppe, ref.week - s.w_from + 1 AS anciennitet
FROM category_runs r
JOIN categories c USING (category), (SELECT getvariable('reference_week') AS week) ref
JOIN spells s ON s.person_id = r.person_id AND s.family = c.family AND ref.week BETWEEN s.w_from AND s.w_to
WHERE ref.week BETWEEN r.w_from AND r.w_to AND r.kategori IN (SELECT gruppe FROM f35_grupper);

CREATE OR REPLACE TABLE figur_3_5 AS
SELECT b.gruppe || '_' || b.aar AS kategori, g.label || ', ' || b.aar_label AS label,
       b.gruppe, b.aar, b.antal, b.antal_tilbud, b.antal_tilbud * 100.0 / b.antal AS andel_tilbud,
       b.antal_virksomhedsrettet, b.antal_virksomhedsrettet * 100.0 / b.antal AS andel_virksomhedsrettet
FROM offers_by_anciennity(f35_stock) b JOIN f35_grupper g USING (gruppe)
ORDER BY g.ord, b.aar;
