"""Both DREAM layouts, Parquet and CSV, give identical tables."""

import pytest

from tests.conftest import query, run_cli
from tests.dreamfix import write_dream, write_visitation
from tests.population import FIRST, LAST, PERSONS, VISITATION
from tests.sqlrun import run_models

ONLY = ["tabel_3_1", "spells"]  # the layouts differ only in ingestion: Tabel 3.1 and what it rests on

VARIANTS = [
    ("wide", "parquet", {}),
    ("wide", "csv", {}),
    ("yearly", "parquet", {}),
    ("yearly", "csv", {}),
    # Danish export: semicolon, Latin-1, whole numbers written with a decimal comma (130,0)
    ("wide", "csv", {"delimiter": ";", "encoding": "latin-1", "decimal_comma": True}),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("layouts")
    outs = []
    for i, (layout, fmt, kw) in enumerate(VARIANTS):
        data = base / f"data{i}"
        write_dream(data, PERSONS, FIRST, LAST, layout=layout, fmt=fmt, **kw)
        write_visitation(data, VISITATION, fmt=fmt)
        run_models(data, base / f"out{i}", ONLY)
        outs.append(base / f"out{i}")
    return outs


def test_identical_tabel_3_1(outputs):
    first = (outputs[0] / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8")
    for out, variant in zip(outputs[1:], VARIANTS[1:]):
        assert (out / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8") == first, variant


def test_identical_runs_and_spells(outputs):
    sql_runs = "SELECT pnr, code, w_from, w_to FROM dream_runs JOIN persons USING (person_id) ORDER BY ALL"
    sql_spells = "SELECT pnr, family, w_from, w_to, weeks_on_benefit FROM spells JOIN persons USING (person_id) ORDER BY ALL"
    ref_runs, ref_spells = query(outputs[0], sql_runs), query(outputs[0], sql_spells)
    assert len(ref_runs) > 30
    for out, variant in zip(outputs[1:], VARIANTS[1:]):
        assert query(out, sql_runs) == ref_runs, variant
        assert query(out, sql_spells) == ref_spells, variant


def test_yearly_files_join_runs_across_new_year(outputs):
    # P15 is on førtidspension from 2009-W01 to 2014-W30: one run although it spans six yearly files
    yearly = outputs[2]
    assert query(yearly, "SELECT count(*) FROM dream_runs JOIN persons USING (person_id) WHERE pnr = 'P15'") == [(1,)]


def test_synthetic_extract_in_all_layouts(tmp_path):
    """The generator's own output, written four ways, loads to the same warehouse."""
    results = []
    for layout in ("wide", "yearly"):
        for fmt in ("parquet", "csv"):
            data = tmp_path / f"{layout}-{fmt}"
            assert run_cli("generate", "--out", data, "--persons", 1500, "--seed", 5, "--start", "2012-W40",
                           "--end", "2014-W30", "--layout", layout, "--format", fmt) == 0
            out = tmp_path / f"out-{layout}-{fmt}"
            run_models(data, out, ONLY)
            results.append((query(out, "SELECT pnr, code, w_from, w_to FROM dream_runs JOIN persons USING (person_id) "
                                       "ORDER BY ALL"),
                            (out / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8")))
    assert len(results[0][0]) > 1000
    for r in results[1:]:
        assert r == results[0]
