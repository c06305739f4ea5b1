-- advarsel (does not stop the run): the Jobindsats cells where the register lies further from
-- the published value than the measure's tolerance (assets/reference/jobindsats_maalinger.csv);
-- a difference is to be explained (docs/METODE.md, "Afstemning med Jobindsats"), not corrected.
SELECT tabel_id, omraade, periode, maaling, jobindsats, register, forskel, forskel_pct
FROM jobindsats_afstemning
WHERE inden_for_tolerance = false
ORDER BY abs(forskel_pct) DESC NULLS LAST, tabel_id, kilde_fil, kilde_raekke, maaling
