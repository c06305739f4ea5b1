-- The three states of Figur 3.3 add up to 100 pct. and none is negative.
SELECT familie, uge FROM figur_3_3
WHERE abs(samme_ydelse + anden_offentlig + selvforsoergelse - 100) > 1e-9
   OR least(samme_ydelse, anden_offentlig, selvforsoergelse) < 0;
