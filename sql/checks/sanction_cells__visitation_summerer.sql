-- The sanctions of the visitation groups (alle_uddannelsesparate apart, a pool) sum to i alt.
SELECT periodetype, periode, kategori, t AS i_alt, v AS visitationerne FROM (
    SELECT periodetype, periode, kategori,
           any_value(antal_sanktioner) FILTER (WHERE dimension = 'i_alt') AS t,
           coalesce(sum(antal_sanktioner) FILTER (WHERE dimension = 'visitation'
                    AND vaerdi <> 'alle_uddannelsesparate'), 0) AS v
    FROM sanction_cells WHERE kategori IN ('kth', 'udh') GROUP BY ALL)
WHERE t <> v;
