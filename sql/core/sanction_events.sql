-- One row per accepted sanction record (sanctions extract), with what the sanction
-- tables need (docs/METODE.md):
--   person_key: the DREAM person_id, or a negative key per pnr not in DREAM (such
--     sanctions count as sanctions, never as a recipient's);
--   kvartal, aar: the periods of the ISO week holding `dato` (a week belongs to the
--     quarter and year of its Thursday, so a sanction on Monday 31 March 2014 is in
--     2014Q2 with the rest of its week; the recipients are counted by the same weeks).
--     NULL outside the complete periods of the extract (sql/core/periods.sql);
--   visitation (kth, udh): the visitation of the person in the sanction's week: the
--     person-week's visitation if the person is on that ydelse that week
--     (category_runs), else the visitation record covering the week's Monday, else
--     'uoplyst' (e.g. a sanction dated in a week without the benefit);
--   herkomst: from DREAM ('uoplyst' if unknown or not in DREAM);
--   kommune: the municipality on the sanction record ('uoplyst' if blank or not one
--     of the 98);
--   counted: false for the types in sanction_excluded_types (default karantaene).
CREATE OR REPLACE TABLE sanction_events AS
WITH
s AS (SELECT row_number() OVER (ORDER BY src_file, src_row) AS event_id, * FROM sanctions),
matched AS (
    SELECT s.*, p.person_id, p.herkomst,
           coalesce(p.person_id, -dense_rank() OVER (PARTITION BY p.person_id IS NULL ORDER BY s.pnr)) AS person_key
    FROM s LEFT JOIN persons p USING (pnr)
),
on_benefit AS (
    SELECT m.event_id, any_value(r.visitation) AS visitation
    FROM matched m JOIN category_runs r
      ON r.person_id = m.person_id AND r.category = m.ydelse AND m.week BETWEEN r.w_from AND r.w_to
    WHERE m.ydelse IN ('kth', 'udh')
    GROUP BY m.event_id
),
recorded AS (
    SELECT m.event_id, arg_max(v.kategori, v.fra_dato) AS visitation
    FROM matched m JOIN visitation v
      ON v.pnr = m.pnr AND v.ydelse = m.ydelse AND m.week BETWEEN v.w_first AND v.w_last
    GROUP BY m.event_id
)
SELECT m.event_id, m.pnr, m.person_id, m.person_key, m.dato, m.week, m.ydelse, m.sanktionstype,
       CASE WHEN m.ydelse IN ('kth', 'udh') THEN coalesce(b.visitation, r.visitation, 'uoplyst') END AS visitation,
       herkomst_name(m.herkomst) AS herkomst,
       CASE WHEN k.kommune IS NOT NULL THEN CAST(m.kommune AS VARCHAR) ELSE 'uoplyst' END AS kommune,
       NOT list_contains(string_split(getvariable('sanction_excluded_types'), ','), m.sanktionstype) AS counted,
       q.periode AS kvartal, y.periode AS aar,
       m.week BETWEEN getvariable('extract_first_week') AND getvariable('extract_last_week') AS in_extract,
       m.src_file, m.src_row
FROM matched m
LEFT JOIN on_benefit b USING (event_id)
LEFT JOIN recorded r USING (event_id)
LEFT JOIN kommuner k ON k.kommune = m.kommune
-- the week's quarter and ISO year (its Thursday's) by equality with the periods' own: a range join with
-- the periods was 60 % of the model's time
LEFT JOIN periods q ON q.periodetype = 'kvartal' AND week_quarter_no(q.w0) = week_quarter_no(m.week)
LEFT JOIN periods y ON y.periodetype = 'aar' AND y.aar = week_year(m.week)
ORDER BY m.event_id;
