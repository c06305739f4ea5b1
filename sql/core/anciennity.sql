-- Anciennity in the reference week (docs/METODE.md): for every spell that covers
-- the reference week R, anciennitet_uger = R - first week of the spell + 1
-- (calendar weeks; bridged gap weeks count). A person can be in a bridged gap at R:
-- on_benefit_at_reference says whether R itself is a week on the family.
CREATE OR REPLACE TABLE anciennity AS
SELECT s.person_id, s.family, s.spell_no, s.w_from,
       getvariable('reference_week') - s.w_from + 1 AS anciennitet_uger,
       s.left_censored,
       EXISTS (SELECT 1 FROM category_runs r JOIN categories c USING (category)
               WHERE r.person_id = s.person_id AND c.family = s.family
                 AND getvariable('reference_week') BETWEEN r.w_from AND r.w_to) AS on_benefit_at_reference
FROM spells s
WHERE getvariable('reference_week') BETWEEN s.w_from AND s.w_to;
