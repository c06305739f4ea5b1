-- The job premium (the reform commission, Tabel 1) per municipality and year:
--   praemie_kr = jobpraemie_kr_pr_time (60) x max(0, ordinary hours of the group
--                - jobpraemie_bundgraense_timer (230) x persons in the group),
-- the floor applied to the municipality's group as a whole ("ikke individspecifik, men et
-- gennemsnit for målgruppen"). praemie_uden_bundgraense_kr = 60 x all ordinary hours. The
-- group and its hours are loentimer_kommune's (hours of year aar, group at the end of aar - 1).
-- hele_landet = the sum over the municipalities (and uoplyst), not the floor on national totals.
CREATE OR REPLACE TABLE jobpraemie AS
WITH
k AS (
    SELECT aar, kommune, navn, personer, ordinaere_timer, _max_ordinaere_timer,
           getvariable('jobpraemie_bundgraense_timer') * personer AS bundgraense_timer,
           greatest(0, ordinaere_timer - getvariable('jobpraemie_bundgraense_timer') * personer) AS timer_over_bundgraense
    FROM loentimer_kommune WHERE kommune <> 'hele_landet'
),
cells AS (
    SELECT * FROM k
    UNION ALL
    SELECT aar, 'hele_landet', 'Hele landet', CAST(sum(personer) AS BIGINT), exact_sum(ordinaere_timer),
           max(_max_ordinaere_timer), sum(bundgraense_timer), exact_sum(timer_over_bundgraense)
    FROM k GROUP BY aar
)
SELECT aar, kommune, navn, personer, ordinaere_timer, bundgraense_timer, timer_over_bundgraense,
       getvariable('jobpraemie_kr_pr_time') * timer_over_bundgraense AS praemie_kr,
       getvariable('jobpraemie_kr_pr_time') * ordinaere_timer AS praemie_uden_bundgraense_kr,
       getvariable('jobpraemie_kr_pr_time') * timer_over_bundgraense / personer AS praemie_kr_pr_person,
       _max_ordinaere_timer  -- one person's hours at most (disclosure control; never published)
FROM cells
ORDER BY aar, kommune = 'hele_landet' DESC, praemie_kr_pr_person DESC, kommune;
