-- The long-term recipients of a row are among its recipients, the five-year ones among the one-year ones' window.
SELECT kategori, antal, antal_1aar, antal_5aar FROM tabel_3_1 WHERE antal_1aar > antal OR antal_5aar > antal;
