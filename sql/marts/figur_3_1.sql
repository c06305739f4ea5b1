-- Figur 3.1 (Nye veje mod job (2015)): full-time persons on public support per quarter by
-- category: weeks on the category in the quarter / weeks in the quarter (13, or 14 in a
-- quarter with 14 ISO weeks: a week belongs to its Thursday's quarter). Rows: every
-- public-support category (docs/METODE.md), i_alt (all of them) and udkant (the
-- report's target group: all but dagpenge, kth under integrationsloven and
-- rotationsvikarer). The source is monthly (Jobindsats); we show quarters.
CREATE OR REPLACE TABLE figur_3_1 AS
WITH
q AS (SELECT periode, w0, w1, w1 - w0 + 1 AS uger_i_perioden, week_quarter_no(w0) AS qno
      FROM periods WHERE periodetype = 'kvartal'),
-- a run's weeks in each quarter it touches, found by equality with the quarters (numbered by the
-- Thursday's year and quarter), not by a range join that sorted every run against the quarters
weeks_on AS (
    SELECT q.periode, r.kategori, sum(least(r.w_to, q.w1) - greatest(r.w_from, q.w0) + 1) AS uger
    FROM (SELECT r.category AS kategori, r.w_from, r.w_to,
                 unnest(range(week_quarter_no(r.w_from), week_quarter_no(r.w_to) + 1)) AS qno
          FROM category_runs r WHERE r.category IN (SELECT category FROM categories WHERE public_support)) r
    JOIN q USING (qno)
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
