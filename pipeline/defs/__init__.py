"""Dagster assets, one module per layer: ingest -> SQL models (core, marts, quality; discovered
from sql/ and a researcher's own folder) -> disclosure, report and publication."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.settings import AlmpSettings


def all_assets(extra: tuple[str, ...] = ()) -> tuple[list, list]:
    """Every asset and check; `extra` are a researcher's own model folders."""
    from pipeline.defs import ingest, publish
    from pipeline.defs.models import model_assets

    sql_assets, sql_checks = model_assets(extra)
    report_assets, report_checks = publish.report_assets(extra)
    return [*dg.load_assets_from_modules([ingest]), *sql_assets, *report_assets], [*sql_checks, *report_checks]


DEFAULT_MEMORY_LIMIT = "10GB"  # DuckDB spills to disk beyond this: the full population fits a 24 GB machine


def build_resources(data_dir: Path, work_dir: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT, **params) -> dict:
    return {
        "settings": AlmpSettings(data_dir=str(data_dir), work_dir=str(work_dir), **params),
        "duckdb": DuckDBResource(database=str(Path(work_dir) / "warehouse.duckdb"),
                                 connection_config={"memory_limit": memory_limit}),
    }
