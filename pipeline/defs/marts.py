"""Mart assets: the report tables, each one SQL model in sql/marts/, exported to tables/."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.core import _extract_variables, activation_weeks, category_runs, spells
from pipeline.settings import AlmpSettings
from pipeline.warehouse import export_table, run_sql


@dg.asset(group_name="marts", deps=[category_runs], metadata={"sql": "sql/marts/tabel_3_1.sql"},
          description="Tabel 3.1: stock and long-term public support in the reference week (STATISTICS.md §3).")
def tabel_3_1(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        run_sql(con, "marts/tabel_3_1", _extract_variables(con, settings))
        export_table(con, "tabel_3_1", Path(settings.work_dir) / "tables")
        total = con.execute("SELECT antal, andel_1aar, andel_5aar FROM tabel_3_1 WHERE kategori = 'i_alt'").fetchone()
    return dg.MaterializeResult(metadata={"i_alt": total[0], "andel_1aar": total[1], "andel_5aar": total[2]})


@dg.asset(group_name="marts", deps=[activation_weeks, spells], metadata={"sql": "sql/marts/tabel_3_2.sql"},
          description="Tabel 3.2: hours-based activation among persons with >= 26 weeks' anciennity (STATISTICS.md §4).")
def tabel_3_2(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        run_sql(con, "marts/tabel_3_2", _extract_variables(con, settings))
        export_table(con, "tabel_3_2", Path(settings.work_dir) / "tables")
        source = con.execute("SELECT coalesce(any_value(source), 'none') FROM activation_weeks").fetchone()[0]
    return dg.MaterializeResult(metadata={"activation_source": source})


@dg.asset_check(asset=tabel_3_2, blocking=True,
                description="Shares within 0-100; activation hours never above possible hours.")
def tabel_3_2_bounds(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""SELECT count(*) FROM tabel_3_2 WHERE andel_aktiveret NOT BETWEEN 0 AND 100
                             OR aktiveringsgrad NOT BETWEEN 0 AND 100 OR activation_hours > possible_hours""").fetchone()[0]
    return dg.AssetCheckResult(passed=bad == 0, metadata={"rows_out_of_bounds": bad})


@dg.asset_check(asset=tabel_3_1, blocking=True, description="I alt is the sum of the rows; no share outside 0-100.")
def tabel_3_1_adds_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""
            WITH rows AS (SELECT * FROM tabel_3_1 WHERE kategori NOT LIKE 'i_alt%'),
                 tot AS (SELECT * FROM tabel_3_1 WHERE kategori = 'i_alt')
            SELECT (SELECT sum(antal) FROM rows) <> (SELECT antal FROM tot)
                OR (SELECT sum(antal_1aar) FROM rows) <> (SELECT antal_1aar FROM tot)
                OR (SELECT sum(antal_5aar) FROM rows) <> (SELECT antal_5aar FROM tot)
                OR (SELECT count(*) FROM tabel_3_1 WHERE andel_1aar NOT BETWEEN 0 AND 100
                                                     OR andel_5aar NOT BETWEEN 0 AND 100
                                                     OR antal_1aar > antal OR antal_5aar > antal) > 0
        """).fetchone()[0]
    return dg.AssetCheckResult(passed=not bad)
