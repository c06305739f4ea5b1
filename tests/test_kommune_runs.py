"""The municipality per year (DREAM's nykomYYYY) lands as runs of years in one municipality
(kommune_runs), with the view person_kommune one row per year; the same in both layouts."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import weeks
from tests.conftest import query
from tests.sqlrun import run_models

YEARS = (2013, 2014, 2015, 2016, 2017)
# A moves 101 -> (no value in 2015) -> 147 -> back to 101; B never moves; C has no municipality
KOMMUNE = {"A": (101, 101, None, 147, 101), "B": (851,) * 5, "C": (None,) * 5}
# by hand: A's runs are 101 in 2013-2014, 147 in 2016, 101 in 2017 (the return is a new run);
# B's one run covers the five years; C has none
RUNS = [("A", 101, 2013, 2014), ("A", 147, 2016, 2016), ("A", 101, 2017, 2017), ("B", 851, 2013, 2017)]
PER_YEAR = [("A", 2013, 101), ("A", 2014, 101), ("A", 2016, 147), ("A", 2017, 101)] + \
           [("B", y, 851) for y in YEARS]


def _base(n: int) -> dict:
    return {"pnr": list(KOMMUNE), "koen": [1] * n, "foedselsaar": [1970] * n, "herkomst": [1] * n}


def _write(folder, layout: str) -> None:
    n = len(KOMMUNE)
    blank = pa.array(np.zeros(n, dtype=np.int16), mask=np.ones(n, dtype=bool))
    if layout == "wide":
        cols = _base(n)
        for i, y in enumerate(YEARS):
            cols[f"nykom{y}"] = pa.array([k[i] for k in KOMMUNE.values()], pa.int32())
        for w in range(weeks.week_index(2013, 1), weeks.week_index(2017, 52) + 1):
            cols[weeks.wide_column(w)] = blank
        folder.mkdir(parents=True)
        pq.write_table(pa.table(cols), folder / "dream.parquet")
        return
    (folder / "dream").mkdir(parents=True)
    for i, y in enumerate(YEARS):  # each year's file has that year's municipality
        cols = _base(n)
        cols[f"nykom{y}"] = pa.array([k[i] for k in KOMMUNE.values()], pa.int32())
        for wk in range(1, 54):
            cols[f"y_{wk:02d}"] = blank
        pq.write_table(pa.table(cols), folder / "dream" / f"dream{y}.parquet")


@pytest.mark.parametrize("layout", ["wide", "yearly"])
def test_municipalities_land_as_runs_of_years(tmp_path, layout):
    _write(tmp_path / "data", layout)
    out = run_models(tmp_path / "data", tmp_path / "out", ["udkant_persons"], reference_week="2016-W20")
    assert query(out, """SELECT p.pnr, k.kommune, k.aar_from, k.aar_to FROM kommune_runs k JOIN persons p
                        USING (person_id) ORDER BY p.pnr, k.aar_from""") == RUNS
    assert query(out, """SELECT p.pnr, k.aar, k.kommune FROM person_kommune k JOIN persons p USING (person_id)
                        ORDER BY p.pnr, k.aar""") == PER_YEAR
    # a model that looks a year up: 2016 is A's one year in 147; C has none
    assert query(out, """SELECT p.pnr, u.kommune FROM udkant_persons u JOIN persons p USING (person_id)
                        WHERE u.gruppe = 'befolkning_16_64' ORDER BY p.pnr""") == [("A", 147), ("B", 851), ("C", None)]
