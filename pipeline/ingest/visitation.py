"""The `visitation` extract: pnr, fra_dato, til_dato, ydelse, kategori.

A record applies to the weeks whose Monday it covers (docs/METODE.md), so it is
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

from pipeline.ingest.rejects import Rejects
from pipeline.ingest.tabular import ExtractSpec, date_checks, load_extract, sql_list

KATEGORIER = {
    "kth": ("jobparat", "aktivitetsparat"),
    "udh": ("aabenlyst_uddannelsesparat", "uddannelsesparat", "aktivitetsparat"),
}
OPEN_END = 1_000_000  # week index standing for "no end date"


SPEC = ExtractSpec(
    name="visitation",
    columns=("pnr", "fra_dato", "til_dato", "ydelse", "kategori"),
    target_ddl="""CREATE OR REPLACE TABLE visitation (pnr VARCHAR, fra_dato DATE, til_dato DATE, ydelse VARCHAR,
                  kategori VARCHAR, w_first INTEGER, w_last INTEGER, src_file VARCHAR, src_row BIGINT)""",
    fields={"fra_dato": "almp_date(r_fra_dato)", "til_dato": "almp_date(r_til_dato)",
            "ydelse": "lower(r_ydelse)", "kategori": "lower(r_kategori)"},
    checks=[("r_pnr IS NULL", "'pnr is missing'"), *date_checks("fra_dato", "til_dato"),
            (f"ydelse IS NULL OR ydelse NOT IN ({sql_list(KATEGORIER)})",
             "'ydelse: ''' || coalesce(ydelse, '') || ''' is not kth or udh'"),
            ("NOT (" + " OR ".join(f"(ydelse = '{y}' AND kategori IN ({sql_list(ks)}))" for y, ks in KATEGORIER.items())
             + ")", "'kategori: ''' || coalesce(kategori, '') || ''' is not a visitation category of ' || ydelse")],
    insert=f"""r_pnr, fra_dato, til_dato, ydelse, kategori, first_week_from(fra_dato),
               coalesce(week_of(til_dato), {OPEN_END}), src_file, src_row""",
)


def load_visitation(con: duckdb.DuckDBPyConnection, data_dir: Path, rejects: Rejects) -> list[dict]:
    return load_extract(con, data_dir, SPEC, rejects, "visitation")
