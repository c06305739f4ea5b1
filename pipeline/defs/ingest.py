"""Ingestion assets: extracts -> validated warehouse tables (rejected rows kept)."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
from dagster_duckdb import DuckDBResource

from pipeline import weeks
from pipeline.defs.tags import WAREHOUSE
from pipeline.ingest.activation import load_activation
from pipeline.ingest.codes import load_code_list
from pipeline.ingest.dream import load_dream
from pipeline.ingest.jobindsats import load_jobindsats
from pipeline.ingest.loentimer import load_loentimer
from pipeline.ingest.rejects import Rejects
from pipeline.ingest.sanctions import load_sanctions
from pipeline.ingest.visitation import load_visitation
from pipeline.settings import AlmpSettings
from pipeline.warehouse import row_count

INGEST_FILES_DDL = """CREATE TABLE IF NOT EXISTS ingest_files (extract VARCHAR, file VARCHAR, format VARCHAR,
    rows_in BIGINT, accepted BIGINT, rejected BIGINT, ignored_columns VARCHAR, bytes BIGINT, sha256 VARCHAR)"""
INGEST_REJECTS_DDL = """CREATE TABLE IF NOT EXISTS ingest_rejects (extract VARCHAR, file VARCHAR, "row" BIGINT,
    row_word VARCHAR, pnr VARCHAR, reason VARCHAR, raw VARCHAR)"""


def record_ingest(con: duckdb.DuckDBPyConnection, settings: AlmpSettings, extract: str,
                  stats: list[dict], rejects: Rejects) -> None:
    """Store file stats and rejected rows (warehouse + rejected/<extract>.csv), then
    stop the run with exit code 3 if more rows were rejected than allowed."""
    con.execute(INGEST_FILES_DDL)
    con.execute(INGEST_REJECTS_DDL)
    con.execute("DELETE FROM ingest_files WHERE extract = ?", [extract])
    con.execute("DELETE FROM ingest_rejects WHERE extract = ?", [extract])
    if stats:
        con.register("new_stats", pa.Table.from_pylist(stats))
        con.execute("INSERT INTO ingest_files SELECT extract, file, format, rows_in, accepted, rejected, "
                    "ignored_columns, bytes, sha256 FROM new_stats")
        con.unregister("new_stats")
    if rejects.count():
        con.register("new_rejects", pa.table(rejects.as_columns()))
        con.execute('INSERT INTO ingest_rejects SELECT extract, file, "row", row_word, pnr, reason, raw FROM new_rejects')
        con.unregister("new_rejects")
    folder = Path(settings.work_dir) / "rejected"
    rejects.write_csv(folder)
    if rejects.count() > settings.max_rejected:
        raise rejects.error(folder / f"{extract}.csv")


def ingest_dream(con: duckdb.DuckDBPyConnection, settings: AlmpSettings) -> dict:
    """DREAM into persons, kommune_runs (person_kommune by year), dream_runs and dream_extract (the asset's body; the
    fast tests call it without Dagster)."""
    rejects = Rejects()
    load = load_dream(con, Path(settings.data_dir), Path(settings.work_dir) / "tmp" / "dream", rejects)
    con.execute("CREATE OR REPLACE TABLE dream_extract AS SELECT ? AS layout, ? AS first_week, ? AS last_week, "
                "? AS first_label, ? AS last_label",
                [load.layout, load.first_week, load.last_week, weeks.label(load.first_week),
                 weeks.label(load.last_week)])
    record_ingest(con, settings, "dream", load.files, rejects)
    return {"layout": load.layout, "weeks": f"{weeks.label(load.first_week)} … {weeks.label(load.last_week)}",
            "persons": row_count(con, "persons"), "runs": row_count(con, "dream_runs"),
            "rows_rejected": rejects.count()}


@dg.asset(group_name="ingest", op_tags=WAREHOUSE, description="DREAM register -> persons, kommune_runs (the view "
          "person_kommune by year), dream_runs (runs of one code), dream_extract; rejected rows in ingest_rejects.")
def dream(settings: AlmpSettings, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        return dg.MaterializeResult(metadata=ingest_dream(con, settings))


OPTIONAL = {}  # extract name -> its loader


def ingest_extract(con: duckdb.DuckDBPyConnection, settings: AlmpSettings, name: str) -> tuple[int, int, bool]:
    """An optional row-per-record extract: load it, record files and rejects; (rows, rejected, present)."""
    rejects = Rejects()
    stats = OPTIONAL[name](con, Path(settings.data_dir), rejects)
    record_ingest(con, settings, name, stats, rejects)
    return row_count(con, name), rejects.count(), bool(stats)


def _optional_extract(name: str, load, measure: str, description: str):
    """An asset for an optional row-per-record extract."""
    OPTIONAL[name] = load

    @dg.asset(name=name, group_name="ingest", deps=[dream], description=description, op_tags=WAREHOUSE)
    def _asset(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            n, rejected, present = ingest_extract(con, settings, name)
        return dg.MaterializeResult(metadata={"present": present, measure: n, "rows_rejected": rejected})

    return _asset


visitation = _optional_extract("visitation", load_visitation, "records",
                               "Visitation records (optional extract) as week intervals covering Mondays; "
                               "rejected rows in ingest_rejects.")
activation = _optional_extract("activation", load_activation, "spells",
                               "Activation spells (optional extract): offer, sector, hours per week; "
                               "rejected rows in ingest_rejects.")

sanctions = _optional_extract("sanctions", load_sanctions, "records",
                              "Sanction records (optional extract): date, ydelse, type, municipality; "
                              "rejected rows in ingest_rejects.")

loentimer = _optional_extract("loentimer", load_loentimer, "records",
                              "Paid hours per person and month (optional extract), ordinary or supported; "
                              "rejected rows in ingest_rejects.")


@dg.asset(group_name="ingest", op_tags=WAREHOUSE,
          description="Jobindsats tables (optional jobindsats/ folder) as delivered: CSV, API v2 and v3 JSON, "
                      "NDJSON, Excel -> jobindsats (one row per cell: measure, period, area, dimensions, value or "
                      "suppressed) and jobindsats_files.")
def jobindsats(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        stats = load_jobindsats(con, Path(settings.data_dir))
        per_file: dict = {}
        for st in stats:  # one file may hold several tables (a client's v3 results)
            f = per_file.setdefault(st["kilde_fil"], {"extract": "jobindsats", "file": st["kilde_fil"],
                                                      "format": st["format"], "rows_in": 0, "accepted": 0,
                                                      "rejected": 0, "ignored_columns": "",
                                                      "bytes": (Path(settings.data_dir) / st["kilde_fil"]).stat().st_size,
                                                      "sha256": st["sha256"]})
            f["rows_in"] += st["raekker"]
            f["accepted"] += st["raekker"]
        record_ingest(con, settings, "jobindsats", list(per_file.values()), Rejects())
    return dg.MaterializeResult(metadata={"files": len(per_file), "tables": len({s["tabel_id"] for s in stats}),
                                          "cells": sum(s["celler"] for s in stats),
                                          "suppressed": sum(s["undertrykte"] for s in stats)})


@dg.asset(group_name="ingest", op_tags=WAREHOUSE, description="DREAM code list and benefit categories from assets/reference/, "
          "with validity as week intervals (codes_validity).")
def code_list(settings: AlmpSettings, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        n_codes, n_categories = load_code_list(con, settings.sql_variables())
    return dg.MaterializeResult(metadata={"codes": n_codes, "categories": n_categories})


def synthetic_manifest(data_dir: Path) -> dict | None:
    p = Path(data_dir) / "synthetic.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
