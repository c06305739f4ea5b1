-- Long-term recipients in a quarter and their company-based offers, one row per
-- (person, row of Tabel 4.1). The population of Tabel 4.1 and Figur 4.1-4.2.
--   quarter: company_first_week ... company_last_week (weeks whose Thursday is in the
--       quarter; default 2014Q2)
--   population of row g: persons with >= 1 week of g in the quarter whose spell of g's
--       family is >= min_anciennity_weeks (26) old in their last week of g in the quarter.
--       The source's rule ("six continuous months with at most one calendar month
--       without", Nye veje mod job (2015)) is approximated by our spell rule (gaps of
--       <= max_gap_weeks bridged); documented in the report.
--   'fleksjobvisiterede' = fleksjob and ledighedsydelse together (the source's row).
--   flags: >= 1 week in the quarter with that offer (activation_offer_runs, hours > 0):
--       løntilskud / virksomhedspraktik by sector, nytteindsats; fleksjob = >= 1 week on
--       fleksjob in the quarter; virksomhedsrettet = praktik, løntilskud or nytteindsats
--   kommune: the person's municipality in the quarter's year; herkomst from DREAM
CREATE OR REPLACE TABLE company_offers_quarter AS
WITH
p AS (SELECT getvariable('company_first_week') AS q0, getvariable('company_last_week') AS q1,
             getvariable('min_anciennity_weeks') AS min_anc),
person_week AS (
    SELECT r.person_id, c.family, w.week,
           CASE WHEN r.category IN ('fleksjob', 'ledighedsydelse') THEN 'fleksjobvisiterede' ELSE r.kategori END AS row_key
    FROM category_runs r JOIN categories c USING (category), p,
         (SELECT unnest(range(p.q0, p.q1 + 1)) AS week FROM p) w
    WHERE w.week BETWEEN r.w_from AND r.w_to
),
last_week AS (
    SELECT person_id, row_key, arg_max(family, week) AS family, max(week) AS week
    FROM person_week
    WHERE row_key IN ('dagpenge', 'sygedagpenge', 'kth_aktivitetsparat', 'kth_jobparat', 'fleksjobvisiterede',
                      'revalidering', 'udh_aabenlyst_uddannelsesparat', 'udh_aktivitetsparat', 'udh_uddannelsesparat')
    GROUP BY ALL
),
population AS (
    SELECT l.person_id, l.row_key
    FROM last_week l
    JOIN spells s ON s.person_id = l.person_id AND s.family = l.family AND l.week BETWEEN s.w_from AND s.w_to, p
    WHERE l.week - s.w_from + 1 >= p.min_anc
),
offers AS (
    SELECT a.person_id,
           bool_or(a.tilbud = 'loentilskud' AND a.sektor = 'offentlig') AS lt_off,
           bool_or(a.tilbud = 'virksomhedspraktik' AND a.sektor = 'offentlig') AS vp_off,
           bool_or(a.tilbud = 'loentilskud' AND a.sektor = 'privat') AS lt_priv,
           bool_or(a.tilbud = 'virksomhedspraktik' AND a.sektor = 'privat') AS vp_priv,
           bool_or(a.tilbud = 'nytteindsats') AS nytte,
           bool_or(a.virksomhedsrettet) AS virk
    FROM activation_offer_runs a, p
    WHERE a.w_from <= p.q1 AND a.w_to >= p.q0 AND a.hours > 0 AND a.counts_as_activation
    GROUP BY a.person_id
),
fleks AS (
    SELECT DISTINCT r.person_id FROM category_runs r, p
    WHERE r.category = 'fleksjob' AND r.w_from <= p.q1 AND r.w_to >= p.q0
)
SELECT pop.person_id, pop.row_key AS kategori,
       coalesce(o.lt_off, false) AS lt_off, coalesce(o.vp_off, false) AS vp_off,
       coalesce(o.lt_priv, false) AS lt_priv, coalesce(o.vp_priv, false) AS vp_priv,
       coalesce(o.nytte, false) AS nytte, f.person_id IS NOT NULL AS fleksjob,
       coalesce(o.virk, false) AS virksomhedsrettet,
       coalesce(o.virk, false) OR f.person_id IS NOT NULL AS total,
       per.herkomst, k.kommune
FROM population pop
LEFT JOIN offers o USING (person_id)
LEFT JOIN fleks f USING (person_id)
LEFT JOIN persons per USING (person_id)
LEFT JOIN kommune_runs k ON k.person_id = pop.person_id
     AND (SELECT week_year(p.q1) FROM p) BETWEEN k.aar_from AND k.aar_to;
