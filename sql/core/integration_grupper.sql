-- The groups of the integration annex's Figur 3 and 5 (docs/METODE.md "Integrationsprogrammet"):
-- each group's categories (with visitation). The programme is DREAM's codes for kontanthjælp
-- under integrationsloven (no visitation); uddannelsesparate include the åbenlyst
-- uddannelsesparate, as Jobindsats groups them.
CREATE OR REPLACE TABLE integration_grupper AS
SELECT * FROM (VALUES
    (1, 'integrationsprogram', 'kth_integrationsloven', 'Kontanthjælp i integrationsprogrammet'),
    (2, 'kth_jobparat', 'kth_jobparat', 'Kontanthjælp – jobparate'),
    (3, 'kth_aktivitetsparat', 'kth_aktivitetsparat', 'Kontanthjælp – aktivitetsparate'),
    (4, 'udh_uddannelsesparate', 'udh_aabenlyst_uddannelsesparat', 'Uddannelseshjælp – uddannelsesparate'),
    (4, 'udh_uddannelsesparate', 'udh_uddannelsesparat', 'Uddannelseshjælp – uddannelsesparate'),
    (5, 'udh_aktivitetsparat', 'udh_aktivitetsparat', 'Uddannelseshjælp – aktivitetsparate')
) t(ord, gruppe, kategori, label);
