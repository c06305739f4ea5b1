"""Anciennity curves, exits and flows (STATISTICS.md §2, §6) on hand-computed fixtures.

Extract 2011-W01 ... 2014-W52; cohort year 2012; reference week 2014-W20.
"""

import duckdb
import numpy as np
import pytest

from pipeline import weeks
from pipeline.warehouse import run_sql
from tests.conftest import query, run_cli
from tests.sqlrun import run_models
from tests.dreamfix import write_dream

W = weeks.parse_week
FIRST, LAST = W("2011-W01"), W("2014-W52")
S = W("2012-W10")
R = W("2014-W20")
PERSONS = {
    # Figur 3.3 cohort (kth_udh spells starting in 2012)
    "P1": [(130, S, S + 100)],  # on kth at k = 0, 1, 52
    "P2": [(130, S, S)],  # one week, then self-support
    "P3": [(130, S, S + 1), (890, S + 2, S + 60)],  # kth, then sygedagpenge from k = 2
    "P4": [(130, S, S + 30), (130, S + 51, S + 55)],  # a new kth spell (2013) covers k = 52
    "P5": [(130, S + 2, S + 10)],  # starts two weeks later; blank at its k = 52
    # Kaplan-Meier: six dagpenge spells starting in 2012
    "D1": [(111, W("2012-W20"), W("2012-W22"))],  # T = 3, ends; blank after: selvforsoergelse
    "D2": [(111, W("2012-W20"), W("2012-W22")), (890, W("2012-W23"), W("2012-W27"))],  # T = 3, to sygedagpenge
    "D3": [(111, W("2012-W20"), W("2012-W24")), (999, W("2012-W25"), W("2014-W52"))],  # T = 5, dies: censored
    "D4": [(111, W("2012-W20"), W("2012-W24"))],  # T = 5, ends
    "D5": [(111, W("2012-W20"), W("2012-W27"))],  # T = 8, ends
    "D6": [(111, W("2012-W50"), W("2014-W52"))],  # runs to the extract's end: censored at T = 107
    # Bilag 3.3 / 3.5: on kth in the reference week, spells starting 2014-W01 (anciennity 20)
    "Q1": [(111, W("2013-W41"), W("2013-W46")), (890, W("2013-W47"), W("2013-W52")), (130, W("2014-W01"), W("2014-W40"))],
    "Q2": [(111, W("2013-W41"), W("2013-W47")), (130, W("2014-W01"), R), (771, R + 1, W("2014-W40"))],
    "Q3": [(130, W("2014-W01"), R)],
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    write_dream(data, PERSONS, FIRST, LAST)
    o = tmp_path_factory.mktemp("out")
    return run_models(data, o)


def test_state_shares_after_the_start(out):
    rows = {r[0]: r[1:] for r in query(out, "SELECT uge, antal, samme_ydelse, anden_offentlig, selvforsoergelse "
                                            "FROM figur_3_3 WHERE familie = 'kth_udh' AND uge IN (0, 1, 52)")}
    # k = 0: all five on kth
    assert rows[0] == (5, 100.0, 0.0, 0.0)
    # k = 1: P1, P3, P4, P5 on kth (4 / 5 = 80 %); P2 self-supporting (20 %)
    assert rows[1] == (5, pytest.approx(80.0), 0.0, pytest.approx(20.0))
    # k = 52: P1 and P4 (a later kth spell) on kth = 40 %; P3 on sygedagpenge = 20 %; P2, P5 = 40 %
    assert rows[52] == (5, pytest.approx(40.0), pytest.approx(20.0), pytest.approx(40.0))


def test_kaplan_meier_with_ties_and_censoring_by_hand(out):
    km = {r[0]: r[1:] for r in query(out, "SELECT uge, n_risiko, n_afgang, n_censur, overlevelse FROM anciennitet_km "
                                          "WHERE familie = 'dagpenge'")}
    assert km[0] == (6, 0, 0, 1.0)
    assert km[3] == (6, 2, 0, pytest.approx(1 - 2 / 6))  # D1, D2 end at 3 (a tie)
    # at 5: D3, D4, D5, D6 at risk; D4 ends, D3 is censored (code 999 after it): 2/3 * (1 - 1/4) = 1/2
    assert km[5] == (4, 1, 1, pytest.approx(0.5))
    assert km[8] == (2, 1, 0, pytest.approx(0.25))  # D5 ends: 1/2 * (1 - 1/2)
    assert km[107] == (1, 0, 1, pytest.approx(0.25))  # D6 censored at the extract's end
    assert km[200] == (0, 0, 0, pytest.approx(0.25))  # nobody at risk: carried forward
    cif = {(r[0], r[1]): r[2] for r in query(out, "SELECT destination, uge, kumuleret_incidens FROM anciennitet_cif "
                                                  "WHERE familie = 'dagpenge' AND uge IN (3, 5, 8)")}
    # D2 went to sygedagpenge (anden_offentlig): S(2) * 1/6; D1 self-support: 1/6
    assert cif[("anden_offentlig", 3)] == pytest.approx(1 / 6)
    assert cif[("selvforsoergelse", 3)] == pytest.approx(1 / 6)
    # + S(4) * 1/4 = 2/3 * 1/4 at 5, + S(7) * 1/2 = 1/2 * 1/2 at 8: 1/6 + 1/6 + 1/4 = 7/12
    assert cif[("selvforsoergelse", 5)] == pytest.approx(1 / 3)
    assert cif[("selvforsoergelse", 8)] == pytest.approx(7 / 12)
    assert cif[("selvforsoergelse", 8)] + cif[("anden_offentlig", 8)] == pytest.approx(1 - km[8][3])


def test_prior_support_tie_and_exits(out):
    prior = {r[0]: r[1:] for r in query(out, "SELECT kilde, antal, andel FROM bilag_3_3 WHERE anciennitet = 'under_1'")}
    # Q1's 12 weeks before 2014-W01: 6 dagpenge then 6 sygedagpenge, a tie: the latest week (sygedagpenge) wins
    assert prior["sygedagpenge"] == (1, pytest.approx(100 / 3))
    assert prior["dagpenge"] == (1, pytest.approx(100 / 3))  # Q2: 7 dagpenge weeks against 5 blank
    assert prior["selvforsoergelse"] == (1, pytest.approx(100 / 3))  # Q3: 12 blank weeks
    assert prior["offentlig"] == (2, pytest.approx(200 / 3)) and prior["ikke_offentlig"] == (1, pytest.approx(100 / 3))
    exits = {r[0]: r[1:] for r in query(out, "SELECT tilstand, antal, andel, andel_blandt_afgange FROM bilag_3_5 "
                                             "WHERE anciennitet = 'under_1'")}
    # weeks 21-32: Q1 still on kth, Q2 on fleksjob, Q3 self-supporting; leavers Q2, Q3
    assert exits["samme_ydelse"] == (1, pytest.approx(100 / 3), None)
    assert exits["anden_offentlig"] == (1, pytest.approx(100 / 3), pytest.approx(50.0))
    assert exits["selvforsoergelse"] == (1, pytest.approx(100 / 3), pytest.approx(50.0))


def test_full_time_persons_in_a_quarter_of_14_weeks(tmp_path):
    q0, q1 = weeks.quarter_weeks("2015Q4")
    assert q1 - q0 + 1 == 14  # 2015 has 53 ISO weeks; W53's Thursday is 31 December
    data = tmp_path / "data"
    write_dream(data, {"F1": [(130, q0, q1)], "F2": [(130, q0, q0 + 6)]}, W("2015-W01"), W("2015-W53"))
    run_models(data, tmp_path / "out", ["figur_3_1"])
    rows = dict(query(tmp_path / "out", "SELECT kategori, fuldtidspersoner FROM figur_3_1 WHERE periode = '2015Q4'"))
    assert rows["kth"] == pytest.approx((14 + 7) / 14)  # 1.5 full-time persons


def _km_sql(t: np.ndarray, event: np.ndarray, km_weeks: int) -> dict:
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_spells AS SELECT 'x' AS family, unnest(?) AS t_uger, unnest(?) AS afgang",
                [t.tolist(), event.tolist()])
    run_sql(con, "marts/anciennitet_km", {"km_weeks": km_weeks})
    return dict(con.execute("SELECT uge, overlevelse FROM anciennitet_km").fetchall())


@pytest.mark.parametrize("seed", range(5))
def test_kaplan_meier_matches_lifelines(seed):
    from lifelines import KaplanMeierFitter

    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 400))
    t = rng.integers(1, 60, n)  # many ties
    event = rng.random(n) < 0.7
    ours = _km_sql(t, event, 80)
    kmf = KaplanMeierFitter().fit(t, event_observed=event)
    for k in range(81):
        assert ours[k] == pytest.approx(float(kmf.predict(k)), abs=1e-9)


def test_a_months_hours_spread_over_the_iso_weeks_of_a_53_week_year(tmp_path):
    """December 2015 (31 days): Monday 30 November - Sunday 6 December is 2015-W49, and
    2015 has a week 53 (28 December - 3 January 2016). 310 hours = 10 an hour a day."""
    data = tmp_path / "data"
    first, last = W("2015-W01"), W("2016-W10")
    write_dream(data, {"H1": [(130, first, last)]}, first, last)
    (data / "loentimer.csv").write_text("pnr;maaned;timer;type\nH1;2015-12;310;ordinaer\nH1;2016-01;31,0;stoettet\n"
                                        "ZZ;2015-12;5;ordinaer\n", encoding="utf-8")
    out = tmp_path / "out"
    run_models(data, out, ["loentimer_weeks", "dq_loentimer"])
    hours = dict(query(out, "SELECT week, timer_ordinaer FROM loentimer_weeks WHERE timer_ordinaer > 0"))
    # W49 holds 1-6 December (6 days), W50-W52 seven each, W53 holds 28-31 December (4 days)
    assert hours == {W("2015-W49"): pytest.approx(60), W("2015-W50"): pytest.approx(70),
                     W("2015-W51"): pytest.approx(70), W("2015-W52"): pytest.approx(70),
                     W("2015-W53"): pytest.approx(40)}
    # January 2016: 1-3 January are in 2015-W53 (3 of 31 days of 31 hours = 3 hours)
    supported = dict(query(out, "SELECT week, timer_stoettet FROM loentimer_weeks WHERE timer_stoettet > 0"))
    assert supported[W("2015-W53")] == pytest.approx(3.0) and sum(supported.values()) == pytest.approx(31.0)
    dq = dict(query(out, "SELECT measure, value FROM dq_loentimer"))
    assert dq["poster, hvis pnr ikke findes i DREAM"] == 1


def test_bad_loentimer_rows_are_rejected(tmp_path):
    data = tmp_path / "data"
    write_dream(data, {"H1": [(130, W("2015-W01"), W("2015-W10"))]}, W("2015-W01"), W("2015-W10"))
    (data / "loentimer.csv").write_text("pnr,maaned,timer,type\nH1,2015-13,10,ordinaer\nH1,2015-02,800,ordinaer\n"
                                        "H1,2015-02,ti,ordinaer\nH1,2015-02,10,fleks\nH1,2015-02,10,ordinaer\n"
                                        # months in another layout than YYYY-MM, though a date parser might take them
                                        "H1,2015-2,10,ordinaer\nH1,02015-2,10,ordinaer\nH1,2015-02-01,10,ordinaer\n"
                                        "H1,2015/02,10,ordinaer\nH1,20a5-02,10,ordinaer\n",
                                        encoding="utf-8")
    assert run_cli("run", "--data", data, "--out", tmp_path / "out") == 3
    rejected = (tmp_path / "out" / "rejected" / "loentimer.csv").read_text(encoding="utf-8")
    for reason in ("maaned: '2015-13' is not YYYY-MM", "timer 800.0 is outside 0-744", "timer: 'ti' is not a number",
                   "type: 'fleks' is not ordinaer or stoettet", "maaned: '2015-2' is not YYYY-MM",
                   "maaned: '02015-2' is not YYYY-MM", "maaned: '2015-02-01' is not YYYY-MM",
                   "maaned: '2015/02' is not YYYY-MM", "maaned: '20a5-02' is not YYYY-MM"):
        assert reason in rejected


def test_focus_target_with_paid_hours(tmp_path):
    # three on kontanthjælp since 2012 (anciennity at 2014-W20 >= 52 weeks); hours in the last 12 months:
    # A1 120 ordinary (worked), A2 50 ordinary (not enough), A3 none
    data = tmp_path / "data"
    persons = {p: [(130, W("2012-W01"), W("2014-W40"))] for p in ("A1", "A2", "A3")}
    write_dream(data, persons, W("2011-W01"), W("2014-W52"))
    (data / "loentimer.csv").write_text("pnr,maaned,timer,type\nA1,2014-02,120,ordinaer\nA2,2014-03,50,ordinaer\n"
                                        "A3,2014-03,200,stoettet\n", encoding="utf-8")
    out = tmp_path / "out"
    run_models(data, out, ["e24_fokusmaal"])
    rows = {r[0]: r[1:] for r in query(out, "SELECT maal, antal, andel, mangler FROM e24_fokusmaal")}
    assert rows["uden_tilbud"][:2] == (3, 100.0)  # no activation at all
    # neither an offer nor 100 ordinary hours: A2 and A3 (supported hours are not work here) = 2 of 3
    assert rows["uden_tilbud_og_100_timer"] == (3, pytest.approx(200 / 3), None)
    assert rows["faerre_end_4_samtaler"][1] is None and "samtaler" in rows["faerre_end_4_samtaler"][2]


def test_outcome_target_work_from_paid_hours(tmp_path):
    """Three kontanthjælp spells start 2012-W05 (Monday 30 January). 13 weeks on is 2012-W18
    (Monday 30 April - Sunday 6 May), 26 weeks on 2012-W31 (30 July - 5 August). R1 and R2 leave
    after 2012-W10 (self-support); R1 has 310 ordinary hours in May, of which 6/31 fall in W18,
    none in W31; R3 stays on kontanthjælp to 2012-W40. At 13 weeks: self-support 2 of 3, work 1
    of 3 (R1); at 26 weeks: self-support 2 of 3, work 0."""
    data = tmp_path / "data"
    persons = {"R1": [(130, W("2012-W05"), W("2012-W10"))], "R2": [(130, W("2012-W05"), W("2012-W10"))],
               "R3": [(130, W("2012-W05"), W("2012-W40"))]}
    write_dream(data, persons, W("2011-W01"), W("2013-W52"))
    (data / "loentimer.csv").write_text("pnr,maaned,timer,type\nR1,2012-05,310,ordinaer\n", encoding="utf-8")
    out = tmp_path / "out"
    run_models(data, out, ["e24_resultatmaal"])
    rows = {r[0]: r[1:] for r in query(out, """SELECT uger_efter_start, antal, andel_selvforsoergelse, andel_arbejde,
                                               bemaerkning FROM e24_resultatmaal WHERE familie = 'kth_udh'""")}
    assert rows[13] == (3, pytest.approx(200 / 3), pytest.approx(100 / 3), None)
    assert rows[26] == (3, pytest.approx(200 / 3), 0.0, None)
