-- The 2024 report's focus targets (Boks 6.5; no values published), for persons on public
-- support in the reference week whose spell has >= focus_anciennity_weeks (52, twelve
-- months) anciennity; "the last 12 months" = the 52 weeks up to the reference week:
--   uden_tilbud: share with no activation offer (activation_runs: the activation
--     extract, or DREAM's activation codes);
--   uden_tilbud_og_100_timer: share with neither an offer nor 100 ordinary paid hours
--     (loentimer_weeks: the month's hours spread over its ISO weeks by days); NULL with
--     the reason when there is no loentimer extract;
--   faerre_end_4_samtaler: share with fewer than 4 meetings: needs a meetings extract,
--     which the data contract does not have yet: NULL with the reason.
CREATE OR REPLACE TABLE e24_fokusmaal AS
WITH
w AS (SELECT getvariable('reference_week') - 51 AS w0, getvariable('reference_week') AS w1),
pop AS (
    SELECT DISTINCT a.person_id FROM anciennity a
    WHERE a.on_benefit_at_reference AND a.anciennitet_uger >= getvariable('focus_anciennity_weeks')
),
offered AS (SELECT DISTINCT a.person_id FROM activation_runs a, w WHERE a.w_from <= w.w1 AND a.w_to >= w.w0),
worked AS (
    SELECT person_id FROM loentimer_window(getvariable('reference_week') - 51, getvariable('reference_week'))
    WHERE timer_ordinaer >= 100
),
has_hours AS (SELECT count(*) > 0 AS yes FROM loentimer),
n AS (
    SELECT count(*) AS antal,
           count(*) FILTER (WHERE o.person_id IS NULL) AS uden,
           count(*) FILTER (WHERE o.person_id IS NULL AND k.person_id IS NULL) AS uden_begge
    FROM pop p LEFT JOIN offered o USING (person_id) LEFT JOIN worked k USING (person_id)
)
SELECT 'uden_tilbud' AS maal, antal, uden * 100.0 / nullif(antal, 0) AS andel, NULL AS mangler FROM n
UNION ALL
SELECT 'uden_tilbud_og_100_timer', antal,
       CASE WHEN h.yes THEN uden_begge * 100.0 / nullif(antal, 0) END,
       CASE WHEN NOT h.yes THEN 'løntimer (loentimer-udtrækket)' END
FROM n, has_hours h
UNION ALL SELECT 'faerre_end_4_samtaler', antal, NULL, 'samtaler (intet udtræk i datakontrakten endnu)' FROM n;
