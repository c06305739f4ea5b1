-- The destinations' cumulative incidences add up to 1 - survival (Aalen-Johansen).
SELECT familie, uge, c AS kumuleret, 1 - overlevelse AS afgaaet
FROM (SELECT familie, uge, sum(kumuleret_incidens) AS c FROM anciennitet_cif GROUP BY ALL)
JOIN anciennitet_km USING (familie, uge)
WHERE abs(c - (1 - overlevelse)) > 1e-9;
