-- Seed 003's focus targets (Boks 6.5; no values published), for persons on public
-- support in the reference week whose spell has >= focus_anciennity_weeks (52, twelve
-- months) anciennity:
--   uden_tilbud: share with no activation offer in the last 52 weeks up to the reference
--     week (activation_weeks: the activation extract, or DREAM's activation codes);
--   uden_tilbud_og_100_timer: share with neither an offer nor 100 hours of paid work in
--     those 12 months: needs the loentimer extract, so NULL with the reason until then;
--   faerre_end_4_samtaler: share with fewer than 4 meetings: needs a meetings extract,
--     which the data contract does not have yet: NULL with the reason.
CREATE OR REPLACE TABLE e24_fokusmaal AS
WITH
pop AS (
    SELECT DISTINCT a.person_id FROM anciennity a
    WHERE a.on_benefit_at_reference AND a.anciennitet_uger >= getvariable('focus_anciennity_weeks')
),
offered AS (
    SELECT DISTINCT w.person_id FROM activation_weeks w
    WHERE w.week BETWEEN getvariable('reference_week') - 51 AND getvariable('reference_week')
),
n AS (SELECT count(*) AS antal, count(*) FILTER (WHERE o.person_id IS NULL) AS uden FROM pop p
      LEFT JOIN offered o USING (person_id))
SELECT 'uden_tilbud' AS maal, antal, uden * 100.0 / nullif(antal, 0) AS andel, NULL AS mangler FROM n
UNION ALL SELECT 'uden_tilbud_og_100_timer', antal, NULL, 'løntimer (loentimer-udtrækket)' FROM n
UNION ALL SELECT 'faerre_end_4_samtaler', antal, NULL, 'samtaler (intet udtræk i datakontrakten endnu)' FROM n;
