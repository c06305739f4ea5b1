-- Activation per person-week (docs/METODE.md). Grain: (person_id, week); only weeks
-- with some activation spell. From activation_offer_weeks (sql/core/activation_offer_weeks.sql).
--   hours = sum over the person's activation spells, except voksenlaerling and mentor,
--           of timer_pr_uge x (days of the week covered) / 7, capped at full_time_hours
--           (37); overlapping spells are summed before the cap
--   hours_uncapped = the same before the cap
--   tilbud = the offers that count as activation; virksomhedsrettet = the company-based
--           ones (virksomhedspraktik, løntilskud, nytteindsats) as offer_sector
CREATE OR REPLACE TABLE activation_weeks AS
SELECT person_id, week,
       least(coalesce(CAST(sum(CAST(hours AS DECIMAL(38, 6))) FILTER (WHERE counts_as_activation) AS DOUBLE), 0),
             any_value(getvariable('full_time_hours'))) AS hours,
       coalesce(CAST(sum(CAST(hours AS DECIMAL(38, 6))) FILTER (WHERE counts_as_activation) AS DOUBLE), 0)
           AS hours_uncapped,
       list(DISTINCT tilbud ORDER BY tilbud) FILTER (WHERE counts_as_activation) AS tilbud,
       list(DISTINCT tilbud || coalesce('_' || sektor, '') ORDER BY 1) FILTER (WHERE virksomhedsrettet)
           AS virksomhedsrettet,
       any_value(source) AS source
FROM activation_offer_weeks
GROUP BY person_id, week
ORDER BY person_id, week;
