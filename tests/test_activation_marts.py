"""Figur 3.5, 3.8, 3.6 and Bilag 3.13 on a hand-computed fixture.

R = 2014-W20. The extract runs 2002-W01 ... 2014-W40 so that anciennity can pass ten years.
"""

from datetime import timedelta

import pytest

from pipeline import weeks
from tests.conftest import read_table, run_on

R = weeks.parse_week("2014-W20")
FIRST, LAST = weeks.parse_week("2002-W01"), weeks.parse_week("2014-W40")
W = weeks.parse_week


def week_of(label, plus=0):
    return W(label) + plus


PERSONS = {
    "F1": [(730, R - 60, R)],  # kth aktivitetsparat, anciennity 61 -> year 1
    "F2": [(730, R - 130, R)],  # anciennity 131 -> year 2; praktik in R-11 (first week of the 12)
    "F3": [(730, R - 130, R)],  # year 2; praktik in R-12: outside the 12 weeks, inside the last year
    "F4": [(730, R - 10, R)],  # anciennity 11 < 12: left out
    "F5": [(130, R - 11, R)],  # kth jobparat, anciennity 12: in, year 0
    "F6": [(730, FIRST, R)],  # anciennity > 10 years; last offer R-100 (> 1 year, < 3 years ago)
    "F7": [(130, R - 600, R)],  # anciennity 601 > 520: over ten years; never activated
    "F8": [(130, R - 60, R)],  # jobparat year 1; activated in week R itself
    # Bilag 3.13 cohort (spells starting 2014-W01 ... W26)
    "B1": [(140, W("2014-W05"), W("2014-W30"))],  # offer in its 13th week: within three months
    "B2": [(140, W("2014-W05"), W("2014-W30"))],  # offer in its 14th week: not
    "B3": [(130, W("2014-W10"), W("2014-W20"))],  # 11 weeks: ends within three months, left out
    "B4": [(890, W("2014-W27"), W("2014-W40"))],  # starts after the cohort period
    "B5": [(130, W("2013-W40"), W("2014-W02")), (130, W("2014-W06"), W("2014-W30"))],  # 3-week gap bridged
    "B6": [(130, W("2013-W40"), W("2013-W51")), (140, W("2014-W02"), W("2014-W30"))],  # kth then udh: one spell
}


def full_week(pnr, w, tilbud, sektor=None, hours=37.0):
    return (pnr, weeks.monday(w), weeks.monday(w) + timedelta(days=6), tilbud, sektor, hours)


ACTIVATION = [
    full_week("F1", R - 5, "vejledning_opkvalificering"),
    full_week("F2", R - 11, "virksomhedspraktik", "privat"),
    full_week("F3", R - 12, "virksomhedspraktik", "offentlig"),
    full_week("F6", R - 100, "virksomhedspraktik", "privat"),
    full_week("F8", R, "vejledning_opkvalificering"),
    full_week("B1", W("2014-W05") + 12, "vejledning_opkvalificering"),
    full_week("B2", W("2014-W05") + 13, "vejledning_opkvalificering"),
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return run_on(tmp_path_factory.mktemp("actmarts"), PERSONS, FIRST, LAST, ACTIVATION)


def cells(row, *cols):
    return tuple(int(row[c]) if c.startswith("antal") else float(row[c]) for c in cols)


def test_figur_3_5_and_3_8(out):
    t = read_table(out, "figur_3_5")
    # F4 (11 weeks) and B3 (11 weeks in R) are left out; the Bilag 3.13 persons on udh/kth in R count too
    assert set(t) == {"kth_aktivitetsparat_1", "kth_aktivitetsparat_2", "kth_aktivitetsparat_10",
                      "kth_jobparat_0", "kth_jobparat_1", "kth_jobparat_10", "udh_uddannelsesparat_0"}
    # year 2: F2 (offer in R-11, company-based) and F3 (offer in R-12, outside): 1 of 2 each
    assert cells(t["kth_aktivitetsparat_2"], "antal", "antal_tilbud", "andel_tilbud", "andel_virksomhedsrettet") == \
        (2, 1, 50.0, 50.0)
    assert cells(t["kth_aktivitetsparat_1"], "antal", "andel_tilbud", "andel_virksomhedsrettet") == (1, 100.0, 0.0)
    assert cells(t["kth_aktivitetsparat_10"], "antal", "andel_tilbud") == (1, 0.0)  # F6: over ten years
    # F5 at exactly 12 weeks, and B5 (spell from 2013-W40, its 3-week gap bridged): no offers
    assert cells(t["kth_jobparat_0"], "antal", "andel_tilbud") == (2, 0.0)
    # B1, B2 (offers in 2014-W17 and W18, inside W09 ... W20) and B6 (kth then udh, no offer)
    assert cells(t["udh_uddannelsesparat_0"], "antal", "antal_tilbud") == (3, 2)
    assert cells(t["kth_jobparat_1"], "antal", "andel_tilbud") == (1, 100.0)  # F8: an offer in week R counts
    f38 = read_table(out, "figur_3_8")
    assert float(f38["kth_aktivitetsparat_2"]["andel_virksomhedsrettet"]) == 50.0


def test_figur_3_6(out):
    t = read_table(out, "figur_3_6")
    # 1-2 years: F1 (61 weeks, offer R-5) and F8 (61, offer in R): both activated within the year
    assert cells(t["1_2"], "antal", "antal_ikke_1aar") == (2, 0)
    # 2-3 years: F2 (offer R-11), F3 (offer R-12): both within the year
    assert cells(t["2_3"], "antal", "antal_ikke_1aar") == (2, 0)
    # over ten years: F6 (last offer 100 weeks ago: not within 1 year, within 3) and F7 (never)
    assert cells(t["over_10"], "antal", "andel_ikke_1aar", "andel_ikke_3aar", "andel_ikke_5aar") == \
        (2, 100.0, 50.0, 50.0)
    assert cells(t["3_5"], "antal") == (0,) and t["3_5"]["andel_ikke_1aar"] == ""
    assert t["over_10"]["fuldt_observeret"] == "true"


def test_bilag_3_13(out):
    t = read_table(out, "bilag_3_13")
    # B1 (offer in week 13) and B2 (week 14) start udh spells in 2014-W05; B3 is too short;
    # B5 and B6 are spells that started in 2013 (gap bridged / kth before udh)
    assert cells(t["udh"], "antal", "antal_tilbud_3_mdr", "andel_tilbud_3_mdr") == (2, 1, 50.0)
    assert cells(t["kth"], "antal") == (0,)
    assert cells(t["sygedagpenge"], "antal") == (0,)  # B4 starts after June
