"""The job premium's target group, the municipal result measure and the premium (seeds
000/002; sql/core/jobpraemie_maalgruppe.sql, sql/marts/loentimer_kommune.sql, jobpraemie.sql)
on a hand-made extract 2009-W01 ... 2019-W52 whose answers are worked out below.

Year ends (the last ISO week of the year): 2012-W52, 2013-W52, 2014-W52, 2015-W53, 2016-W52,
... The window of 2012 is the 156 weeks 2010-W01 ... 2012-W52 (2010, 2011, 2012 have 52 weeks);
125 = ceil(0.8 x 156) weeks qualify. Codes: 130 kontanthjælp, 890 sygedagpenge, 111 dagpenge,
771 fleksjob.
"""

from __future__ import annotations

import pytest

from pipeline import weeks
from tests.conftest import query
from tests.sqlrun import run_models
from tests.dreamfix import write_dream


def W(y: int, w: int) -> int:
    return weeks.week_index(y, w)


def YE(y: int) -> int:
    return W(y, weeks.weeks_in_year(y))


FIRST, LAST = W(2009, 1), W(2019, 52)
PERSONS = {
    # 125 weeks of kontanthjælp up to the 2012 year end: qualifies at 2012 (age 2012 - 1970 = 42)
    "A125": [(130, YE(2012) - 124, YE(2012))],
    # 124 weeks: never qualifies, never in the table
    "A124": [(130, YE(2012) - 123, YE(2012))],
    # born 1982: 30 at the 2012 year end (not over 30) with 156 weeks; 31 at 2013 with 156 weeks
    "AGE30": [(130, W(2010, 1), YE(2013))],
    # on kontanthjælp throughout: enters 2012, term 2012-2016, renewed at 2017 (still qualifying)
    "RENEW": [(130, FIRST, LAST)],
    # qualifies 2012, leaves; term 2012-2016; not qualifying at 2017, 2018; back on kth from 2017:
    # at 2019 the window 2017-W01 ... 2019-W52 holds 156 weeks: a new term ('igen')
    "GAP": [(130, W(2010, 1), YE(2012)), (130, W(2017, 1), LAST)],
    # qualifies 2012; in fleksjob from 2013-W40: at the 2013 and 2014 year ends not counted
    "FLEX": [(130, W(2010, 1), YE(2012)), (771, W(2013, 40), LAST)],
    # 156 weeks of dagpenge: dagpenge do not count
    "DP": [(111, W(2010, 1), YE(2012))],
    # 100 weeks sygedagpenge + 25 weeks kontanthjælp = 125: qualifies at 2012
    "SYG": [(890, YE(2012) - 124, YE(2012) - 25), (130, YE(2012) - 24, YE(2012))],
    # kontanthjælp under integrationsloven to 2013-W20, then kontanthjælp to W30: 30 weeks, never in the group
    "MIX": [(710, W(2013, 1), W(2013, 20)), (130, W(2013, 21), W(2013, 30))],
}
BIRTH = {"A125": 1970, "A124": 1970, "AGE30": 1982, "RENEW": 1960, "GAP": 1965, "FLEX": 1975, "DP": 1970,
         "SYG": 1972, "MIX": 1980}
KOMMUNE = {"A125": 101, "RENEW": 101, "GAP": 147, "FLEX": 147, "SYG": 461, "AGE30": 461, "A124": 101, "DP": 101,
           "MIX": 101}
# Hours in 2013 (the group at the end of 2012 in København 101: A125 and RENEW): 400 + 100 ordinary
# hours, 50 supported. DP's rows in 2012-01 and 2019-12 make the extract cover 2012-2019.
LOENTIMER = ("pnr,maaned,timer,type\nA125,2013-03,150,ordinaer\nA125,2013-10,250,ordinaer\n"
             "RENEW,2013-05,100,ordinaer\nRENEW,2013-06,50,stoettet\nDP,2012-01,160,ordinaer\n"
             "DP,2019-12,160,ordinaer\n")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("jobpraemie")
    write_dream(base / "data", PERSONS, FIRST, LAST, kommune=KOMMUNE, foedselsaar=BIRTH)
    (base / "data" / "loentimer.csv").write_text(LOENTIMER, encoding="utf-8")
    run_models(base / "data", base / "out", ["jobpraemie_scenarier", "jobpraemie_figur_1", "jobpraemie_figur_2",
                                             "jobpraemie_figur_3", "loentimer_andel_ydelse"],
               loentimer_kvartal="2013Q2")
    return base / "out"


def group(out, pnr: str) -> dict:
    rows = query(out, """SELECT m.aar, m.kvalificeret, m.medlem, m.indgang, m.kommune, m.uger_midlertidig
                         FROM jobpraemie_maalgruppe m JOIN persons p USING (person_id) WHERE p.pnr = ?
                         ORDER BY m.aar""", [pnr])
    return {r[0]: r[1:] for r in rows}


def test_125_of_156_weeks_qualifies_and_124_does_not(out):
    a = group(out, "A125")
    assert a[2012] == (True, True, "ny", 101, 125)
    # after 2012 no more benefit: 2013's window (2011-W01 ... 2013-W52) holds 104 of the weeks; the term runs on
    assert [a[y][:3] for y in range(2013, 2017)] == [(False, True, "fortsat")] * 4
    assert 2017 not in a  # term over (2012-2016), not qualifying: out
    assert group(out, "A124") == {}


def test_age_exactly_30_is_not_over_30(out):
    a = group(out, "AGE30")
    assert 2012 not in a  # 156 weeks, but 2012 - 1982 = 30
    assert a[2013][:3] == (True, True, "ny")  # 31


def test_five_year_term_renewal_and_reentry(out):
    r = group(out, "RENEW")
    assert [r[y][2] for y in range(2012, 2020)] == ["ny", "fortsat", "fortsat", "fortsat", "fortsat",
                                                     "fornyet", "fortsat", "fortsat"]
    g = group(out, "GAP")
    assert [y for y in g if g[y][1]] == [2012, 2013, 2014, 2015, 2016, 2019]
    assert g[2019][2] == "igen" and 2017 not in g and 2018 not in g


def test_fleksjob_at_the_year_end_and_dagpenge_exclude(out):
    f = group(out, "FLEX")
    assert f[2012][:2] == (True, True)
    assert f[2013][1:3] == (False, "fortsat") and f[2014][1] is False  # in the term, but in fleksjob at year end
    assert group(out, "DP") == {}
    assert group(out, "SYG")[2012][:2] == (True, True)  # sygedagpenge and kontanthjælp add up to 125


def test_figur_1_counts_the_group_per_year_end(out):
    fig = {(a, g): p for a, g, p in query(out, "SELECT aar, gruppe, personer FROM jobpraemie_figur_1")}
    # 2012: A125, RENEW, GAP, FLEX, SYG qualify and enter (AGE30 is 30)
    assert fig[(2012, "kvalificerede")] == 5 and fig[(2012, "medlemmer")] == 5 and fig[(2012, "nye")] == 5
    # 2013: qualifying AGE30 (new) and RENEW; members A125, RENEW, GAP, SYG, AGE30 (FLEX in fleksjob)
    assert fig[(2013, "kvalificerede")] == 2 and fig[(2013, "medlemmer")] == 5 and fig[(2013, "nye")] == 1
    # 2017: RENEW renewed, the rest's terms over (AGE30's 2013-2017 term runs on)
    assert fig[(2017, "medlemmer")] == 2 and fig[(2017, "fornyede")] == 1


def test_the_floor_applies_to_the_group_average(out):
    """København's group for 2013 (end 2012): A125 with 400 ordinary hours, RENEW with 100.
    Floor 230 x 2 = 460 hours; 500 - 460 = 40 hours above; 60 kr. x 40 = 2,400 kr. A floor
    per person would pay for A125's 170 hours above 230 (10,200 kr.): the rule is the average."""
    k = {r[0]: r[1:] for r in query(out, """SELECT kommune, personer, ordinaere_timer, bundgraense_timer,
        timer_over_bundgraense, praemie_kr, praemie_uden_bundgraense_kr FROM jobpraemie WHERE aar = 2013""")}
    assert k["101"] == (2, 500, 460, 40, 2400, 30000)
    assert k["461"] == (1, 0, 230, 0, 0, 0)  # SYG, no hours
    assert k["147"] == (2, 0, 460, 0, 0, 0)  # GAP and FLEX
    # Hele landet = the sum of the municipalities' premiums (2,400), not 60 x max(0, 500 - 230 x 5) = 0
    assert k["hele_landet"] == (5, 500, 1150, 40, 2400, 30000)


def test_result_measure_per_municipality(out):
    rows = {r[0]: r[1:] for r in query(out, """SELECT kommune, personer, antal_med_ordinaere_timer,
        andel_med_ordinaere_timer, ordinaere_timer_pr_person, stoettede_timer_pr_person, rang
        FROM loentimer_kommune WHERE aar = 2013""")}
    assert rows["101"] == (2, 2, 100.0, 250.0, 25.0, 1)  # 500 / 2, 50 / 2
    assert rows["hele_landet"][:4] == (5, 2, 40.0, 100.0) and rows["hele_landet"][5] is None
    assert rows["147"][5] == 2 and rows["461"][5] == 2  # tied at 0 hours per person
    # 2014 (group at end 2013: A125, RENEW, GAP, SYG, AGE30; no hours): 101 falls from 250 to 0 hours
    ch = query(out, """SELECT aendring_timer_pr_person, aendring_rang FROM loentimer_kommune
                       WHERE aar = 2014 AND kommune = '101'""")[0]
    assert ch == (-250.0, 0)  # rank 1 in 2013; in 2014 all three at 0 hours share rank 1


def test_scenarios_scale_with_the_premium(out):
    s = dict(query(out, "SELECT sats, udgift_mio_kr FROM jobpraemie_scenarier WHERE aar = 2013"))
    assert sorted(s) == [40, 50, 60, 70, 80, 90, 100]
    assert s[60] == pytest.approx(2400 / 1e6) and s[100] == pytest.approx(40 * 100 / 1e6)


def test_figur_2_bands_the_group_by_hours_per_week(out):
    """At the end of 2014 only RENEW qualifies (AGE30's window 2012-W01 ... 2014-W52 holds 104
    weeks); its 2015-2019 ordinary hours are 0: the whole group is in '0'."""
    rows = {r[0]: r[1:] for r in query(out, "SELECT timer_pr_uge, antal, andel FROM jobpraemie_figur_2")}
    assert rows["0"] == (1, 100.0) and rows["over_0"] == (0, 0.0) and rows["i_alt"] == (1, 100.0)
    assert sum(v[0] for k, v in rows.items() if k not in ("over_0", "i_alt")) == 1


def test_share_of_recipients_with_paid_hours_in_a_quarter(out):
    """2013Q2 (2013-W14 ... 2013-W26): on kontanthjælp every week are RENEW (100 ordinary hours in
    May, 50 supported in June) and AGE30 (none): 1 of 2 = 50 %. A125 worked in March and October,
    off benefit: not a recipient. MIX moved from kontanthjælp under integrationsloven to kontanthjælp
    in W21: on neither every week, on the two together every week: kontanthjælp in all 3, 1 of 3 with
    hours, so the total is more than its members (declared 'at least', and the run's check holds)."""
    rows = {r[0]: r[1:] for r in query(out, "SELECT ydelse, antal_modtagere, antal_med_timer, andel_med_timer "
                                            "FROM loentimer_andel_ydelse")}
    assert rows["kth"] == (2, 1, 50.0) and rows["kth_integrationsloven"] == (0, 0, None)
    assert rows["kth_i_alt"] == (3, 1, 100 / 3)
    import duckdb

    from pipeline.report.checks import check_declarations

    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        assert check_declarations(con, "loentimer_andel_ydelse", ()) == []
    assert rows["sygedagpenge"] == (0, 0, None)  # every benefit has its row, with no share when nobody
