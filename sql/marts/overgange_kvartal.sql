-- Flows (Nye veje mod job (2015) Figur 3.2, "typiske personbevægelser"): a transition matrix from the
-- flow quarter (default 2014Q2) to the next: each person's most frequent kilde in each
-- quarter (sql/core/state_runs.sql: a public-support category, uddannelse,
-- andet_ikke_offentlig or selvforsoergelse; ties: the latest week), for every person with
-- a week of public support in either quarter. andel = share of the fra row.
CREATE OR REPLACE TEMP TABLE flow_quarters AS  -- the flow quarter (w0-w1) and the next (w1+1 - n1)
SELECT getvariable('flow_first_week') AS w0, getvariable('flow_last_week') AS w1, p.w1 AS n1
FROM periods p WHERE p.periodetype = 'kvartal' AND p.w0 = getvariable('flow_last_week') + 1;

CREATE OR REPLACE TEMP TABLE flow_req AS
WITH persons AS (
    SELECT DISTINCT s.person_id FROM state_runs s, flow_quarters q
    WHERE s.public_support AND s.w_from <= q.n1 AND s.w_to >= q.w0
)
SELECT person_id * 2 AS req_id, person_id, q.w0, q.w1 FROM persons, flow_quarters q
UNION ALL
SELECT person_id * 2 + 1, person_id, q.w1 + 1, q.n1 FROM persons, flow_quarters q;

CREATE OR REPLACE TABLE overgange_kvartal AS
WITH m AS (SELECT * FROM modal_kilde(flow_req)),
pairs AS (
    SELECT a.kilde AS fra, b.kilde AS til
    FROM m a JOIN m b ON b.req_id = a.req_id + 1 WHERE a.req_id % 2 = 0
),
counted AS (SELECT fra, til, count(*) AS antal FROM pairs GROUP BY ALL)
SELECT fra, til, antal, antal * 100.0 / sum(antal) OVER (PARTITION BY fra) AS andel
FROM counted
ORDER BY sum(antal) OVER (PARTITION BY fra) DESC, fra, antal DESC, til;
