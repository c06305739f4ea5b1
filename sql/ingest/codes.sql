-- The DREAM code list and the benefit categories, from assets/reference/.
-- valid_from / valid_to are ISO weeks (2014-W01) or blank (open); a code can have
-- several rows with disjoint validity when its meaning changes over time.
CREATE OR REPLACE TABLE codes AS
SELECT code::SMALLINT AS code, label, benefit_group, activity, category,
       nullif(visitation_default, '') AS visitation_default,
       nullif(offer, '') AS offer, nullif(sector, '') AS sector,
       nullif(valid_from, '') AS valid_from, nullif(valid_to, '') AS valid_to
FROM read_csv(getvariable('codes_csv'), header = true, all_varchar = true);

CREATE OR REPLACE TABLE categories AS
SELECT category, label, public_support = '1' AS public_support, nullif(family, '') AS family
FROM read_csv(getvariable('categories_csv'), header = true, all_varchar = true);

CREATE OR REPLACE TABLE kommuner AS
SELECT kommune::INTEGER AS kommune, navn, region
FROM read_csv(getvariable('kommuner_csv'), header = true, all_varchar = true);
