-- Week index <-> date, as in pipeline/weeks.py: week 0 is ISO 1990-W01 (Monday 1990-01-01).
-- Run before every model (warehouse.run_sql).
CREATE OR REPLACE TEMP MACRO week_monday(w) AS DATE '1990-01-01' + CAST(7 * w AS INTEGER);
CREATE OR REPLACE TEMP MACRO week_of(d) AS CAST(floor(date_diff('day', DATE '1990-01-01', d) / 7.0) AS INTEGER);
CREATE OR REPLACE TEMP MACRO first_week_from(d) AS CAST(ceil(date_diff('day', DATE '1990-01-01', d) / 7.0) AS INTEGER);
