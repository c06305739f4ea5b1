-- Survival lies within 0-1 and never rises.
SELECT familie, uge, overlevelse, prev FROM (
    SELECT familie, uge, overlevelse, lag(overlevelse) OVER (PARTITION BY familie ORDER BY uge) AS prev
    FROM anciennitet_km)
WHERE overlevelse NOT BETWEEN 0 AND 1 OR overlevelse > prev + 1e-12;
