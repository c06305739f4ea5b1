-- Nye veje mod job (2015) Figur 7.4: the support of the persons starting revalidering, before the
-- start, per start year (docs/METODE.md "Revalidering"). Starters as in revalidering_aar (a
-- person's first revalidering course started in the year, not running in the extract's first
-- week). Prior support = the most frequent kilde in the prior_weeks (12) weeks before the start
-- (modal_kilde, as Bilag 3.2-3.4: ties to the latest week; blank weeks are self-support), grouped
-- as the figure: sygedagpenge (with jobafklaring), kth_udh (kontant- and
-- uddannelseshjælp, also under integrationsloven, and integrationsydelse), selvforsoergelse
-- (blank weeks) and oevrige (everything else, forrevalidering and education among it).
-- uoplyst: the prior weeks are not all inside the extract; andel is of the known (i_alt).
CREATE OR REPLACE TEMP TABLE f74_starts AS
SELECT row_number() OVER (ORDER BY person_id, w_from) AS req_id, person_id, aar,
       w_from - getvariable('prior_weeks') AS w0, w_from - 1 AS w1
FROM revalidering_forloeb
WHERE ydelse = 'revalidering' AND start_i_aaret;

CREATE OR REPLACE TEMP TABLE f74_req AS
SELECT * FROM f74_starts WHERE w0 >= getvariable('extract_first_week');

CREATE OR REPLACE TABLE figur_7_4 AS
WITH
kilder(ord, kilde) AS (VALUES (1, 'sygedagpenge'), (2, 'kth_udh'), (3, 'selvforsoergelse'), (4, 'oevrige'),
                              (5, 'i_alt'), (6, 'uoplyst')),
grouped AS (
    SELECT k.aar,
           CASE WHEN m.kilde IN ('sygedagpenge', 'jobafklaring') THEN 'sygedagpenge'
                WHEN m.kilde LIKE 'kth%' OR m.kilde LIKE 'udh%' OR m.kilde = 'integrationsydelse' THEN 'kth_udh'
                WHEN m.kilde = 'selvforsoergelse' THEN 'selvforsoergelse'
                ELSE 'oevrige' END AS kilde
    FROM f74_req k JOIN modal_kilde(f74_req) m USING (req_id)
),
counted AS (
    SELECT aar, kilde, count(*) AS antal FROM grouped GROUP BY ALL
    UNION ALL SELECT aar, 'i_alt', count(*) FROM grouped GROUP BY aar
    UNION ALL SELECT aar, 'uoplyst', count(*) FROM f74_starts WHERE w0 < getvariable('extract_first_week') GROUP BY aar
),
years AS (SELECT aar FROM periods WHERE periodetype = 'aar'),
grid AS (
    SELECT y.aar, k.ord, k.kilde, coalesce(c.antal, 0) AS antal
    FROM years y CROSS JOIN kilder k LEFT JOIN counted c ON c.aar = y.aar AND c.kilde = k.kilde
)
SELECT aar, kilde, antal,
       CASE WHEN kilde <> 'uoplyst'
            THEN antal * 100.0 / nullif(max(antal) FILTER (WHERE kilde = 'i_alt') OVER (PARTITION BY aar), 0) END AS andel
FROM grid
ORDER BY aar, ord;
