-- Figur 3.3 (Nye veje mod job (2015)): for the spells of each family starting in the
-- cohort year (sql/core/cohort_spells.sql; default 2012), the share of the cohort in each
-- state k = 0 ... curve_weeks weeks after the spell's first week: samme_ydelse (a category
-- of the family), anden_offentlig (another public-support category), selvforsoergelse
-- (anything else, blank included). Only k where the whole cohort is still observed.
-- Each of a person's runs covers a k-interval of the spell; the counts per k are the
-- running sums of +1 at its start and -1 after its end (no person-week expansion).
CREATE OR REPLACE TABLE figur_3_3 AS
WITH
cohort AS (SELECT * FROM cohort_spells),
horizon AS (
    SELECT family, count(*) AS antal,
           least(getvariable('curve_weeks'), getvariable('extract_last_week') - max(w_from)) AS k_max
    FROM cohort GROUP BY family
),
pieces AS (
    SELECT c.family,
           CASE WHEN s.family = c.family THEN 'samme_ydelse' ELSE 'anden_offentlig' END AS tilstand,
           greatest(s.w_from, c.w_from) - c.w_from AS k0,
           least(s.w_to, c.w_from + h.k_max) - c.w_from AS k1
    FROM cohort c JOIN horizon h USING (family)
    JOIN state_runs s ON s.person_id = c.person_id AND s.w_to >= c.w_from AND s.w_from <= c.w_from + h.k_max
    WHERE s.public_support
),
steps AS (
    SELECT family, tilstand, k0 AS k, 1 AS d FROM pieces
    UNION ALL SELECT family, tilstand, k1 + 1, -1 FROM pieces
),
grid AS (
    SELECT h.family, h.antal, t.tilstand, unnest(range(0, h.k_max + 1)) AS uge
    FROM horizon h CROSS JOIN (VALUES ('samme_ydelse'), ('anden_offentlig')) t(tilstand)
    WHERE h.k_max >= 0
),
counts AS (
    SELECT g.family, g.antal, g.tilstand, g.uge,
           sum(coalesce(s.d, 0)) OVER (PARTITION BY g.family, g.tilstand ORDER BY g.uge
                                       ROWS UNBOUNDED PRECEDING) AS n
    FROM grid g
    LEFT JOIN (SELECT family, tilstand, k, sum(d) AS d FROM steps GROUP BY ALL) s
      ON s.family = g.family AND s.tilstand = g.tilstand AND s.k = g.uge
),
wide AS (
    SELECT family, antal, uge,
           sum(n) FILTER (WHERE tilstand = 'samme_ydelse') AS samme,
           sum(n) FILTER (WHERE tilstand = 'anden_offentlig') AS anden
    FROM counts GROUP BY ALL
)
SELECT family AS familie, uge, antal,
       samme * 100.0 / antal AS samme_ydelse,
       anden * 100.0 / antal AS anden_offentlig,
       (antal - samme - anden) * 100.0 / antal AS selvforsoergelse
FROM wide
ORDER BY familie, uge;
