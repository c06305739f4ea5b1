-- Where the people on a benefit in the reference week (default 2014-W20) came from and
-- where they went (Nye veje mod job (2015) Bilag 3.2-3.7, docs/METODE.md). One row per person and
-- category on support in the reference week R:
--   kategori, family: the category in week R and its spell family;
--   anciennitet_uger: R - first week of the family's spell + 1 (spells: gaps of <= 3 weeks
--     bridged), band: under_1 (< 52 weeks), 1_3 (52-155), 3_5 (156-259), over_5 (>= 260);
--   forud: prior support (forsørgelseskilde) = the most frequent kilde in the prior_weeks
--     (12) weeks before the spell's first week (sql/core/state_runs.sql; ties: the latest
--     week wins; blank = selvforsoergelse); 'uoplyst' if those weeks are not all inside
--     the extract (the spell started too early to see where from);
--   efter: the most frequent kilde in weeks R+1 ... R+exit_window_weeks (21-32 2014);
--     'uoplyst' if they are not all inside the extract;
--   efter_tilstand: samme_ydelse (efter in the family), anden_offentlig (other public
--     support), selvforsoergelse (self-support, education and other non-support).
CREATE OR REPLACE TEMP TABLE rp_base AS
WITH
b AS (SELECT getvariable('reference_week') AS r),
onref AS (
    SELECT DISTINCT s.person_id, s.category AS kategori, s.family
    FROM state_runs s, b WHERE b.r BETWEEN s.w_from AND s.w_to AND s.family IS NOT NULL
)
SELECT row_number() OVER (ORDER BY o.person_id, o.kategori) AS req_id, o.*, a.w_from AS spell_from, a.anciennitet_uger,
       CASE WHEN a.anciennitet_uger < 52 THEN 'under_1' WHEN a.anciennitet_uger < 156 THEN '1_3'
            WHEN a.anciennitet_uger < 260 THEN '3_5' ELSE 'over_5' END AS band
FROM onref o JOIN anciennity a USING (person_id, family);

CREATE OR REPLACE TEMP TABLE rp_prior_req AS
SELECT req_id, person_id, spell_from - getvariable('prior_weeks') AS w0, spell_from - 1 AS w1 FROM rp_base
WHERE spell_from - getvariable('prior_weeks') >= getvariable('extract_first_week');

CREATE OR REPLACE TEMP TABLE rp_next_req AS
SELECT req_id, person_id, getvariable('reference_week') + 1 AS w0,
       getvariable('reference_week') + getvariable('exit_window_weeks') AS w1
FROM rp_base
WHERE getvariable('reference_week') + getvariable('exit_window_weeks') <= getvariable('extract_last_week');

CREATE OR REPLACE TABLE reference_paths AS
SELECT x.person_id, x.kategori, x.family, x.anciennitet_uger, x.band,
       coalesce(p.kilde, 'uoplyst') AS forud, coalesce(n.kilde, 'uoplyst') AS efter,
       CASE WHEN n.kilde IS NULL THEN 'uoplyst'
            WHEN c.family = x.family THEN 'samme_ydelse'
            WHEN c.public_support THEN 'anden_offentlig'
            ELSE 'selvforsoergelse' END AS efter_tilstand
FROM rp_base x
LEFT JOIN modal_kilde(rp_prior_req) p USING (req_id)
LEFT JOIN modal_kilde(rp_next_req) n USING (req_id)
LEFT JOIN categories c ON c.category = n.kilde;

-- A prior-support table (Bilag 3.2-3.4): for the categories in p_kategorier (pooled as
-- p_ydelse, or 'per_ydelse': one per category), persons by anciennity band (or 'alle') and prior kilde, with each kilde's
-- share of its band, plus two pooled rows: offentlig (prior public support) and
-- ikke_offentlig (self-support, education or other non-support). Shares are of the
-- persons whose prior weeks are all in the extract (the uoplyst row has none). Bands at or above
-- p_max_weeks of anciennity are left out (Bilag 3.2: under five years).
CREATE OR REPLACE MACRO prior_support_table(p_kategorier, p_ydelse, p_by_band, p_max_weeks) AS TABLE
WITH
pop AS (
    SELECT DISTINCT person_id, CASE WHEN p_by_band THEN band ELSE 'alle' END AS anciennitet,
           CASE WHEN p_ydelse = 'per_ydelse' THEN kategori ELSE p_ydelse END AS ydelse, forud
    FROM reference_paths
    WHERE list_contains(p_kategorier, kategori) AND anciennitet_uger < p_max_weeks
),
grouped AS (
    SELECT p.ydelse, p.anciennitet, p.forud AS kilde, count(*) AS antal FROM pop p GROUP BY ALL
    UNION ALL
    SELECT p.ydelse, p.anciennitet, CASE WHEN c.public_support THEN 'offentlig' ELSE 'ikke_offentlig' END, count(*)
    FROM pop p LEFT JOIN categories c ON c.category = p.forud WHERE p.forud <> 'uoplyst' GROUP BY ALL
)
SELECT ydelse, anciennitet, kilde, antal,
       CASE WHEN kilde <> 'uoplyst'
            THEN antal * 100.0 / sum(antal) FILTER (WHERE kilde NOT IN ('offentlig', 'ikke_offentlig', 'uoplyst'))
                                 OVER (PARTITION BY ydelse, anciennitet) END AS andel
FROM grouped
ORDER BY ydelse, anciennitet, kilde IN ('offentlig', 'ikke_offentlig'), antal DESC, kilde;

-- An exit table (Bilag 3.5-3.7): persons on the categories in p_kategorier in week R by
-- anciennity band and state in the following quarter; andel = share of the band;
-- andel_blandt_afgange = share of the band's leavers (those not on the same benefit;
-- Nye veje mod job (2015): 19/39/60/74 % of kth leavers go to other public support).
CREATE OR REPLACE MACRO exit_table(p_kategorier) AS TABLE
WITH
pop AS (SELECT DISTINCT person_id, band, efter_tilstand FROM reference_paths
        WHERE list_contains(p_kategorier, kategori) AND efter_tilstand <> 'uoplyst'),
bands(ord, anciennitet) AS (VALUES (1, 'under_1'), (2, '1_3'), (3, '3_5'), (4, 'over_5'), (5, 'alle')),
states(sord, tilstand) AS (VALUES (1, 'samme_ydelse'), (2, 'anden_offentlig'), (3, 'selvforsoergelse')),
counted AS (
    SELECT band AS anciennitet, efter_tilstand AS tilstand, count(*) AS antal FROM pop GROUP BY ALL
    UNION ALL SELECT 'alle', efter_tilstand, count(*) FROM pop GROUP BY ALL
),
grid AS (
    SELECT b.ord, b.anciennitet, s.sord, s.tilstand, coalesce(c.antal, 0) AS antal
    FROM bands b CROSS JOIN states s LEFT JOIN counted c USING (anciennitet, tilstand)
)
SELECT anciennitet, tilstand, antal,
       antal * 100.0 / nullif(sum(antal) OVER (PARTITION BY anciennitet), 0) AS andel,
       CASE WHEN tilstand <> 'samme_ydelse'
            THEN antal * 100.0 / nullif(sum(antal) FILTER (WHERE tilstand <> 'samme_ydelse')
                                         OVER (PARTITION BY anciennitet), 0) END AS andel_blandt_afgange
FROM grid
ORDER BY ord, sord;
