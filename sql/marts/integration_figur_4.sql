-- The integration annex of Nye veje mod job (2015), Figur 4: kontanthjælp anciennity and the
-- share with an active offer in the 12 weeks up to the reference week (2014-W20), for three
-- groups (docs/METODE.md "Integrationsprogrammet"), the construction of Figur 3.5:
--   integrationsprogram: on kontanthjælp under integrationsloven in week R (DREAM's programme
--     codes carry no visitation: every participant, where the source shows the aktivitetsparate);
--   ikke_vestlige_uden_for: non-western immigrants (herkomst 4) who are aktivitetsparate on
--     kontant- or uddannelseshjælp in week R (the source includes uddannelseshjælp in the two
--     groups outside the programme);
--   dansk_oprindelse: persons of Danish origin (herkomst 1), likewise.
-- Anciennity: the person's spell of kontant- and uddannelseshjælp (family kth_udh, the programme
-- included; gaps <= max_gap_weeks bridged) in week R; banding and counting by offers_by_anciennity.
CREATE OR REPLACE TEMP TABLE if4_grupper AS
SELECT * FROM (VALUES
    (1, 'integrationsprogram', 'I integrationsprogrammet'),
    (2, 'ikke_vestlige_uden_for', 'Ikke-vestlige indvandrere uden for programmet'),
    (3, 'dansk_oprindelse', 'Dansk oprindelse')
) t(ord, gruppe, label);

CREATE OR REPLACE TEMP TABLE if4_stock AS
SELECT DISTINCT r.person_id,
       CASE WHEN r.category = 'kth_integrationsloven' THEN 'integrationsprogram'
            WHEN p.herkomst = 4 THEN 'ikke_vestlige_uden_for' ELSE 'dansk_oprindelse' END AS gruppe,
       ref.week - s.w_from + 1 AS anciennitet
FROM category_runs r
JOIN categories c USING (category)
JOIN persons p USING (person_id), (SELECT getvariable('reference_week') AS week) ref
JOIN spells s ON s.person_id = r.person_id AND s.family = c.family AND ref.week BETWEEN s.w_from AND s.w_to
WHERE ref.week BETWEEN r.w_from AND r.w_to
  AND (r.category = 'kth_integrationsloven'
       OR (r.kategori IN ('kth_aktivitetsparat', 'udh_aktivitetsparat') AND p.herkomst IN (1, 4)));

CREATE OR REPLACE TABLE integration_figur_4 AS
SELECT b.gruppe || '_' || b.aar AS kategori, g.label || ', ' || b.aar_label AS label,
       b.gruppe, b.aar, b.antal, b.antal_tilbud, b.antal_tilbud * 100.0 / b.antal AS andel_tilbud
FROM offers_by_anciennity(if4_stock) b JOIN if4_grupper g USING (gruppe)
ORDER BY g.ord, b.aar;
