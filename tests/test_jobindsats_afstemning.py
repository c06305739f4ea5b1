"""The register beside Jobindsats (sql/core/jobindsats_afstemning.sql) on a fixture computed by hand.

Extract 2021-W01 ... 2021-W26. 1 January 2021 is a Friday, so 2021-W01 (Thursday 7 January) is
January's first week: 2021M01 = W01-W04 (Thursdays 7, 14, 21, 28 Jan), 2021M02 = W05-W08, and
2021K1 = W01-W12 (12 weeks: Q1 2021 has 12 Thursdays).
    A  dagpenge W01-W04, Brøndby (153)     Jan 4 weeks; Q1 4
    B  dagpenge W03-W06, Brøndby           Jan 2 (W03, W04), Feb 2 (W05, W06); Q1 4
    C  dagpenge W02, København (101)       Jan 1; Q1 1
    D  kontanthjælp W01-W08, Brøndby       Q1 8 (not dagpenge); sanctioned 10 February 2021 (W06)
Activation (the activation extract): D 37 hours a week Monday 18 - Sunday 31 January (W03, W04: 37 + 37);
A 18.5 hours a week Monday 11 - Sunday 17 January (W02: 18.5).
The report's tables (sql/marts/afstemning_jobindsats*.sql) show one row per register cell.
"""

from __future__ import annotations

import pytest

from pipeline import weeks
from tests.conftest import query
from datetime import date

from tests.dreamfix import write_activation, write_dream, write_sanctions
from tests.sqlrun import run_models

W = weeks.parse_week
PERSONS = {"A": [(111, W("2021-W01"), W("2021-W04"))], "B": [(111, W("2021-W03"), W("2021-W06"))],
           "C": [(111, W("2021-W02"), W("2021-W02"))], "D": [(130, W("2021-W01"), W("2021-W08"))]}
KOMMUNE = {"A": 153, "B": 153, "C": 101, "D": 153}

# Y01 = the A-dagpenge tables: the benefit comes from the table's id
Y01A02 = """Area;Periode;Køn;Antal personer;Antal fuldtidspersoner
Hele landet;2021M01;Køn i alt;3;1,8
Hele landet;2021M01;Kvinder;2;1
Brøndby;2021M01;Køn i alt;20;1,5
København;2021M01;Køn i alt;..;..
Brøndby;2021M02;Køn i alt;1;0,5
Vejle;2021M01;Køn i alt;0;0
Hele landet;2022M01;Køn i alt;5;5
"""
# a benchmark-like table: the benefit comes from the Ydelsesgrupper dimension
Y30R21 = """Område;Periode;Ydelsesgrupper;Antal fuldtidspersoner
Hele landet;2021K1;A-dagpenge;0,7
Hele landet;2021K1;Kontanthjælp;0,7
Hele landet;2021K1;Ydelsesgrupper i alt;1,4
Hele landet;2021K1;Efterløn;100
"""
# the share sanctioned, by quarter: the benefit from Ydelsesgrupper, quarters written K or Q
Y10S01 = """Område;Periode;Ydelsesgrupper;Andel sanktionerede (pct.)
Hele landet;2021K1;Kontanthjælp;90,0
Brøndby;2021Q1;Kontanthjælp;100
Hele landet;2021M02;Kontanthjælp;50
Hele landet;2021K2;Kontanthjælp;0
"""


# a second table publishing one of Y01A02's cells (Hele landet, January): the report shows the first by table id
Y01A01 = """Area;Periode;Køn;Antal personer
Hele landet;2021M01;Køn i alt;4
"""


# the activation rate (full-time persons activated / full-time persons on the benefit)
Y12A01 = """Område;Periode;Ydelsesgrupper;Aktiveringsgrad (pct.)
Hele landet;2021K1;Kontanthjælp;20,0
Hele landet;2021M01;A-dagpenge;7,1
Brøndby;2021M02;A-dagpenge;3
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("afstemning")
    write_dream(base / "data", PERSONS, W("2021-W01"), W("2021-W26"), kommune=KOMMUNE)
    (base / "data" / "jobindsats").mkdir()
    (base / "data" / "jobindsats" / "Y01A02_udtraek.csv").write_text(Y01A02, encoding="utf-8")
    (base / "data" / "jobindsats" / "Y30R21.csv").write_text(Y30R21, encoding="utf-8")
    (base / "data" / "jobindsats" / "Y10S01.csv").write_text(Y10S01, encoding="utf-8")
    (base / "data" / "jobindsats" / "Y01A01.csv").write_text(Y01A01, encoding="utf-8")
    (base / "data" / "jobindsats" / "Y12A01.csv").write_text(Y12A01, encoding="utf-8")
    write_activation(base / "data", [("D", date(2021, 1, 18), date(2021, 1, 31), "virksomhedspraktik", "privat", 37.0),
                                     ("A", date(2021, 1, 11), date(2021, 1, 17), "vejledning_opkvalificering", None, 18.5)])
    write_sanctions(base / "data", [("D", "2021-02-10", "kth", "periodesanktion", 153)])
    return run_models(base / "data", base / "out",
                      ["jobindsats_afstemning", "afstemning_jobindsats", "afstemning_jobindsats_sanktioner"])


def rows(out) -> dict:
    got = query(out, "SELECT tabel_id, omraade, periode, maal, coalesce(ydelse, ''), jobindsats, undertrykt, register, "
                     "forskel, forskel_pct, inden_for_tolerance FROM jobindsats_afstemning")
    return {(r[0], r[1], r[2], r[3], r[4]): r[5:] for r in got}


def test_the_register_is_computed_by_the_jobindsats_measures_definitions(out):
    r = rows(out)
    # Hele landet, January: A, B, C = 3 persons; 4 + 2 + 1 = 7 weeks / 4 = 1.75 full-time persons
    assert r[("Y01A02", "Hele landet", "2021M01", "personer", "dagpenge")][2] == 3
    ft = r[("Y01A02", "Hele landet", "2021M01", "fuldtidspersoner", "dagpenge")]
    assert ft[2] == pytest.approx(1.75) and ft[3] == pytest.approx(1.75 - 1.8) and ft[5] is True
    # Brøndby, January: A, B = 2 persons (D is kontanthjælp); 6 weeks / 4 = 1.5
    b = r[("Y01A02", "Brøndby", "2021M01", "personer", "dagpenge")]
    assert b[2] == 2 and b[3] == 2 - 20 and b[4] == pytest.approx(-90.0)
    assert b[5] is False  # 18 apart: beyond the tolerance max(10, 5 % of 20 = 1) = 10
    assert r[("Y01A02", "Brøndby", "2021M01", "fuldtidspersoner", "dagpenge")][2] == pytest.approx(1.5)
    # Brøndby, February: B's W05, W06 = 2 weeks / 4 = 0.5; 1 person
    assert r[("Y01A02", "Brøndby", "2021M02", "fuldtidspersoner", "dagpenge")][2] == pytest.approx(0.5)
    assert r[("Y01A02", "Brøndby", "2021M02", "personer", "dagpenge")][2:4] == (1, 0)
    # Vejle: nobody in the register, 0 published: no difference, no per cent (of 0)
    assert r[("Y01A02", "Vejle", "2021M01", "personer", "dagpenge")][2:5] == (0, 0, None)


def test_suppressed_cells_stay_unjudged_and_non_total_or_outside_cells_are_left_out(out):
    r = rows(out)
    kbh = r[("Y01A02", "København", "2021M01", "personer", "dagpenge")]
    assert kbh[0] is None and kbh[1] is True and kbh[2] == 1 and kbh[3] is None and kbh[5] is None
    assert not [k for k in r if k[2] == "2022M01"]  # outside the DREAM extract
    assert len([k for k in r if k[0] == "Y01A02"]) == 5 * 2  # Kvinder (not Køn i alt) left out
    assert not [k for k in r if k[4] == "" or k[0] == "Y30R21" and k[2] != "2021K1"]  # Efterløn: no such benefit


def test_the_benefit_may_come_from_the_ydelsesgrupper_dimension(out):
    r = rows(out)
    # 2021K1 = 12 weeks. dagpenge: 4 + 4 + 1 = 9 weeks -> 0.75; kontanthjælp: D's 8 weeks -> 0.6667;
    # Ydelsesgrupper i alt (every public support category): 9 + 8 = 17 -> 1.4167
    assert r[("Y30R21", "Hele landet", "2021K1", "fuldtidspersoner", "dagpenge")][2] == pytest.approx(9 / 12)
    assert r[("Y30R21", "Hele landet", "2021K1", "fuldtidspersoner", "kth")][2] == pytest.approx(8 / 12)
    total = r[("Y30R21", "Hele landet", "2021K1", "fuldtidspersoner", "offentlig_forsoergelse")]
    assert total[2] == pytest.approx(17 / 12) and total[3] == pytest.approx(17 / 12 - 1.4)
    assert len([k for k in r if k[0] == "Y30R21"]) == 3


def test_the_report_table_has_one_row_per_register_cell_in_the_reports_periods(out):
    got = query(out, "SELECT maal, ydelse, periode, kommune, tabel_id, jobindsats, register, forskel, forskel_pct, "
                     "tolerance, figur, _personer FROM afstemning_jobindsats")
    r = {g[:4]: g[4:] for g in got}
    assert len(got) == len(r) == 5 + 8  # persons: Jan x 4 areas + Feb Brøndby; full-time: the same 5 + Q1 x 3 benefits
    # Hele landet, January, persons: Y01A01 and Y01A02 both publish it; Y01A01 (first by table id) says 4, the
    # register 3 (A, B, C): 3 - 4 = -1, -25 %; tolerance max(10, 5 % of 4) = 10
    assert r[("personer", "dagpenge", "2021M01", "hele_landet")][:7] == ("Y01A01", 4, 3, -1, -25, 10, False)
    # Brøndby January: 2 against 20 (-18, -90 %); København suppressed on the portal: the register's 1, no difference
    assert r[("personer", "dagpenge", "2021M01", "153")][1:5] == (20, 2, -18, -90)
    assert r[("personer", "dagpenge", "2021M01", "101")][1:4] == (None, 1, None)
    # the quarter is written 2021Q1 whether the portal wrote 2021K1 or 2021Q1; full-time persons carry their persons
    q1 = r[("fuldtidspersoner", "offentlig_forsoergelse", "2021Q1", "hele_landet")]
    assert q1[2] == pytest.approx(17 / 12) and q1[7] == 4  # A, B, C, D
    # the figure: persons on dagpenge in January, the period with the most municipalities (Brøndby, København,
    # Vejle; full-time persons in January have as many, persons go first); Hele landet is no point
    assert sorted(k[3] for k, v in r.items() if v[6]) == ["101", "153", "630"]
    assert all(k[:3] == ("personer", "dagpenge", "2021M01") for k, v in r.items() if v[6])


def test_the_sanction_report_table_is_the_sanction_tables_cells(out):
    got = query(out, "SELECT periode, kategori, dimension, vaerdi, jobindsats, antal_modtagere, andel_sanktionerede, "
                     "forskel, tolerance FROM afstemning_jobindsats_sanktioner")
    # 2021Q1 kontanthjælp: D, the one recipient, sanctioned: 100 %; 2021K2 has no recipient (no share), a month
    # is not in the sanction tables; Hele landet first
    assert got == [("2021Q1", "kth", "i_alt", "i_alt", 90, 1, 100, 10, 1),
                   ("2021Q1", "kth", "kommune", "153", 100, 1, 100, 0, 1)]


def test_the_share_sanctioned_is_the_sanction_tables_by_quarter(out):
    r = rows(out)
    # 2021Q1, kontanthjælp: D is the one recipient and is sanctioned: 100 %; published 90,0 -> 10 points apart,
    # beyond the tolerance of 1 point
    q1 = r[("Y10S01", "Hele landet", "2021K1", "andel_sanktionerede", "kth")]
    assert q1[2] == pytest.approx(100.0) and q1[3] == pytest.approx(10.0) and q1[5] is False
    assert r[("Y10S01", "Brøndby", "2021Q1", "andel_sanktionerede", "kth")][2:4] == (pytest.approx(100.0), 0)
    # 2021Q2: no recipient, so no share to compare (not 0); a month is not in the sanction tables
    q2 = r[("Y10S01", "Hele landet", "2021K2", "andel_sanktionerede", "kth")]
    assert q2[2] is None and q2[5] is None
    assert ("Y10S01", "Hele landet", "2021M02", "andel_sanktionerede", "kth") not in r


def test_the_activation_rate_is_full_time_activated_over_full_time_on_the_benefit(out):
    r = rows(out)
    # kontanthjælp 2021K1: D's 8 weeks on kth, 37 + 37 = 74 activation hours: 74 / 37 = 2 full-time weeks activated
    # of 8 -> 25 %; published 20,0 -> 5 points apart, beyond the tolerance of 2 points
    k = r[("Y12A01", "Hele landet", "2021K1", "aktiveringsgrad", "kth")]
    assert k[2] == pytest.approx(25.0) and k[3] == pytest.approx(5.0) and k[5] is False
    # dagpenge January: A's 18.5 hours in W02 (a dagpenge week) / 37 = 0.5 of the 7 dagpenge weeks -> 7.142857 %
    d = r[("Y12A01", "Hele landet", "2021M01", "aktiveringsgrad", "dagpenge")]
    assert d[2] == pytest.approx(100 * 0.5 / 7) and d[5] is True  # 7,1 published: 0.04 points apart
    # Brøndby February: B's W05, W06 on dagpenge, no activation: 0 %, 3 published (3 points: beyond tolerance)
    assert r[("Y12A01", "Brøndby", "2021M02", "aktiveringsgrad", "dagpenge")][2:4] == (0, -3)


def test_register_persons_add_up_over_municipalities_to_hele_landet(out):
    # every person here has a municipality: the municipalities' persons and weeks add up to the country's
    got = query(out, "SELECT ydelse, periode, sum(personer) FILTER (WHERE kommune IS NOT NULL), "
                     "max(personer) FILTER (WHERE kommune IS NULL), sum(uger) FILTER (WHERE kommune IS NOT NULL), "
                     "max(uger) FILTER (WHERE kommune IS NULL) FROM jobindsats_register GROUP BY ALL")
    assert got and all(r[2] == r[3] and r[4] == r[5] for r in got)


@pytest.mark.e2e
def test_a_difference_beyond_tolerance_is_a_warning_not_a_stop(out, tmp_path, capsys):
    from tests.conftest import run_cli

    data = out.parent / "data"
    assert run_cli("run", "--data", data, "--out", tmp_path / "run") == 0  # Brøndby's 2 vs 20 does not stop it
    err = capsys.readouterr().err
    assert "advarsel" in err and "inden_for_tolerance" in err and "4 rows" in err
    # the run's closing summary names what it made, the warning, and where the outputs are
    assert "almp: done in" in err and "1 warning" in err and str(tmp_path / "run" / "publication") in err
    assert query(tmp_path / "run", "SELECT count(*) FROM jobindsats_afstemning WHERE NOT inden_for_tolerance") == [(4,)]
