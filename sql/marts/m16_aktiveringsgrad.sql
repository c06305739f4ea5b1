-- The mploy analysis's activation rate (mploy for STAR): full-time persons activated
-- / full-time persons on the benefit, per benefit group and year; mentor (and
-- voksenlærling) excluded. Groups as its Tabel 6.1 / Figur 6.1:
-- dagpenge mv. (with arbejdsmarkedsydelse, særlig uddannelsesydelse), kontanthjælp
-- (without the integration programme), uddannelseshjælp, sygedagpenge mv. (with
-- jobafklaring), revalidering mv. (with forrevalidering), ressourceforløb,
-- ledighedsydelse; i_alt = all of them (Figur 6.1's population).
--   year: ISO year (a week belongs to the year of its Thursday). The source's "2016"
--         is Q4 2015-Q3 2016; we use calendar years, flagged in the report.
--   fuldtidspersoner   = weeks on the group in the year / weeks in the year
--   fuldtidsaktiverede = activation hours in those weeks (activation_offer_runs.hours_capped)
--                        / full_time_hours / weeks in the year
--   aktiveringsgrad    = fuldtidsaktiverede / fuldtidspersoner x 100
--   helt_aar: the extract covers every week of the year
CREATE OR REPLACE TABLE m16_aktiveringsgrad AS
SELECT gruppe || '_' || aar AS kategori, label || ' ' || aar AS label, gruppe, aar, helt_aar,
       uger / uger_i_aaret AS fuldtidspersoner,
       timer / full_time / uger_i_aaret AS fuldtidsaktiverede,
       timer / full_time * 100.0 / nullif(uger, 0) AS aktiveringsgrad
FROM m16_activation_by_offer_totals
ORDER BY ord, aar;
