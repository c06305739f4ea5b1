-- Figur 3 (the reform commission): ordinary paid hours per person in the target group per
-- year, by municipality, over the years jobpraemie_figur3_aar (2018, 2019: the model phased in
-- from end 2012): the municipality's hours in those years / its persons in those years
-- (loentimer_kommune). hele_landet likewise; laveste_femtedel = the same over the fifth of the
-- ranked municipalities with the fewest hours per person (the text: the floor of 230 hours "ligger
-- omkring målgruppens gennemsnitlige timetal i den femtedel af kommuner, hvor timetallet er lavest").
CREATE OR REPLACE TABLE jobpraemie_figur_3 AS
WITH
k AS (
    SELECT kommune, any_value(navn) AS navn, sum(personer) AS personer, exact_sum(ordinaere_timer) AS ordinaere_timer,
           max(_max_ordinaere_timer) AS max_timer, bool_or(rang IS NOT NULL) AS rangeres
    FROM loentimer_kommune
    WHERE list_contains(string_split(getvariable('jobpraemie_figur3_aar'), ','), CAST(aar AS VARCHAR))
    GROUP BY kommune
),
fifth AS (
    SELECT *, ntile(5) OVER (ORDER BY ordinaere_timer / personer, kommune) AS femtedel FROM k WHERE rangeres
),
rows_ AS (
    SELECT k.kommune, k.navn, k.personer, k.ordinaere_timer, k.max_timer, f.femtedel = 1 AS laveste
    FROM k LEFT JOIN fifth f USING (kommune)
    UNION ALL
    SELECT 'laveste_femtedel', 'Laveste femtedel af kommunerne', sum(personer), exact_sum(ordinaere_timer), max(max_timer),
           NULL
    FROM fifth WHERE femtedel = 1 HAVING count(*) > 0
)
SELECT kommune, navn, CAST(personer AS BIGINT) AS personer, ordinaere_timer,
       ordinaere_timer / personer AS ordinaere_timer_pr_person,
       -- for disclosure control (never published): one person's hours at most, and who is in the lowest fifth
       max_timer AS _max_ordinaere_timer, coalesce(laveste, false) AS _laveste_femtedel
FROM rows_
ORDER BY kommune IN ('hele_landet', 'laveste_femtedel') DESC, ordinaere_timer_pr_person DESC, kommune;
