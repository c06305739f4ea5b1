-- The integration annex of Nye veje mod job (2015), Tabel 4: the share in job or education one,
-- two, three and four years after the start in the integration programme (docs/METODE.md
-- "Integrationsprogrammet").
--   start: the person's first week on DREAM's codes for kontanthjælp under integrationsloven (the
--     programme), in integration_kohorte_fra ... integration_kohorte_til (2009-W01 ... 2013-W35);
--     a person on them in the extract's first week is left out (the start is unseen);
--   k years after: week start + 52k, k = 1 ... integration_horisont_aar (4); only persons whose
--     week lies inside the extract (the source: only persons for whom k years have passed);
--   in job or education: in that week no DREAM code (self-support, where employment is; DREAM
--     cannot tell them apart) or an education code (SU, voksenlærling);
--   groups: i_alt; kvinder and maend; age at the start (ISO year of the start − birth year)
--     16-29, 30-49 and 50-60 (other ages only in i_alt). The source's rows by country and by
--     residence status need data DREAM does not have.
CREATE OR REPLACE TABLE integration_tabel_4 AS
WITH
starts AS (
    SELECT person_id, min(w_from) AS w_start FROM category_runs WHERE category = 'kth_integrationsloven' GROUP BY person_id
),
cohort AS (
    SELECT s.person_id, s.w_start, p.koen, CAST(week_year(s.w_start) AS INTEGER) - p.foedselsaar AS alder
    FROM starts s JOIN persons p USING (person_id)
    WHERE s.w_start > getvariable('extract_first_week')
      AND s.w_start BETWEEN getvariable('integration_kohorte_fra') AND getvariable('integration_kohorte_til')
),
obs AS (
    SELECT c.person_id, CAST(k.k AS INTEGER) AS k, c.w_start + 52 * k.k AS w
    FROM cohort c CROSS JOIN range(1, getvariable('integration_horisont_aar') + 1) k(k)
    WHERE c.w_start + 52 * k.k <= getvariable('extract_last_week')
),
state AS (
    SELECT o.person_id, o.k, coalesce(any_value(s.kilde), 'selvforsoergelse') IN ('selvforsoergelse', 'uddannelse') AS job_udd
    FROM obs o LEFT JOIN state_runs s ON s.person_id = o.person_id AND o.w BETWEEN s.w_from AND s.w_to
    GROUP BY o.person_id, o.k
),
grupper(ord, gruppe) AS (VALUES (1, 'i_alt'), (2, 'kvinder'), (3, 'maend'), (4, 'alder_16_29'), (5, 'alder_30_49'),
                                (6, 'alder_50_60')),
member AS (
    SELECT person_id, 'i_alt' AS gruppe FROM cohort
    UNION ALL SELECT person_id, CASE koen WHEN 2 THEN 'kvinder' ELSE 'maend' END FROM cohort WHERE koen IN (1, 2)
    UNION ALL
    SELECT person_id, CASE WHEN alder BETWEEN 16 AND 29 THEN 'alder_16_29' WHEN alder BETWEEN 30 AND 49 THEN 'alder_30_49'
                           ELSE 'alder_50_60' END
    FROM cohort WHERE alder BETWEEN 16 AND 60
),
horizons AS (SELECT CAST(k AS INTEGER) AS k FROM range(1, getvariable('integration_horisont_aar') + 1) t(k)),
counted AS (
    SELECT m.gruppe, s.k, count(*) AS antal, count(*) FILTER (WHERE s.job_udd) AS antal_job_uddannelse
    FROM member m JOIN state s USING (person_id) GROUP BY ALL
)
SELECT g.gruppe, h.k AS aar_efter_start, coalesce(c.antal, 0) AS antal,
       coalesce(c.antal_job_uddannelse, 0) AS antal_job_uddannelse,
       c.antal_job_uddannelse * 100.0 / nullif(c.antal, 0) AS andel
FROM grupper g CROSS JOIN horizons h LEFT JOIN counted c ON c.gruppe = g.gruppe AND c.k = h.k
ORDER BY g.ord, h.k;
