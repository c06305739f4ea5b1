"""The report assets: HTML, figures and run.json; the publication (disclosure-controlled
CSVs and the workbook) from the materialised tables."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.core import dq_sanctions, dq_unknown_codes, dq_visitation, loentimer_weeks
from pipeline.defs.ingest import synthetic_manifest
from pipeline.defs import marts
from pipeline.report.publication import check_publication, write_publication
from pipeline.report.render import code_version, read_meta, render_report, write_meta
from pipeline.settings import AlmpSettings


@dg.asset(group_name="report", deps=[*marts.MARTS, dq_unknown_codes, dq_visitation, dq_sanctions, loentimer_weeks],
          description="report/index.html, figures/ and run.json (published beside reproduced).")
def report(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        write_meta(con, parameters=settings.parameters(), sql_variables=settings.sql_variables(),
                   synthetic=synthetic_manifest(Path(settings.data_dir)), data_dir=str(settings.data_dir),
                   code_version=code_version())
        path = render_report(con, Path(settings.work_dir))
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path))})


@dg.asset(group_name="report", deps=[report],
          description="publication/<table_id>.csv and publication/report.xlsx: every report table after "
                      "disclosure control (STATISTICS.md §7).")
def publication(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        stats = write_publication(con, Path(settings.work_dir), read_meta(con), settings.min_cell)
        write_meta(con, publication=stats)
    return dg.MaterializeResult(metadata={"tables": len(stats),
                                          "suppressed_cells": sum(v["suppressed_cells"] for v in stats.values())})


@dg.asset_check(asset=publication, blocking=True,
                description="No published person count describes fewer than min_cell persons (0 or suppressed).")
def publication_has_no_small_cells(settings: AlmpSettings) -> dg.AssetCheckResult:
    bad = check_publication(Path(settings.work_dir) / "publication", settings.min_cell)
    return dg.AssetCheckResult(passed=not bad, metadata={"small_cells": len(bad), "first": "; ".join(bad[:5]) or "none"})
