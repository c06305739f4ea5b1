-- Kaplan-Meier survival of spell duration (docs/METODE.md), per family, for the spells
-- of sql/core/cohort_spells.sql (cohort_year, left-censored spells left out; ended or
-- censored as defined there). For k = 0 ... km_weeks:
--   n_risiko = spells with T >= k, n_afgang = events at T = k, n_censur = censored at T = k,
--   overlevelse = product over j <= k of (1 - n_afgang_j / n_risiko_j): the estimate of
--   P(T > k); a factor is 1 where nobody is at risk, so the curve is carried forward.
CREATE OR REPLACE TABLE anciennitet_km AS
WITH
grid AS (
    SELECT f.family, k.uge
    FROM (SELECT DISTINCT family FROM cohort_spells) f
    CROSS JOIN (SELECT unnest(range(0, getvariable('km_weeks') + 1)) AS uge) k
),
counts AS (
    SELECT g.family, g.uge,
           count(c.t_uger) FILTER (WHERE c.t_uger >= g.uge) AS n_risiko,
           count(c.t_uger) FILTER (WHERE c.t_uger = g.uge AND c.afgang) AS n_afgang,
           count(c.t_uger) FILTER (WHERE c.t_uger = g.uge AND NOT c.afgang) AS n_censur
    FROM grid g LEFT JOIN cohort_spells c ON c.family = g.family AND c.t_uger >= g.uge
    GROUP BY ALL
)
SELECT family AS familie, uge, n_risiko, n_afgang, n_censur,
       product(CASE WHEN n_risiko > 0 THEN 1 - n_afgang / n_risiko ELSE 1 END)
           OVER (PARTITION BY family ORDER BY uge ROWS UNBOUNDED PRECEDING) AS overlevelse
FROM counts
ORDER BY familie, uge;
