-- The 2024 report's proposed outcome targets (Boks 6.7/6.8; no values published): for spells
-- starting in the cohort year (sql/core/cohort_spells.sql), the share in work or
-- education outcome_weeks_short (13, 3 months) and outcome_weeks_long (26, 6 months)
-- weeks after the spell's first week: the shares in self-support (selvforsoergelse: no public
-- support and no other code, where work would be) and in education (SU, voksenlærling), each
-- apart, and andel_arbejde: self-support with ordinary paid hours in that week (loentimer_weeks:
-- the month's hours spread over its ISO weeks by days). DREAM has no employment flag, so
-- andel_arbejde is NULL, with the reason, when there is no loentimer extract.
-- Only spells whose follow-up week lies inside the extract.
CREATE OR REPLACE TABLE e24_resultatmaal AS
WITH
horizons(uger_efter_start) AS (VALUES (getvariable('outcome_weeks_short')), (getvariable('outcome_weeks_long'))),
obs AS (
    SELECT c.family, h.uger_efter_start, c.person_id, c.w_from + h.uger_efter_start AS w
    FROM cohort_spells c CROSS JOIN horizons h
    WHERE c.w_from + h.uger_efter_start <= getvariable('extract_last_week')
),
st AS (
    SELECT o.family, o.uger_efter_start, o.person_id, o.w, coalesce(any_value(s.kilde), 'selvforsoergelse') AS kilde
    FROM obs o LEFT JOIN state_runs s ON s.person_id = o.person_id AND o.w BETWEEN s.w_from AND s.w_to
    GROUP BY o.family, o.uger_efter_start, o.person_id, o.w
),
worked AS (  -- (person, week) pairs asked for with ordinary paid hours: a month touching the week had some
    SELECT DISTINCT o.person_id, o.w AS week
    FROM obs o JOIN loentimer_month_weeks c ON c.week = o.w
    JOIN loentimer l ON l.person_id = o.person_id AND l.maaned = c.maaned
    WHERE NOT l.stoettet AND l.timer * c.weight > 0
),
has_hours AS (SELECT count(*) > 0 AS yes FROM loentimer)
SELECT family AS familie, uger_efter_start, count(*) AS antal,
       count(*) FILTER (WHERE kilde = 'selvforsoergelse') * 100.0 / count(*) AS andel_selvforsoergelse,
       count(*) FILTER (WHERE kilde = 'uddannelse') * 100.0 / count(*) AS andel_uddannelse,
       CASE WHEN any_value(h.yes) THEN count(*) FILTER (WHERE kilde = 'selvforsoergelse' AND k.person_id IS NOT NULL)
                                       * 100.0 / count(*) END AS andel_arbejde,
       CASE WHEN NOT any_value(h.yes) THEN 'arbejde kræver løntimer (loentimer-udtrækket); DREAM alene kan ikke '
                                           || 'skelne arbejde fra anden selvforsørgelse' END AS bemaerkning
FROM st CROSS JOIN has_hours h LEFT JOIN worked k ON k.person_id = st.person_id AND k.week = st.w
GROUP BY family, uger_efter_start
ORDER BY familie, uger_efter_start;
