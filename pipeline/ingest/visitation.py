"""Load the `visitation` extract: pnr, fra_dato, til_dato, ydelse, kategori.

A record applies to the weeks whose Monday it covers (STATISTICS.md §1), so it is
stored as the week interval [w_first, w_last]: w_first is the first week whose
Monday is on or after fra_dato, w_last the week that contains til_dato (blank
til_dato = open). A record that covers no Monday is kept but applies to no week
(counted in the data-quality section). Dates are read as YYYY-MM-DD, DD-MM-YYYY or
DD.MM.YYYY; anything else, a til_dato before fra_dato, a date outside 1980–2100, an
unknown ydelse or a kategori that does not exist for the ydelse rejects the row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.errors import InputError
from pipeline.ingest import files
from pipeline.ingest.rejects import Rejects

COLUMNS = ("pnr", "fra_dato", "til_dato", "ydelse", "kategori")
KATEGORIER = {
    "kth": ("jobparat", "aktivitetsparat"),
    "udh": ("aabenlyst_uddannelsesparat", "uddannelsesparat", "aktivitetsparat"),
}
OPEN_END = 1_000_000  # week index standing for "no end date"


def _date(col: str) -> str:
    c = f"nullif(trim(CAST({col} AS VARCHAR)), '')"
    return (f"coalesce(TRY_CAST({c} AS DATE), TRY_STRPTIME({c}, '%d-%m-%Y')::DATE, "
            f"TRY_STRPTIME({c}, '%d.%m.%Y')::DATE)")


def load_visitation(con: duckdb.DuckDBPyConnection, data_dir: Path, rejects: Rejects) -> list[dict]:
    found = files.find_extract(data_dir, "visitation")
    con.execute("""CREATE OR REPLACE TABLE visitation (pnr VARCHAR, fra_dato DATE, til_dato DATE,
                   ydelse VARCHAR, kategori VARCHAR, w_first INTEGER, w_last INTEGER, src_file VARCHAR, src_row BIGINT)""")
    stats = []
    for file_id, path in enumerate(found):
        fmt = files.file_format(path)
        rej = f"vis_rej_{file_id}"
        if fmt == "sas":
            raise InputError(path, "SAS files (.sas7bdat) are not read yet: export the extract as Parquet or CSV")
        if fmt == "csv":
            dialect, header = files.sniff_csv(path)
            source = files.csv_source(path, dialect, {h: "VARCHAR" for h in header}, rej)
            row = "row_number() OVER () + 1"  # line number: the header is line 1 (fixed below)
        else:
            try:
                from pyarrow import parquet as pq
                header = pq.read_schema(path).names
            except Exception as e:
                raise InputError(path, f"not a readable Parquet file (truncated or damaged?): {e}") from None
            source = f"read_parquet({files.sql_str(str(path))}, file_row_number=true)"
            row = "file_row_number + 1"
        lower = {h.lower(): h for h in header}
        pnr_col = lower.get("pnr") or lower.get("lobenr")
        missing = [c for c in COLUMNS if c != "pnr" and c not in lower] + ([] if pnr_col else ["pnr"])
        if missing:
            raise InputError(path, f"missing column(s): {', '.join(missing)} (expected {', '.join(COLUMNS)})")
        q = files.sql_ident
        ydelse = f"lower(trim(CAST({q(lower['ydelse'])} AS VARCHAR)))"
        kategori = f"lower(trim(CAST({q(lower['kategori'])} AS VARCHAR)))"
        fra, til = _date(q(lower["fra_dato"])), _date(q(lower["til_dato"]))
        til_raw = f"nullif(trim(CAST({q(lower['til_dato'])} AS VARCHAR)), '')"
        valid_pairs = " OR ".join(f"(y = '{y}' AND k IN ({', '.join(repr(k) for k in ks)}))"
                                  for y, ks in KATEGORIER.items())
        try:
            con.execute(f"""
                CREATE OR REPLACE TEMP TABLE stg_visitation AS
                WITH src AS (
                    SELECT {row} AS src_row, trim(CAST({q(pnr_col)} AS VARCHAR)) AS pnr,
                           CAST({q(lower['fra_dato'])} AS VARCHAR) AS fra_raw, {til_raw} AS til_raw,
                           {fra} AS fra_dato, {til} AS til_dato, {ydelse} AS y, {kategori} AS k
                    FROM {source})
                SELECT *, CASE
                    WHEN pnr IS NULL OR pnr = '' THEN 'pnr is missing'
                    WHEN fra_dato IS NULL THEN 'fra_dato: ''' || coalesce(fra_raw, '') || ''' is not a date'
                    WHEN til_raw IS NOT NULL AND til_dato IS NULL THEN 'til_dato: ''' || til_raw || ''' is not a date'
                    WHEN year(fra_dato) NOT BETWEEN 1980 AND 2100 THEN 'fra_dato ' || fra_dato || ' is out of range (1980-2100)'
                    WHEN year(til_dato) NOT BETWEEN 1980 AND 2100 THEN 'til_dato ' || til_dato || ' is out of range (1980-2100)'
                    WHEN til_dato < fra_dato THEN 'til_dato ' || til_dato || ' is before fra_dato ' || fra_dato
                    WHEN y IS NULL OR y NOT IN ({', '.join(repr(y) for y in KATEGORIER)}) THEN 'ydelse: ''' || coalesce(y, '') || ''' is not kth or udh'
                    WHEN NOT ({valid_pairs}) THEN 'kategori: ''' || coalesce(k, '') || ''' is not a visitation category of ' || y
                END AS reason
                FROM src
            """)
        except duckdb.Error as e:
            raise InputError(path, f"cannot be read: {str(e).splitlines()[0]}") from None
        failures = files.csv_rejected_lines(con, rej) if fmt == "csv" else []
        bad = con.execute("SELECT src_row, pnr, reason FROM stg_visitation WHERE reason IS NOT NULL ORDER BY src_row").fetchall()
        word = "line" if fmt == "csv" else "row"
        if fmt == "csv" and bad:
            lines = files.lines_of_accepted([b[0] - 2 for b in bad], [int(f[0]) for f in failures])
            bad = [(int(line), p, r) for line, (_, p, r) in zip(lines, bad)]
        for src_row, pnr, reason in bad:
            rejects.add("visitation", path, src_row, reason, pnr=pnr, row_word=word)
        for line, col, etype, raw, msg in failures:
            rejects.add("visitation", path, int(line), f"{str(etype).lower()}: {msg}", raw=raw, row_word="line")
        con.execute(f"""
            INSERT INTO visitation
            SELECT pnr, fra_dato, til_dato, y, k,
                   CAST(ceil(date_diff('day', DATE '1990-01-01', fra_dato) / 7.0) AS INTEGER),
                   coalesce(CAST(floor(date_diff('day', DATE '1990-01-01', til_dato) / 7.0) AS INTEGER), {OPEN_END}),
                   {files.sql_str(str(path))}, src_row
            FROM stg_visitation WHERE reason IS NULL
        """)
        n_in, n_ok = con.execute("SELECT count(*), count(*) FILTER (WHERE reason IS NULL) FROM stg_visitation").fetchone()
        stats.append({"extract": "visitation", "file": str(path), "format": fmt,
                      "rows_in": n_in + len({f[0] for f in failures}), "accepted": n_ok,
                      "rejected": n_in - n_ok + len({f[0] for f in failures}), "ignored_columns": "",
                      "bytes": path.stat().st_size, "sha256": files.sha256(path)})
    return stats
