-- Person-week category with visitation (docs/METODE.md), stored as runs.
-- Grain: one row per (person_id, w_from); runs of one person never overlap, since
-- DREAM has one code per person and week. Weeks in no run are blank weeks.
--
-- Each DREAM code run is cut where (a) the code list's validity changes
-- (codes_validity_bounds) and (b), for kth/udh, where a visitation record starts or
-- ends. Each piece then has one category and one visitation:
--   visitation = the record covering the week's Monday, else the code block default;
--   kategori   = category, or category_visitation for kth and udh (kth_jobparat, ...).
-- Overlapping visitation records of one person and ydelse: the later-starting record
-- wins from its first week (the earlier one is cut short).
-- Codes not in the code list (or outside their validity) get category 'ukendt'.
CREATE OR REPLACE TABLE category_runs AS
WITH
bounds AS (
    SELECT coalesce(list(DISTINCT b), []) AS b FROM (
        SELECT valid_from_w AS b FROM codes_validity WHERE valid_from_w IS NOT NULL
        UNION ALL
        SELECT valid_to_w + 1 FROM codes_validity WHERE valid_to_w IS NOT NULL)
),
cut_runs AS (
    SELECT r.person_id, r.code, r.w_from, r.w_to,
           list_sort(list_filter(bounds.b, LAMBDA x: x > r.w_from AND x <= r.w_to)) AS cuts
    FROM dream_runs r, bounds
),
pieces AS (
    SELECT person_id, code,
           unnest(list_concat([w_from], cuts)) AS w_from,
           unnest(list_concat(list_transform(cuts, LAMBDA x: x - 1), [w_to])) AS w_to
    FROM cut_runs
),
coded AS (
    SELECT p.person_id, p.code, p.w_from, p.w_to,
           coalesce(c.category, 'ukendt') AS category, c.visitation_default
    FROM pieces p
    LEFT JOIN codes_validity c
      ON c.code = p.code
     AND p.w_from >= coalesce(c.valid_from_w, -2147483648)
     AND p.w_from <= coalesce(c.valid_to_w, 2147483647)
),
vis AS (
    SELECT p.person_id, v.ydelse, v.kategori, v.w_first,
           least(v.w_last, lead(v.w_first) OVER (PARTITION BY p.person_id, v.ydelse
                                                 ORDER BY v.fra_dato, v.src_file, v.src_row) - 1) AS w_last
    FROM visitation v JOIN persons p USING (pnr)
),
vis_ok AS (SELECT * FROM vis WHERE w_last >= w_first),
split AS (  -- kth/udh pieces, with every visitation start/end inside them as a cut
    SELECT k.person_id, k.code, k.category, k.visitation_default, k.w_from, k.w_to,
           list_sort(list_distinct(coalesce(
               list(c.cut) FILTER (WHERE c.cut > k.w_from AND c.cut <= k.w_to), []))) AS cuts
    FROM coded k
    LEFT JOIN (SELECT person_id, ydelse, w_first, w_last, unnest([w_first, w_last + 1]) AS cut FROM vis_ok) c
      ON c.person_id = k.person_id AND c.ydelse = k.category
     AND c.w_first <= k.w_to AND c.w_last >= k.w_from
    WHERE k.category IN ('kth', 'udh')
    GROUP BY ALL
),
segments AS (
    SELECT person_id, code, category, visitation_default,
           unnest(list_concat([w_from], cuts)) AS w_from,
           unnest(list_concat(list_transform(cuts, LAMBDA x: x - 1), [w_to])) AS w_to
    FROM split
),
visited AS (
    SELECT s.person_id, s.code, s.w_from, s.w_to, s.category,
           coalesce(v.kategori, s.visitation_default) AS visitation
    FROM segments s
    LEFT JOIN vis_ok v
      ON v.person_id = s.person_id AND v.ydelse = s.category
     AND s.w_from BETWEEN v.w_first AND v.w_last
)
SELECT person_id, code, w_from, w_to, category, visitation,
       category || coalesce('_' || visitation, '') AS kategori
FROM visited
UNION ALL
SELECT person_id, code, w_from, w_to, category, NULL AS visitation, category AS kategori
FROM coded WHERE category NOT IN ('kth', 'udh')
ORDER BY person_id, w_from;
