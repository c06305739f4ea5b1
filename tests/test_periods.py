"""Period partitions (pipeline/periods.py): a Dagster run over a range of quarters recomputes those
quarters and their years of the per-period tables, leaves every other period as it was, and gives
the rows (and exported files) a full run gives."""

from __future__ import annotations

import dagster as dg
import pytest

from pipeline import ROOT
from pipeline.defs import all_assets, build_resources, close_warehouse

pytestmark = pytest.mark.e2e  # materialises the whole graph on the committed sample


@pytest.fixture(scope="module")
def materialised(tmp_path_factory):
    work = tmp_path_factory.mktemp("periods")
    assets, checks = all_assets()
    resources = build_resources(ROOT / "data_samples" / "synthetic_300", work)
    instance = dg.DagsterInstance.ephemeral()
    assert dg.materialize([*assets, *checks], resources=resources, instance=instance).success
    yield work, assets, resources, instance
    close_warehouse(work / "warehouse.duckdb")


def _rows(con, table: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM {table}").fetchall()  # in the table's own order


def test_the_delivery_quarters_are_the_partitions_and_the_per_period_tables_are_partitioned(materialised):
    work, assets, resources, instance = materialised
    keys = instance.get_dynamic_partitions("kvartal")
    with resources["duckdb"].get_connection() as con:
        first, last = con.execute("SELECT min(periode), max(periode) FROM periods WHERE periodetype = 'kvartal'") \
            .fetchone()
    assert keys[0] == first and keys[-1] == last and len(keys) == len(set(keys))
    parted = {k.to_user_string() for a in assets if a.partitions_def for k in a.keys}
    assert {"figur_3_1", "bilag_3_15_tabel_1", "bilag_3_15_tabel_8", "e24_figur_3_1", "e24_tabel_3_1",
            "m16_tabel_6_1"} <= parted
    # not by period: the tables of one week or window, the report; the core tables by period are whole
    # in Dagster (read by period in a partition run), docs/OPERATIONS.md
    assert not parted & {"tabel_3_1", "report", "sanction_cells", "sanction_recipients"}


def test_a_range_of_quarters_is_recomputed_as_a_full_run_makes_it_and_nothing_else_is_touched(materialised):
    work, assets, resources, instance = materialised
    parted = [a for a in assets if a.partitions_def]
    tables = [k.path[-1] for a in parted for k in a.keys]
    db = resources["duckdb"]
    with db.get_connection() as con:
        full = {t: _rows(con, t) for t in tables}
        files = {p.name: p.read_bytes() for p in (work / "tables").glob("*.csv")}
        # 2012Q2 ... 2012Q3 and the year 2012 are removed; a quarter outside the range is marked
        con.execute("DELETE FROM figur_3_1 WHERE periode IN ('2012Q2', '2012Q3')")
        con.execute("DELETE FROM bilag_3_15_tabel_1 WHERE periode IN ('2012Q2', '2012Q3')")
        con.execute("DELETE FROM e24_tabel_3_1 WHERE periode = '2012'")
        con.execute("DELETE FROM m16_tabel_6_1 WHERE aar = 2012")
        cells = _rows(con, "sanction_cells")
        con.execute("UPDATE figur_3_1 SET uger = -1 WHERE periode = '2010Q1'")
    result = dg.materialize([*assets], selection=parted, resources=resources, instance=instance,
                            tags={"dagster/asset_partition_range_start": "2012Q2",
                                  "dagster/asset_partition_range_end": "2012Q3"})
    assert result.success
    with db.get_connection() as con:
        assert con.execute("SELECT max(uger) FROM figur_3_1 WHERE periode = '2010Q1'").fetchone()[0] == -1
        back = {t: _rows(con, t) for t in tables}
        assert _rows(con, "sanction_cells") == cells  # a core table by period is read, not rebuilt
    for t in tables:
        if t == "figur_3_1":  # the marked quarter aside, as the full run made it
            assert [r for r in back[t] if r[0] != "2010Q1"] == [r for r in full[t] if r[0] != "2010Q1"]
            assert len(back[t]) == len(full[t])
        else:
            assert back[t] == full[t], t
    for name, data in files.items():  # the re-exported report tables are the same files
        if name.removesuffix(".csv") in tables and name != "figur_3_1.csv":
            assert (work / "tables" / name).read_bytes() == data, name


def test_a_run_without_a_partition_after_a_backfill_makes_every_period(materialised):
    # the nightly job after a backfill in the UI: the same instance, every asset, no partition
    work, assets, resources, instance = materialised
    with resources["duckdb"].get_connection() as con:
        con.execute("DELETE FROM figur_3_1 WHERE periode = '2009Q4'")
        before = con.execute("SELECT count(*) FROM figur_3_1").fetchone()[0]
    assert dg.materialize([*assets], resources=resources, instance=instance).success
    with resources["duckdb"].get_connection() as con:
        after = con.execute("SELECT count(*) FROM figur_3_1").fetchone()[0]
        assert con.execute("SELECT min(uger) FROM figur_3_1").fetchone()[0] >= 0  # the marked quarter is redone
    assert after > before
