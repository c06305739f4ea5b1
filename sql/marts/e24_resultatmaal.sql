-- Seed 003's proposed outcome targets (Boks 6.7/6.8; no values published): for spells
-- starting in the cohort year (sql/core/cohort_spells.sql), the share in work or
-- education outcome_weeks_short (13, 3 months) and outcome_weeks_long (26, 6 months)
-- weeks after the spell's first week. DREAM has no employment flag: "work" needs paid
-- hours (the loentimer extract), so the shares here are of self-support
-- (selvforsoergelse: no public support and no other code, where work would be) and of
-- education (SU, voksenlærling), each apart; andel_arbejde stays NULL until hours exist.
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
    SELECT o.family, o.uger_efter_start, coalesce(any_value(s.kilde), 'selvforsoergelse') AS kilde
    FROM obs o LEFT JOIN state_runs s ON s.person_id = o.person_id AND o.w BETWEEN s.w_from AND s.w_to
    GROUP BY o.family, o.uger_efter_start, o.person_id, o.w
)
SELECT family AS familie, uger_efter_start, count(*) AS antal,
       count(*) FILTER (WHERE kilde = 'selvforsoergelse') * 100.0 / count(*) AS andel_selvforsoergelse,
       count(*) FILTER (WHERE kilde = 'uddannelse') * 100.0 / count(*) AS andel_uddannelse,
       CAST(NULL AS DOUBLE) AS andel_arbejde,
       'arbejde kræver løntimer (loentimer-udtrækket); DREAM alene kan ikke skelne arbejde fra anden selvforsørgelse'
           AS bemaerkning
FROM st GROUP BY ALL
ORDER BY familie, uger_efter_start;
