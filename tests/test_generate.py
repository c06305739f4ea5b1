import hashlib
import json

import numpy as np
import pyarrow.parquet as pq

from pipeline import weeks
from pipeline.synth.model import Chain, fit_components, tail
from tests.conftest import run_cli


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.parquet"))}


def test_deterministic_for_a_seed(tmp_path):
    args = ["--persons", 1200, "--start", "2013-W01", "--end", "2014-W26"]
    assert run_cli("generate", "--out", tmp_path / "a", "--seed", 3, *args) == 0
    assert run_cli("generate", "--out", tmp_path / "b", "--seed", 3, *args) == 0
    assert run_cli("generate", "--out", tmp_path / "c", "--seed", 4, *args) == 0
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_worker_processes_write_the_same_files(tmp_path, monkeypatch):
    """Chunks made in two worker processes are written in their order: every file (DREAM, the other
    extracts, the portal's exports summed over chunks, synthetic.json) is the same byte for byte."""
    from pipeline.synth import generate

    monkeypatch.setattr(generate, "CHUNK", 300)  # 900 persons = 3 chunks, so the workers share them
    args = ["--persons", 900, "--start", "2013-W01", "--end", "2014-W52", "--seed", 5]
    assert run_cli("generate", "--out", tmp_path / "one", "--workers", 1, *args) == 0
    assert run_cli("generate", "--out", tmp_path / "two", "--workers", 2, *args) == 0

    def every_file(folder):
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    one = every_file(tmp_path / "one")
    assert len(one) >= 6 and any(k.startswith("jobindsats/") for k in one)
    assert one == every_file(tmp_path / "two")


def test_layout_of_the_wide_extract(tmp_path):
    assert run_cli("generate", "--out", tmp_path, "--persons", 500, "--start", "2015-W50", "--end", "2016-W02") == 0
    schema = pq.read_schema(tmp_path / "dream.parquet")
    # 2015 has 53 weeks: 2015-W50 ... W53 and 2016-W01 ... W02 = 6 week columns
    assert [c for c in schema.names if c.startswith("y_")] == ["y_1550", "y_1551", "y_1552", "y_1553", "y_1601", "y_1602"]
    assert schema.names[:4] == ["pnr", "koen", "foedselsaar", "herkomst"]
    assert {"nykom2015", "nykom2016"} <= set(schema.names)
    manifest = json.loads((tmp_path / "synthetic.json").read_text())
    assert manifest["synthetic"] is True and manifest["counts"]["persons"] == 500
    assert pq.read_metadata(tmp_path / "visitation.parquet").num_rows > 0


def test_writes_in_row_groups_of_bounded_size(tmp_path):
    # 120,000 persons are written as chunks of 50,000: never one matrix of everybody
    assert run_cli("generate", "--out", tmp_path, "--persons", 120_000, "--start", "2014-W01", "--end", "2014-W04") == 0
    meta = pq.read_metadata(tmp_path / "dream.parquet")
    assert meta.num_rows == 120_000
    assert max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) <= 50_000


def test_elapsed_time_tail_by_hand():
    # geometric stay with mean 10: P(A >= a) = 0.9 ** a
    assert tail(5, 0, 10.0) == 0.9 ** 5
    # minimum stay 20 + geometric mean 10 (mean stay 30): inside the minimum,
    # P(A >= 5) = (20 - 5 + 10) / 30 = 25/30; beyond it, P(A >= 25) = 10 * 0.9**5 / 30
    assert abs(tail(5, 20, 10.0) - 25 / 30) < 1e-12
    assert abs(tail(25, 20, 10.0) - 10 * 0.9 ** 5 / 30) < 1e-12


def test_component_fit_reproduces_the_published_pair():
    # Tabel 3.1, kontanthjælp aktivitetsparate: 67.800 / 75.400 and 47.600 / 75.400
    p1, p5 = 67_800 / 75_400, 47_600 / 75_400
    ms, d0, ml, v = fit_components(p1, p5, 20)
    got1 = (1 - v) * tail(42, 0, ms) + v * tail(42, d0, ml)
    got5 = (1 - v) * tail(208, 0, ms) + v * tail(208, d0, ml)
    assert abs(got1 - p1) < 0.005 and abs(got5 - p5) < 0.005


def test_stationary_distribution_matches_the_stocks():
    chain = Chain.build()
    pi = chain.stationary
    assert abs(pi.sum() - 1) < 1e-12 and (pi >= 0).all()
    # sygedagpenge's two components hold 82,100 / 3,562,700 of the population
    assert abs(pi[1] + pi[2] - 82_100 / 3_562_700) < 1e-12
    cdf = chain.destination_cdf
    assert np.allclose(cdf[:, -1], 1) and (np.diff(cdf, axis=1) >= -1e-15).all()
    assert weeks.weeks_in_year(2015) == 53


def test_every_generated_code_is_in_the_code_list():
    import csv

    from pipeline import REFERENCE
    from pipeline.synth.model import STATES

    with open(REFERENCE / "dream_codes.csv", encoding="utf-8") as f:
        known = {int(r["code"]) for r in csv.DictReader(f)}
    used = {s.code for s in STATES} | {c for s in STATES for c in s.activation}
    assert used - known == set()


def test_a_later_end_repeats_the_earlier_delivery(tmp_path):
    """`--end 2014-W13` is the delivery after `--end 2013-W52` (one quarter more): every week, person
    and municipality-year of the first is in the second unchanged; so are the visitation and
    activation records closed by then, the sanctions of its quarters and its months of paid hours
    (for the persons the first delivery has: the second adds persons first supported later)."""
    import duckdb

    common = ["--persons", 1500, "--seed", 8, "--start", "2009-W01"]
    assert run_cli("generate", "--out", tmp_path / "d1", "--end", "2013-W52", *common) == 0
    assert run_cli("generate", "--out", tmp_path / "d2", "--end", "2014-W13", *common) == 0
    a, b = tmp_path / "d1", tmp_path / "d2"
    con = duckdb.connect()

    def missing(sql_a: str, sql_b: str) -> tuple[int, int]:
        """(rows of A not in B, rows of A)."""
        return con.execute(f"SELECT (SELECT count(*) FROM ({sql_a} EXCEPT ALL {sql_b})), "
                           f"(SELECT count(*) FROM ({sql_a}))").fetchone()

    names = pq.read_schema(a / "dream.parquet").names
    assert set(names) < set(pq.read_schema(b / "dream.parquet").names) and names[-1] == "y_1352"
    cols = ", ".join(f'"{c}"' for c in names)
    assert missing(f"SELECT {cols} FROM '{a}/dream.parquet'", f"SELECT {cols} FROM '{b}/dream.parquet'") == (0, 1500)
    n, total = missing(f"SELECT * FROM '{a}/visitation.parquet' WHERE til_dato IS NOT NULL", f"FROM '{b}/visitation.parquet'")
    assert n == 0 and total > 50  # enough closed records to compare (1,500 persons: about 100)
    n, total = missing(f"SELECT * FROM '{a}/activation.parquet' WHERE slut IS NOT NULL", f"FROM '{b}/activation.parquet'")
    assert n == 0 and total > 1000
    n, total = missing(f"FROM '{a}/sanctions.parquet'", f"FROM '{b}/sanctions.parquet'")
    assert n == 0 and total > 100
    n, total = missing(f"FROM '{b}/sanctions.parquet' WHERE dato < DATE '2013-12-30'", f"FROM '{a}/sanctions.parquet'")
    assert n == 0  # and nothing new in the old quarters
    n, total = missing(f"FROM '{a}/loentimer.parquet'", f"FROM '{b}/loentimer.parquet'")
    assert n == 0 and total > 10_000


def test_the_synthetic_jobindsats_exports_are_the_register_rounded_as_the_portal_does(tmp_path):
    """The generator's Jobindsats files (pipeline/synth/jobindsats.py) count the simulated weeks with numpy;
    the register (sql/core/jobindsats_afstemning.sql) counts the same persons from the DREAM extract with
    SQL. Two implementations of one definition: they must agree up to the portal's treatment, i.e. counts
    within 5 of the register (rounded to tens), shares within 0.05 points (one decimal), and a cell the
    portal suppressed (fewer than 5 persons) has fewer than 5 persons in the register too."""
    import duckdb

    from tests.sqlrun import run_models

    data = tmp_path / "data"
    assert run_cli("generate", "--out", data, "--persons", 4000, "--seed", 3, "--start", "2008-W01",
                   "--end", "2010-W52") == 0
    files = sorted(p.name for p in (data / "jobindsats").iterdir())
    assert files == ["Y01A02_a-dagpenge_maaned.csv", "Y30R21_benchmark.json", "sanktioner_kontanthjaelp.json"]
    assert (data / "jobindsats" / files[0]).read_bytes().startswith("\ufeffOmråde;Periode;Køn;".encode())
    out = run_models(data, tmp_path / "out", ["jobindsats_afstemning"])
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    formats = con.execute("SELECT format, tabel_id FROM jobindsats_files ORDER BY tabel_id").fetchall()
    assert formats == [("csv", "Y01A02"), ("api_v2_json", "Y30R21"), ("api_v3_json", "sanktioner_kontanthjaelp")]
    # the last complete year is 2010: 12 months, 4 quarters and the year; the benchmark's 2009 and 2010
    periods = dict(con.execute("SELECT tabel_id, list(DISTINCT periode ORDER BY periode) FROM jobindsats "
                               "GROUP BY ALL").fetchall())
    assert periods["Y01A02"] == [f"2010M{m:02d}" for m in range(1, 13)]
    assert periods["Y30R21"] == ["2009QMAT04", "2010QMAT04"]
    assert periods["sanktioner_kontanthjaelp"] == ["2010Q01", "2010Q02", "2010Q03", "2010Q04", "2010Y01"]
    worst = dict(con.execute("SELECT maal, max(abs(forskel)) FROM jobindsats_afstemning GROUP BY maal").fetchall())
    assert worst["personer"] <= 5 and worst["fuldtidspersoner"] <= 5 + 1e-9
    assert worst["andel_sanktionerede"] <= 0.05 + 1e-9
    compared = con.execute("SELECT maal, count(*) FROM jobindsats_afstemning WHERE forskel IS NOT NULL "
                           "GROUP BY maal").fetchall()
    assert all(n >= 20 for _, n in compared) and len(compared) == 3
    assert con.execute("SELECT count(*) FROM jobindsats_afstemning WHERE maal = 'personer' AND undertrykt "
                       "AND register >= 5").fetchone() == (0,)
    # Hele landet is counted and rounded on its own: it is in every table, never suppressed here
    assert con.execute("SELECT count(DISTINCT tabel_id), bool_or(undertrykt) FROM jobindsats_afstemning "
                       "WHERE niveau = 'hele_landet'").fetchone() == (3, False)
