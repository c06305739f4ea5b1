-- The integration annex of Nye veje mod job (2015) (Ekspertgruppens anbefalinger til et nyt
-- integrationsprogram, januar 2015), Figur 3: hours-based activation of kontanthjælp recipients
-- in the integration programme, and of kontant- and uddannelseshjælp recipients generally, in
-- integration_first_week ... integration_last_week (2014-W01 ... W44: January-October 2014, by
-- the weeks' Thursdays); docs/METODE.md "Activation" and "Integrationsprogrammet".
--   groups: sql/core/integration_grupper.sql; the programme's codes carry no visitation, so the
--     source's split into jobparate and aktivitetsparate cannot be drawn from DREAM (its points
--     stand in the notes);
--   antal: persons with a week in the group in the period ("berørte personer", every one:
--     no anciennity limit, unlike Tabel 3.2); fuldtidspersoner = their weeks ÷ the period's weeks;
--   andel_aktiveret, aktiveringsgrad, aktiveringsgrad_beroerte: as Tabel 3.2 (activation_rate).
CREATE OR REPLACE TABLE integration_figur_3 AS
WITH
p AS (SELECT getvariable('integration_first_week') AS w0, getvariable('integration_last_week') AS w1),
groups AS (SELECT DISTINCT ord, gruppe, label FROM integration_grupper),
agg AS (
    SELECT g.ord, g.gruppe, g.label, coalesce(a.antal, 0) AS antal, coalesce(a.uger, 0) AS uger,
           coalesce(a.aktiveret, 0) AS aktiveret, coalesce(a.activation_hours, 0) AS activation_hours,
           coalesce(a.possible_hours, 0) AS possible_hours, coalesce(a.max_hours, 0) AS max_hours,
           coalesce(a.max_possible, 0) AS max_possible
    FROM groups g
    LEFT JOIN activation_rate(integration_grupper, getvariable('integration_first_week'), getvariable('integration_last_week'), 0) a
      USING (gruppe)
)
SELECT gruppe, label, CAST(antal AS BIGINT) AS antal, CAST(uger AS BIGINT) AS uger, p.w1 - p.w0 + 1 AS uger_i_perioden,
       uger / (p.w1 - p.w0 + 1) AS fuldtidspersoner,
       aktiveret * 100.0 / nullif(antal, 0) AS andel_aktiveret,
       activation_hours / nullif(possible_hours, 0) * 100 AS aktiveringsgrad,
       (activation_hours / nullif(possible_hours, 0) * 100) / nullif(aktiveret * 100.0 / nullif(antal, 0), 0) * 100
           AS aktiveringsgrad_beroerte,
       CAST(activation_hours AS DOUBLE) AS activation_hours, CAST(possible_hours AS DOUBLE) AS possible_hours,
       CAST(max_hours AS DOUBLE) AS _max_timer, CAST(max_possible AS DOUBLE) AS _max_mulige_timer
FROM agg, p
ORDER BY ord;
