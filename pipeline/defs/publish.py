"""The report asset: HTML, figures and run.json from the materialised tables."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.core import dq_unknown_codes, dq_visitation
from pipeline.defs.ingest import synthetic_manifest
from pipeline.defs import marts
from pipeline.report.render import code_version, render_report, write_meta
from pipeline.settings import AlmpSettings


@dg.asset(group_name="report", deps=[*marts.MARTS, dq_unknown_codes, dq_visitation],
          description="report/index.html, figures/ and run.json (published beside reproduced).")
def report(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        write_meta(con, parameters=settings.parameters(), sql_variables=settings.sql_variables(),
                   synthetic=synthetic_manifest(Path(settings.data_dir)), data_dir=str(settings.data_dir),
                   code_version=code_version())
        path = render_report(con, Path(settings.work_dir))
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path))})
