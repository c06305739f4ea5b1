-- The mploy analysis's tool mix (redskabssammensætning, Figur 6.2) and the
-- tool-specific activation rate, per benefit group, year and offer:
--   andel_af_aktivering     = the offer's activation hours / all activation hours x 100
--   aktiveringsgrad_redskab = the offer's full-time persons / full-time persons on the
--                             group x 100 (e.g. ordinær uddannelse 2,6 -> 2,4 pct.)
-- From m16_activation_by_offer (sql/core/m16_activation.sql); mentor excluded.
CREATE OR REPLACE TABLE m16_redskaber AS
SELECT t.gruppe || '_' || t.aar || '_' || o.tilbud AS kategori,
       t.label || ' ' || t.aar || ', ' || o.tilbud AS label, t.gruppe, t.aar, o.tilbud, t.helt_aar,
       o.timer / t.full_time / t.uger_i_aaret AS fuldtidsaktiverede,
       o.timer / nullif(t.timer, 0) * 100 AS andel_af_aktivering,  -- divided first: one offer alone is 100 exactly
       o.timer / t.full_time * 100.0 / nullif(t.uger, 0) AS aktiveringsgrad_redskab
FROM m16_activation_by_offer_totals t
JOIN m16_activation_by_offer o ON o.gruppe = t.gruppe AND o.aar = t.aar
ORDER BY t.ord, t.aar, o.tilbud;
