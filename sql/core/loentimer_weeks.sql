-- Paid hours per person and ISO week (DATA_CONTRACT.md §2.5): a month's hours are spread
-- over the ISO weeks that hold its days, pro rata by days (week w gets timer x days of
-- the month in w / days in the month), so a week that straddles two months gets a share
-- of each and a month's hours are kept whole. A view: the full weekly table would be
-- five rows per person-month, so only the weeks a query asks for are computed. The
-- month -> week weights are a small calendar table (loentimer_month_weeks). Only persons
-- in DREAM (the others, person_id NULL since ingestion, are counted in dq_loentimer).
CREATE OR REPLACE TABLE loentimer_month_weeks AS
WITH months AS (  -- the month's last day worked out once per month, not per record
    SELECT maaned, CAST(maaned + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS last
    FROM (SELECT DISTINCT maaned FROM loentimer)
),
weeks AS (SELECT maaned, last, unnest(range(week_of(maaned), week_of(last) + 1)) AS week FROM months)
SELECT maaned, week,
       (date_diff('day', greatest(maaned, week_monday(week)), least(last, week_monday(week) + 6)) + 1)
           / day(last) AS weight
FROM weeks;

CREATE OR REPLACE VIEW loentimer_weeks AS
SELECT l.person_id, c.week,
       CAST(sum(CAST(l.timer * c.weight AS DECIMAL(38, 6))) FILTER (WHERE NOT l.stoettet) AS DOUBLE)
           AS timer_ordinaer,
       CAST(sum(CAST(l.timer * c.weight AS DECIMAL(38, 6))) FILTER (WHERE l.stoettet) AS DOUBLE)
           AS timer_stoettet
FROM loentimer l JOIN loentimer_month_weeks c USING (maaned)
WHERE l.person_id IS NOT NULL
GROUP BY l.person_id, c.week;

-- Paid hours per person over the weeks w0 ... w1 (ordinary, supported): the months touching
-- the window are picked first, so a 12-month window reads about 13 months of the extract, not
-- the whole view (a query that filters loentimer_weeks on a week range computes every week).
CREATE OR REPLACE MACRO loentimer_window(w0, w1) AS TABLE
SELECT l.person_id,
       coalesce(CAST(sum(CAST(l.timer * c.weight AS DECIMAL(38, 6))) FILTER (WHERE NOT l.stoettet) AS DOUBLE), 0)
           AS timer_ordinaer,
       coalesce(CAST(sum(CAST(l.timer * c.weight AS DECIMAL(38, 6))) FILTER (WHERE l.stoettet) AS DOUBLE), 0)
           AS timer_stoettet
FROM loentimer_month_weeks c JOIN loentimer l USING (maaned)
WHERE c.week BETWEEN w0 AND w1 AND l.person_id IS NOT NULL
GROUP BY l.person_id;

CREATE OR REPLACE TABLE dq_loentimer AS
SELECT 'poster' AS measure, count(*) AS value FROM loentimer
UNION ALL SELECT 'poster, hvis pnr ikke findes i DREAM', count(*) FILTER (WHERE person_id IS NULL)
FROM loentimer
UNION ALL SELECT 'timer, ordinære', coalesce(round(sum(CAST(timer AS DECIMAL(38, 6))) FILTER (WHERE NOT stoettet)), 0)
FROM loentimer
UNION ALL SELECT 'timer, støttede', coalesce(round(sum(CAST(timer AS DECIMAL(38, 6))) FILTER (WHERE stoettet)), 0)
FROM loentimer;
