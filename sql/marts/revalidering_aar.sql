-- Nye veje mod job (2015) kapitel 7, Figur 7.1 and 7.2 and the prose beside them: revalidering
-- and forrevalidering per year (docs/METODE.md "Revalidering"). Years wholly inside the extract
-- (periods); a week belongs to its Thursday's ISO year.
--   fuldtid_*: weeks on the benefit in the year ÷ the year's ISO weeks (52 or 53);
--   personer_*: persons with at least one week on it in the year ("berørte personer");
--   starter: persons starting a revalidering course in the year (sql/core/revalidering_forloeb.sql;
--     not running in the extract's first week); a person starting two in a year counts once, with
--     the first;
--   varighed_uger: weeks on revalidering in those first courses, mean over the ones that ended
--     inside the extract (afsluttede); a year whose courses are still running is short of its
--     long ones, so the last years of an extract read low;
--   andel_med_forrevalidering: of those starters whose prior weeks are in the extract, the share
--     with a forrevalidering course in the revalidering_forrevalidering_uger (52) weeks before;
--   andel_videre: of the persons starting a forrevalidering course in the year whose following
--     weeks are in the extract, the share starting revalidering within those weeks after it.
CREATE OR REPLACE TABLE revalidering_aar AS
WITH
y AS (SELECT aar, w0, w1, w1 - w0 + 1 AS uger_i_aaret FROM periods WHERE periodetype = 'aar'),
paa AS (
    SELECT y.aar, r.category AS ydelse, r.person_id, sum(least(r.w_to, y.w1) - greatest(r.w_from, y.w0) + 1) AS uger
    FROM category_runs r JOIN y ON r.w_from <= y.w1 AND r.w_to >= y.w0
    WHERE r.category IN ('revalidering', 'forrevalidering')
    GROUP BY ALL
),
stock AS (
    SELECT aar,
           coalesce(sum(uger) FILTER (WHERE ydelse = 'revalidering'), 0) AS uger_revalidering,
           coalesce(sum(uger) FILTER (WHERE ydelse = 'forrevalidering'), 0) AS uger_forrevalidering,
           count(*) FILTER (WHERE ydelse = 'revalidering') AS personer_revalidering,
           count(*) FILTER (WHERE ydelse = 'forrevalidering') AS personer_forrevalidering
    FROM paa GROUP BY aar
),
first_start AS (SELECT * FROM revalidering_forloeb WHERE start_i_aaret),
starts AS (
    SELECT aar,
           count(*) FILTER (WHERE ydelse = 'revalidering') AS starter,
           count(*) FILTER (WHERE ydelse = 'revalidering' AND NOT right_censored) AS afsluttede,
           coalesce(sum(uger) FILTER (WHERE ydelse = 'revalidering' AND NOT right_censored), 0) AS uger_afsluttede,
           count(med_forrevalidering) AS starter_oplyst,
           count(*) FILTER (WHERE med_forrevalidering) AS starter_med_forrevalidering,
           count(videre) AS forrevalidering_oplyst,
           count(*) FILTER (WHERE videre) AS forrevalidering_videre
    FROM first_start GROUP BY aar
)
SELECT y.aar, y.uger_i_aaret,
       coalesce(s.uger_revalidering, 0) AS uger_revalidering,
       coalesce(s.uger_revalidering, 0) / y.uger_i_aaret AS fuldtid_revalidering,
       coalesce(s.uger_forrevalidering, 0) AS uger_forrevalidering,
       coalesce(s.uger_forrevalidering, 0) / y.uger_i_aaret AS fuldtid_forrevalidering,
       coalesce(s.personer_revalidering, 0) AS personer_revalidering,
       coalesce(s.personer_forrevalidering, 0) AS personer_forrevalidering,
       coalesce(t.starter, 0) AS starter,
       coalesce(t.afsluttede, 0) AS afsluttede,
       coalesce(t.uger_afsluttede, 0) AS uger_afsluttede,
       t.uger_afsluttede / nullif(t.afsluttede, 0) AS varighed_uger,
       coalesce(t.starter_oplyst, 0) AS starter_oplyst,
       coalesce(t.starter_med_forrevalidering, 0) AS starter_med_forrevalidering,
       t.starter_med_forrevalidering * 100.0 / nullif(t.starter_oplyst, 0) AS andel_med_forrevalidering,
       coalesce(t.forrevalidering_oplyst, 0) AS forrevalidering_oplyst,
       coalesce(t.forrevalidering_videre, 0) AS forrevalidering_videre,
       t.forrevalidering_videre * 100.0 / nullif(t.forrevalidering_oplyst, 0) AS andel_videre
FROM y LEFT JOIN stock s USING (aar) LEFT JOIN starts t USING (aar)
ORDER BY y.aar;
