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
SET enable_caching_operators = false;
CREATE OR REPLACE TABLE sanction_cells AS
WITH
kat(kategori, ydelse, alle_typer) AS (VALUES
    ('kth', 'kth', false), ('udh', 'udh', false), ('dagpenge', 'dagpenge', false),
    ('dagpenge_alle_typer', 'dagpenge', true), ('ressourceforloeb', 'ressourceforloeb', false),
    ('ledighedsydelse', 'ledighedsydelse', false), ('sygedagpenge', 'sygedagpenge', false)
),
rec AS (
    SELECT r.periodetype, r.periode, k.kategori, r.person_id,
           unnest(list_concat(
               [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}, {'dimension': 'herkomst', 'vaerdi': r.herkomst},
                {'dimension': 'kommune', 'vaerdi': r.kommune}],
               list_transform(list_distinct(flatten(list_transform(r.visitationer,
                                                                   LAMBDA v: visitation_groups(r.ydelse, v)))),
                              LAMBDA g: {'dimension': 'visitation', 'vaerdi': g})), recursive := true)
    FROM sanction_recipients r JOIN kat k USING (ydelse)
),
events AS (
    SELECT 'kvartal' AS periodetype, kvartal AS periode, * EXCLUDE (kvartal, aar) FROM sanction_events WHERE kvartal IS NOT NULL
    UNION ALL
    SELECT 'aar', aar, * EXCLUDE (kvartal, aar) FROM sanction_events WHERE aar IS NOT NULL
),
san AS (
    SELECT periodetype, periode, kategori, person_key, dimension, vaerdi, count(*) AS n
    FROM (
        SELECT e.periodetype, e.periode, k.kategori, e.person_key,
               unnest(list_concat(
                   [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}, {'dimension': 'herkomst', 'vaerdi': e.herkomst},
                    {'dimension': 'kommune', 'vaerdi': e.kommune}],
                   list_transform(visitation_groups(e.ydelse, e.visitation),
                                  LAMBDA g: {'dimension': 'visitation', 'vaerdi': g})), recursive := true)
        FROM events e JOIN kat k USING (ydelse)
        WHERE e.counted OR k.alle_typer
    )
    GROUP BY ALL
)
SELECT coalesce(r.periodetype, s.periodetype) AS periodetype, coalesce(r.periode, s.periode) AS periode,
       coalesce(r.kategori, s.kategori) AS kategori, coalesce(r.dimension, s.dimension) AS dimension,
       coalesce(r.vaerdi, s.vaerdi) AS vaerdi,
       count(r.person_id) AS antal_modtagere,
       coalesce(sum(s.n), 0) AS antal_sanktioner,
       count(s.person_key) AS antal_sanktionerede,
       count(*) FILTER (WHERE r.person_id IS NOT NULL AND s.person_key IS NOT NULL) AS antal_sanktionerede_modtagere,
       CASE WHEN count(r.person_id) > 0
            THEN count(*) FILTER (WHERE r.person_id IS NOT NULL AND s.person_key IS NOT NULL) * 100.0
                 / count(r.person_id) END AS andel_sanktionerede,
       coalesce(max(s.n), 0) AS max_sanktioner
FROM rec r
FULL OUTER JOIN san s
  ON s.periodetype = r.periodetype AND s.periode = r.periode AND s.kategori = r.kategori
 AND s.dimension = r.dimension AND s.vaerdi = r.vaerdi AND s.person_key = r.person_id
GROUP BY ALL;
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
