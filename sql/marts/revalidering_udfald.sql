-- The register side of Nye veje mod job (2015) Figur 7.7 (docs/METODE.md "Revalidering"): weeks
-- of self-support per year after the start of revalidering. The OLS effect itself needs a
-- comparison group and covariates DREAM lacks; the prose's level, "revalidenderne, under et, er i
-- beskæftigelse i gennemsnitligt 12 uger årligt over en tiårig periode", is this table's mean.
--   cohort: each person's first revalidering course starting in revalidering_kohorte_fra ...
--     revalidering_kohorte_til (2008-2012; ISO years), not running in the extract's first week;
--   year k after the start (k = 1 ... revalidering_opfoelgning_aar): the 52 weeks
--     w_from + 52(k-1) ... w_from + 52k - 1; only persons whose year k lies inside the extract;
--   uger_selvforsoergelse: weeks in that year with no DREAM code (self-support: employment or
--     other; DREAM cannot tell them apart), summed; uger_pr_aar = that ÷ personer;
--   alle_aar: the persons followed all revalidering_opfoelgning_aar years, their weeks per year
--     over the whole follow-up.
CREATE OR REPLACE TABLE revalidering_udfald AS
WITH
cohort AS (
    SELECT person_id, w_from FROM revalidering_forloeb
    WHERE ydelse = 'revalidering' AND NOT left_censored
      AND aar BETWEEN getvariable('revalidering_kohorte_fra') AND getvariable('revalidering_kohorte_til')
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY w_from) = 1
),
windows AS (
    SELECT c.person_id, k.k, c.w_from + 52 * (k.k - 1) AS w0, c.w_from + 52 * k.k - 1 AS w1
    FROM cohort c CROSS JOIN range(1, getvariable('revalidering_opfoelgning_aar') + 1) k(k)
    WHERE c.w_from + 52 * k.k - 1 <= getvariable('extract_last_week')
),
covered AS (  -- weeks of the window on any code (a person's runs never overlap; least/greatest skip NULLs,
               -- so a window with no run must count 0 explicitly)
    SELECT w.person_id, w.k,
           sum(CASE WHEN r.person_id IS NULL THEN 0 ELSE least(r.w_to, w.w1) - greatest(r.w_from, w.w0) + 1 END) AS uger_kode
    FROM windows w LEFT JOIN category_runs r ON r.person_id = w.person_id AND r.w_from <= w.w1 AND r.w_to >= w.w0
    GROUP BY w.person_id, w.k
),
per_year AS (SELECT person_id, k, 52 - uger_kode AS uger FROM covered),
full_follow AS (
    SELECT person_id, sum(uger) AS uger FROM per_year GROUP BY person_id
    HAVING count(*) = getvariable('revalidering_opfoelgning_aar')
),
rows_ AS (
    SELECT CAST(k AS VARCHAR) AS aar_efter_start, k AS ord, count(*) AS personer, sum(uger) AS uger_selvforsoergelse,
           52 AS uger_i_perioden
    FROM per_year GROUP BY k
    UNION ALL
    SELECT 'alle_aar', 1000, count(*), coalesce(sum(uger), 0), 52 * getvariable('revalidering_opfoelgning_aar')
    FROM full_follow
)
SELECT aar_efter_start, personer, uger_selvforsoergelse, uger_i_perioden,
       uger_selvforsoergelse * 52.0 / nullif(personer * uger_i_perioden, 0) AS uger_pr_aar
FROM rows_
ORDER BY ord;
