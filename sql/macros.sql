-- Week index <-> date, as in pipeline/weeks.py: week 0 is ISO 1990-W01 (Monday 1990-01-01).
-- Run before every model (warehouse.run_sql).
CREATE OR REPLACE TEMP MACRO week_monday(w) AS DATE '1990-01-01' + CAST(7 * w AS INTEGER);
CREATE OR REPLACE TEMP MACRO week_of(d) AS CAST(floor(date_diff('day', DATE '1990-01-01', d) / 7.0) AS INTEGER);
CREATE OR REPLACE TEMP MACRO first_week_from(d) AS CAST(ceil(date_diff('day', DATE '1990-01-01', d) / 7.0) AS INTEGER);
-- The ISO year and the quarter a week belongs to: its Thursday's (quarters numbered 4 x year + quarter - 1,
-- consecutive across years, so the quarters from week a to week b are a range of numbers).
CREATE OR REPLACE TEMP MACRO week_year(w) AS year(week_monday(w) + 3);
CREATE OR REPLACE TEMP MACRO week_quarter_no(w) AS 4 * week_year(w) + quarter(week_monday(w) + 3) - 1;
-- The ISO years the weeks a ... b touch: unnested beside a run, they join a table of years by equality
-- (a range join with the years sorts every run against them).
CREATE OR REPLACE TEMP MACRO week_years(a, b) AS range(week_year(a), week_year(b) + 1);
-- DREAM's herkomst code -> the names the sanction tables use (DATA_CONTRACT.md §2.1).
CREATE OR REPLACE TEMP MACRO herkomst_name(h) AS
    CASE h WHEN 1 THEN 'dansk_oprindelse' WHEN 2 THEN 'indvandrer_vestlig' WHEN 3 THEN 'efterkommer_vestlig'
           WHEN 4 THEN 'indvandrer_ikke_vestlig' WHEN 5 THEN 'efterkommer_ikke_vestlig' ELSE 'uoplyst' END;
-- The visitation columns a visitation category counts in: Bilag 3.15 Tabel 3 pools the
-- udh uddannelsesparate ("Alle uddannelsesparate") beside showing them apart.
CREATE OR REPLACE TEMP MACRO visitation_groups(ydelse, v) AS
    CASE WHEN v IS NULL THEN []
         WHEN ydelse = 'udh' AND v IN ('aabenlyst_uddannelsesparat', 'uddannelsesparat') THEN [v, 'alle_uddannelsesparate']
         ELSE [v] END;
-- A sum of non-integer values (hours, weights) that is the same on every run: each term to six
-- decimals, summed exactly. A sum of doubles depends on the order the threads add them in.
CREATE OR REPLACE TEMP MACRO exact_sum(x) AS CAST(sum(CAST(x AS DECIMAL(38, 6))) AS DOUBLE);
-- exact_sum of one term, where a group is known to hold one row (a run with one offer): the
-- same value, without grouping.
CREATE OR REPLACE TEMP MACRO exact_one(x) AS CAST(CAST(x AS DECIMAL(38, 6)) AS DOUBLE);
-- exact_sum over runs of weeks: x holds in each of n weeks (activation_runs.hours, say). Each term
-- is rounded before it is multiplied, so the sum is exact_sum over the weeks one by one.
CREATE OR REPLACE TEMP MACRO exact_sum_weeks(x, n) AS CAST(sum(CAST(x AS DECIMAL(38, 6)) * n) AS DOUBLE);
-- The groups of the characteristics tables (Bilag 3.8, 3.9; sql/core/udkant_persons.sql), in the source's order.
CREATE OR REPLACE TEMP MACRO udkant_grupper() AS
    ['kth_jobparat', 'kth_aktivitetsparat', 'udh_aabenlyst_uddannelsesparat', 'udh_uddannelsesparat',
     'udh_aktivitetsparat', 'sygedagpenge', 'revalidering', 'ressourceforloeb', 'foertidspension', 'fleksjob',
     'ledighedsydelse', 'alle', 'befolkning_16_64'];
