-- The integration annex of Nye veje mod job (2015), Figur 5: the offers given to each group's
-- activated persons in integration_first_week ... integration_last_week (January-October 2014);
-- docs/METODE.md "Integrationsprogrammet". Groups: sql/core/integration_grupper.sql.
--   beroerte: persons with a week in the group in the period;
--   aktiverede: those of them with activation hours in one of those weeks;
--   antal (per offer): those who had the offer in one of those weeks; virksomhedsrettet: any of
--     virksomhedspraktik, løntilskud and nytteindsats (the source adds rotationsvikar, which the
--     activation extract does not carry); a person with several offers counts under each;
--   andel_af_aktiverede = antal ÷ aktiverede (the figure's share); andel_af_beroerte = antal ÷ beroerte
--     (the text's shares for the programme).
CREATE OR REPLACE TABLE integration_figur_5 AS
WITH
period AS (SELECT unnest(range(getvariable('integration_first_week'), getvariable('integration_last_week') + 1)) AS week),
pw AS (
    SELECT DISTINCT g.gruppe, r.person_id, w.week
    FROM category_runs r JOIN integration_grupper g ON g.kategori = r.kategori
    JOIN period w ON w.week BETWEEN r.w_from AND r.w_to
),
active AS (  -- (group, person, offer) for the offers of the activated weeks
    SELECT pw.gruppe, pw.person_id, unnest(a.tilbud) AS tilbud,
           len(coalesce(a.virksomhedsrettet, [])) > 0 AS virksomhedsrettet
    FROM pw JOIN activation_runs a ON a.person_id = pw.person_id AND pw.week BETWEEN a.w_from AND a.w_to
    WHERE a.hours > 0
),
offers(sord, tilbud) AS (VALUES (1, 'vejledning_opkvalificering'), (2, 'ordinaer_uddannelse'), (3, 'virksomhedspraktik'),
                                (4, 'loentilskud'), (5, 'nytteindsats'), (6, 'virksomhedsrettet')),
counted AS (
    SELECT gruppe, tilbud, count(DISTINCT person_id) AS antal FROM active GROUP BY ALL
    UNION ALL
    SELECT gruppe, 'virksomhedsrettet', count(DISTINCT person_id) FILTER (WHERE virksomhedsrettet) FROM active GROUP BY ALL
),
sizes AS (
    SELECT g.ord, g.gruppe, count(DISTINCT pw.person_id) AS beroerte,
           count(DISTINCT a.person_id) AS aktiverede
    FROM (SELECT DISTINCT ord, gruppe FROM integration_grupper) g
    LEFT JOIN pw USING (gruppe) LEFT JOIN active a ON a.gruppe = pw.gruppe AND a.person_id = pw.person_id
    GROUP BY g.ord, g.gruppe
)
SELECT s.gruppe, o.tilbud, s.beroerte, s.aktiverede, coalesce(c.antal, 0) AS antal,
       coalesce(c.antal, 0) * 100.0 / nullif(s.aktiverede, 0) AS andel_af_aktiverede,
       coalesce(c.antal, 0) * 100.0 / nullif(s.beroerte, 0) AS andel_af_beroerte
FROM sizes s CROSS JOIN offers o LEFT JOIN counted c ON c.gruppe = s.gruppe AND c.tilbud = o.tilbud
ORDER BY s.ord, o.sord;
