-- Figur 3.1 (Nye veje mod job (2015)): full-time persons on public support per quarter by
-- category: weeks on the category in the quarter / weeks in the quarter (13, or 14 in a
-- quarter with 14 ISO weeks: a week belongs to its Thursday's quarter). Rows: every
-- public-support category (docs/METODE.md), i_alt (all of them) and udkant (the
-- report's target group: all but dagpenge, kth under integrationsloven and
-- rotationsvikarer). The source is monthly (Jobindsats); we show quarters.
CREATE OR REPLACE TABLE figur_3_1 AS
WITH
q AS (SELECT periode, w0, w1, w1 - w0 + 1 AS uger_i_perioden FROM periods WHERE periodetype = 'kvartal'),
weeks_on AS (
    SELECT q.periode, r.category AS kategori, sum(least(r.w_to, q.w1) - greatest(r.w_from, q.w0) + 1) AS uger
    FROM category_runs r JOIN categories c USING (category)
    JOIN q ON r.w_from <= q.w1 AND r.w_to >= q.w0
    WHERE c.public_support
    GROUP BY ALL
),
with_totals AS (
    SELECT * FROM weeks_on
    UNION ALL SELECT periode, 'i_alt', sum(uger) FROM weeks_on GROUP BY periode
    UNION ALL SELECT periode, 'udkant', sum(uger) FROM weeks_on
              WHERE kategori NOT IN ('dagpenge', 'kth_integrationsloven', 'rotationsvikar') GROUP BY periode
)
SELECT w.periode, w.kategori, w.uger, q.uger_i_perioden, w.uger / q.uger_i_perioden AS fuldtidspersoner
FROM with_totals w JOIN q USING (periode)
ORDER BY q.w0, w.kategori;
