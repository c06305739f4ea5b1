-- Codes in DREAM that are not in the code list (or used outside their validity):
-- mapped to category 'ukendt', never dropped, and reported here.
CREATE OR REPLACE TABLE dq_unknown_codes AS
SELECT code, CAST(sum(w_to - w_from + 1) AS BIGINT) AS weeks, count(DISTINCT person_id) AS persons,
       min(w_from) AS first_week, max(w_to) AS last_week
FROM category_runs
WHERE category = 'ukendt'
GROUP BY code
ORDER BY weeks DESC, code;
