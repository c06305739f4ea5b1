-- Figur 4.3: full-time persons in company-based activation as a share of all full-time
-- persons on selected benefits, by municipality, in the quarter (Nye veje mod job (2015)).
--   benefits: kontant- and uddannelseshjælp, revalidering, forrevalidering,
--             ressourceforløb, ledighedsydelse, sygedagpenge
--   fuldtidspersoner = person-weeks on those benefits in the quarter / weeks in it
--   fuldtidsaktiverede = sum over those person-weeks of the company-based activation
--             hours (activation_offer_runs.hours_capped: virksomhedspraktik,
--             løntilskud, nytteindsats) / full_time_hours / weeks in the quarter
--   municipality: the person's in the quarter's year
CREATE OR REPLACE TABLE figur_4_3 AS
WITH
p AS (SELECT getvariable('company_first_week') AS q0, getvariable('company_last_week') AS q1,
             getvariable('full_time_hours') AS full_time),
person_week AS (
    SELECT r.person_id, w.week
    FROM category_runs r, p, (SELECT unnest(range(p.q0, p.q1 + 1)) AS week FROM p) w
    WHERE w.week BETWEEN r.w_from AND r.w_to
      AND r.category IN ('kth', 'udh', 'revalidering', 'forrevalidering', 'ressourceforloeb', 'ledighedsydelse',
                         'sygedagpenge')
),
company AS (
    SELECT person_id, w_from, w_to, exact_sum(hours_capped) AS hours FROM activation_offer_runs WHERE virksomhedsrettet
    GROUP BY person_id, w_from, w_to
),
per_kommune AS (
    SELECT k.kommune, count(*) AS uger, coalesce(exact_sum(c.hours), 0) AS timer
    FROM person_week w
    LEFT JOIN company c ON c.person_id = w.person_id AND w.week BETWEEN c.w_from AND c.w_to
    LEFT JOIN kommune_runs k ON k.person_id = w.person_id
         AND (SELECT week_year(p.q1) FROM p) BETWEEN k.aar_from AND k.aar_to
    GROUP BY k.kommune
)
SELECT coalesce(CAST(pk.kommune AS VARCHAR), 'uoplyst') AS kategori, coalesce(km.navn, 'uoplyst') AS label,
       pk.kommune, pk.uger / (p.q1 - p.q0 + 1) AS fuldtidspersoner,
       pk.timer / p.full_time / (p.q1 - p.q0 + 1) AS fuldtidsaktiverede,
       pk.timer / p.full_time * 100.0 / nullif(pk.uger, 0) AS andel_fuldtidsaktiverede
FROM per_kommune pk LEFT JOIN kommuner km USING (kommune), p
ORDER BY pk.kommune;
