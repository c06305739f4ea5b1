"""Dagster assets, one module per layer: ingest -> SQL models (core, marts, quality; discovered
from sql/ and a researcher's own folder) -> disclosure, report and publication."""

from __future__ import annotations

import atexit
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipeline.settings import AlmpSettings

_OPEN: dict[str, duckdb.DuckDBPyConnection] = {}  # database path -> its one open connection in this process


class Warehouse(DuckDBResource):
    """The warehouse, opened once per process: each step gets a cursor of the open database.
    Opening and closing the file for every one of the ~130 steps (the resource's default) costs a
    catalogue read and a checkpoint each: about a tenth of a second a step, most of a small run.
    `close_warehouse` closes it (before the file is moved or removed); a process that ends closes it too."""

    @contextmanager
    def get_connection(self):
        con = _OPEN.get(self.database)
        if con is None:
            con = _connect(self.database, {"custom_user_agent": "almp", **self.connection_config})
            _OPEN[self.database] = con
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()


def _connect(path: str, config: dict, wait_seconds: float = 120.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; under a multiprocess executor the step before may still be a process
    that holds the file's lock for a moment after it finished: wait for it, then say who holds it."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(path, config=config)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def close_warehouse(database: Path | str | None = None) -> None:
    """Close the open warehouse at `database` (every one when None)."""
    for path in [str(database)] if database is not None else list(_OPEN):
        con = _OPEN.pop(path, None)
        if con is not None:
            con.close()


atexit.register(close_warehouse)


def all_assets(extra: tuple[str, ...] = (), shards: int = 1) -> tuple[list, list]:
    """Every asset and check; `extra` are a researcher's own model folders; `shards` > 1 computes
    the person-level models in that many person shards (pipeline/shards.py)."""
    from pipeline.defs import ingest, publish
    from pipeline.defs.models import model_assets

    sql_assets, sql_checks = model_assets(extra, shards)
    report_assets, report_checks = publish.report_assets(extra)
    return [*dg.load_assets_from_modules([ingest]), *sql_assets, *report_assets], [*sql_checks, *report_checks]


DEFAULT_MEMORY_LIMIT = "10GB"  # DuckDB spills to disk beyond this: the full population fits a 24 GB machine


def build_resources(data_dir: Path, work_dir: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT, **params) -> dict:
    return {
        "settings": AlmpSettings(data_dir=str(data_dir), work_dir=str(work_dir), **params),
        "duckdb": Warehouse(database=str(Path(work_dir) / "warehouse.duckdb"),
                                 connection_config={"memory_limit": memory_limit}),
    }
