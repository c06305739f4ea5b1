-- The job premium's target group (the reform commission, Tabel 1 and its text; docs/METODE.md),
-- one row per person and year end where the person qualifies or is a member.
--
-- Year end of year Y: the last ISO week of Y (the periods table's year, whole in the extract),
-- with the window of jobpraemie_window_weeks (156) weeks up to it also inside the extract, from
-- jobpraemie_start_aar (2012: Figur 1 starts the model at end 2012).
--
-- Qualifies at Y (kvalificeret): all of
--   * at least jobpraemie_min_weeks (125 = ceil(80 % x 156)) of the window's weeks on the
--     temporary benefits (jobpraemie_kategorier; dagpenge do not count);
--   * age Y - foedselsaar > jobpraemie_over_alder ("over 30 år": a person of 30 at the year
--     end is not over 30; a person without a birth year cannot be shown to be and is left out);
--   * the year-end week is not on an excluding category (fleksjob, ledighedsydelse = visited
--     to fleksjob, førtidspension) or code (997 emigrated, 999 dead).
-- Member (medlem): a term starts at the first year end the person qualifies and covers
-- jobpraemie_periode_aar (5) year ends; at the year end after a term the person starts a new
-- term if qualifying then ("fem år på ny"), else leaves, and enters again at the next year end
-- that qualifies. A member is counted at a year end unless that week is an excluding one (the
-- group is "not in fleksjob or førtidspension at the year end"); the term runs on regardless.
-- indgang: 'ny' (first term starts), 'fornyet' (a term starts at the year end right after the
-- last), 'igen' (a later term after a gap), 'fortsat' (inside a term).
-- kommune: residence in year Y (nykomY), the municipality entitled to the premium for the
-- hours of year Y + 1; NULL when unknown.
-- jobpraemie_timer: ordinary and supported paid hours per calendar year (the loentimer months
-- of the year) of the persons above, for the years the loentimer extract covers whole.
CREATE OR REPLACE TABLE jobpraemie_maalgruppe AS
WITH RECURSIVE
ye AS (
    SELECT aar, w1 AS ye_week, w1 - getvariable('jobpraemie_window_weeks') + 1 AS w0
    FROM periods
    WHERE periodetype = 'aar' AND aar >= getvariable('jobpraemie_start_aar')
      AND w1 - getvariable('jobpraemie_window_weeks') + 1 >= getvariable('extract_first_week')
),
temp_weeks AS (  -- a run's weeks in each window it overlaps: the windows of the years from its first
    -- week's (from the first year end's) to the year of its last week + the window's length (an equality
    -- join with the year ends, not a range join), then the exact overlap
    SELECT r.person_id, y.aar, sum(least(r.w_to, y.ye_week) - greatest(r.w_from, y.w0) + 1) AS uger
    FROM (SELECT person_id, w_from, w_to,
                 unnest(week_years(greatest(w_from, (SELECT min(ye_week) FROM ye)),
                                   w_to + getvariable('jobpraemie_window_weeks') - 1)) AS aar
          FROM category_runs
          WHERE list_contains(string_split(getvariable('jobpraemie_kategorier'), ','), category)
            AND w_to >= (SELECT min(w0) FROM ye)) r  -- a run that ends before the first window is in none
    JOIN ye y ON y.aar = r.aar AND r.w_from <= y.ye_week AND r.w_to >= y.w0
    GROUP BY ALL
),
at_end AS (  -- the year ends whose week is on an excluding category or code (runs of a person never
    -- overlap: one run at most holds a year end); only the excluding runs are joined with the year ends
    SELECT r.person_id, y.aar, true AS udelukket
    FROM category_runs r JOIN ye y ON y.ye_week BETWEEN r.w_from AND r.w_to
    WHERE list_contains(string_split(getvariable('jobpraemie_udelukket'), ','), r.category)
       OR list_contains(string_split(getvariable('jobpraemie_udelukket_koder'), ','), CAST(r.code AS VARCHAR))
),
qualified AS (
    SELECT t.person_id, t.aar
    FROM temp_weeks t JOIN persons p USING (person_id)
    LEFT JOIN at_end e ON e.person_id = t.person_id AND e.aar = t.aar
    WHERE t.uger >= getvariable('jobpraemie_min_weeks')
      AND t.aar - p.foedselsaar > getvariable('jobpraemie_over_alder')
      AND NOT coalesce(e.udelukket, false)
),
terms(person_id, start_aar, nr) AS (
    SELECT person_id, min(aar), 1 FROM qualified GROUP BY person_id
    UNION ALL
    SELECT q.person_id, min(q.aar), any_value(t.nr) + 1
    FROM terms t JOIN qualified q ON q.person_id = t.person_id
     AND q.aar >= t.start_aar + getvariable('jobpraemie_periode_aar')
    GROUP BY q.person_id
),
terms_prev AS (
    SELECT *, lag(start_aar) OVER (PARTITION BY person_id ORDER BY start_aar) AS prev_start FROM terms
),
term_years AS (
    SELECT t.person_id, y.aar, t.start_aar,
           CASE WHEN y.aar > t.start_aar THEN 'fortsat'
                WHEN t.nr = 1 THEN 'ny'
                WHEN t.prev_start + getvariable('jobpraemie_periode_aar') = t.start_aar THEN 'fornyet'
                ELSE 'igen' END AS indgang
    FROM terms_prev t JOIN ye y ON y.aar BETWEEN t.start_aar AND t.start_aar + getvariable('jobpraemie_periode_aar') - 1
),
person_years AS (
    SELECT person_id, aar FROM qualified UNION SELECT person_id, aar FROM term_years
)
SELECT py.aar, py.person_id, k.kommune, py.aar - p.foedselsaar AS alder, coalesce(t.uger, 0) AS uger_midlertidig,
       q.person_id IS NOT NULL AS kvalificeret,
       m.person_id IS NOT NULL AND NOT coalesce(e.udelukket, false) AS medlem,
       m.start_aar AS forloeb_start, m.indgang
FROM person_years py
JOIN persons p USING (person_id)
LEFT JOIN temp_weeks t ON t.person_id = py.person_id AND t.aar = py.aar
LEFT JOIN qualified q ON q.person_id = py.person_id AND q.aar = py.aar
LEFT JOIN term_years m ON m.person_id = py.person_id AND m.aar = py.aar
LEFT JOIN at_end e ON e.person_id = py.person_id AND e.aar = py.aar
LEFT JOIN kommune_runs k ON k.person_id = py.person_id AND py.aar BETWEEN k.aar_from AND k.aar_to
ORDER BY py.aar, py.person_id;

-- Paid hours per person and calendar year, for the persons above and the years the
-- loentimer extract covers whole (its first to last month; a person without a row in a
-- covered month worked no hours that month).
CREATE OR REPLACE TABLE loentimer_aar AS
WITH cover AS (SELECT min(maaned) AS m0, max(maaned) AS m1 FROM loentimer)
SELECT y.aar FROM cover, range(year(m0), year(m1) + 1) y(aar)
WHERE make_date(CAST(y.aar AS INTEGER), 1, 1) >= m0 AND make_date(CAST(y.aar AS INTEGER), 12, 1) <= m1;

CREATE OR REPLACE TABLE jobpraemie_timer AS
SELECT l.person_id, year(l.maaned) AS aar,
       coalesce(CAST(sum(CAST(l.timer AS DECIMAL(38, 6))) FILTER (WHERE NOT l.stoettet) AS DOUBLE), 0)
           AS timer_ordinaer,
       coalesce(CAST(sum(CAST(l.timer AS DECIMAL(38, 6))) FILTER (WHERE l.stoettet) AS DOUBLE), 0)
           AS timer_stoettet
FROM loentimer l
SEMI JOIN (SELECT DISTINCT person_id FROM jobpraemie_maalgruppe) g ON g.person_id = l.person_id
SEMI JOIN loentimer_aar c ON c.aar = year(l.maaned)
GROUP BY ALL;
