"""Mart assets: the report's tables, each one SQL model in sql/marts/, exported to tables/."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.core import (
    _extract_variables,
    activation_offer_weeks,
    activation_weeks,
    category_runs,
    company_offers_quarter,
    m16_activation,
    spells,
)
from pipeline.settings import AlmpSettings
from pipeline.warehouse import export_table, row_count, run_sql


def _mart(name: str, deps, description: str):
    sql = f"sql/marts/{name}.sql"

    @dg.asset(name=name, group_name="marts", deps=deps, description=description, metadata={"sql": sql})
    def _asset(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            run_sql(con, f"marts/{name}", _extract_variables(con, settings))
            export_table(con, name, Path(settings.work_dir) / "tables")
            n = row_count(con, name)
        return dg.MaterializeResult(metadata={"rows": n, "sql": sql})

    return _asset


tabel_3_1 = _mart("tabel_3_1", [category_runs],
                  "Tabel 3.1: stock and long-term public support in the reference week (STATISTICS.md §3).")
tabel_3_2 = _mart("tabel_3_2", [activation_weeks, spells],
                  "Tabel 3.2: hours-based activation among persons with >= 26 weeks' anciennity (STATISTICS.md §4).")
figur_3_5 = _mart("figur_3_5", [activation_weeks, spells],
                  "Figur 3.5: share with an active offer in the last 12 weeks by anciennity band (Bilag 3.14).")
figur_3_8 = _mart("figur_3_8", [figur_3_5],
                  "Figur 3.8: share with a company-based offer in the last 12 weeks by anciennity band.")
figur_3_6 = _mart("figur_3_6", [activation_weeks, spells],
                  "Figur 3.6: time since the last active offer by kontanthjælp anciennity band.")
bilag_3_13 = _mart("bilag_3_13", [activation_weeks, spells],
                   "Bilag 3.13: first offer within the first three months of spells starting January-June 2014.")

tabel_4_1 = _mart("tabel_4_1", [company_offers_quarter],
                  "Tabel 4.1: long-term recipients in company-based offers by type and sector, in the quarter.")
figur_4_1 = _mart("figur_4_1", [company_offers_quarter],
                  "Figur 4.1: long-term recipients in company-based offers by benefit and herkomst.")
figur_4_2 = _mart("figur_4_2", [company_offers_quarter],
                  "Figur 4.2: long-term recipients in company-based offers by municipality, dagpenge vs others.")
figur_4_3 = _mart("figur_4_3", [activation_offer_weeks, category_runs],
                  "Figur 4.3: full-time persons in company-based activation per full-time person, by municipality.")
m16_aktiveringsgrad = _mart("m16_aktiveringsgrad", [m16_activation],
                            "Seed 004: full-time persons activated / full-time persons on the benefit, per group and year.")
m16_redskaber = _mart("m16_redskaber", [m16_activation],
                      "Seed 004: tool mix and tool-specific activation rates per group and year.")

MARTS = [tabel_3_1, tabel_3_2, figur_3_5, figur_3_8, figur_3_6, bilag_3_13, tabel_4_1, figur_4_1, figur_4_2,
         figur_4_3, m16_aktiveringsgrad, m16_redskaber]


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
