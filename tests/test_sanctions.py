"""Sanction tables (STATISTICS.md §5) on a hand-computed fixture.

Extract 2013-W01 ... 2014-W52: the quarters 2013Q1 ... 2014Q4 and the years 2013 and
2014 are complete. 2014Q1 = weeks 2014-W01 ... W13; 2014-W14 starts Monday 31 March
2014 and its Thursday (3 April) is in Q2, so a sanction dated 31 March is a Q2 sanction.
"""

from datetime import date

import numpy as np
import pytest

from pipeline import weeks
from tests.conftest import query, run_cli
from tests.sqlrun import run_models
from tests.dreamfix import write_dream, write_sanctions, write_visitation

FIRST, LAST = weeks.parse_week("2013-W01"), weeks.parse_week("2014-W52")
W = weeks.parse_week
PERSONS = {  # herkomst by position (dreamfix): 1 + i % 5
    "A": [(130, W("2014-W01"), W("2014-W26"))],  # kth jobparat Q1+Q2; dansk oprindelse
    "B": [(730, W("2014-W01"), W("2014-W10"))],  # kth aktivitetsparat, Q1 only; indvandrer vestlig
    "C": [(130, W("2014-W01"), W("2014-W20"))],  # kth jobparat Q1+Q2; efterkommer vestlig
    "D": [(140, W("2014-W01"), W("2014-W13"))],  # udh, visitation record: åbenlyst uddannelsesparat
    "E": [(111, W("2014-W01"), W("2014-W13"))],  # dagpenge
    "F": [(130, W("2014-W01"), W("2014-W13"))],  # kth jobparat, never sanctioned; dansk oprindelse
    "G": [(730, W("2014-W01"), W("2014-W13"))],  # kth aktivitetsparat, never sanctioned
    "H": [(130, W("2013-W01"), W("2013-W52"))],  # kth all of 2013: 5 sanctions
    "I": [(130, W("2013-W01"), W("2013-W52"))],  # 6 sanctions
    "J": [(130, W("2013-W01"), W("2013-W52"))],  # 10
    "K": [(130, W("2013-W01"), W("2013-W52"))],  # 11
}
KOMMUNE = {"A": 101, "B": 101, "C": 101, "D": 101, "E": 101, "F": 147, "G": 147,
           "H": 851, "I": 851, "J": 851, "K": 851}
SANCTIONS = [
    ("A", "2014-01-15", "kth", "periodesanktion", 101),
    ("A", "2014-02-20", "kth", "punktsanktion", 101),  # A: twice in Q1 -> 2 sanctions, 1 person
    ("Z", "2014-02-01", "kth", "periodesanktion", 101),  # Z is not in DREAM
    ("C", "2014-03-31", "kth", "Ophør af ydelse", 147),  # Monday of 2014-W14: Q2; another municipality
    ("B", "2014-05-07", "kth", "periodesanktion", None),  # B has no kth in Q2: not a recipient; uoplyst
    ("D", "2014-02-05", "udh", "periodesanktion", 101),
    ("E", "2014-01-08", "dagpenge", "karantaene", 101),  # left out by default
    ("E", "2014-02-12", "dagpenge", "periodesanktion", 101),
    ("A", "2015-06-01", "kth", "periodesanktion", 101),  # after the extract
]
for pnr, n in (("H", 5), ("I", 6), ("J", 10), ("K", 11)):  # så længe: one record a day from 4 March 2013
    SANCTIONS += [(pnr, date(2013, 3, 4 + d).isoformat(), "kth", "periodesanktion", 851) for d in range(n)]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    write_dream(data, PERSONS, FIRST, LAST, kommune=KOMMUNE)
    write_visitation(data, [{"pnr": "D", "fra_dato": date(2013, 12, 30), "til_dato": None, "ydelse": "udh",
                             "kategori": "aabenlyst_uddannelsesparat"}])
    write_sanctions(data, SANCTIONS)
    o = tmp_path_factory.mktemp("out")
    return run_models(data, o)


def cells(out, table, periode, kategori=None):
    rows = query(out, f"SELECT kategori, vaerdi, antal_modtagere, antal_sanktioner, antal_sanktionerede, "
                      f"andel_sanktionerede FROM {table} WHERE periode = ?", [periode])
    return {(r[0], r[1]) if kategori is None else r[1]: r[2:] for r in rows if kategori in (None, r[0])}


def test_tabel_1_quarter_by_visitation(out):
    q1 = cells(out, "bilag_3_15_tabel_1", "2014Q1", "kth")
    # recipients: A, B, C, F, G = 5 (jobparat A, C, F = 3; aktivitetsparat B, G = 2)
    # sanctions: A twice + Z = 3; sanctioned A, Z = 2; of them recipients: A -> 1/5 = 20 %
    assert q1["i_alt"] == (5, 3, 2, pytest.approx(100 * 1 / 5))
    assert q1["jobparat"] == (3, 2, 1, pytest.approx(100 * 1 / 3))  # A's two
    assert q1["aktivitetsparat"] == (2, 0, 0, 0)
    assert q1["uoplyst"] == (0, 1, 1, None)  # Z: no DREAM week, no visitation record
    q2 = cells(out, "bilag_3_15_tabel_1", "2014Q2", "kth")
    # recipients: A (W14-26), C (W14-20) = 2; sanctions: C on 31 March (ISO rule) and B on 7 May
    # sanctioned C, B; recipients among them: C -> 1/2 = 50 %
    assert q2["i_alt"] == (2, 2, 2, pytest.approx(50.0))
    assert q2["jobparat"] == (2, 1, 1, pytest.approx(50.0))
    assert q2["uoplyst"] == (0, 1, 1, None)  # B's week has no kth and no record


def test_year_and_quarters_add_up(out):
    y = cells(out, "bilag_3_15_tabel_8", "2014")
    # recipients 2014: A, B, C, F, G = 5; sanctions 3 + 2 = 5 (the 2015 one is outside);
    # sanctioned A, Z, C, B = 4, recipients among them A, C, B = 3 -> 60 %
    assert y[("kth", "hele_landet")] == (5, 5, 4, pytest.approx(60.0))
    # København: recipients A, B, C; sanctions A, A, Z; sanctioned A, Z; A is a recipient there -> 1/3
    assert y[("kth", "101")] == (3, 3, 2, pytest.approx(100 / 3))
    # Frederiksberg: recipients F, G; C's sanction is on a Frederiksberg record but C lives in København -> 0 %
    assert y[("kth", "147")] == (2, 1, 1, 0)
    assert y[("kth", "uoplyst")] == (0, 1, 1, None)  # B's record has no municipality
    assert len(y) == 1 + 98 + 1
    q = query(out, "SELECT sum(antal_sanktioner) FROM bilag_3_15_tabel_1 WHERE vaerdi = 'i_alt' "
                   "AND periode LIKE '2014Q%'")[0][0]
    assert q == 5


def test_herkomst_udh_and_dagpenge(out):
    h = cells(out, "bilag_3_15_tabel_2", "2014Q1", "kth")
    assert h["dansk_oprindelse"] == (2, 2, 1, 50.0)  # A and F; A sanctioned twice
    assert h["efterkommer_vestlig"] == (1, 0, 0, 0)  # C's sanction is in Q2
    assert h["uoplyst"] == (0, 1, 1, None)  # Z is not in DREAM
    u = cells(out, "bilag_3_15_tabel_3", "2014Q1", "udh")
    assert u["aabenlyst_uddannelsesparat"] == (1, 1, 1, 100.0)
    assert u["alle_uddannelsesparate"] == (1, 1, 1, 100.0)
    assert u["uddannelsesparat"] == (0, 0, 0, None)
    d = cells(out, "bilag_3_15_tabel_5", "2014Q1", "dagpenge")
    assert d["i_alt"] == (1, 1, 1, 100.0)  # the karantæne is left out
    f = cells(out, "e24_figur_3_1", "2014")
    assert f[("dagpenge", "i_alt")][1] == 1
    assert f[("dagpenge_alle_typer", "i_alt")] == (1, 2, 1, 100.0)


def test_e24_tabel_3_1_buckets(out):
    y13 = cells(out, "e24_tabel_3_1", "2013", "kh_system")
    # H 5, I 6, J 10, K 11 sanctions: buckets 5, 6-10, 6-10, >10 of 4 sanctioned
    assert y13["5"] == (1, 5, 1, 25.0)
    assert y13["6-10"] == (2, 16, 2, 50.0)
    assert y13[">10"] == (1, 11, 1, 25.0)
    assert y13["0"] == (0, 0, 0, None)
    y14 = cells(out, "e24_tabel_3_1", "2014", "kh_system")
    # recipients of kth or udh in 2014: A, B, C, D, F, G; A 2, B 1, C 1, D 1 (Z is no recipient)
    assert y14["0"] == (2, 0, 0, None)
    assert y14["1"] == (3, 3, 3, 75.0)
    assert y14["2"] == (1, 2, 1, 25.0)
    assert cells(out, "e24_tabel_3_1", "2014", "dp_system")["1"] == (1, 1, 1, 100.0)


def test_nothing_dropped_silently(out):
    dq = dict(query(out, "SELECT measure, value FROM dq_sanctions"))
    assert dq["poster"] == len(SANCTIONS)
    assert dq["poster, hvis pnr ikke findes i DREAM (sanktioner, aldrig modtagere)"] == 1
    assert dq["poster dateret uden for DREAM-udtrækket (i ingen periode)"] == 1
    assert dq["poster af en udeladt type (karantaene)"] == 1
    # Z (2014Q1) and B (2014Q2) are not recipients in their quarter; in the year only Z
    assert dq["talte poster i et kvartal, hvor personen ikke modtager ydelsen "
              "(med i antal sanktioner, ikke i andelen)"] == 2
    assert dq["talte poster i et år, hvor personen ikke modtager ydelsen"] == 1
    types = dict(query(out, "SELECT sanktionstype, count(*) FROM sanctions GROUP BY ALL"))
    assert types["ophoer"] == 1  # "Ophør af ydelse" read as ophoer


@pytest.mark.e2e
def test_bad_sanction_rows_are_rejected_with_reasons(tmp_path, capsys):
    data = tmp_path / "data"
    write_dream(data, {"A": PERSONS["A"]}, FIRST, LAST)
    write_sanctions(data, [("A", "2014-01-15", "kth", "periodesanktion", 101),
                           ("A", "2014-13-01", "kth", "periodesanktion", 101),
                           ("A", "2014-01-15", "kontant", "periodesanktion", 101),
                           ("A", "2014-01-15", "kth", "bøde", 101),
                           ("A", "2014-01-15", "kth", "periodesanktion", "x1"),
                           ("", "2014-01-15", "kth", "periodesanktion", 101)], delimiter=";")
    out = tmp_path / "out"
    assert run_cli("run", "--data", data, "--out", out) == 3
    err = capsys.readouterr().err
    assert "sanctions.csv: 5 row(s) rejected" in err and str(out / "rejected" / "sanctions.csv") in err
    assert ".staging" not in err
    rejected = (out / "rejected" / "sanctions.csv").read_text(encoding="utf-8")
    for line, reason in ((3, "dato: '2014-13-01' is not a date"), (4, "ydelse: 'kontant' is not one of"),
                         (5, "sanktionstype: 'bøde' is not a known sanction type"),
                         (6, "kommune: 'x1' is not a municipality code"), (7, "pnr is missing")):
        assert f",{line},line," in rejected and reason in rejected
    assert not (out / "tables").exists()  # nothing half-written published
    assert run_cli("run", "--data", data, "--out", out, "--max-rejected", "5") == 0
    assert query(out, "SELECT count(*) FROM sanctions")[0][0] == 1


def test_quarterly_targets_follow_the_published_shares():
    from pipeline.synth import sanctions as syn

    # published quarters are used as they are (Tabel 1: jobparat 2013Q1 17,2 %)
    assert syn.quarterly_target("kth_jobparat", "2013Q1") == pytest.approx(0.172)
    # before the first published quarter: the first (2008Q1 12,2 %)
    assert syn.quarterly_target("kth_jobparat", "2005Q3") == pytest.approx(0.122)
    # from 2022Q4 on: 2022's annual 20 % times the group's quarter/year ratio
    goal = 20.0 * syn.ANNUAL_TO_QUARTER["kth|jobparat"]
    assert syn.quarterly_target("kth_jobparat", "2023Q2") == pytest.approx(goal / 100)
    # halfway in between (2014Q2 = 10 % is the last published): linear
    q_last, q_goal = 2014 * 4 + 1, 2022 * 4 + 3
    mid = q_last + (q_goal - q_last) // 2
    label = f"{mid // 4}Q{mid % 4 + 1}"
    t = (mid - q_last) / (q_goal - q_last)
    assert syn.quarterly_target("kth_jobparat", label) == pytest.approx((10.0 * (1 - t) + goal * t) / 100)
    # Skive's 42,4 % against the national 21 %: the factor whose year's share (annual_share: three
    # quarters' chances) is 42.4 / 21 = 2.019 times the national one; far more than 2.019 itself (2.90
    # at FRAILTY_SHAPE 0.8), as the chances fall again and again on the same frail persons; Kolding
    # (621), 24.6 %: 1.171 times.
    # 2013's quarters (Tabel 1): 10.1, 10.6, 9.9 and 9.2 % -> 9.95 %.
    factors = syn.kommune_factors()
    q = (10.1 + 10.6 + 9.9 + 9.2) / 400
    a = syn.annual_share(np.array([1.0, factors[779]]), q)
    assert a[1] / a[0] == pytest.approx(42.4 / 21, rel=0.01) and factors[779] > 42.4 / 21 + 0.8
    k = syn.annual_share(np.array([factors[621]]), q)[0] / a[0]
    assert k == pytest.approx(24.6 / 21, rel=0.01) and 24.6 / 21 < factors[621] < factors[779]
    # one quarter: A(1) is the mean chance itself, q, by s's definition; A rises with f
    assert syn.annual_share(np.array([1.0]), q, quarters=1)[0] == pytest.approx(q, rel=1e-6)
    curve = syn.annual_share(np.array([0.0, 0.5, 1.0, 2.0, 4.0]), q)
    assert curve[0] == 0 and (np.diff(curve) > 0).all()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    data, o = tmp_path_factory.mktemp("syn"), tmp_path_factory.mktemp("synout")
    assert run_cli("generate", "--out", data, "--persons", 6000, "--start", "2012-W01", "--end", "2014-W52") == 0
    assert run_cli("run", "--data", data, "--out", o) == 0
    return data, o


@pytest.mark.e2e
def test_generated_sanctions_are_valid_and_add_up(synthetic):
    import pyarrow.parquet as pq

    from pipeline.ingest.sanctions import SANKTIONSTYPER, YDELSER

    data, out = synthetic
    t = pq.read_table(data / "sanctions.parquet").to_pydict()
    assert len(t["pnr"]) > 100
    assert set(t["ydelse"]) <= set(YDELSER) and set(t["sanktionstype"]) <= set(SANKTIONSTYPER)
    assert query(out, "SELECT count(*) FROM ingest_rejects WHERE extract = 'sanctions'")[0][0] == 0
    # the properties the asset checks also hold the run to, checked here from the outside:
    # shares within 0-100 and never more sanctioned than sanctions
    assert query(out, """SELECT count(*) FROM sanction_cells WHERE andel_sanktionerede NOT BETWEEN 0 AND 100
                         OR antal_sanktionerede > antal_sanktioner""")[0][0] == 0
    # municipalities sum to Hele landet, per year
    assert query(out, """SELECT count(*) FROM (SELECT periode,
                             sum(antal_sanktioner) FILTER (WHERE dimension = 'kommune') - sum(antal_sanktioner)
                                 FILTER (WHERE dimension = 'i_alt') AS d,
                             sum(antal_modtagere) FILTER (WHERE dimension = 'kommune') - sum(antal_modtagere)
                                 FILTER (WHERE dimension = 'i_alt') AS r
                         FROM bilag_3_15_tabel_8 GROUP BY periode) WHERE d <> 0 OR r <> 0""")[0][0] == 0
    # the quarters of 2013 sum to the year, for kth (Tabel 1 vs Tabel 8) and dagpenge (Tabel 5 vs e24_figur_3_1)
    for quarterly, yearly, kategori, total in (("bilag_3_15_tabel_1", "bilag_3_15_tabel_8", "kth", "hele_landet"),
                                               ("bilag_3_15_tabel_5", "e24_figur_3_1", "dagpenge", "i_alt")):
        q = query(out, f"SELECT sum(antal_sanktioner) FROM {quarterly} WHERE periode LIKE '2013Q%' "
                       f"AND vaerdi = 'i_alt'")[0][0]
        y = query(out, f"SELECT antal_sanktioner FROM {yearly} WHERE periode = '2013' AND kategori = ? "
                       f"AND vaerdi = ?", [kategori, total])[0][0]
        assert q == y > 0
    # every sanctioned person-year is in exactly one bucket: buckets sum to the sanctioned recipients
    b = query(out, "SELECT sum(antal_sanktionerede), sum(andel_sanktionerede) FROM e24_tabel_3_1 "
                   "WHERE periode = '2013' AND kategori = 'kh_system'")[0]
    assert b[1] == pytest.approx(100.0)
