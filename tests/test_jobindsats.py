"""Loading Jobindsats tables (pipeline/ingest/jobindsats.py) from files written by hand after the
formats the portal and its API deliver (docs/DATA_CONTRACT.md §2.6): every format gives the same
cells, totals are kept as published, suppressed cells are NULL and flagged, and every bad file
stops the load naming the file, the row and the problem."""

from __future__ import annotations

import csv
import json
from datetime import date

import duckdb
import pytest

from pipeline import REFERENCE
from pipeline.errors import InputError
from pipeline.ingest.jobindsats import Areas, load_jobindsats, parse_period

# Y01A02-like: two months, Hele landet and Brøndby, Køn i alt / Kvinder / Mænd. The total
# (Køn i alt) is 4,2 though its rows are 2,1 + 2,2 = 4,3 (each rounded on its own): kept as published.
# Brøndby's Kvinder is suppressed.
HEADER = ["Periode", "Køn", "Antal personer", "Antal fuldtidspersoner",
          "Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år"]
ROWS = [
    ["Hele landet", "2021M01", "Køn i alt", 144315, 120525, 4.2],
    ["Hele landet", "2021M01", "Kvinder", 72405, 59664, 2.1],
    ["Hele landet", "2021M01", "Mænd", 71910, 60862, 2.2],
    ["Brøndby", "2021M02", "Køn i alt", 380, 370, 2.3],
    ["Brøndby", "2021M02", "Kvinder", None, None, None],
    ["Brøndby", "2021M02", "Mænd", 200, 190, 1.2],
]


def _dk(v) -> str:
    return "" if v is None else str(v).replace(".", ",")


def write_csv(path, area="Area", bom=False, sep=";"):
    lines = [sep.join([area, *HEADER])] + [sep.join([r[0], r[1], r[2], *map(_dk, r[3:])]) for r in ROWS]
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")


def write_v2(path):
    labels = ["Area", *HEADER]
    path.write_text(json.dumps([{"Variables": [{"Label": v} for v in labels],
                                 "Data": [[r[0], r[1], r[2], *map(_dk, r[3:])] for r in ROWS]}]), encoding="utf-8")


def write_v3(path):
    cols = ["Periode", "Område", *HEADER[1:]]
    path.write_text(json.dumps({"columns": cols, "rows": [[r[1], r[0], r[2], *r[3:]] for r in ROWS]}),
                    encoding="utf-8")


def write_ndjson(path):
    labels = ["Area", *HEADER]
    path.write_text("\n".join(json.dumps(dict(zip(labels, r)), ensure_ascii=False) for r in ROWS) + "\n",
                    encoding="utf-8")


def write_xlsx(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Antal personer og fuldtidspersoner"])  # the portal's title rows above the header
    ws.append(["Kilde: Jobindsats"])
    ws.append([])
    ws.append(["Område", *HEADER])
    for r in ROWS:
        ws.append([r[0], r[1], r[2], *(".." if v is None else v for v in r[3:])])
    wb.save(path)


def load(tmp_path, name, writer, **kw) -> duckdb.DuckDBPyConnection:
    folder = tmp_path / "data" / "jobindsats"
    folder.mkdir(parents=True, exist_ok=True)
    writer(folder / name, **kw)
    con = duckdb.connect()
    load_jobindsats(con, tmp_path / "data")
    return con


def cells(con) -> list[tuple]:
    return con.execute("SELECT omraade, kommune, niveau, periode, periodetype, dimensioner['Køn'], maaling, vaerdi, "
                       "undertrykt, total FROM jobindsats ORDER BY omraade, periode, dimensioner['Køn'], maaling").fetchall()


@pytest.mark.parametrize("name,writer,kw", [
    ("Y01A02_portal.csv", write_csv, {"area": "Område", "bom": True}),
    ("Y01A02_api.csv", write_csv, {}),
    ("Y01A02.json", write_v2, {}),
    ("Y01A02_v3.json", write_v3, {}),
    ("Y01A02_rows.csv", write_ndjson, {}),  # NDJSON saved under .csv, as a client did
    ("Y01A02.xlsx", write_xlsx, {}),
])
def test_every_format_gives_the_same_cells(tmp_path, name, writer, kw):
    con = load(tmp_path, name, writer, **kw)
    got = cells(con)
    assert len(got) == 6 * 3  # six rows x three measures
    by = {(r[0], r[3], r[5], r[6]): r for r in got}
    share = "Fuldtidspersoner i pct. af arbejdsstyrken 16-66 år"
    total = by[("Hele landet", "2021M01", "Køn i alt", share)]
    assert total[7] == 4.2 and total[9] is True  # the published total, not 2.1 + 2.2 = 4.3
    assert by[("Hele landet", "2021M01", "Kvinder", "Antal personer")][7] == 72405
    assert by[("Hele landet", "2021M01", "Mænd", "Antal personer")][9] is True  # every Hele landet row is a total
    hidden = by[("Brøndby", "2021M02", "Kvinder", "Antal personer")]
    assert hidden[7] is None and hidden[8] is True  # suppressed: NULL and flagged, never 0
    b = by[("Brøndby", "2021M02", "Mænd", "Antal fuldtidspersoner")]
    assert b[1] == 153 and b[2] == "kommune" and b[4] == "M" and b[7] == 190 and b[9] is False
    assert con.execute("SELECT DISTINCT tabel_id FROM jobindsats").fetchall() == [("Y01A02",)]
    f = con.execute("SELECT tabel_id, raekker, celler, undertrykte, perioder, omraader FROM jobindsats_files").fetchall()
    assert f == [("Y01A02", 6, 18, 3, ["2021M01", "2021M02"], 2)]
    start, end = con.execute("SELECT periode_start, periode_slut FROM jobindsats WHERE periode = '2021M02' LIMIT 1") \
        .fetchone()
    assert (start, end) == (date(2021, 2, 1), date(2021, 2, 28))


def test_composite_measure_labels_keep_their_group():
    from pipeline.ingest.jobindsats import Grid, load_grid

    label = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: Faktisk antal"
    grid = Grid("api_v3_json", ["Område", "Periode", "Ydelsesgrupper", label],
                [["København", "2020QMAT02", "Ydelsesgrupper i alt", 44010]], [1])
    from pathlib import Path

    rows, _ = load_grid(Path("/nowhere/Y30R21.json"), grid, Areas(), "jobindsats/Y30R21.json")
    (r,) = rows
    assert r["maalegruppe"] == "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse"
    assert r["maaling"] == label and r["total"] is True and r["kommune"] == 101 and r["periodetype"] == "QMAT"


@pytest.mark.parametrize("label,expected", [
    ("2021M01", ("M", date(2021, 1, 1), date(2021, 1, 31))),
    ("2024M02", ("M", date(2024, 2, 1), date(2024, 2, 29))),  # a leap year
    ("2014K2", ("K", date(2014, 4, 1), date(2014, 6, 30))),
    ("2014Q2", ("K", date(2014, 4, 1), date(2014, 6, 30))),
    ("2024Q04", ("K", date(2024, 10, 1), date(2024, 12, 31))),
    # a moving annual total ending with 2020's second quarter: 2019Q3 ... 2020Q2
    ("2020QMAT02", ("QMAT", date(2019, 7, 1), date(2020, 6, 30))),
    ("2020QMAT04", ("QMAT", date(2020, 1, 1), date(2020, 12, 31))),  # ending in Q4: the calendar year
    ("2020QMAT01", ("QMAT", date(2019, 4, 1), date(2020, 3, 31))),
    ("2024Y01", ("Y", date(2024, 1, 1), date(2024, 12, 31))),
    ("2014", ("Y", date(2014, 1, 1), date(2014, 12, 31))),
])
def test_every_period_form_has_its_start_and_end(label, expected):
    assert parse_period(label) == expected


@pytest.mark.parametrize("label", ["2021M13", "2014Q5", "2014H1", "juni 2014", "2021-01", ""])
def test_an_unknown_period_form_is_an_error(label):
    with pytest.raises(ValueError):
        parse_period(label)


def test_every_municipality_and_its_variants_map_to_its_code():
    areas = Areas()
    with open(REFERENCE / "kommuner.csv", encoding="utf-8") as f:
        kommuner = {int(r["kommune"]): r["navn"] for r in csv.DictReader(f)}
    assert len(kommuner) == 98
    for code, name in kommuner.items():
        assert areas.lookup(name) == (code, "kommune")
        assert areas.lookup(f"{name} Kommune") == (code, "kommune")
        assert areas.lookup(name.upper()) == (code, "kommune")
    for variant, code in {"Høje-Taastrup": 169, "Høje-Tåstrup": 169, "Lyngby-Tårbæk": 173, "Fåborg-Midtfyn": 430,
                          "Åbenrå": 580, "Århus": 751, "Københavns Kommune": 101, "Bornholms Regionskommune": 400,
                          "Brønderslev-Dronninglund": 810, "Nordfyn": 480,
                          "Vesthimmerlands": 820}.items():
        assert areas.lookup(variant) == (code, "kommune"), variant
    assert areas.lookup("Hele landet") == (None, "hele_landet")
    assert areas.lookup("Region Hovedstaden") == (None, "region")
    assert areas.lookup("RAR Østjylland") == (None, "rar")
    with pytest.raises(ValueError):
        areas.lookup("Gotham")


def _bad(tmp_path, name: str, content: str | bytes) -> InputError:
    folder = tmp_path / "data" / "jobindsats"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(InputError) as e:
        load_jobindsats(duckdb.connect(), tmp_path / "data")
    assert e.value.exit_code == 3 and name in str(e.value)
    return e.value


def test_an_api_key_error_saved_as_data_is_named(tmp_path):
    e = _bad(tmp_path, "Y30R21.csv", '{"Forkert nøgle eller nøglen er udløbet.":""}\n')
    assert "wrong or expired key" in str(e)
    e = _bad(tmp_path / "b", "Y30R21.json", "Forkert nøgle eller nøglen er udløbet.")
    assert "wrong or expired key" in str(e)


def test_a_v3_error_body_is_named(tmp_path):
    e = _bad(tmp_path, "y30r21.json", json.dumps({"code": 422, "cause": "Unknown hierarchies: ['_omrade']",
                                                 "request_id": "a36e"}))
    assert "HTTP 422" in str(e) and "Unknown hierarchies" in str(e)


def test_truncated_json_is_named_with_its_line(tmp_path):
    e = _bad(tmp_path, "Y01A02.json", '{"columns": ["Periode", "Område", "Antal"],\n "rows": [["2021M01", "Brøndby", 3')
    assert "truncated" in str(e) and e.row == 2


def test_a_csv_with_commas_is_refused_not_read_as_one_column(tmp_path):
    e = _bad(tmp_path, "Y01A02.csv", "Area,Periode,Antal personer\nBrøndby,2021M01,380\n")
    assert "commas" in str(e) and e.row == 1


def test_a_truncated_csv_line_is_named(tmp_path):
    e = _bad(tmp_path, "Y01A02.csv", "Area;Periode;Køn;Antal personer\nBrøndby;2021M01;Køn i alt;380\nBrøndby;2021M0")
    assert e.row == 3


def test_an_unknown_period_or_area_names_row_and_column(tmp_path):
    e = _bad(tmp_path, "Y01A02.csv", "Area;Periode;Antal personer\nBrøndby;2021M01;380\nBrøndby;2021H2;390\n")
    assert e.row == 3 and e.column == "Periode" and "2021H2" in str(e)
    e = _bad(tmp_path / "b", "Y01A02.csv", "Area;Periode;Antal personer\nBrøndby;2021M01;380\nGotham;2021M01;390\n")
    assert e.row == 3 and e.column == "Area" and "Gotham" in str(e)


def test_an_empty_table_is_not_loaded_as_one(tmp_path):
    e = _bad(tmp_path, "Y01A02.json", json.dumps({"columns": ["Periode", "Område", "Antal"], "rows": []}))
    assert "empty table" in str(e)


def test_no_folder_is_two_empty_tables(tmp_path):
    con = duckdb.connect()
    assert load_jobindsats(con, tmp_path) == []
    assert con.execute("SELECT count(*) FROM jobindsats").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM jobindsats_files").fetchone()[0] == 0


@pytest.mark.e2e
def test_almp_run_loads_the_folder_and_a_bad_file_stops_it_with_exit_3(tmp_path, capsys):
    from tests.conftest import query, run_cli
    from tests.dreamfix import write_dream
    from tests.population import FIRST, LAST, PERSONS

    data, out = tmp_path / "data", tmp_path / "out"
    write_dream(data, {k: PERSONS[k] for k in ("P01", "P15")}, FIRST, LAST)
    (data / "jobindsats").mkdir()
    write_csv(data / "jobindsats" / "Y01A02_hele_landet.csv", bom=True)
    write_v3(data / "jobindsats" / "Y08A02.json")
    assert run_cli("run", "--data", data, "--out", out) == 0
    assert query(out, "SELECT tabel_id, count(*), count(*) FILTER (WHERE undertrykt) FROM jobindsats "
                      "GROUP BY 1 ORDER BY 1") == [("Y01A02", 18, 3), ("Y08A02", 18, 3)]
    assert query(out, "SELECT count(*) FROM ingest_files WHERE extract = 'jobindsats'") == [(2,)]
    before = (out / "run.json").read_bytes()
    # the next delivery's Jobindsats file is an API error saved as data: exit 3, the outputs untouched
    (data / "jobindsats" / "Y08A02.json").write_text(json.dumps({"code": 422, "cause": "Unknown hierarchies"}),
                                                      encoding="utf-8")
    capsys.readouterr()
    assert run_cli("run", "--data", data, "--out", out) == 3
    err = capsys.readouterr().err
    assert "Y08A02.json" in err and "HTTP 422" in err
    assert (out / "run.json").read_bytes() == before
