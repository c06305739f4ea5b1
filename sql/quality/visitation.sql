-- How the visitation extract fits the register.
CREATE OR REPLACE TABLE dq_visitation AS
WITH v AS (
    SELECT v.*, p.person_id,
           lead(v.w_first) OVER (PARTITION BY v.pnr, v.ydelse ORDER BY v.fra_dato, v.src_file, v.src_row) AS next_first
    FROM visitation v LEFT JOIN persons p USING (pnr)
)
SELECT 'poster' AS measure, count(*) AS value FROM v
UNION ALL SELECT 'poster, hvis pnr ikke findes i DREAM', count(*) FILTER (WHERE person_id IS NULL) FROM v
UNION ALL SELECT 'poster, der ikke dækker nogen mandag (gælder ingen uge)', count(*) FILTER (WHERE w_last < w_first) FROM v
UNION ALL SELECT 'poster afkortet af en senere overlappende post', count(*) FILTER (WHERE next_first <= w_last) FROM v;
