"""Kapitel 7 (revalidering): courses, full-time persons, starts, duration, forrevalidering before
and after, support before the start and self-support after it, on a hand-computed fixture.

The extract is 2010-W01 ... 2014-W52: five whole ISO years of 52 weeks each.
"""

import pytest

from pipeline import weeks
from tests.conftest import query
from tests.dreamfix import write_dream
from tests.sqlrun import run_models

W = weeks.parse_week
FIRST, LAST = W("2010-W01"), W("2014-W52")
REV, REV_UDD, FORREV, SDP, KTH = 760, 764, 750, 890, 130

PERSONS = {
    # revalidering from the extract's first week: left-censored, in 2010's stock only (30 weeks)
    "D": [(REV, FIRST, W("2010-W30"))],
    # starts 2010-W05 (10 weeks, ends): its 12 prior weeks lie before the extract (uoplyst)
    "F": [(REV, W("2010-W05"), W("2010-W14"))],
    # sygedagpenge, then revalidering 2011-W21 ... W40 (20 weeks), then self-support
    "A": [(SDP, W("2011-W01"), W("2011-W20")), (REV, W("2011-W21"), W("2011-W40"))],
    # forrevalidering W01-W10 2012, 5 weeks blank, revalidering W16-W25, 2 weeks blank (bridged), W28-W37
    "B": [(FORREV, W("2012-W01"), W("2012-W10")), (REV_UDD, W("2012-W16"), W("2012-W25")),
          (REV, W("2012-W28"), W("2012-W37"))],
    # kontanthjælp, then revalidering from 2013-W31 to the extract's end: right-censored
    "C": [(KTH, W("2013-W01"), W("2013-W30")), (REV, W("2013-W31"), LAST)],
    # forrevalidering 2013-W40 ... 2014-W10: its following 52 weeks pass the extract's end
    "E": [(FORREV, W("2013-W40"), W("2014-W10"))],
}


def by_year(out) -> dict[str, dict]:
    """revalidering_aar's rows by year, as its CSV in tables/ has them (NULL is '')."""
    import csv

    with open(out / "tables" / "revalidering_aar.csv", encoding="utf-8") as f:
        return {r["aar"]: r for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("revalidering")
    write_dream(base / "data", PERSONS, FIRST, LAST)
    return run_models(base / "data", base / "out", ["revalidering_aar", "figur_7_4", "revalidering_udfald"],
                      revalidering_kohorte_fra=2011, revalidering_kohorte_til=2012, revalidering_opfoelgning_aar=2)


def test_courses_are_spells_of_one_category(out):
    rows = query(out, "SELECT p.pnr, f.ydelse, f.aar, f.uger, f.w_to - f.w_from + 1, f.left_censored, f.right_censored, "
                      "f.med_forrevalidering, f.videre FROM revalidering_forloeb f JOIN persons p USING (person_id) "
                      "ORDER BY p.pnr, f.ydelse")
    assert rows == [
        ("A", "revalidering", 2011, 20, 20, False, False, False, None),
        # B: 10 + 10 weeks on revalidering over 22 calendar weeks (the 2-week gap bridged); the forrevalidering
        # W01-W10 lies within 52 weeks before W16; it is a course of its own, and goes on to revalidering
        ("B", "forrevalidering", 2012, 10, 10, False, False, None, True),
        ("B", "revalidering", 2012, 20, 22, False, False, True, None),
        ("C", "revalidering", 2013, 74, 74, False, True, False, None),  # 22 weeks of 2013 + 52 of 2014
        ("D", "revalidering", 2010, 30, 30, True, False, None, None),  # left-censored: nothing known before
        ("E", "forrevalidering", 2013, 23, 23, False, False, None, None),  # 2014-W10 + 52 is past the end
        ("F", "revalidering", 2010, 10, 10, False, False, None, None),  # 2010-W05 - 52 is before the start
    ]


def test_full_time_persons_starts_and_duration(out):
    t = by_year(out)
    assert sorted(t) == ["2010", "2011", "2012", "2013", "2014"]
    # 2010: D 30 + F 10 weeks = 40 / 52; two persons; F starts (D is left-censored) and ends after 10 weeks
    assert float(t["2010"]["fuldtid_revalidering"]) == pytest.approx(40 / 52)
    assert (t["2010"]["personer_revalidering"], t["2010"]["starter"], t["2010"]["afsluttede"]) == ("2", "1", "1")
    assert float(t["2010"]["varighed_uger"]) == 10
    # 2012: B's 20 weeks of revalidering and 10 of forrevalidering
    assert float(t["2012"]["fuldtid_revalidering"]) == pytest.approx(20 / 52)
    assert float(t["2012"]["fuldtid_forrevalidering"]) == pytest.approx(10 / 52)
    assert float(t["2012"]["varighed_uger"]) == 20  # weeks on the benefit, not the 22 calendar weeks
    # 2013: C's 22 weeks (W31-W52) and E's 13 weeks of forrevalidering (W40-W52); C is still running
    assert float(t["2013"]["fuldtid_revalidering"]) == pytest.approx(22 / 52)
    assert float(t["2013"]["fuldtid_forrevalidering"]) == pytest.approx(13 / 52)
    assert (t["2013"]["starter"], t["2013"]["afsluttede"], t["2013"]["varighed_uger"]) == ("1", "0", "")
    # 2014: C all 52 weeks = 1 full-time person; E's 10 weeks
    assert float(t["2014"]["fuldtid_revalidering"]) == 1.0
    assert float(t["2014"]["fuldtid_forrevalidering"]) == pytest.approx(10 / 52)
    assert t["2014"]["starter"] == "0"


def test_forrevalidering_before_and_after(out):
    t = by_year(out)
    # A (2011) had none, B (2012) had one, C (2013) none; F (2010) is unknown (prior weeks outside)
    assert [(t[y]["starter_oplyst"], t[y]["andel_med_forrevalidering"]) for y in ("2010", "2011", "2012", "2013")] == \
        [("0", ""), ("1", "0.0"), ("1", "100.0"), ("1", "0.0")]
    # B's forrevalidering (2012) went on to revalidering; E's (2013) cannot be told yet
    assert (t["2012"]["forrevalidering_oplyst"], t["2012"]["andel_videre"]) == ("1", "100.0")
    assert (t["2013"]["forrevalidering_oplyst"], t["2013"]["andel_videre"]) == ("0", "")


def test_support_before_the_start(out):
    got = {(int(a), k): (n, s) for a, k, n, s in query(out, "SELECT aar, kilde, antal, andel FROM figur_7_4")}
    # A: 12 weeks of sygedagpenge before 2011-W21; B: W04-W10 forrevalidering (7) beats W11-W15 blank (5): oevrige;
    # C: kontanthjælp; F: its prior weeks lie before the extract
    assert got[(2011, "sygedagpenge")] == (1, 100.0) and got[(2011, "i_alt")] == (1, 100.0)
    assert got[(2012, "oevrige")] == (1, 100.0) and got[(2012, "selvforsoergelse")] == (0, 0.0)
    assert got[(2013, "kth_udh")] == (1, 100.0)
    assert got[(2010, "uoplyst")] == (1, None) and got[(2010, "i_alt")] == (0, None)
    for year in range(2010, 2015):  # i_alt is the sum of the known sources
        assert got[(year, "i_alt")][0] == sum(got[(year, k)][0] for k in ("sygedagpenge", "kth_udh",
                                                                          "selvforsoergelse", "oevrige"))


def test_self_support_after_the_start(out):
    got = {k: (n, u, p) for k, n, u, p in query(out, "SELECT aar_efter_start, personer, uger_selvforsoergelse, "
                                                     "uger_pr_aar FROM revalidering_udfald")}
    # cohort 2011-2012: A (start 2011-W21) and B (2012-W16). Year 1: A 52 - 20 on revalidering = 32 weeks;
    # B 52 - 20 = 32 (the bridged gap weeks are self-support). Year 2: both 52.
    assert got["1"] == (2, 64, pytest.approx(32.0))
    assert got["2"] == (2, 104, pytest.approx(52.0))
    # both followed both years: (32 + 52 + 32 + 52) weeks over 2 persons x 2 years = 42 per year
    assert got["alle_aar"] == (2, 168, pytest.approx(42.0))


def test_full_time_activated_by_offer(tmp_path):
    persons = {"R1": [(764, W("2012-W01"), W("2012-W10"))],  # ordinary education, 10 weeks
               "R2": [(767, W("2012-W01"), W("2012-W05")), (765, W("2012-W06"), W("2012-W10"))],  # praktik 5, løntilskud 5
               "R3": [(760, W("2012-W01"), W("2012-W20"))]}  # passive: no offer
    write_dream(tmp_path / "data", persons, W("2011-W01"), W("2013-W52"))
    out = run_models(tmp_path / "data", tmp_path / "out", ["figur_7_5"])
    got = {t: (u, f, a) for t, u, f, a in query(out, "SELECT tilbud, uger, fuldtidsaktiverede, andel FROM figur_7_5 "
                                                    "WHERE aar = 2012")}
    # 20 activated weeks in 2012: education 10 (50 %), praktik 5 and løntilskud 5 (25 % each; company-based 50 %)
    assert got["ordinaer_uddannelse"] == (10, pytest.approx(10 / 52), 50.0)
    assert got["virksomhedspraktik"][::2] == got["loentilskud"][::2] == (5, 25.0)
    assert got["virksomhedsrettet"][::2] == (10, 50.0) and got["i_alt"] == (20, pytest.approx(20 / 52), 100.0)
    assert got["vejledning_opkvalificering"][::2] == (0, 0.0)
    shares_2011 = query(out, "SELECT andel FROM figur_7_5 WHERE aar = 2011")
    assert len(shares_2011) == 6 and all(a is None for (a,) in shares_2011)  # 2011: nobody activated, no shares


@pytest.mark.e2e
def test_an_extract_from_2000_shows_the_sources_points(tmp_path):
    """almp generate and run on 2000-2015: chapter 7's and the integration annex's tables in the report with the
    source's points for 2000, 2004 and 2013 beside them."""
    from tests.conftest import run_cli

    data, out = tmp_path / "data", tmp_path / "out"
    assert run_cli("generate", "--out", data, "--persons", 3000, "--seed", 7, "--start", "2000-W01",
                   "--end", "2015-W52") == 0
    assert run_cli("run", "--data", data, "--out", out, "--quiet") == 0
    years = [int(y) for (y,) in query(out, "SELECT aar FROM revalidering_aar")]
    assert years == list(range(2000, 2015))  # ISO 2015 has 53 weeks: ending with 2015-W52, it is not whole
    shown = {}
    for page in ("revalidering_aar", "figur_7_4", "integration_tabel_4", "integration_figur_3"):
        shown[page] = (out / "report" / f"{page}.html").read_text(encoding="utf-8")
    assert "20.000" in shown["revalidering_aar"] and "15.000" in shown["revalidering_aar"]  # the 2004 points
    assert "34,0*" in shown["figur_7_4"]  # 2000: 34 pct. came from kontanthjælp (with the source's note)
    assert "Kilde: Nye veje mod job" in shown["integration_tabel_4"] and "40.600" in shown["integration_figur_3"]
