-- The premium is never negative and never above the premium without the floor.
SELECT aar, kommune, praemie_kr, praemie_uden_bundgraense_kr FROM jobpraemie
WHERE praemie_kr < 0 OR praemie_kr > praemie_uden_bundgraense_kr + 1e-6;
