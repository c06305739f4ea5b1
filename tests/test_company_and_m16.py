"""Tabel 4.1, Figur 4.3 and seed 004's activation rate and tool mix on a hand-computed fixture.

The quarter is 2014Q2 = 2014-W14 ... W26 (13 weeks whose Thursday is in April-June).
"""

import pytest

from pipeline import weeks
from tests.conftest import read_table, run_on
from tests.sqlrun import run_models
from tests.test_activation_marts import full_week

W = weeks.parse_week
FIRST, LAST = W("2012-W01"), W("2014-W40")

PERSONS = {
    "G1": [(111, W("2013-W40"), W("2014-W26"))],  # dagpenge, anciennity at W26 = 39 weeks
    "G2": [(111, W("2014-W05"), W("2014-W26"))],  # anciennity at W26 = 22 < 26: not long-term
    "G3": [(771, FIRST, LAST)],  # fleksjob all along: fleksjobvisiterede
    "G4": [(130, W("2013-W01"), W("2014-W30"))],  # kth jobparat
    "G5": [(130, W("2013-W01"), W("2014-W30"))],
}
ACTIVATION = [
    full_week("G1", W("2014-W20"), "virksomhedspraktik", "privat"),
    full_week("G1", W("2014-W21"), "loentilskud", "offentlig"),
    full_week("G2", W("2014-W22"), "virksomhedspraktik", "offentlig"),  # G2 is not in the population
    full_week("G4", W("2014-W15"), "nytteindsats", None, 10.0),
    full_week("G4", W("2014-W16"), "mentor", None, 5.0),
    full_week("G5", W("2014-W16"), "mentor", None, 5.0),  # mentor alone is no activation
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return run_on(tmp_path_factory.mktemp("company"), PERSONS, FIRST, LAST, ACTIVATION)


COLS = ("antal", "loentilskud_offentlig", "virksomhedspraktik_offentlig", "loentilskud_privat",
        "virksomhedspraktik_privat", "nyttejob", "fleksjob", "total")


def row(t, key):
    return tuple(float(t[key][c]) for c in COLS)


def test_tabel_4_1(out):
    t = read_table(out, "tabel_4_1")
    # dagpenge: G1 only (G2's spell is 22 weeks old): løntilskud offentlig and praktik privat
    assert row(t, "dagpenge") == (1, 100, 0, 0, 100, 0, 0, 100)
    # kth jobparat: G4 (nytteindsats) and G5 (mentor only, not counted): 1 of 2
    assert row(t, "kth_jobparat") == (2, 0, 0, 0, 0, 50, 0, 50)
    assert row(t, "fleksjobvisiterede") == (1, 0, 0, 0, 0, 0, 100, 100)
    # the total row pools the 4 person-rows: 1/4 = 25 % per offer, 3/4 = 75 % in total
    assert row(t, "i_alt") == (4, 25, 0, 0, 25, 25, 25, 75)
    assert t["sygedagpenge"]["antal"] == "0"


def test_figur_4_3(out):
    t = read_table(out, "figur_4_3")
    k = t["uoplyst"]  # the fixture has no nykomYYYY columns
    # G4 and G5 on kth all 13 weeks of the quarter: 26 person-weeks / 13 = 2 full-time persons
    assert float(k["fuldtidspersoner"]) == 2.0
    # company-based hours: G4's 10 hours of nytteindsats -> 10 / 37 / 13 full-time activated
    assert float(k["fuldtidsaktiverede"]) == pytest.approx(10 / 37 / 13)
    assert float(k["andel_fuldtidsaktiverede"]) == pytest.approx(10 / 37 / 26 * 100)


def test_m16_full_time_person_rate(out):
    t = read_table(out, "m16_aktiveringsgrad")
    kth = t["kontanthjaelp_2014"]
    # two persons on kth 2014-W01 ... W30: 60 weeks of the year's 52 -> 60 / 52 full-time persons;
    # 10 hours of nytteindsats (mentor excluded) -> 10 / 37 / 52 full-time activated
    assert float(kth["fuldtidspersoner"]) == pytest.approx(60 / 52)
    assert float(kth["fuldtidsaktiverede"]) == pytest.approx(10 / 37 / 52)
    assert float(kth["aktiveringsgrad"]) == pytest.approx(10 / 37 / 60 * 100)
    dp = t["dagpenge_mv_2014"]
    # G1 26 weeks + G2 22 weeks = 48 weeks; 3 full weeks of 37 hours -> 3 / 48 * 100
    assert float(dp["aktiveringsgrad"]) == pytest.approx(3 / 48 * 100)
    # the extract ends 2014-W40: 2014 is not a whole year in it, 2013 is
    assert (t["dagpenge_mv_2014"]["helt_aar"], t["dagpenge_mv_2013"]["helt_aar"]) == ("false", "true")


def test_m16_tool_mix(out):
    t = read_table(out, "m16_redskaber")
    # dagpenge mv. 2014: 37 h praktik (G1) + 37 h løntilskud (G1) + 37 h praktik (G2) -> 2/3 and 1/3
    assert float(t["dagpenge_mv_2014_virksomhedspraktik"]["andel_af_aktivering"]) == pytest.approx(200 / 3)
    assert float(t["dagpenge_mv_2014_loentilskud"]["andel_af_aktivering"]) == pytest.approx(100 / 3)
    shares = [float(r["andel_af_aktivering"]) for k, r in t.items() if r["gruppe"] == "i_alt" and r["aar"] == "2014"]
    assert sum(shares) == pytest.approx(100)


def test_tabel_6_1_full_time_persons_per_year(tmp_path):
    """2014 has 52 ISO weeks, 2015 has 53. D1: dagpenge all 2014 (52/52 = 1); A1: arbejdsmarkedsydelse
    2014-W01 ... W26 (26/52 = 0,5), so dagpenge mv. 2014 = 1,5. K1: kontanthjælp 2015-W01 ... W26
    (26/53); E1: efterløn (code 621) all 2015 (53/53 = 1); I1: kontanthjælp under integrationsloven (710)
    2015-W01 ... W13, the integration programme the analysis leaves out: in no group. 2015: midlertidige
    26/53, i alt 1 + 26/53."""
    from tests.conftest import query
    from tests.dreamfix import write_dream

    wi = weeks.week_index
    first, last = wi(2014, 1), wi(2015, 53)
    persons = {"D1": [(111, wi(2014, 1), wi(2014, 52))], "A1": [(152, wi(2014, 1), wi(2014, 26))],
               "K1": [(130, wi(2015, 1), wi(2015, 26))], "E1": [(621, wi(2015, 1), wi(2015, 53))],
               "I1": [(710, wi(2015, 1), wi(2015, 13))]}
    write_dream(tmp_path / "data", persons, first, last)
    run_models(tmp_path / "data", tmp_path / "out", ["m16_tabel_6_1"])
    fte = {(g, a): v for g, a, v in query(tmp_path / "out", "SELECT gruppe, aar, fuldtidspersoner FROM m16_tabel_6_1")}
    assert fte[("dagpenge_mv", 2014)] == pytest.approx(1.5) and fte[("udh", 2014)] == 0
    assert fte[("kth", 2015)] == pytest.approx(26 / 53) and fte[("kth_udh", 2015)] == pytest.approx(26 / 53)
    assert fte[("efterloen", 2015)] == pytest.approx(1.0)
    assert fte[("midlertidige_i_alt", 2015)] == pytest.approx(26 / 53)
    assert fte[("i_alt", 2015)] == pytest.approx(1 + 26 / 53) and fte[("i_alt", 2014)] == pytest.approx(1.5)


def test_one_offer_alone_is_exactly_all_activation(tmp_path):
    """A share computed as x * 100 / x is not always 100 in doubles (745.714285 * 100 / 745.714285 =
    100.00000000000001), and a share over 100 fails the table's bounds. R1 is on ressourceforløb all of
    2014 with one praktik spell, Wednesday 8 January to Monday 30 June at 30 h a week: 30 x 5/7 in its
    first week, 30 in each whole week, 30 x 1/7 in its last, 745.714285 hours in all."""
    persons = {"R1": [(810, W("2013-W01"), W("2014-W40"))]}
    from datetime import date

    act = [("R1", date(2014, 1, 8), date(2014, 6, 30), "virksomhedspraktik", "privat", 30.0)]
    out = run_on(tmp_path, persons, FIRST, LAST, act)
    row_ = read_table(out, "m16_redskaber")["ressourceforloeb_2014_virksomhedspraktik"]
    assert float(row_["andel_af_aktivering"]) == 100.0  # exactly, not approximately
    totals = read_table(out, "m16_aktiveringsgrad")["ressourceforloeb_2014"]
    # 745.714285 hours / 37 / 52 weeks of 2014 (ISO) = 0.38757...
    assert float(totals["fuldtidsaktiverede"]) == pytest.approx(745.714285 / 37 / 52)
