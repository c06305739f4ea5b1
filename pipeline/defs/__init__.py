"""Dagster assets, one module per layer: ingest -> core -> marts -> report."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.settings import AlmpSettings


def all_assets() -> tuple[list, list]:
    from pipeline.defs import core, ingest, marts, publish

    return dg.load_assets_from_modules([ingest, core, marts, publish]), [marts.tabel_3_1_adds_up, marts.tabel_3_2_bounds,
        marts.bilag_3_15_tabel_8_adds_up, marts.sanction_cells_add_up,
        marts.curves_add_up, marts.jobpraemie_adds_up,
        publish.publication_has_no_small_cells]


DEFAULT_MEMORY_LIMIT = "10GB"  # DuckDB spills to disk beyond this: the full population fits a 24 GB machine


def build_resources(data_dir: Path, work_dir: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT, **params) -> dict:
    return {
        "settings": AlmpSettings(data_dir=str(data_dir), work_dir=str(work_dir), **params),
        "duckdb": DuckDBResource(database=str(Path(work_dir) / "warehouse.duckdb"),
                                 connection_config={"memory_limit": memory_limit}),
    }
