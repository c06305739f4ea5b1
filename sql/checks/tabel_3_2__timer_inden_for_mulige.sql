-- Activation hours never above the possible hours (37 a week on the benefit).
SELECT kategori, activation_hours, possible_hours FROM tabel_3_2 WHERE activation_hours > possible_hours + 1e-6;
