"""Bilag 3.8, 3.9 and 3.11 (sql/core/udkant_persons.sql, sql/marts/bilag_3_8.sql, _9, _11): the
benefit groups' number, mean age, sex, origin and region in the reference week (2014-W20), beside
the population aged 16-64, on five hand-made persons. write_dream gives person i koen 1 + i % 2 and
herkomst 1 + i % 5 in the order below."""

from __future__ import annotations

import pytest

from pipeline import weeks
from tests.conftest import query
from tests.sqlrun import run_models
from tests.dreamfix import write_dream

FIRST, LAST = weeks.week_index(2013, 1), weeks.week_index(2014, 52)
PERSONS = {
    "K1": [(130, FIRST, LAST)],  # kth jobparat; man, dansk oprindelse, 1972 (42), København (Hovedstaden)
    "K2": [(130, FIRST, LAST)],  # kth jobparat; woman, indvandrer vestlig, 1980 (34), Odense (Syddanmark)
    "S1": [(890, FIRST, LAST)],  # sygedagpenge; man, efterkommer vestlig, 1964 (50), Aarhus (Midtjylland)
    "B1": [],  # no benefit; woman, 1990 (24): in the population only
    "O1": [],  # no benefit; man, 1948 (66): outside 16-64
}
BIRTH = {"K1": 1972, "K2": 1980, "S1": 1964, "B1": 1990, "O1": 1948}
KOMMUNE = {"K1": 101, "K2": 461, "S1": 751, "B1": 101, "O1": 101}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("bilag_3_8")
    write_dream(base / "data", PERSONS, FIRST, LAST, kommune=KOMMUNE, foedselsaar=BIRTH)
    run_models(base / "data", base / "out", ["bilag_3_8", "bilag_3_9", "bilag_3_11"])
    return base / "out"


@pytest.fixture(scope="module")
def cells(out):
    return {(g, m): (a, v, n) for g, m, a, v, n in query(out, "SELECT gruppe, maal, antal, vaerdi, personer FROM bilag_3_8")}


def test_a_benefit_group(cells):
    assert cells[("kth_jobparat", "antal")][0] == 2
    assert cells[("kth_jobparat", "gns_alder")][1] == pytest.approx((42 + 34) / 2)
    assert cells[("kth_jobparat", "maend")][1] == pytest.approx(50.0)
    assert cells[("kth_jobparat", "dansk_oprindelse")][1] == pytest.approx(50.0)
    assert cells[("kth_jobparat", "indvandrer_vestlig")][1] == pytest.approx(50.0)
    assert cells[("kth_jobparat", "region_hovedstaden")][1] == pytest.approx(50.0)
    assert cells[("kth_jobparat", "region_syddanmark")][1] == pytest.approx(50.0)
    assert cells[("sygedagpenge", "efterkommer_vestlig")][1] == pytest.approx(100.0)
    assert cells[("sygedagpenge", "region_midtjylland")][1] == pytest.approx(100.0)


def test_all_groups_and_the_population(cells):
    assert cells[("alle", "antal")][0] == 3
    assert cells[("alle", "gns_alder")][1] == pytest.approx((42 + 34 + 50) / 3)
    assert cells[("alle", "maend")][1] == pytest.approx(200 / 3)  # K1 and S1 of three
    # 16-64: K1, K2, S1, B1 (O1 is 66): mean age (42 + 34 + 50 + 24) / 4 = 37.5; men K1, S1 = 50 %
    assert cells[("befolkning_16_64", "antal")][0] == 4
    assert cells[("befolkning_16_64", "gns_alder")][1] == pytest.approx(37.5)
    assert cells[("befolkning_16_64", "maend")][1] == pytest.approx(50.0)


def test_every_group_has_its_rows_and_shares_add_up(cells):
    assert cells[("ressourceforloeb", "antal")] == (0, None, 0)  # nobody: 0 persons, no values
    for g in {g for g, _ in cells}:
        sex = [cells[(g, m)][1] for m in ("maend", "kvinder")]
        regions = [cells[(g, f"region_{r}")][1] for r in ("hovedstaden", "sjaelland", "syddanmark", "midtjylland",
                                                          "nordjylland")]
        if cells[(g, "antal")][0]:
            assert sum(sex) == pytest.approx(100.0) and sum(regions) == pytest.approx(100.0)


def test_bilag_3_9_sex_by_origin(out):
    rows = {(g, h): r for g, h, *r in query(out, "SELECT gruppe, herkomst, antal, andel_maend, andel_kvinder "
                                                 "FROM bilag_3_9")}
    assert rows[("kth_jobparat", "dansk_oprindelse")] == [1, 100.0, 0.0]  # K1, a man
    assert rows[("kth_jobparat", "indvandrer_ikke_vestlig")] == [0, None, None]  # K2 is a western immigrant
    # 16-64 of Danish origin: K1 alone (B1 is herkomst 4, a non-western immigrant woman)
    assert rows[("befolkning_16_64", "indvandrer_ikke_vestlig")] == [1, 0.0, 100.0]


def test_bilag_3_11_share_of_the_population_by_municipality(out):
    rows = {k: r for k, *r in query(out, "SELECT kommune, antal_befolkning, antal, andel FROM bilag_3_11")}
    # København: K1 (kth) and B1 (none) aged 16-64; O1 is 66: 1 of 2 = 50 %. Odense: K2, 1 of 1
    assert rows["101"] == [2, 1, 50.0] and rows["461"] == [1, 1, 100.0] and rows["751"] == [1, 1, 100.0]
    assert rows["hele_landet"] == [4, 3, 75.0]  # K1, K2, S1 of K1, K2, S1, B1
