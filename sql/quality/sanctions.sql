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
SELECT 1 AS ord, 'records' AS measure, count(*) AS value FROM e
UNION ALL SELECT 2, 'records whose pnr is not in DREAM (sanctions, never recipients)', count(*) FILTER (WHERE person_id IS NULL) FROM e
UNION ALL SELECT 3, 'records dated outside the DREAM extract (in no period)', count(*) FILTER (WHERE NOT in_extract) FROM e
UNION ALL SELECT 4, 'records inside the extract but in a quarter it only partly covers', count(*) FILTER (WHERE in_extract AND kvartal IS NULL) FROM e
UNION ALL SELECT 5, 'records of a type left out (' || getvariable('sanction_excluded_types') || ')', count(*) FILTER (WHERE NOT counted) FROM e
UNION ALL SELECT 6, 'counted records in a quarter in which the person is not a recipient of the ydelse (in antal_sanktioner, not in the share)',
       count(*) FILTER (WHERE counted AND kvartal IS NOT NULL AND event_id NOT IN (SELECT event_id FROM recipient_q)) FROM e
UNION ALL SELECT 7, 'counted records in a year in which the person is not a recipient of the ydelse',
       count(*) FILTER (WHERE counted AND aar IS NOT NULL AND event_id NOT IN (SELECT event_id FROM recipient_y)) FROM e
UNION ALL SELECT 8, 'kth/udh records without a visitation in their week (uoplyst)', count(*) FILTER (WHERE visitation = 'uoplyst') FROM e
UNION ALL SELECT 9, 'records without a known municipality (uoplyst)', count(*) FILTER (WHERE kommune = 'uoplyst') FROM e
ORDER BY ord;
