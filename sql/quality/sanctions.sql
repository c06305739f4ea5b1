-- How the sanctions extract fits the register (docs/METODE.md): nothing is dropped
-- silently, so every sanction record that is not in a table's share is counted here.
CREATE OR REPLACE TABLE dq_sanctions AS
WITH
e AS (SELECT * FROM sanction_events),
recipient_q AS (
    SELECT e.event_id FROM e JOIN sanction_recipients r
      ON r.periodetype = 'kvartal' AND r.periode = e.kvartal AND r.person_id = e.person_id AND r.ydelse = e.ydelse
),
recipient_y AS (
    SELECT e.event_id FROM e JOIN sanction_recipients r
      ON r.periodetype = 'aar' AND r.periode = e.aar AND r.person_id = e.person_id AND r.ydelse = e.ydelse
)
SELECT 1 AS ord, 'poster' AS measure, count(*) AS value FROM e
UNION ALL SELECT 2, 'poster, hvis pnr ikke findes i DREAM (sanktioner, aldrig modtagere)', count(*) FILTER (WHERE person_id IS NULL) FROM e
UNION ALL SELECT 3, 'poster dateret uden for DREAM-udtrækket (i ingen periode)', count(*) FILTER (WHERE NOT in_extract) FROM e
UNION ALL SELECT 4, 'poster inden for udtrækket, men i et kvartal, det kun dækker delvist', count(*) FILTER (WHERE in_extract AND kvartal IS NULL) FROM e
UNION ALL SELECT 5, 'poster af en udeladt type (' || getvariable('sanction_excluded_types') || ')', count(*) FILTER (WHERE NOT counted) FROM e
UNION ALL SELECT 6, 'talte poster i et kvartal, hvor personen ikke modtager ydelsen (med i antal sanktioner, ikke i andelen)',
       count(*) FILTER (WHERE counted AND kvartal IS NOT NULL AND event_id NOT IN (SELECT event_id FROM recipient_q)) FROM e
UNION ALL SELECT 7, 'talte poster i et år, hvor personen ikke modtager ydelsen',
       count(*) FILTER (WHERE counted AND aar IS NOT NULL AND event_id NOT IN (SELECT event_id FROM recipient_y)) FROM e
UNION ALL SELECT 8, 'poster om kontant- eller uddannelseshjælp uden visitation i ugen (uoplyst)', count(*) FILTER (WHERE visitation = 'uoplyst') FROM e
UNION ALL SELECT 9, 'poster uden kendt kommune (uoplyst)', count(*) FILTER (WHERE kommune = 'uoplyst') FROM e
ORDER BY ord;
