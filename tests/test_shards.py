"""Person shards (pipeline/shards.py): a run whose person-level models are computed in shards
gives the same tables as one that computes them once, exactly: every exported table byte for
byte and every warehouse table row for row, with the same column types."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
from datetime import date
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline import ROOT, weeks
from pipeline.defs.shards import ASSET
from pipeline.models import ModelError, discover, parse_sql
from pipeline.shards import check_declared, sharded_models
from tests.conftest import run_cli
from tests.dreamfix import write_activation, write_dream, write_sanctions
from tests.sqlrun import run_models

SAMPLE = ROOT / "data_samples" / "synthetic_300"
NOT_COMPARED = {"run_meta"}  # the run's own timings and start time


def differing_tables(a: Path, b: Path, ignore: tuple = ()) -> list:
    """The warehouse tables of a that b lacks, or holds with other columns, types or rows."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY); ATTACH '{b}' AS b (READ_ONLY)")
    names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a' "
                                       "ORDER BY 1").fetchall()]
    out = []
    for t in names:
        if t in NOT_COMPARED or t in ignore:
            continue
        cols = [con.execute(f"SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = '{d}' "
                            f"AND table_name = '{t}' ORDER BY column_index").fetchall() for d in ("a", "b")]
        if cols[0] != cols[1]:
            out.append((t, "columns", cols))
            continue
        n = con.execute(f"SELECT (SELECT count(*) FROM (FROM a.{t} EXCEPT ALL FROM b.{t})) + "
                        f"(SELECT count(*) FROM (FROM b.{t} EXCEPT ALL FROM a.{t}))").fetchone()[0]
        if n:
            out.append((t, n, "rows differ"))
    con.close()
    return out


def differing_files(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.glob("*.csv"))
    assert names == sorted(p.name for p in b.glob("*.csv"))
    return [n for n in names if not filecmp.cmp(a / n, b / n, shallow=False)]


@pytest.mark.e2e
def test_almp_run_in_shards_equals_a_run_without(tmp_path):
    # every extract the generator writes (DREAM, visitation, activation, sanctions, paid hours,
    # Jobindsats), yearly DREAM files: persons numbered by pnr at ingestion, before the split
    data = tmp_path / "data"
    assert run_cli("generate", "--out", data, "--persons", 2000, "--seed", 5, "--start", "2010-W01",
                   "--end", "2015-W52", "--layout", "yearly") == 0
    one = run_models(data, tmp_path / "one")  # the models once, straight (tests/sqlrun.py): the reference
    assert run_cli("run", "--data", data, "--out", tmp_path / "three", "--quiet", "--shards", 3) == 0
    assert differing_files(one / "tables", tmp_path / "three" / "tables") == []
    # (tests/sqlrun.py loads the Jobindsats files without listing them in ingest_files)
    assert differing_tables(one / "warehouse.duckdb", tmp_path / "three" / "warehouse.duckdb", ("ingest_files",)) == []
    assert not (tmp_path / "three" / "shards").exists()  # the shards' files became the warehouse's tables
    meta = json.loads((tmp_path / "three" / "run.json").read_text(encoding="utf-8"))
    assert meta["shards"] == 3
    page = (tmp_path / "three" / "report" / "proveniens.html").read_text(encoding="utf-8")
    assert "beregnet i 3 delmængder af personerne (personshards)" in page


def test_empty_shards_and_persons_outside_dream(tmp_path):
    # two persons in DREAM and eight shards: at least six shards have nobody, and their
    # (empty) tables still combine; activation and sanctions of a pnr DREAM does not know
    # follow that pnr's own shard and are left out or counted as unsharded
    first, last = weeks.parse_week("2014-W01"), weeks.parse_week("2014-W30")
    data = tmp_path / "data"
    write_dream(data, {"0101801111": [(130, first, first + 29)], "0202802222": [(852, first, first + 9)]},
                first, last)
    write_activation(data, [("0101801111", date(2014, 2, 3), date(2014, 3, 30), "virksomhedspraktik", "privat", 20.0),
                            ("0909809999", date(2014, 2, 3), None, "loentilskud", "offentlig", 37.0)])
    write_sanctions(data, [("0101801111", "2014-03-05", "kth", "punktsanktion", 101),
                           ("0909809999", "2014-03-06", "kth", "punktsanktion", 101)])
    one = run_models(data, tmp_path / "one")
    eight = run_models(data, tmp_path / "eight", shards=8)
    assert differing_tables(one / "warehouse.duckdb", eight / "warehouse.duckdb") == []
    assert differing_files(one / "tables", eight / "tables") == []


def test_a_shard_without_activation_rows_still_uses_the_activation_extract(tmp_path):
    # an activation extract decides for everyone where activation comes from: from it, not from DREAM's
    # activation codes. 0303803333 (shard 1 of 8) has a DREAM løntilskud code (135) and no activation
    # rows; 0101801111 (shard 7) has the extract's only row. Its shard alone must still see an extract.
    first, last = weeks.parse_week("2014-W01"), weeks.parse_week("2014-W30")
    data = tmp_path / "data"
    write_dream(data, {"0101801111": [(130, first, first + 29)], "0303803333": [(135, first, first + 9)]},
                first, last)
    write_activation(data, [("0101801111", date(2014, 2, 3), date(2014, 3, 30), "virksomhedspraktik", "privat", 20.0)])
    con = duckdb.connect()
    assert con.execute("SELECT hash('0101801111') % 8, hash('0303803333') % 8").fetchone() == (7, 1)
    one = run_models(data, tmp_path / "one")
    eight = run_models(data, tmp_path / "eight", shards=8)
    assert differing_tables(one / "warehouse.duckdb", eight / "warehouse.duckdb") == []
    with duckdb.connect(str(eight / "warehouse.duckdb"), read_only=True) as w:
        # the extract's 8 weeks (2014-W06 ... W13) for 0101801111, and nothing for the other
        assert w.execute("SELECT DISTINCT p.pnr, a.source FROM activation_offer_runs a JOIN persons p USING (person_id)"
                         ).fetchall() == [("0101801111", "extract")]


def test_the_sharded_models_are_the_person_level_ones():
    names = {m.name for m in sharded_models()}
    # the heavy person-level steps are sharded ...
    assert {"category_runs", "spells", "activation_offer_runs", "activation_runs", "sanction_recipients"} <= names
    # ... and the ones that number or sum across persons are not: they run on the combined tables
    assert not names & {"sanction_events", "sanction_cells", "reference_paths", "jobpraemie_maalgruppe",
                        "m16_activation", "loentimer_weeks"}
    assert all(m.layer == "core" for m in sharded_models())


def test_a_model_declared_per_person_that_reads_a_sum_over_persons_is_refused(tmp_path):
    (tmp_path / "min_model.sql").write_text("CREATE OR REPLACE TABLE min_model AS SELECT * FROM sanction_cells;\n",
                                            encoding="utf-8")
    (tmp_path / "min_model.yml").write_text("shard: person\n", encoding="utf-8")
    mine = parse_sql(tmp_path / "min_model.sql", "core")
    with pytest.raises(ModelError, match=r"min_model\.yml: declared shard: person, but reads sanction_cells"):
        check_declared([mine], (*discover(), mine))


def test_a_report_table_is_not_computed_in_shards(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "min_tabel.sql").write_text("CREATE OR REPLACE TABLE min_tabel AS SELECT person_id FROM spells;\n",
                                       encoding="utf-8")
    (own / "min_tabel.yml").write_text("title: Min tabel\nshard: person\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"min_tabel\.yml: declared shard: person, but only the core models"):
        sharded_models((str(own),))


@pytest.mark.e2e
def test_dagster_runs_the_shards_as_steps_of_their_own_in_processes_of_their_own(tmp_path):
    # the local equivalent of a cluster: the definitions with ALMP_SHARDS, Dagster's multiprocess
    # executor (a process per step), the job of the person shards and what they read
    env = {**os.environ, "ALMP_DATA": str(SAMPLE), "ALMP_OUT": str(tmp_path / "out"), "ALMP_SHARDS": "2",
           "ALMP_EXECUTOR": "dagster:multiprocess_executor",  # a cluster names its own, e.g. dagster_k8s:k8s_job_executor
           "DAGSTER_HOME": str(tmp_path / "home")}
    (tmp_path / "home").mkdir()
    done = subprocess.run([sys.executable, "-m", "dagster", "job", "execute", "-m", "pipeline.definitions",
                           "-j", "almp_personer"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    # the run's events as the instance stored them (the processes' log lines interleave on stdout)
    instance = dg.DagsterInstance.from_config(str(tmp_path / "home"))
    run = instance.get_runs(limit=1)[0]
    assert run.status == dg.DagsterRunStatus.SUCCESS
    pids = {e.step_key: e.dagster_event.pid
            for e in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)}
    shard_steps = [f"{ASSET}.personshard[shard_0]", f"{ASSET}.personshard[shard_1]"]
    assert {f"{ASSET}.del_personer", *shard_steps, f"{ASSET}.saml_personer", "dream"} <= set(pids)
    assert len({pids[s] for s in shard_steps}) == 2  # a process each
    reference = run_models(SAMPLE, tmp_path / "reference", [t for m in sharded_models() for t in m.tables])
    assert differing_tables(tmp_path / "out" / "warehouse.duckdb", reference / "warehouse.duckdb") == []
