"""The calibration report: declared targets judged against a run's cells, by hand."""

from __future__ import annotations

import csv

from pipeline.report import calibration
from pipeline.report.calibration import Target
from pipeline.report.catalogue import published_numbers


def _cell(key, column, value, published, label="mål", row="række"):
    return {"key": key, "column": column, "value": value, "published": published, "label": label, "row": row}


def test_every_declared_target_names_published_cells():
    published = published_numbers()
    declared = calibration.targets()
    assert {t.saet for t in declared} == set(calibration.SETS)
    for t in declared:
        cells = published.get(t.table_id, {})
        hits = [k for k in cells if t.matches(t.table_id, *k)]
        assert hits, f"{t.table_id} {t.row} {t.column} names no published cell"


def test_every_known_reason_covers_a_declared_target():
    """A reason in calibration_reasons.csv names published cells that a declared target judges (no
    reason left behind for a target that was renamed or dropped), and says something."""
    published = published_numbers()
    declared = calibration.targets()
    for k in calibration.reasons():
        assert len(k.hvorfor) > 40, k
        judged = [key for key in published.get(k.table_id, {})
                  if k.matches(k.table_id, *key) and any(t.matches(k.table_id, *key) for t in declared)]
        assert judged, f"{k.table_id} {k.row} {k.column}: no declared target's published cell"


def test_a_known_reason_is_given_only_where_the_model_misses():
    """evaluate's kendt_aarsag: the first reason covering a cell outside its band; nothing for a cell
    inside it, or for one no reason covers."""
    declared = [Target("kalibrering", "tabel_3_1", "*", "andel_1aar", 2, "pp", "")]
    known = [calibration.Reason("tabel_3_1", "kth_*", "*", "først"), calibration.Reason("tabel_3_1", "*", "*", "anden")]
    cells = {"tabel_3_1": [
        _cell("kth_jobparat", "andel_1aar", 73.0, 70.0),  # 3.0 pp outside 2: the first reason covering it
        _cell("fleksjob", "andel_1aar", 64.0, 60.0),  # 4.0 pp outside: only the second covers it
        _cell("sygedagpenge", "andel_1aar", 32.0, 31.0),  # 1.0 pp inside: no reason shown
    ]}
    by = {r["noegle"]: r["kendt_aarsag"] for r in calibration.evaluate(cells, declared, known)}
    assert by == {"kth_jobparat": "først", "fleksjob": "anden", "sygedagpenge": ""}


def test_bands_by_hand():
    declared = [
        Target("kalibrering", "tabel_3_1", "*", "andel_1aar", 2, "pp", ""),
        Target("kalibrering", "tabel_3_1", "*", "antal", 5, "pct", ""),
        Target("kalibrering", "bilag_3_8", "*|gns_alder", "vaerdi", 1, "enheder", ""),
        # names a cell the first target already judged: the first wins
        Target("kontrol", "tabel_3_1", "syge*", "*", 5, "pp", ""),
    ]
    cells = {
        "tabel_3_1": [
            _cell("sygedagpenge", "andel_1aar", 33.0, 31.0),  # 33 - 31 = 2.0 pp: on the band's edge, inside
            _cell("kth_jobparat", "andel_1aar", 73.0, 70.0),  # 3.0 pp: outside
            _cell("sygedagpenge", "antal", 86_100.0, 82_100.0),  # 4,000 / 82,100 = 4.87 %: inside 5 %
            _cell("fleksjob", "antal", 59_500.0, 56_600.0),  # 2,900 / 56,600 = 5.12 %: outside
            _cell("revalidering", "antal", None, 8_100.0),  # hidden by disclosure control: no verdict
            _cell("i_alt", "antal_5aar", 10.0, None),  # nothing published: not a target
        ],
        "bilag_3_8": [
            _cell("kth_jobparat|gns_alder", "vaerdi", 41.2, 42.0),  # -0.8 years: inside 1
            _cell("kth_jobparat|kvinder", "vaerdi", 50.0, 47.0),  # no target names it
        ],
    }
    got = calibration.evaluate(cells, declared)
    by = {(r["table_id"], r["noegle"], r["kolonne"]): r for r in got}
    assert len(got) == 6
    assert by[("tabel_3_1", "sygedagpenge", "andel_1aar")]["afvigelse"] == 2.0
    assert by[("tabel_3_1", "sygedagpenge", "andel_1aar")]["inden_for"] is True
    assert by[("tabel_3_1", "sygedagpenge", "andel_1aar")]["saet"] == "kalibrering"
    assert by[("tabel_3_1", "kth_jobparat", "andel_1aar")]["inden_for"] is False
    assert round(by[("tabel_3_1", "sygedagpenge", "antal")]["afvigelse"], 3) == 4.872
    assert by[("tabel_3_1", "sygedagpenge", "antal")]["inden_for"] is True
    assert round(by[("tabel_3_1", "fleksjob", "antal")]["afvigelse"], 3) == 5.124
    assert by[("tabel_3_1", "fleksjob", "antal")]["inden_for"] is False
    assert by[("tabel_3_1", "revalidering", "antal")]["inden_for"] is None
    assert round(by[("bilag_3_8", "kth_jobparat|gns_alder", "vaerdi")]["afvigelse"], 6) == -0.8
    assert by[("bilag_3_8", "kth_jobparat|gns_alder", "vaerdi")]["inden_for"] is True
    st = calibration.status(got)
    # kalibrering: 6 cells, inside: syge andel, syge antal, alder = 3; outside: kth_jobparat, fleksjob = 2; no value 1
    assert st["kalibrering"] | {"vaerste": None} == {"maal": 6, "inden_for": 3, "uden_for": 2, "uden_vaerdi": 1,
                                                     "inden_for_usikkerhed": 0, "vaerste": None}
    # the worst first, in bands: kth_jobparat 3 / 2 = 1.5 bands, fleksjob 5.12 / 5 = 1.02
    assert [r["noegle"] for r in st["kalibrering"]["vaerste"]] == ["kth_jobparat", "fleksjob"]
    assert st["kontrol"]["maal"] == 0


def test_the_csv_keeps_every_target_in_order(tmp_path):
    declared = [Target("kontrol", "figur_3_3", "*", "*", 5, "pp", ""),
                Target("kalibrering", "tabel_3_1", "*", "antal", 5, "pct", "")]
    cells = {"figur_3_3": [_cell("kth_udh|52", "samme_ydelse", 50.0, 52.0)],
             "tabel_3_1": [_cell("b", "antal", 100.0, 100.0), _cell("a", "antal", 90.0, 100.0)]}
    got = calibration.evaluate(cells, declared)
    path = tmp_path / "k.csv"
    calibration.write_csv(got, path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    # kalibrering before kontrol; within a target by row key
    assert [(r["saet"], r["noegle"]) for r in rows] == [("kalibrering", "a"), ("kalibrering", "b"),
                                                        ("kontrol", "kth_udh|52")]
    assert rows[0]["afvigelse"] == "-10.0" and rows[0]["inden_for"] == "False"
    # read back as evaluate gave them: numbers and verdicts, so status reads a finished run's file
    back = calibration.read_csv(path)
    assert [(r["afvigelse"], r["inden_for"]) for r in back] == [(-10.0, False), (0.0, True), (-2.0, True)]
    assert calibration.status(back, most=None)["kalibrering"]["uden_for"] == 1


def test_a_published_zero_is_met_only_by_zero():
    """m16 Tabel 6.1 prints 0 full-time persons on uddannelseshjælp before the 2014 reform."""
    t = [Target("kalibrering", "m16_tabel_6_1", "*", "fuldtidspersoner", 5, "pct", "")]
    cells = {"m16_tabel_6_1": [_cell("udh|2012", "fuldtidspersoner", 44_643.0, 0.0),
                               _cell("udh|2013", "fuldtidspersoner", 0.0, 0.0)]}
    by = {r["noegle"]: r for r in calibration.evaluate(cells, t)}
    assert by["udh|2012"]["afvigelse"] == float("inf") and by["udh|2012"]["inden_for"] is False
    assert by["udh|2013"]["afvigelse"] == 0.0 and by["udh|2013"]["inden_for"] is True


def test_a_share_of_few_persons_carries_its_uncertainty():
    """Two standard errors of a share of n persons at the published share p: 200 x sqrt(p (1 - p) / n)."""
    t = [Target("kalibrering", "bilag_3_13", "*", "andel_tilbud_3_mdr", 2, "pp", "", "antal")]

    def cell(key, value, published, n):
        return _cell(key, "andel_tilbud_3_mdr", value, published) | {"raw_row": {"antal": n, "kategori": key}}

    cells = {"bilag_3_13": [
        cell("ledighedsydelse", 62.5, 50.0, 8),  # 200 x sqrt(0.25 / 8) = 35.36 pp; 12.5 <= 2 + 35.36
        cell("kth", 55.0, 50.0, 10_000),  # 200 x sqrt(0.25 / 10,000) = 1.0 pp; 5.0 > 2 + 1.0
        cell("udh", 66.0, 65.0, 593),  # inside the band: no verdict on the uncertainty
        cell("sygedagpenge", 25.0, 19.0, None),  # no persons in the row: no uncertainty
    ]}
    by = {r["noegle"]: r for r in calibration.evaluate(cells, t)}
    assert round(by["ledighedsydelse"]["usikkerhed"], 2) == 35.36
    assert by["ledighedsydelse"]["inden_for"] is False and by["ledighedsydelse"]["inden_for_usikkerhed"] is True
    assert by["kth"]["usikkerhed"] == 1.0 and by["kth"]["inden_for_usikkerhed"] is False
    assert by["udh"]["inden_for"] is True and by["udh"]["inden_for_usikkerhed"] is None
    assert round(by["udh"]["usikkerhed"], 2) == round(200 * (0.65 * 0.35 / 593) ** 0.5, 2) == 3.92
    assert by["sygedagpenge"]["usikkerhed"] is None and by["sygedagpenge"]["inden_for_usikkerhed"] is None
    st = calibration.status(list(by.values()))["kalibrering"]
    assert (st["uden_for"], st["inden_for_usikkerhed"]) == (3, 1)
    # the worst first by bands beyond the uncertainty: sygedagpenge 6 / 2 = 3, kth (5 - 1) / 2 = 2,
    # ledighedsydelse 0 (12.5 - 35.4 < 0)
    assert [r["noegle"] for r in st["vaerste"]] == ["sygedagpenge", "kth", "ledighedsydelse"]
    # beyond doubt, as the summary lists them: outside band + uncertainty or without one; ledighedsydelse
    # (within its 35.4) and udh (in band) are not
    assert [r["noegle"] for r in calibration.misses(list(by.values()))] == ["sygedagpenge", "kth"]


def test_a_share_without_naevner_takes_the_reports_own_uncertainty():
    """A target without a naevner column (Bilag 3.2-3.5: the share's persons are a sum over its group)
    takes the cell's `noise`, the report's two standard errors from the share's declared denominator:
    a difference of 6 points beyond a band of 2 is within 2 + 4.5 and not within 2 + 3.0; a cell
    without it has no uncertainty; a mean age (own units) never takes it."""
    t = [Target("kalibrering", "bilag_3_3", "*", "andel", 2, "pp", ""),
         Target("kalibrering", "bilag_3_8", "*", "vaerdi", 1, "enheder", "")]
    cells = {"bilag_3_3": [_cell("a", "andel", 70.0, 64.0) | {"noise": 4.5},
                           _cell("b", "andel", 70.0, 64.0) | {"noise": 3.0},
                           _cell("c", "andel", 70.0, 64.0)],
             "bilag_3_8": [_cell("x|gns_alder", "vaerdi", 44.0, 42.0) | {"noise": 5.0}]}
    by = {r["noegle"]: r for r in calibration.evaluate(cells, t)}
    assert by["a"]["usikkerhed"] == 4.5 and by["a"]["inden_for_usikkerhed"] is True
    assert by["b"]["usikkerhed"] == 3.0 and by["b"]["inden_for_usikkerhed"] is False
    assert by["c"]["usikkerhed"] is None and by["c"]["inden_for_usikkerhed"] is None
    assert by["x|gns_alder"]["usikkerhed"] is None


def test_a_count_of_few_synthetic_persons_carries_its_uncertainty():
    """A count's band is in per cent of the published count; its uncertainty two standard errors of a
    Poisson count of the synthetic persons behind it (the cell before scaling): 200 / sqrt(n) per cent."""
    t = [Target("kalibrering", "tabel_3_1", "*", "antal", 5, "pct", "")]

    def cell(key, shown, published, raw):
        return _cell(key, "antal", shown, published) | {"raw": raw, "share": False}

    cells = {"tabel_3_1": [
        cell("revalidering", 8_532.0, 8_100.0, 400),  # 5.33 % off; 200 / sqrt(400) = 10 %: within 5 + 10
        cell("sygedagpenge", 74_104.0, 82_100.0, 3_800),  # 9.74 % off; 200 / sqrt(3,800) = 3.24 %: 9.74 > 8.24
        cell("fleksjob", 0.0, 56_600.0, 0),  # nobody: no uncertainty (and far outside)
    ]}
    by = {r["noegle"]: r for r in calibration.evaluate(cells, t)}
    assert by["revalidering"]["usikkerhed"] == 10.0 and by["revalidering"]["inden_for_usikkerhed"] is True
    assert round(by["sygedagpenge"]["usikkerhed"], 2) == 3.24 and by["sygedagpenge"]["inden_for_usikkerhed"] is False
    assert by["fleksjob"]["usikkerhed"] is None and by["fleksjob"]["inden_for_usikkerhed"] is None



def test_a_shares_persons_come_from_its_declared_denominator():
    # Bilag 3.3's share is of the row's group (ydelse, anciennitet) summed over its sources, less the
    # total rows; Tabel 3.2's is of its own row's persons. Group under_1: 30 + 10 = 40 persons (the
    # rows offentlig and ikke_offentlig are totals, left out); group 1_3: 5. Tabel 3.2's row: 149.
    from pipeline.disclosure.spec import parse_table

    meta = {"key": ["ydelse", "anciennitet", "kilde"], "columns": {
        "ydelse": {"kind": "key"}, "anciennitet": {"kind": "key"}, "kilde": {"kind": "key"},
        "antal": {"kind": "persons"},
        "andel": {"kind": "share", "of": ["antal", {"sum": "antal", "by": ["ydelse", "anciennitet"],
                                                    "exclude": {"kilde": ["offentlig", "ikke_offentlig"]}}]}}}
    columns = parse_table("t", meta, "t.yml").columns
    rows = [{"ydelse": "kth", "anciennitet": "under_1", "kilde": "selvforsoergelse", "antal": 30},
            {"ydelse": "kth", "anciennitet": "under_1", "kilde": "sygedagpenge", "antal": 10},
            {"ydelse": "kth", "anciennitet": "under_1", "kilde": "ikke_offentlig", "antal": 30},
            {"ydelse": "kth", "anciennitet": "1_3", "kilde": "selvforsoergelse", "antal": 5}]
    assert calibration.share_persons(rows, columns["andel"], columns) == [40, 40, 40, 5]
    own = parse_table("u", {"columns": {"antal": {"kind": "persons"}, "andel": {"kind": "share", "of": ["x", "antal"]},
                                        "x": {"kind": "persons"}, "grad": {"kind": "share", "of": [None, "timer"]},
                                        "timer": {"kind": "magnitude", "per_person_max": 37}}}, "u.yml").columns
    rows = [{"antal": 149, "x": 100, "timer": 5000.0}]
    assert calibration.share_persons(rows, own["andel"], own) == [149.0]
    assert calibration.share_persons(rows, own["grad"], own) == [None]  # of hours, not of persons
    # two standard errors at the published 71 % of 149 persons: 200 x sqrt(0.71 x 0.29 / 149) = 7.43 points
    assert abs(calibration.share_noise(71, 149) - 7.4347) < 1e-3
    assert calibration.share_noise(71, None) is None and calibration.share_noise(71, 0) is None
