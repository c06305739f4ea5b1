-- How the visitation extract fits the register.
CREATE OR REPLACE TABLE dq_visitation AS
WITH v AS (
    SELECT v.*, p.person_id,
           lead(v.w_first) OVER (PARTITION BY v.pnr, v.ydelse ORDER BY v.fra_dato, v.src_file, v.src_row) AS next_first
    FROM visitation v LEFT JOIN persons p USING (pnr)
)
SELECT 'records' AS measure, count(*) AS value FROM v
UNION ALL SELECT 'records whose pnr is not in DREAM', count(*) FILTER (WHERE person_id IS NULL) FROM v
UNION ALL SELECT 'records covering no Monday (apply to no week)', count(*) FILTER (WHERE w_last < w_first) FROM v
UNION ALL SELECT 'records cut short by a later overlapping record', count(*) FILTER (WHERE next_first <= w_last) FROM v;
