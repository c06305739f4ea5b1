-- The commission's result measure (the reform commission, Anb. 1.2.b): how well each
-- municipality gets the job premium's target group into paid hours, per year.
-- Year aar = the calendar year of the hours; the group is the one at the end of aar - 1
-- (jobpraemie_maalgruppe, members), each person in the municipality of that year end (the
-- one entitled to the premium for aar). Only years the loentimer extract covers whole.
--   personer, antal_med_ordinaere_timer (>= 1 ordinary hour in the year), andel (pct.),
--   ordinaere_timer, stoettede_timer (fleksjob, løntilskud), per person;
--   rang: 1 = most ordinary hours per person among the municipalities (hele_landet and
--   uoplyst, a person without a municipality, are not ranked);
--   aendring_*: change since aar - 1 in hours per person and in rank (positive = moved up).
CREATE OR REPLACE TABLE loentimer_kommune AS
WITH
g AS (
    SELECT m.aar + 1 AS aar, m.person_id, coalesce(CAST(m.kommune AS VARCHAR), 'uoplyst') AS kommune
    FROM jobpraemie_maalgruppe m SEMI JOIN loentimer_aar c ON c.aar = m.aar + 1
    WHERE m.medlem
),
h AS (
    SELECT g.aar, g.kommune, coalesce(t.timer_ordinaer, 0) AS o, coalesce(t.timer_stoettet, 0) AS s
    FROM g LEFT JOIN jobpraemie_timer t ON t.person_id = g.person_id AND t.aar = g.aar
),
cells AS (
    SELECT aar, kommune, count(*) AS personer, count(*) FILTER (WHERE o > 0) AS antal_med_ordinaere_timer,
           exact_sum(o) AS ordinaere_timer, exact_sum(s) AS stoettede_timer, max(o) AS max_o, max(s) AS max_s
    FROM h GROUP BY ALL
    UNION ALL
    SELECT aar, 'hele_landet', count(*), count(*) FILTER (WHERE o > 0), exact_sum(o), exact_sum(s), max(o), max(s)
    FROM h GROUP BY aar
),
measured AS (
    SELECT c.*, coalesce(k.navn, CASE c.kommune WHEN 'hele_landet' THEN 'Hele landet' ELSE 'Uoplyst' END) AS navn,
           antal_med_ordinaere_timer * 100.0 / personer AS andel_med_ordinaere_timer,
           ordinaere_timer / personer AS ordinaere_timer_pr_person,
           stoettede_timer / personer AS stoettede_timer_pr_person,
           k.kommune IS NOT NULL AS rangeres
    FROM cells c LEFT JOIN kommuner k ON CAST(k.kommune AS VARCHAR) = c.kommune
),
ranked AS (
    SELECT *, CASE WHEN rangeres THEN rank() OVER (PARTITION BY aar, rangeres ORDER BY ordinaere_timer_pr_person DESC)
              END AS rang
    FROM measured
)
SELECT r.aar, r.kommune, r.navn, r.personer, r.antal_med_ordinaere_timer, r.andel_med_ordinaere_timer,
       r.ordinaere_timer, r.stoettede_timer, r.ordinaere_timer_pr_person, r.stoettede_timer_pr_person, r.rang,
       r.ordinaere_timer_pr_person - f.ordinaere_timer_pr_person AS aendring_timer_pr_person,
       f.rang - r.rang AS aendring_rang,
       r.max_o AS _max_ordinaere_timer, r.max_s AS _max_stoettede_timer  -- one person's hours at most (disclosure)
FROM ranked r LEFT JOIN ranked f ON f.kommune = r.kommune AND f.aar = r.aar - 1
ORDER BY r.aar, r.kommune = 'hele_landet' DESC, r.rang NULLS LAST, r.kommune;
