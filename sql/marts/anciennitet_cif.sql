-- Cumulative incidence of leaving the spell by destination (competing exits; the
-- Aalen-Johansen estimator), per family, on the Kaplan-Meier cohort
-- (sql/marts/anciennitet_km.sql): for k = 0 ... km_weeks and destination d
-- (anden_offentlig, selvforsoergelse; see sql/core/cohort_spells.sql),
--   kumuleret_incidens_d(k) = sum over j <= k of S(j-1) * n_afgang_d(j) / n_risiko(j),
-- with S the Kaplan-Meier survival (S(-1) = 1). The destinations' incidences add up to
-- 1 - overlevelse.
CREATE OR REPLACE TABLE anciennitet_cif AS
WITH
dest(destination) AS (VALUES ('anden_offentlig'), ('selvforsoergelse')),
by_dest AS (
    SELECT k.familie, k.uge, d.destination, k.n_risiko,
           coalesce(lag(k.overlevelse) OVER (PARTITION BY k.familie, d.destination ORDER BY k.uge), 1) AS s_before,
           (SELECT count(*) FROM cohort_spells c WHERE c.family = k.familie AND c.t_uger = k.uge
                                                  AND c.afgang AND c.destination = d.destination) AS n_afgang
    FROM anciennitet_km k CROSS JOIN dest d
)
SELECT familie, uge, destination, n_afgang,
       sum(CASE WHEN n_risiko > 0 THEN s_before * n_afgang / n_risiko ELSE 0 END)
           OVER (PARTITION BY familie, destination ORDER BY uge ROWS UNBOUNDED PRECEDING) AS kumuleret_incidens
FROM by_dest
ORDER BY familie, destination, uge;
