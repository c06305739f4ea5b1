from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb
import pytest

from pipeline import SQL_DIR, tune_gc
from pipeline.cli import main

# Figures take most of a small run's time; the tests that check them switch them back on.
os.environ.setdefault("ALMP_FIGURES", "0")
os.environ.setdefault("ALMP_PDF", "0")  # printing the report to PDF takes a browser and seconds
tune_gc()  # as a run sets it: the suite's many in-process runs and Dagster definitions


@pytest.fixture(scope="module")
def with_figures():
    os.environ["ALMP_FIGURES"] = "1"
    yield
    os.environ["ALMP_FIGURES"] = "0"


def run_cli(*args) -> int:
    return main([str(a) for a in args])


def read_table(out: Path, table_id: str) -> dict[str, dict]:
    with open(out / "tables" / f"{table_id}.csv", encoding="utf-8") as f:
        return {r["kategori"]: r for r in csv.DictReader(f)}


def query(out: Path, sql: str, params=None, macros: bool = False) -> list[tuple]:
    """macros: with the models' macros (sql/macros.sql: exact_sum, week_of, ...) defined first."""
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        if macros:
            con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def cli():
    return run_cli


def run_on(base: Path, persons: dict, first: int, last: int, activation: list | None = None) -> Path:
    """Write a hand-made DREAM (and activation) extract under base/data, run every SQL model on it
    into base/out (tests/sqlrun.py: no Dagster, no report), and return base/out."""
    from tests.dreamfix import write_activation, write_dream
    from tests.sqlrun import run_models

    write_dream(base / "data", persons, first, last)
    if activation is not None:
        write_activation(base / "data", activation)
    return run_models(base / "data", base / "out")
