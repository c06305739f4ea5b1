-- The register beside Jobindsats, cell by cell (docs/METODE.md, "Afstemning med Jobindsats").
-- A loaded Jobindsats cell is compared when the register can compute it: its measure is one
-- of assets/reference/jobindsats_maalinger.csv (persons, full-time persons, the activation
-- rate, or the share sanctioned: quarters and years, from sanction_cells), its benefit is
-- known (the Ydelsesgrupper dimension, else the table: jobindsats_ydelser.csv), every other
-- dimension is at its total (Køn i alt, I alt, ...), its area is a municipality or Hele landet,
-- and its period lies wholly inside the DREAM extract.
--   A period's weeks are the ISO weeks whose Thursday lies in it (as the report's quarters).
--   personer: persons with at least one week in one of the benefit's categories in the period;
--   fuldtidspersoner: their weeks in those categories / the weeks in the period;
--   aktiveringsgrad: full-time persons activated / full-time persons on the benefit x 100 =
--     100 x activation hours in those weeks (activation_runs: capped at full_time_hours a
--     week, mentor and voksenlærling left out) / full_time_hours / their weeks (the mploy
--     analysis's rate, sql/marts/m16_aktiveringsgrad.sql, which is Jobindsats's); no weeks on
--     the benefit: no rate;
--   a municipality: the person's nykom of the year the period ends in.
-- jobindsats_register holds the register's values; jobindsats_afstemning both values, the
-- difference (register - Jobindsats), the difference in per cent of Jobindsats, the
-- tolerance (tolerance_abs, or tolerance_pct of the Jobindsats value if larger) and the
-- documented reasons a difference may have. A suppressed Jobindsats cell is kept, with no
-- difference. Largest relative differences first.
CREATE OR REPLACE TABLE jobindsats_afstemning_celler AS
WITH
matched AS (
    SELECT j.*, m.maal, m.tolerance_pct, m.tolerance_abs, m.grunde,
           row_number() OVER (PARTITION BY j.kilde_fil, j.kilde_raekke, j.maaling ORDER BY m.orden) AS nr
    FROM jobindsats j JOIN jobindsats_maalinger m ON j.maaling LIKE m.moenster
    WHERE j.niveau IN ('kommune', 'hele_landet')
      AND coalesce(list_bool_and(list_transform(map_entries(j.dimensioner),
              LAMBDA e: e.key = 'Ydelsesgrupper' OR lower(e.value) = 'i alt' OR lower(e.value) LIKE '% i alt')), true)
),
cells AS (
    SELECT m.*, coalesce(yg.ydelse, CASE WHEN m.dimensioner['Ydelsesgrupper'] IS NULL THEN yt.ydelse END) AS ydelse,
           first_week_from(m.periode_start - 3) AS w0, first_week_from(m.periode_slut + 1 - 3) - 1 AS w1,
           year(m.periode_slut) AS aar
    FROM matched m
    LEFT JOIN jobindsats_ydelser yg ON yg.slags = 'ydelsesgruppe' AND yg.maerke = m.dimensioner['Ydelsesgrupper']
    LEFT JOIN jobindsats_ydelser yt ON yt.slags = 'tabel' AND starts_with(upper(m.tabel_id), upper(yt.maerke))
    WHERE m.nr = 1
)
SELECT * EXCLUDE (nr) FROM cells
WHERE ydelse IS NOT NULL
  AND w0 >= getvariable('extract_first_week') AND w1 <= getvariable('extract_last_week')
  AND (maal <> 'andel_sanktionerede' OR periodetype IN ('K', 'Y'));  -- the sanction tables have no months

CREATE OR REPLACE TABLE jobindsats_register AS
WITH
ydelse_kategorier AS (
    SELECT DISTINCT y.ydelse, c.category
    FROM jobindsats_ydelser y
    JOIN categories c ON (y.kategorier = '*' AND c.public_support = 1)
                      OR list_contains(string_split(y.kategorier, '+'), c.category)
),
needed AS (SELECT ydelse, periode, w0, w1, aar, bool_or(maal = 'aktiveringsgrad') AS med_timer
           FROM jobindsats_afstemning_celler WHERE maal IN ('personer', 'fuldtidspersoner', 'aktiveringsgrad')
           GROUP BY ydelse, periode, w0, w1, aar),
benefit_runs AS (  -- a person's runs of the benefit's categories, cut to the period
    SELECT n.ydelse, n.periode, n.aar, n.med_timer, r.person_id,
           greatest(r.w_from, n.w0) AS w_from, least(r.w_to, n.w1) AS w_to
    FROM needed n
    JOIN ydelse_kategorier yk ON yk.ydelse = n.ydelse
    JOIN category_runs r ON r.category = yk.category AND r.w_from <= n.w1 AND r.w_to >= n.w0
),
hours_on AS (  -- activation hours in those weeks, only where an activation rate is compared
    SELECT b.ydelse, b.periode, b.person_id,
           exact_sum_weeks(a.hours, least(a.w_to, b.w_to) - greatest(a.w_from, b.w_from) + 1) AS timer
    FROM benefit_runs b JOIN activation_runs a ON a.person_id = b.person_id AND a.w_from <= b.w_to AND a.w_to >= b.w_from
    WHERE b.med_timer
    GROUP BY ALL
),
weeks_on AS (
    SELECT b.ydelse, b.periode, b.aar, b.person_id, sum(b.w_to - b.w_from + 1) AS uger
    FROM benefit_runs b GROUP BY ALL
)
SELECT w.ydelse, w.periode, pk.kommune, count(*) AS personer, sum(w.uger) AS uger,
       any_value(n.w1 - n.w0 + 1) AS uger_i_perioden,
       sum(w.uger) / any_value(n.w1 - n.w0 + 1) AS fuldtidspersoner,
       exact_sum(coalesce(h.timer, 0)) AS aktiveringstimer,
       100 * exact_sum(coalesce(h.timer, 0)) / getvariable('full_time_hours') / sum(w.uger) AS aktiveringsgrad
FROM weeks_on w
JOIN needed n USING (ydelse, periode)
LEFT JOIN hours_on h USING (ydelse, periode, person_id)
LEFT JOIN kommune_runs pk ON pk.person_id = w.person_id AND w.aar BETWEEN pk.aar_from AND pk.aar_to
GROUP BY GROUPING SETS ((w.ydelse, w.periode, pk.kommune), (w.ydelse, w.periode))
-- the second grouping set is Hele landet: kommune NULL there; a person with no municipality
-- counts in Hele landet only (the first set's NULL kommune rows are dropped)
HAVING GROUPING(pk.kommune) = 1 OR pk.kommune IS NOT NULL
ORDER BY w.ydelse, w.periode, pk.kommune NULLS FIRST;

CREATE OR REPLACE TABLE jobindsats_afstemning AS
WITH both_ AS (
    SELECT c.tabel_id, c.maaling, c.maal, c.ydelse, c.periode, c.periodetype, c.periode_start, c.periode_slut,
           c.omraade, c.kommune, c.niveau, c.vaerdi AS jobindsats, c.undertrykt,
           CASE c.maal WHEN 'personer' THEN coalesce(r.personer, 0) WHEN 'fuldtidspersoner'
               THEN coalesce(r.fuldtidspersoner, 0) WHEN 'aktiveringsgrad' THEN r.aktiveringsgrad
               ELSE s.andel_sanktionerede END AS register,
           CASE WHEN c.maal IN ('personer', 'fuldtidspersoner') THEN coalesce(r.personer, 0) END
               AS register_personer,  -- the persons behind a register count (disclosure control)
           greatest(c.tolerance_abs, c.tolerance_pct / 100 * abs(coalesce(c.vaerdi, 0))) AS tolerance,
           c.grunde, c.kilde_fil, c.kilde_raekke
    FROM jobindsats_afstemning_celler c
    LEFT JOIN jobindsats_register r
      ON r.ydelse = c.ydelse AND r.periode = c.periode
     AND ((c.niveau = 'hele_landet' AND r.kommune IS NULL) OR r.kommune = c.kommune)
    LEFT JOIN sanction_cells s  -- the report's quarters (2014Q2) and years (2014)
      ON c.maal = 'andel_sanktionerede' AND s.kategori = c.ydelse
     AND s.periode = CASE c.periodetype WHEN 'K' THEN year(c.periode_start) || 'Q' || quarter(c.periode_start)
                                        ELSE CAST(year(c.periode_start) AS VARCHAR) END
     AND ((c.niveau = 'hele_landet' AND s.dimension = 'i_alt')
          OR (s.dimension = 'kommune' AND s.vaerdi = CAST(c.kommune AS VARCHAR)))
)
SELECT *, register - jobindsats AS forskel,
       CASE WHEN jobindsats <> 0 THEN 100 * (register - jobindsats) / jobindsats END AS forskel_pct,
       CASE WHEN NOT undertrykt AND register IS NOT NULL THEN abs(register - jobindsats) <= tolerance END
           AS inden_for_tolerance
FROM both_
ORDER BY abs(forskel_pct) DESC NULLS LAST, abs(forskel) DESC NULLS LAST, tabel_id, kilde_fil, kilde_raekke, maaling;
