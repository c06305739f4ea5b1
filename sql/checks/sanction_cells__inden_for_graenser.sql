-- Shares within 0-100; sanctioned recipients never more than recipients or sanctioned, sanctioned never more than
-- sanctions.
SELECT periodetype, periode, kategori, dimension, vaerdi FROM sanction_cells
WHERE andel_sanktionerede NOT BETWEEN 0 AND 100 OR antal_sanktionerede_modtagere > antal_modtagere
   OR antal_sanktionerede_modtagere > antal_sanktionerede OR antal_sanktionerede > antal_sanktioner;
