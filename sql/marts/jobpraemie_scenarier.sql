-- What the job premium would cost the state per year at other premiums per hour
-- (jobpraemie_scenarie_satser, 40-100 kr.; the reform commission: "rundt regnet 45 mio. kr.
-- for hver 10 kr."), with and without the floor: sats x the sum over municipalities of the
-- hours above each one's floor (jobpraemie), and sats x all ordinary hours. In mio. kr.
CREATE OR REPLACE TABLE jobpraemie_scenarier AS
WITH s AS (SELECT CAST(unnest(string_split(getvariable('jobpraemie_scenarie_satser'), ',')) AS INTEGER) AS sats)
SELECT j.aar, s.sats, j.personer,
       s.sats * j.timer_over_bundgraense / 1e6 AS udgift_mio_kr,
       s.sats * j.ordinaere_timer / 1e6 AS udgift_uden_bundgraense_mio_kr
FROM jobpraemie j, s
WHERE j.kommune = 'hele_landet'
ORDER BY j.aar, s.sats;
