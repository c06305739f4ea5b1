-- Bilag 3.13: share of new recipients whose first active offer comes within the first
-- three months on the benefit (Nye veje mod job (2015)).
--   cohort: spells (gaps <= max_gap_weeks bridged) whose first week lies in
--           first_offer_from_week ... first_offer_to_week (2014-W01 ... W26: January-June
--           2014 by Thursday); left-censored spells and spells shorter than the window
--           (first_offer_window_weeks = 13, "ends within three months") are left out
--   group:  the category of the spell's first week (kontant- and uddannelseshjælp share a
--           family but are shown apart, as in the report)
--   andel_tilbud_3_mdr: share with activation hours > 0 in the spell's first 13 weeks
CREATE OR REPLACE TABLE bilag_3_13 AS
WITH
p AS (SELECT getvariable('first_offer_from_week') AS f, getvariable('first_offer_to_week') AS t,
             getvariable('first_offer_window_weeks') AS win),
grupper(ord, kategori, label) AS (VALUES
    (1, 'udh', 'Uddannelseshjælp'), (2, 'kth', 'Kontanthjælp'), (3, 'ledighedsydelse', 'Ledighedsydelse'),
    (4, 'sygedagpenge', 'Sygedagpenge'), (5, 'ressourceforloeb', 'Ressourceforløb')
),
cohort AS (
    SELECT s.person_id, s.w_from, r.category AS kategori
    FROM spells s
    JOIN category_runs r ON r.person_id = s.person_id AND r.w_from = s.w_from
    JOIN categories c ON c.category = r.category AND c.family = s.family, p
    WHERE s.w_from BETWEEN p.f AND p.t AND NOT s.left_censored AND s.w_to - s.w_from + 1 >= p.win
),
first_offer AS (
    SELECT c.person_id, c.w_from, bool_or(a.hours > 0) AS tilbud
    FROM cohort c JOIN activation_runs a ON a.person_id = c.person_id, p
    WHERE a.w_from <= c.w_from + p.win - 1 AND a.w_to >= c.w_from
    GROUP BY c.person_id, c.w_from
)
SELECT g.kategori, g.label, count(c.person_id) AS antal,
       count(c.person_id) FILTER (WHERE f.tilbud) AS antal_tilbud_3_mdr,
       count(c.person_id) FILTER (WHERE f.tilbud) * 100.0 / nullif(count(c.person_id), 0) AS andel_tilbud_3_mdr
FROM grupper g
LEFT JOIN cohort c USING (kategori)
LEFT JOIN first_offer f ON f.person_id = c.person_id AND f.w_from = c.w_from
GROUP BY g.ord, g.kategori, g.label
ORDER BY g.ord;
