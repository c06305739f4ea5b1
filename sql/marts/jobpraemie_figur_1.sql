-- Figur 1 (the reform commission): the target group at each year end had the model started
-- at the end of jobpraemie_start_aar (2012), national. Long format (aar, gruppe, personer):
--   kvalificerede: meet the rule at that year end (the text's "omkring 60.000 ... ultimo 2022");
--   medlemmer: the group (terms of five year ends), of which nye (first term), fornyede (a new
--   term right after the last) and igen (a new term after a gap).
CREATE OR REPLACE TABLE jobpraemie_figur_1 AS
WITH c AS (
    SELECT aar, count(*) FILTER (WHERE kvalificeret) AS kvalificerede, count(*) FILTER (WHERE medlem) AS medlemmer,
           count(*) FILTER (WHERE medlem AND indgang = 'ny') AS nye,
           count(*) FILTER (WHERE medlem AND indgang = 'fornyet') AS fornyede,
           count(*) FILTER (WHERE medlem AND indgang = 'igen') AS igen
    FROM jobpraemie_maalgruppe GROUP BY aar
)
SELECT aar, gruppe, personer FROM c
UNPIVOT INCLUDE NULLS (personer FOR gruppe IN (kvalificerede, medlemmer, nye, fornyede, igen))
ORDER BY aar, gruppe;
