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
-- The offers come from activation_weeks: the activation extract, or DREAM's codes
-- where it is absent (the report's own source for these figures was DREAM).
CREATE OR REPLACE TABLE figur_3_5 AS
WITH
p AS (SELECT getvariable('reference_week') AS r, getvariable('offer_lookback_weeks') AS lookback,
             getvariable('min_offer_anciennity_weeks') AS min_anc),
grupper(ord, gruppe, label) AS (VALUES
    (1, 'ledighedsydelse', 'Ledighedsydelse'),
    (2, 'kth_jobparat', 'Jobparate kontanthjælpsmodtagere'),
    (3, 'kth_aktivitetsparat', 'Aktivitetsparate kontanthjælpsmodtagere'),
    (4, 'udh_uddannelsesparat', 'Uddannelsesparate uddannelseshjælpsmodtagere'),
    (5, 'udh_aktivitetsparat', 'Aktivitetsparate uddannelseshjælpsmodtagere')
),
stock AS (
    SELECT r.person_id, r.kategori AS gruppe, p.r - s.w_from + 1 AS anciennitet
    FROM category_runs r
    JOIN categories c USING (category), p
    JOIN spells s ON s.person_id = r.person_id AND s.family = c.family AND p.r BETWEEN s.w_from AND s.w_to
    WHERE p.r BETWEEN r.w_from AND r.w_to AND r.kategori IN (SELECT gruppe FROM grupper)
),
offers AS (
    SELECT a.person_id, bool_or(a.hours > 0) AS tilbud,
           bool_or(len(coalesce(a.virksomhedsrettet, [])) > 0) AS virksomhedsrettet
    FROM activation_weeks a, p
    WHERE a.week BETWEEN p.r - p.lookback + 1 AND p.r
    GROUP BY a.person_id
),
banded AS (
    SELECT s.gruppe, CAST(least(floor(s.anciennitet / 52), 10) AS INTEGER) AS aar,
           coalesce(o.tilbud, false) AS tilbud, coalesce(o.virksomhedsrettet, false) AS virksomhedsrettet
    FROM stock s LEFT JOIN offers o USING (person_id), p
    WHERE s.anciennitet >= p.min_anc
)
SELECT b.gruppe || '_' || b.aar AS kategori, g.label || ', ' ||
       CASE WHEN b.aar = 0 THEN 'under 1 år' WHEN b.aar = 10 THEN '10 år og derover'
            ELSE b.aar || '-' || (b.aar + 1) || ' år' END AS label,
       b.gruppe, b.aar, count(*) AS antal,
       count(*) FILTER (WHERE b.tilbud) AS antal_tilbud,
       count(*) FILTER (WHERE b.tilbud) * 100.0 / count(*) AS andel_tilbud,
       count(*) FILTER (WHERE b.virksomhedsrettet) AS antal_virksomhedsrettet,
       count(*) FILTER (WHERE b.virksomhedsrettet) * 100.0 / count(*) AS andel_virksomhedsrettet
FROM banded b JOIN grupper g USING (gruppe)
GROUP BY b.gruppe, b.aar, g.ord, g.label
ORDER BY g.ord, b.aar;
