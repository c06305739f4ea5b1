-- Every cell of the sanction tables (docs/METODE.md), in long format: per period
-- (kvartal, aar), kategori, dimension and vaerdi:
--   antal_modtagere      recipients: persons with >= 1 week of the ydelse in the period
--                        (and of the visitation / in the municipality / of the herkomst
--                        in vaerdi), from sanction_recipients;
--   antal_sanktioner     sanction records of the ydelse dated in the period (types in
--                        sanction_excluded_types left out), from sanction_events;
--   antal_sanktionerede  distinct persons among them;
--   antal_sanktionerede_modtagere  those of them who are also recipients in the cell;
--   andel_sanktionerede  antal_sanktionerede_modtagere / antal_modtagere * 100;
--   max_sanktioner       the most sanctions one person has in the cell (disclosure control's
--                        dominance rule: one person's sanctions must not be most of a cell).
-- Dimensions: i_alt; visitation (kth, udh: the visitation of the sanction's week, see
-- sanction_events; udh's two uddannelsesparat groups also pooled as
-- alle_uddannelsesparate); herkomst; kommune (the sanction's municipality; the
-- recipient's municipality in the period's year). A sanctioned person counts in the
-- share of a cell only if he or she is a recipient in that same cell.
-- kategori is the ydelse, plus dagpenge_alle_typer: dagpenge with every sanction type
-- (the 2024 report Figur 3.1's prose "15 pct." counts karantæne; the figure does not).
-- DuckDB 2.0.0 fails on this query with "INTERNAL Error: dict-surviving cache: global
-- dictionary column ... changed identity" (the dictionary-aware caching operator,
-- duckdb/duckdb#23447); without the caching operators it runs.
-- The recipients are counted per cell straight from sanction_recipients (one row per period,
-- person and ydelse, so a person counts once in a cell); for the share, each sanctioned person's
-- cell is looked up in his or her one recipient row of the period and kategori (unnesting the
-- recipient's cells and joining them by cell took a fifth more time on the stand-in).
SET enable_caching_operators = false;
-- a sanction's cells: i_alt, herkomst, kommune and each visitation group
CREATE OR REPLACE TEMP MACRO sanction_dims(herkomst, kommune, groups) AS list_concat(
    [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}, {'dimension': 'herkomst', 'vaerdi': herkomst},
     {'dimension': 'kommune', 'vaerdi': kommune}],
    list_transform(groups, LAMBDA g: {'dimension': 'visitation', 'vaerdi': g}));
-- a recipient's visitation groups in the period (each visitation's, once)
CREATE OR REPLACE TEMP MACRO recipient_groups(ydelse, visitationer) AS
    list_distinct(flatten(list_transform(visitationer, LAMBDA v: visitation_groups(ydelse, v))));
CREATE OR REPLACE TABLE sanction_cells AS
WITH
kat(kategori, ydelse, alle_typer) AS (VALUES
    ('kth', 'kth', false), ('udh', 'udh', false), ('dagpenge', 'dagpenge', false),
    ('dagpenge_alle_typer', 'dagpenge', true), ('ressourceforloeb', 'ressourceforloeb', false),
    ('ledighedsydelse', 'ledighedsydelse', false), ('sygedagpenge', 'sygedagpenge', false)
),
events AS (
    SELECT 'kvartal' AS periodetype, kvartal AS periode, * EXCLUDE (kvartal, aar) FROM sanction_events WHERE kvartal IS NOT NULL
    UNION ALL
    SELECT 'aar', aar, * EXCLUDE (kvartal, aar) FROM sanction_events WHERE aar IS NOT NULL
),
san AS (  -- per cell and sanctioned person: the sanctions
    SELECT periodetype, periode, kategori, person_key, dimension, vaerdi, count(*) AS n
    FROM (
        SELECT e.periodetype, e.periode, k.kategori, e.person_key,
               unnest(sanction_dims(e.herkomst, e.kommune, visitation_groups(e.ydelse, e.visitation)), recursive := true)
        FROM events e JOIN kat k USING (ydelse)
        WHERE e.counted OR k.alle_typer
    )
    GROUP BY ALL
),
rk AS NOT MATERIALIZED (SELECT r.*, k.kategori FROM sanction_recipients r JOIN kat k USING (ydelse)),
recipients AS (  -- i_alt, herkomst and kommune in one pass; the visitation groups from the lists
    SELECT periodetype, periode, kategori,
           CASE WHEN grouping(herkomst) = 0 THEN 'herkomst' WHEN grouping(kommune) = 0 THEN 'kommune' ELSE 'i_alt' END
               AS dimension,
           CASE WHEN grouping(herkomst) = 0 THEN herkomst WHEN grouping(kommune) = 0 THEN kommune ELSE 'i_alt' END
               AS vaerdi, count(*) AS antal_modtagere
    FROM rk
    GROUP BY GROUPING SETS ((periodetype, periode, kategori), (periodetype, periode, kategori, herkomst),
                            (periodetype, periode, kategori, kommune))
    UNION ALL
    SELECT periodetype, periode, kategori, 'visitation', g, count(*)
    FROM (SELECT periodetype, periode, kategori,
                 unnest(recipient_groups(ydelse, visitationer)) AS g
          FROM rk)
    GROUP BY ALL
),
sanctions AS (  -- a sanctioned person's recipient row in the period (at most one per kategori), and
    -- whether it is in the cell: the recipient's herkomst, municipality or visitation group is the cell's
    SELECT s.periodetype, s.periode, s.kategori, s.dimension, s.vaerdi, sum(s.n) AS antal_sanktioner,
           count(*) AS antal_sanktionerede,
           count(*) FILTER (WHERE CASE s.dimension WHEN 'i_alt' THEN r.person_id IS NOT NULL
                                                   WHEN 'herkomst' THEN r.herkomst = s.vaerdi
                                                   WHEN 'kommune' THEN r.kommune = s.vaerdi
                                                   ELSE list_contains(recipient_groups(r.ydelse, r.visitationer), s.vaerdi)
                                  END) AS antal_sanktionerede_modtagere,
           max(s.n) AS max_sanktioner
    FROM san s
    LEFT JOIN rk r
      ON r.periodetype = s.periodetype AND r.periode = s.periode AND r.kategori = s.kategori AND r.person_id = s.person_key
    GROUP BY ALL
)
SELECT coalesce(r.periodetype, s.periodetype) AS periodetype, coalesce(r.periode, s.periode) AS periode,
       coalesce(r.kategori, s.kategori) AS kategori, coalesce(r.dimension, s.dimension) AS dimension,
       coalesce(r.vaerdi, s.vaerdi) AS vaerdi,
       coalesce(r.antal_modtagere, 0) AS antal_modtagere,
       coalesce(s.antal_sanktioner, 0) AS antal_sanktioner,
       coalesce(s.antal_sanktionerede, 0) AS antal_sanktionerede,
       coalesce(s.antal_sanktionerede_modtagere, 0) AS antal_sanktionerede_modtagere,
       CASE WHEN coalesce(r.antal_modtagere, 0) > 0
            THEN coalesce(s.antal_sanktionerede_modtagere, 0) * 100.0 / r.antal_modtagere END AS andel_sanktionerede,
       coalesce(s.max_sanktioner, 0) AS max_sanktioner
FROM recipients r
FULL OUTER JOIN sanctions s
  ON s.periodetype = r.periodetype AND s.periode = r.periode AND s.kategori = r.kategori
 AND s.dimension = r.dimension AND s.vaerdi = r.vaerdi;
RESET enable_caching_operators;

-- One sanction table: the cells of a period type and kategori for the listed
-- (dimension, vaerdi) rows, in that order, for every period (zero where no one is
-- counted), with the contract's columns and the helper _max_sanktioner (never published). Used by
-- sql/marts/bilag_3_15_*.
CREATE OR REPLACE MACRO sanction_table(ptype, kat, rows_) AS TABLE
SELECT p.periode, kat AS kategori, r.dimension, r.vaerdi,
       coalesce(c.antal_modtagere, 0) AS antal_modtagere, coalesce(c.antal_sanktioner, 0) AS antal_sanktioner,
       coalesce(c.antal_sanktionerede, 0) AS antal_sanktionerede, c.andel_sanktionerede,
       coalesce(c.max_sanktioner, 0) AS _max_sanktioner
FROM periods p
CROSS JOIN (SELECT unnest(rows_, recursive := true), generate_subscripts(rows_, 1) AS ord) r
LEFT JOIN sanction_cells c
  ON c.periodetype = p.periodetype AND c.periode = p.periode AND c.kategori = kat
 AND c.dimension = r.dimension AND c.vaerdi = r.vaerdi
WHERE p.periodetype = ptype
ORDER BY p.w0, r.ord;
