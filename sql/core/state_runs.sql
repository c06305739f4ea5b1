-- What a person lives on, week by week, for the curves, exits and flows (docs/METODE.md
-- §2, §6), as runs (category_runs) with
--   family:  the spell family of the category (NULL if none);
--   kilde:   the category if it is public support, else 'uddannelse' (SU, voksenlærling)
--            or 'andet_ikke_offentlig' (barsel, efterløn, emigrated, ...). Weeks in no run
--            are 'selvforsoergelse' (blank: employment or other self-support).
CREATE OR REPLACE VIEW state_runs AS
SELECT r.person_id, r.w_from, r.w_to, r.code, r.category, c.family, c.public_support,
       CASE WHEN c.public_support THEN r.category
            WHEN k.benefit_group = 'SU' OR r.code = 521 THEN 'uddannelse'
            ELSE 'andet_ikke_offentlig' END AS kilde
FROM category_runs r JOIN categories c USING (category) LEFT JOIN codes k ON k.code = r.code;

-- The most frequent kilde of each request (req_id, person_id, w0, w1) over weeks
-- w0 ... w1; ties: the kilde of the latest week wins (docs/METODE.md, prior support).
-- Blank weeks are 'selvforsoergelse'. Used for prior support (the 12 weeks before a
-- spell) and for the state in the following quarter (Bilag 3.5-3.7).
CREATE OR REPLACE MACRO modal_kilde(requests) AS TABLE
WITH
req AS (SELECT req_id, person_id, w0, w1 FROM query_table(requests)),
wk AS (SELECT req_id, person_id, unnest(range(w0, w1 + 1)) AS w FROM req),
st AS (
    SELECT wk.req_id, wk.w, coalesce(s.kilde, 'selvforsoergelse') AS kilde
    FROM wk LEFT JOIN state_runs s ON s.person_id = wk.person_id AND wk.w BETWEEN s.w_from AND s.w_to
),
agg AS (SELECT req_id, kilde, count(*) AS n, max(w) AS last_w FROM st GROUP BY ALL)
SELECT req_id, arg_max(kilde, n * 10000000 + last_w) AS kilde FROM agg GROUP BY req_id;
