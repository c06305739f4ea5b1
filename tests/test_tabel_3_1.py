from pathlib import Path

import pytest

from tests.conftest import query, read_table, run_cli
from tests.dreamfix import write_dream, write_visitation
from tests.population import EXPECTED, FIRST, LAST, PERSONS, VISITATION
from tests.sqlrun import run_models


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("t31")
    write_dream(base / "data", PERSONS, FIRST, LAST)
    write_visitation(base / "data", VISITATION)
    return run_models(base / "data", base / "out", ["tabel_3_1", "dq_unknown_codes", "dq_visitation"])


def test_every_row_by_hand(fixture_run):
    table = read_table(fixture_run, "tabel_3_1")
    assert list(table) == list(EXPECTED)  # the rows, in the report's order
    for key, (antal, a1, a5) in EXPECTED.items():
        row = table[key]
        assert (int(row["antal"]), int(row["antal_1aar"]), int(row["antal_5aar"])) == (antal, a1, a5), key


def test_shares_are_unrounded_percentages(fixture_run):
    table = read_table(fixture_run, "tabel_3_1")
    # kth_aktivitetsparat: 1 of 2 -> 50 %; i_alt: 11 / 16 * 100 = 68.75, 5 / 16 * 100 = 31.25
    assert float(table["kth_aktivitetsparat"]["andel_1aar"]) == 50.0
    assert float(table["i_alt"]["andel_1aar"]) == pytest.approx(68.75, abs=1e-12)
    assert float(table["i_alt"]["andel_5aar"]) == pytest.approx(31.25, abs=1e-12)
    # ressourceforløb 0 of 1 -> 0
    assert float(table["ressourceforloeb"]["andel_1aar"]) == 0.0


def test_unknown_codes_are_counted_not_dropped(fixture_run):
    # P18: code 555 in R-2 ... R+1 = 4 weeks, 1 person
    assert query(fixture_run, "SELECT code, weeks, persons FROM dq_unknown_codes") == [(555, 4, 1)]


def test_visitation_quality_counts(fixture_run):
    dq = dict(query(fixture_run, "SELECT measure, value FROM dq_visitation"))
    assert dq["poster"] == 6
    assert dq["poster, hvis pnr ikke findes i DREAM"] == 1  # X99
    assert dq["poster, der ikke dækker nogen mandag (gælder ingen uge)"] == 1  # P17


@pytest.mark.e2e
def test_outputs_of_the_contract(tmp_path, with_figures):
    write_dream(tmp_path / "data", PERSONS, FIRST, LAST)
    write_visitation(tmp_path / "data", VISITATION)
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out") == 0
    fixture_run = tmp_path / "out"
    for rel in ("warehouse.duckdb", "tables/tabel_3_1.csv", "tables/tabel_3_1.parquet", "figures/tabel_3_1.png",
                "figures/tabel_3_1.svg", "report/index.html", "report/tabel_3_1.html", "report/udskrift.html",
                "report/style.css", "report/site.js", "run.json"):
        assert (fixture_run / rel).exists(), rel
    assert not list(fixture_run.glob(".staging-*"))
    header = (fixture_run / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "kategori,label,antal,antal_1aar,andel_1aar,antal_5aar,andel_5aar"


def test_reference_week_is_a_parameter(tmp_path):
    # one week later (2014-W21) P01 ... P20 have mostly left; P15 (førtidspension) and P19 remain;
    # P16 (dagpenge to R+5) has no row. So i_alt = 1 (P15), which was long-term both ways.
    write_dream(tmp_path / "data", PERSONS, FIRST, LAST)
    run_models(tmp_path / "data", tmp_path / "out", ["tabel_3_1"], reference_week="2014-W21")
    t = read_table(tmp_path / "out", "tabel_3_1")
    assert (int(t["i_alt"]["antal"]), int(t["i_alt"]["antal_1aar"]), int(t["i_alt"]["antal_5aar"])) == (1, 1, 1)
    assert int(t["foertidspension"]["antal"]) == 1
