-- Tabel 3.1: stock and long-term public support in the reference week
-- (docs/METODE.md; Nye veje mod job (2015)).
--   antal       persons whose category (with visitation) in week R is the row
--   antal_1aar  ... with >= min_weeks_1aar (42) public-support weeks among the
--               window_1aar (52) weeks R-52 ... R-1
--   antal_5aar  ... with >= min_weeks_5aar (208) among the 260 weeks R-260 ... R-1
--   andel_*     antal_* / antal * 100, unrounded
-- Weeks before the extract's first week count as not on public support (no runs).
-- The thresholds are ceil(long_term_pct / 100 * window), computed exactly in Python.
CREATE OR REPLACE TABLE tabel_3_1 AS
WITH
p AS (
    SELECT getvariable('reference_week') AS r,
           getvariable('window_1aar') AS win1, getvariable('min_weeks_1aar') AS min1,
           getvariable('window_5aar') AS win5, getvariable('min_weeks_5aar') AS min5
),
stock AS (
    SELECT c.person_id, c.kategori FROM category_runs c, p WHERE p.r BETWEEN c.w_from AND c.w_to
),
support AS (
    SELECT s.person_id,
           sum(greatest(0, least(c.w_to, p.r - 1) - greatest(c.w_from, p.r - p.win1) + 1)) AS weeks_1aar,
           sum(greatest(0, least(c.w_to, p.r - 1) - greatest(c.w_from, p.r - p.win5) + 1)) AS weeks_5aar
    FROM stock s
    JOIN category_runs c USING (person_id)
    JOIN categories k ON k.category = c.category, p
    WHERE k.public_support AND c.w_to >= p.r - greatest(p.win1, p.win5) AND c.w_from <= p.r - 1
    GROUP BY s.person_id
),
per_person AS (
    SELECT s.kategori,
           coalesce(u.weeks_1aar, 0) >= p.min1 AS lang_1aar,
           coalesce(u.weeks_5aar, 0) >= p.min5 AS lang_5aar
    FROM stock s LEFT JOIN support u USING (person_id), p
),
table_rows(ord, kategori, label) AS (VALUES
    (1, 'sygedagpenge', 'Sygedagpenge'),
    (2, 'udh_aabenlyst_uddannelsesparat', 'Uddannelseshjælp, åbenlyst uddannelsesparate'),
    (3, 'udh_uddannelsesparat', 'Uddannelseshjælp, uddannelsesparate'),
    (4, 'udh_aktivitetsparat', 'Uddannelseshjælp, aktivitetsparate'),
    (5, 'kth_jobparat', 'Kontanthjælp, jobparate'),
    (6, 'kth_aktivitetsparat', 'Kontanthjælp, aktivitetsparate'),
    (7, 'arbejdsmarkedsydelse', 'Arbejdsmarkedsydelse'),
    (8, 'saerlig_uddannelsesydelse', 'Særlig uddannelsesydelse'),
    (9, 'revalidering', 'Revalidering'),
    (10, 'ressourceforloeb', 'Ressourceforløb'),
    (11, 'fleksjob', 'Fleksjob'),
    (12, 'ledighedsydelse', 'Ledighedsydelse'),
    (13, 'foertidspension', 'Førtidspension')
),
counted AS (
    SELECT t.ord, t.kategori, t.label,
           count(pp.kategori) AS antal,
           count(pp.kategori) FILTER (WHERE pp.lang_1aar) AS antal_1aar,
           count(pp.kategori) FILTER (WHERE pp.lang_5aar) AS antal_5aar
    FROM table_rows t LEFT JOIN per_person pp USING (kategori)
    GROUP BY t.ord, t.kategori, t.label
),
with_totals AS (
    SELECT * FROM counted
    UNION ALL
    SELECT 14, 'i_alt', 'I alt', sum(antal), sum(antal_1aar), sum(antal_5aar) FROM counted
    UNION ALL
    SELECT 15, 'i_alt_uden_foertidspension', 'I alt uden førtidspension',
           sum(antal), sum(antal_1aar), sum(antal_5aar)
    FROM counted WHERE kategori <> 'foertidspension'
)
SELECT kategori, label,
       CAST(antal AS BIGINT) AS antal,
       CAST(antal_1aar AS BIGINT) AS antal_1aar,
       antal_1aar * 100.0 / nullif(antal, 0) AS andel_1aar,
       CAST(antal_5aar AS BIGINT) AS antal_5aar,
       antal_5aar * 100.0 / nullif(antal, 0) AS andel_5aar
FROM with_totals
ORDER BY ord;
