"""Tabel 3.2 and activation hours per person-week on a hand-computed fixture.

E = 2014-W31, the period P = E-12 ... E (13 weeks). The extract runs 2013-W01 ... 2014-W40.
"""

from datetime import timedelta

import pytest

from pipeline import weeks
from tests.conftest import query, read_table, run_cli
from tests.sqlrun import run_models
from tests.dreamfix import write_activation, write_dream

E = weeks.parse_week("2014-W31")
P0 = E - 12
FIRST, LAST = weeks.parse_week("2013-W01"), weeks.parse_week("2014-W40")


def mon(w, plus=0):
    return weeks.monday(w) + timedelta(days=plus)


PERSONS = {
    "T1": [(130, E - 40, E)],  # kth jobparat, anciennity at E = 41
    "T2": [(130, E - 40, E)],
    "T3": [(130, E - 24, E)],  # anciennity at E = 25 < 26: outside the population
    "T4": [(130, E - 25, E)],  # anciennity at E = 26: inside (the boundary), never activated
    "T5": [(730, E - 60, E - 6), (130, E - 5, E)],  # two groups in P, one kth_udh spell from E-60
    "T6": [(890, E - 100, E)],  # sygedagpenge
}
ACTIVATION = [
    # T1: Wednesday of P0+2 to Sunday of P0+3: 5 of 7 days, then a full week, at 20 h: 20*5/7 + 20 = 240/7
    ("T1", mon(P0 + 2, 2), mon(P0 + 3, 6), "vejledning_opkvalificering", None, 20.0),
    # T2: week P0+5, 30 h praktik + 25 h løntilskud = 55 -> capped at 37; a mentor beside it does not count
    ("T2", mon(P0 + 5), mon(P0 + 5, 6), "virksomhedspraktik", "privat", 30.0),
    ("T2", mon(P0 + 5), mon(P0 + 5, 6), "loentilskud", "offentlig", 25.0),
    ("T2", mon(P0 + 5), mon(P0 + 5, 6), "mentor", None, 10.0),
    # T3: activated the whole period, but not in the population
    ("T3", mon(P0), mon(E, 6), "virksomhedspraktik", "offentlig", 37.0),
    # T5: voksenlærling all period (excluded), and a full week of vejledning at 37 h in week E (kth_jobparat)
    ("T5", mon(P0), mon(E, 6), "voksenlaerling", None, 37.0),
    ("T5", mon(E), mon(E, 6), "vejledning_opkvalificering", None, 37.0),
    # T6: from Monday of E-1, no end: 10 h in E-1 and 10 h in E within P
    ("T6", mon(E - 1), None, "ordinaer_uddannelse", None, 10.0),
]


@pytest.fixture(scope="module", params=[",", ";"], ids=["comma", "semicolon-decimal-comma"])
def out(request, tmp_path_factory):
    base = tmp_path_factory.mktemp("act")
    write_dream(base / "data", PERSONS, FIRST, LAST)
    write_activation(base / "data", ACTIVATION, delimiter=request.param, decimal_comma=request.param == ";")
    run_models(base / "data", base / "out", ["tabel_3_2"])
    return base / "out"


def test_hours_per_person_week(out):
    rows = dict(((p, w), h) for p, w, h in query(out, """SELECT pnr, week, hours FROM activation_weeks
                                                        JOIN persons USING (person_id)"""))
    assert rows[("T1", P0 + 2)] == pytest.approx(20 * 5 / 7)  # partial week: Wednesday to Sunday
    assert rows[("T1", P0 + 3)] == pytest.approx(20)
    assert rows[("T2", P0 + 5)] == 37  # 30 + 25 = 55, capped at 37; mentor excluded
    assert rows[("T5", E)] == 37 and rows[("T5", E - 1)] == 0  # voksenlærling alone: 0 hours
    assert rows[("T6", E - 1)] == 10 and rows[("T6", E)] == 10
    assert rows[("T6", LAST)] == 10  # an open spell runs to the extract's last week
    uncapped = query(out, "SELECT hours_uncapped FROM activation_weeks JOIN persons USING (person_id) "
                          "WHERE pnr = 'T2' AND week = ?", [P0 + 5])
    assert uncapped == [(55.0,)]


def test_tabel_3_2_by_hand(out):
    t = read_table(out, "tabel_3_2")
    job = t["kth_jobparat"]
    # population T1, T2, T4 (26 weeks: in), T5 (kth_jobparat weeks E-5 ... E); not T3 (25 weeks)
    assert int(job["antal"]) == 4
    # weeks: 13 + 13 + 13 + 6 = 45 -> possible hours 37 * 45 = 1665
    assert float(job["possible_hours"]) == 1665
    # hours: T1 240/7, T2 37, T4 0, T5 37
    hours = 240 / 7 + 37 + 37
    assert float(job["activation_hours"]) == pytest.approx(hours)
    assert float(job["andel_aktiveret"]) == 75.0  # 3 of 4
    assert float(job["andel_ikke_aktiveret"]) == 25.0
    grad = hours / 1665 * 100  # 6.5036...
    assert float(job["aktiveringsgrad"]) == pytest.approx(grad)
    assert float(job["aktiveringsgrad_beroerte"]) == pytest.approx(grad / 75 * 100)

    akt = t["kth_aktivitetsparat"]
    # T5 in weeks E-12 ... E-6 = 7 weeks, anciennity at E-6 = 55; only voksenlærling -> not activated
    assert (int(akt["antal"]), float(akt["possible_hours"]), float(akt["andel_aktiveret"])) == (1, 259, 0.0)
    assert akt["aktiveringsgrad_beroerte"] == ""  # blank when nobody was activated

    sdp = t["sygedagpenge"]
    assert (int(sdp["antal"]), float(sdp["possible_hours"]), float(sdp["activation_hours"])) == (1, 481, 20)
    assert float(sdp["aktiveringsgrad"]) == pytest.approx(20 / 481 * 100)
    assert int(t["dagpenge"]["antal"]) == 0


def test_activation_hours_never_exceed_possible_hours(out):
    assert query(out, "SELECT count(*) FROM tabel_3_2 WHERE activation_hours > possible_hours "
                      "OR andel_aktiveret NOT BETWEEN 0 AND 100 OR aktiveringsgrad NOT BETWEEN 0 AND 100") == [(0,)]
    assert query(out, "SELECT max(hours) FROM activation_weeks") == [(37.0,)]


def test_dream_codes_stand_in_when_there_is_no_activation_extract(tmp_path):
    # kth 130 E-40 ... E with code 133 (vejledning) in weeks E-2 ... E-1: full-time activation from DREAM
    persons = {"D1": [(130, E - 40, E - 3), (133, E - 2, E - 1), (130, E, E)]}
    write_dream(tmp_path / "data", persons, FIRST, LAST)
    run_models(tmp_path / "data", tmp_path / "out", ["tabel_3_2"])
    assert query(tmp_path / "out", "SELECT week, hours, source FROM activation_weeks ORDER BY week") == [
        (E - 2, 37.0, "dream"), (E - 1, 37.0, "dream")]
    job = read_table(tmp_path / "out", "tabel_3_2")["kth_jobparat"]
    # 13 weeks, 2 of them at 37 hours: grad = 74 / 481 * 100
    assert float(job["aktiveringsgrad"]) == pytest.approx(74 / 481 * 100)


def test_bad_activation_rows(tmp_path, capsys):
    write_dream(tmp_path / "data", {"T1": PERSONS["T1"]}, FIRST, LAST)
    (tmp_path / "data" / "activation.csv").write_text(
        "pnr,start,slut,tilbud,sektor,timer_pr_uge,kommune\n"
        "T1,2014-06-02,2014-06-08,vejledning_opkvalificering,,20,101\n"
        "T1,2014-06-02,2014-06-08,golf,,20,101\n"
        "T1,2014-06-02,2014-06-08,loentilskud,kommunal,20,101\n"
        "T1,2014-06-02,2014-06-08,loentilskud,privat,90,101\n"
        "T1,2014-06-02,2014-06-08,loentilskud,privat,abc,101\n"
        "T1,2014-06-09,2014-06-08,loentilskud,privat,20,101\n", encoding="utf-8")
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert "activation.csv, line 3: tilbud: 'golf' is not a known offer type" in err
    import csv

    with open(tmp_path / "out" / "rejected" / "activation.csv", encoding="utf-8") as f:
        reasons = {r["row"]: r["reason"] for r in csv.DictReader(f)}
    assert reasons == {"3": "tilbud: 'golf' is not a known offer type",
                       "4": "sektor: 'kommunal' is not privat, offentlig or blank",
                       "5": "timer_pr_uge 90.0 is outside 0 < h <= 80",
                       "6": "timer_pr_uge: 'abc' is not a number",
                       "7": "slut 2014-06-08 is before start 2014-06-09"}


def test_the_period_is_a_parameter(tmp_path):
    # a 1-week period ending in E: T6's 10 hours in E of 37 possible; T1 had no activation in E
    write_dream(tmp_path / "data", {k: PERSONS[k] for k in ("T1", "T6")}, FIRST, LAST)
    write_activation(tmp_path / "data", [a for a in ACTIVATION if a[0] in ("T1", "T6")])
    run_models(tmp_path / "data", tmp_path / "out", ["tabel_3_2"], activation_period_weeks=1)
    t = read_table(tmp_path / "out", "tabel_3_2")
    assert (float(t["sygedagpenge"]["possible_hours"]), float(t["sygedagpenge"]["activation_hours"])) == (37, 10)
    assert float(t["kth_jobparat"]["andel_aktiveret"]) == 0.0
