"""The integration annex's Figur 3 on a hand-computed fixture: the programme (DREAM's codes for
kontanthjælp under integrationsloven) beside kontant- and uddannelseshjælp, hours-based.

The period is shortened to 2014-W10 ... W13 (4 weeks) by the parameters."""

import pytest

from pipeline import weeks
from tests.conftest import query
from tests.dreamfix import write_activation, write_dream
from tests.sqlrun import run_models
from tests.test_activation_marts import full_week

W = weeks.parse_week
FIRST, LAST = W("2013-W01"), W("2014-W52")

PERSONS = {
    "I1": [(710, W("2014-W01"), W("2014-W20"))],  # in the programme all 4 weeks; activated 37 h in W10 and W11
    "I2": [(713, W("2014-W12"), W("2014-W30"))],  # in the programme W12-W13 (2 weeks); not activated
    "K1": [(130, W("2014-W11"), W("2014-W13"))],  # kontanthjælp, jobparat, 3 weeks; 10 h in W12
    "U1": [(140, W("2014-W10"), W("2014-W13"))],  # uddannelseshjælp, uddannelsesparat, 4 weeks; 37 h in W13
}
ACTIVATION = [
    full_week("I1", W("2014-W10"), "virksomhedspraktik", "privat"),
    full_week("I1", W("2014-W11"), "vejledning_opkvalificering"),
    full_week("K1", W("2014-W12"), "nytteindsats", None, 10.0),
    full_week("U1", W("2014-W13"), "ordinaer_uddannelse"),
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("integration")
    write_dream(base / "data", PERSONS, FIRST, LAST)
    write_activation(base / "data", ACTIVATION)
    return run_models(base / "data", base / "out", ["integration_figur_3", "integration_figur_5"],
                      integration_first_week="2014-W10", integration_last_week="2014-W13")


@pytest.fixture(scope="module")
def rows(out):
    got = query(out, "SELECT gruppe, antal, uger, fuldtidspersoner, andel_aktiveret, aktiveringsgrad, "
                     "aktiveringsgrad_beroerte FROM integration_figur_3")
    return {r[0]: r[1:] for r in got}


def test_the_programme(rows):
    # I1 4 weeks + I2 2 weeks = 6 weeks over 4 = 1.5 full-time persons; 1 of 2 activated = 50 %;
    # hours 37 + 37 = 74 of 37 x 6 = 222 possible = 33.33 %; among the activated 33.33 / 50 x 100 = 66.67
    antal, uger, fuldtid, andel, grad, beroerte = rows["integrationsprogram"]
    assert (antal, uger) == (2, 6) and fuldtid == 1.5 and andel == 50.0
    assert grad == pytest.approx(100 * 74 / 222) and beroerte == pytest.approx(100 * 74 / 222 / 50 * 100)


def test_the_general_groups(rows):
    # K1: 3 weeks (0.75 full-time), activated; 10 of 111 hours = 9.01 %
    assert rows["kth_jobparat"][:4] == (1, 3, 0.75, 100.0)
    assert rows["kth_jobparat"][4] == pytest.approx(100 * 10 / 111)
    # U1 (uddannelsesparat, pooled with the åbenlyst uddannelsesparate): 37 of 148 hours = 25 %
    assert rows["udh_uddannelsesparate"] == (1, 4, 1.0, 100.0, 25.0, 25.0)
    assert rows["udh_aktivitetsparat"][:3] == (0, 0, 0.0) and rows["kth_aktivitetsparat"][0] == 0


def test_the_offers_of_the_activated(out):
    got = {(g, t): rest for g, t, *rest in query(out, "SELECT gruppe, tilbud, beroerte, aktiverede, antal, "
                                                      "andel_af_aktiverede, andel_af_beroerte FROM integration_figur_5")}
    # the programme: I1 and I2 berørte, I1 activated (praktik in W10, vejledning in W11): 1 of 1 activated, 1 of 2 berørte
    assert got[("integrationsprogram", "virksomhedspraktik")] == [2, 1, 1, 100.0, 50.0]
    assert got[("integrationsprogram", "vejledning_opkvalificering")] == [2, 1, 1, 100.0, 50.0]
    assert got[("integrationsprogram", "virksomhedsrettet")] == [2, 1, 1, 100.0, 50.0]  # counted once
    assert got[("integrationsprogram", "loentilskud")] == [2, 1, 0, 0.0, 0.0]
    # K1's nytteindsats is company-based; U1's ordinary education is not
    assert got[("kth_jobparat", "nytteindsats")] == got[("kth_jobparat", "virksomhedsrettet")] == [1, 1, 1, 100.0, 100.0]
    assert got[("udh_uddannelsesparate", "ordinaer_uddannelse")] == [1, 1, 1, 100.0, 100.0]
    assert got[("udh_uddannelsesparate", "virksomhedsrettet")] == [1, 1, 0, 0.0, 0.0]
    assert got[("udh_aktivitetsparat", "virksomhedsrettet")] == [0, 0, 0, None, None]  # nobody: no share
    for (g, t), (beroerte, aktiverede, antal, *_shares) in got.items():  # counts nest: offer <= activated <= berørte
        assert antal <= aktiverede <= beroerte, (g, t)


# Figur 4: week R = 2014-W20; offers in W09-W20; write_dream gives herkomst 1, 2, 3, 4, 5, 1, 2, 3, 4 in order
FIGUR_4 = {
    "D1": [(730, W("2013-W01"), W("2014-W30"))],  # Danish origin, kth aktivitetsparat; 52 + 20 = 72 weeks: year 1
    "X2": [(730, W("2013-W01"), W("2014-W30"))],  # western immigrant: in no group
    "X3": [(730, W("2013-W01"), W("2014-W30"))],  # western descendant: in no group
    "N4": [(730, W("2013-W01"), W("2014-W30"))],  # non-western immigrant, year 1, no offer
    "P5": [(710, W("2014-W01"), W("2014-W30"))],  # the programme (any origin): 20 weeks, year 0, offer in R
    "D6": [(730, W("2014-W15"), W("2014-W30"))],  # Danish origin, 6 weeks < 12: left out
    "Z7": [],
    "Z8": [],
    "N9": [(720, W("2013-W30"), W("2014-W30"))],  # non-western, udh aktivitetsparat: 23 + 20 = 43 weeks, offer in W09
}
FIGUR_4_ACTIVATION = [
    full_week("D1", W("2014-W12"), "vejledning_opkvalificering"),
    full_week("P5", W("2014-W20"), "virksomhedspraktik", "privat"),
    full_week("N4", W("2014-W08"), "virksomhedspraktik", "privat"),  # before the 12 weeks: no offer
    full_week("N9", W("2014-W09"), "ordinaer_uddannelse"),  # the first of the 12 weeks
]


def test_offers_by_anciennity_in_and_outside_the_programme(tmp_path):
    write_dream(tmp_path / "data", FIGUR_4, FIRST, LAST)
    write_activation(tmp_path / "data", FIGUR_4_ACTIVATION)
    out = run_models(tmp_path / "data", tmp_path / "out", ["integration_figur_4"])
    got = {k: (n, t, a) for k, n, t, a in query(out, "SELECT kategori, antal, antal_tilbud, andel_tilbud "
                                                     "FROM integration_figur_4")}
    assert got == {"integrationsprogram_0": (1, 1, 100.0),  # P5
                   "ikke_vestlige_uden_for_0": (1, 1, 100.0),  # N9 (uddannelseshjælp counts outside the programme)
                   "ikke_vestlige_uden_for_1": (1, 0, 0.0),  # N4: its offer was in W08
                   "dansk_oprindelse_1": (1, 1, 100.0)}  # D1; D6 under 12 weeks, X2 and X3 in no group


# Tabel 4: extract 2008-W01 ... 2012-W52; starts 2009-W01 ... 2011-W52; two years after. write_dream gives
# koen 1 (man), 2 (woman), 1, 2, ... in order.
TABEL_4 = {
    "M1": [(710, W("2009-W10"), W("2009-W40"))],  # man, 24 at the start: self-supporting a year and two years on
    "K2": [(710, W("2010-W01"), W("2012-W52"))],  # woman, 40: still in the programme a year and two years on
    "M3": [(710, W("2011-W20"), W("2011-W30")), (651, W("2011-W31"), W("2012-W52"))],  # man, 61: on SU a year on;
    # his second year is past the extract's end
    "K4": [(710, W("2008-W01"), W("2009-W20"))],  # on the programme in the extract's first week: start unseen
    "M5": [(710, W("2008-W30"), W("2008-W40"))],  # started before the cohort
    "K6": [(710, W("2012-W01"), W("2012-W10"))],  # started after the cohort
}


def test_job_or_education_after_the_programme_start(tmp_path):
    write_dream(tmp_path / "data", TABEL_4, W("2008-W01"), W("2012-W52"),
                foedselsaar={"M1": 1985, "K2": 1970, "M3": 1950, "K4": 1980, "M5": 1980, "K6": 1990})
    out = run_models(tmp_path / "data", tmp_path / "out", ["integration_tabel_4"], integration_kohorte_fra="2009-W01",
                     integration_kohorte_til="2011-W52", integration_horisont_aar=2)
    got = {(g, k): (n, j, a) for g, k, n, j, a in query(out, "SELECT gruppe, aar_efter_start, antal, antal_job_uddannelse, "
                                                            "andel FROM integration_tabel_4")}
    # year 1: M1 (self-support), K2 (programme), M3 (SU: education) = 2 of 3; year 2: M1 and K2 only = 1 of 2
    assert got[("i_alt", 1)] == (3, 2, pytest.approx(200 / 3)) and got[("i_alt", 2)] == (2, 1, 50.0)
    assert got[("maend", 1)] == (2, 2, 100.0) and got[("kvinder", 1)] == (1, 0, 0.0)
    assert got[("alder_16_29", 2)] == (1, 1, 100.0) and got[("alder_30_49", 2)] == (1, 0, 0.0)
    assert got[("alder_50_60", 1)] == (0, 0, None)  # M3 is 61: in i_alt only
    for k in (1, 2):  # the sexes add up to the total
        assert got[("i_alt", k)][:2] == tuple(a + b for a, b in zip(got[("maend", k)][:2], got[("kvinder", k)][:2]))
