-- Nye veje mod job (2015) Figur 7.5: full-time activated in revalidering by offer, per year
-- (docs/METODE.md "Revalidering"). The offer is the DREAM code's (763 vejledning og
-- opkvalificering, 764 ordinær uddannelse, 765-766 løntilskud, 767-768 virksomhedspraktik; 760 is
-- passive). Years wholly inside the extract; a week belongs to its Thursday's ISO year.
--   uger: weeks on revalidering with the offer in the year; fuldtidsaktiverede = uger ÷ the
--   year's weeks; andel = the offer's share of the year's activated weeks (i_alt);
--   virksomhedsrettet = virksomhedspraktik + løntilskud.
-- The source's figure is "med jobplan", which DREAM does not show: all courses count here.
CREATE OR REPLACE TABLE figur_7_5 AS
WITH
y AS (SELECT aar, w0, w1, w1 - w0 + 1 AS uger_i_aaret FROM periods WHERE periodetype = 'aar'),
tilbud(ord, tilbud) AS (VALUES (1, 'ordinaer_uddannelse'), (2, 'vejledning_opkvalificering'), (3, 'virksomhedspraktik'),
                               (4, 'loentilskud'), (5, 'virksomhedsrettet'), (6, 'i_alt')),
weeks_on AS (
    SELECT y.aar, k.offer AS tilbud, sum(least(r.w_to, y.w1) - greatest(r.w_from, y.w0) + 1) AS uger
    FROM category_runs r JOIN codes k ON k.code = r.code
    JOIN y ON r.w_from <= y.w1 AND r.w_to >= y.w0
    WHERE r.category = 'revalidering' AND k.offer IS NOT NULL
    GROUP BY ALL
),
summed AS (
    SELECT aar, tilbud, uger FROM weeks_on
    UNION ALL SELECT aar, 'virksomhedsrettet', sum(uger) FROM weeks_on
              WHERE tilbud IN ('virksomhedspraktik', 'loentilskud') GROUP BY aar
    UNION ALL SELECT aar, 'i_alt', sum(uger) FROM weeks_on GROUP BY aar
),
grid AS (
    SELECT y.aar, y.uger_i_aaret, t.ord, t.tilbud, coalesce(s.uger, 0) AS uger
    FROM y CROSS JOIN tilbud t LEFT JOIN summed s ON s.aar = y.aar AND s.tilbud = t.tilbud
)
SELECT aar, tilbud, uger, uger_i_aaret, uger / uger_i_aaret AS fuldtidsaktiverede,
       uger * 100.0 / nullif(max(uger) FILTER (WHERE tilbud = 'i_alt') OVER (PARTITION BY aar), 0) AS andel
FROM grid
ORDER BY aar, ord;
