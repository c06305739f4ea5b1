-- Spells per benefit family (docs/METODE.md).
-- A spell of family F is a maximal run of weeks in F in which gaps of at most
-- max_gap_weeks (default 3) consecutive weeks outside F are bridged; a longer gap
-- ends it (Nye veje mod job (2015)). Bridged gap weeks belong to the spell.
-- left_censored: the spell is running in the extract's first week (it starts there).
-- right_censored: the max_gap_weeks + 1 weeks after its last week are not all inside
-- the extract, so we cannot tell that it ended.
-- The rule is the table macro bridged_spells over runs (person_id, grp, w_from, w_to): the
-- revalidering courses (sql/core/revalidering_forloeb.sql) are spells of one category by it.
CREATE OR REPLACE MACRO bridged_spells(runs) AS TABLE
WITH
gapped AS (
    SELECT person_id, grp, w_from, w_to,
           max(w_to) OVER (PARTITION BY person_id, grp ORDER BY w_from
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_to
    FROM query_table(runs)
),
numbered AS (
    SELECT *, sum(CASE WHEN prev_to IS NULL OR w_from - prev_to - 1 > getvariable('max_gap_weeks')
                       THEN 1 ELSE 0 END)
                  OVER (PARTITION BY person_id, grp ORDER BY w_from ROWS UNBOUNDED PRECEDING) AS spell_no
    FROM gapped
)
SELECT person_id, grp, CAST(spell_no AS INTEGER) AS spell_no,
       min(w_from) AS w_from, max(w_to) AS w_to,
       CAST(sum(w_to - w_from + 1) AS INTEGER) AS weeks_on_benefit,
       min(w_from) = getvariable('extract_first_week') AS left_censored,
       max(w_to) + getvariable('max_gap_weeks') + 1 > getvariable('extract_last_week') AS right_censored
FROM numbered
GROUP BY person_id, grp, spell_no;

CREATE OR REPLACE TEMP VIEW spell_family_runs AS
SELECT r.person_id, c.family AS grp, r.w_from, r.w_to
FROM category_runs r JOIN categories c USING (category)
WHERE c.family IS NOT NULL;

CREATE OR REPLACE TABLE spells AS
SELECT person_id, grp AS family, spell_no, w_from, w_to, weeks_on_benefit, left_censored, right_censored
FROM bridged_spells(spell_family_runs)
ORDER BY person_id, family, spell_no;
