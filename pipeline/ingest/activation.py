"""The `activation` extract: pnr, start, slut, tilbud, sektor, timer_pr_uge, kommune.

`slut` is inclusive (blank = ongoing). `tilbud` is one of TILBUD; `sektor` privat,
offentlig or blank; `timer_pr_uge` hours per week, 0 < h <= 80 (37 is full time),
decimal point or comma. A bad date, an end before the start, a date outside
1980-2100, an unknown tilbud or sektor, hours out of range or not a number, or a
non-integer kommune rejects the row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.ingest.rejects import Rejects
from pipeline.ingest.tabular import ExtractSpec, date_checks, load_extract, sql_list

TILBUD = ("vejledning_opkvalificering", "ordinaer_uddannelse", "virksomhedspraktik", "loentilskud",
          "nytteindsats", "voksenlaerling", "mentor")
SEKTOR = ("privat", "offentlig")

SPEC = ExtractSpec(
    name="activation",
    columns=("pnr", "start", "slut", "tilbud", "sektor", "timer_pr_uge", "kommune"),
    numeric=("timer_pr_uge", "kommune"),
    target_ddl="""CREATE OR REPLACE TABLE activation (pnr VARCHAR, start DATE, slut DATE, tilbud VARCHAR,
                  sektor VARCHAR, timer_pr_uge DOUBLE, kommune INTEGER, src_file VARCHAR, src_row BIGINT)""",
    fields={"start": "almp_date(r_start)", "slut": "almp_date(r_slut)", "tilbud": "lower(r_tilbud)",
            "sektor": "lower(r_sektor)", "timer": "TRY_CAST(r_timer_pr_uge AS DOUBLE)",
            "kommune": "TRY_CAST(r_kommune AS INTEGER)"},
    checks=[("r_pnr IS NULL", "'pnr is missing'"), *date_checks("start", "slut"),
            (f"tilbud IS NULL OR tilbud NOT IN ({sql_list(TILBUD)})",
             "'tilbud: ''' || coalesce(r_tilbud, '') || ''' is not a known offer type'"),
            (f"sektor IS NOT NULL AND sektor NOT IN ({sql_list(SEKTOR)})",
             "'sektor: ''' || r_sektor || ''' is not privat, offentlig or blank'"),
            ("timer IS NULL", "'timer_pr_uge: ''' || coalesce(r_timer_pr_uge, '') || ''' is not a number'"),
            ("NOT (timer > 0 AND timer <= 80)", "'timer_pr_uge ' || timer || ' is outside 0 < h <= 80'"),
            ("r_kommune IS NOT NULL AND kommune IS NULL", "'kommune: ''' || r_kommune || ''' is not a municipality code'")],
    insert="r_pnr, start, slut, tilbud, sektor, timer, kommune, src_file, src_row",
)


def load_activation(con: duckdb.DuckDBPyConnection, data_dir: Path, rejects: Rejects) -> list[dict]:
    return load_extract(con, data_dir, SPEC, rejects, "activation")
