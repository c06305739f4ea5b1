"""Bad input: exit code 3, a message naming file, row/column and problem, rejected rows
kept with their reason, nothing half-written published."""

import csv
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.dreamfix import write_dream
from tests.population import FIRST, LAST, PERSONS, R

SMALL = {k: PERSONS[k] for k in ("P01", "P04", "P07", "P15")}


def csv_extract(tmp_path: Path, delimiter: str = ",") -> Path:
    data = tmp_path / "data"
    write_dream(data, SMALL, FIRST, LAST, fmt="csv", delimiter=delimiter)
    return data / "dream.csv"


def edit_line(path: Path, line_no: int, fn) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line_no - 1] = fn(lines[line_no - 1])
    path.write_text("".join(lines), encoding="utf-8")


def run_bad(tmp_path, capsys, *extra) -> tuple[int, str]:
    code = run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out", *extra)
    return code, capsys.readouterr().err


def rejected_rows(tmp_path) -> list[dict]:
    with open(tmp_path / "out" / "rejected" / "dream.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_duplicate_pnr(tmp_path, capsys):
    path = csv_extract(tmp_path)
    # line 1 is the header; line 3 is P04: give it P01's pnr
    edit_line(path, 3, lambda s: s.replace("P04", "P01", 1))
    code, err = run_bad(tmp_path, capsys)
    assert code == 3
    assert "dream.csv" in err and "pnr P01 appears 2 times (lines 2, 3)" in err
    rows = rejected_rows(tmp_path)
    assert [(r["row"], r["pnr"]) for r in rows] == [("2", "P01"), ("3", "P01")]


def test_non_numeric_code(tmp_path, capsys):
    path = csv_extract(tmp_path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    col = header.index("y_1420")  # week R = 2014-W20, where P07 (line 4) has code 130
    edit_line(path, 4, lambda s: ",".join("13O" if i == col else v for i, v in enumerate(s.rstrip("\n").split(","))) + "\n")
    code, err = run_bad(tmp_path, capsys)
    assert code == 3
    assert "line 4" in err and "y_1420" in err and "'13O' is not a whole number" in err
    assert rejected_rows(tmp_path)[0]["row"] == "4"


def test_malformed_week_column(tmp_path, capsys):
    path = csv_extract(tmp_path)
    edit_line(path, 1, lambda s: s.replace("y_1420", "y_14x0"))
    code, err = run_bad(tmp_path, capsys)
    assert code == 3
    assert "dream.csv" in err and "column y_14x0" in err and "malformed week column" in err


def test_week_53_in_a_52_week_year(tmp_path, capsys):
    path = csv_extract(tmp_path)
    edit_line(path, 1, lambda s: s.replace("y_1420", "y_1453"))
    code, err = run_bad(tmp_path, capsys)
    assert code == 3 and "column y_1453" in err and "2014 has no ISO week 53" in err


def test_missing_week_column(tmp_path, capsys):
    path = csv_extract(tmp_path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    col = header.index("y_1420")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(v for i, v in enumerate(line.split(",")) if i != col) for line in lines) + "\n",
                    encoding="utf-8")
    code, err = run_bad(tmp_path, capsys)
    assert code == 3 and "1 week column(s) missing" in err and "2014-W20" in err


def test_truncated_csv(tmp_path, capsys):
    path = csv_extract(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 400], encoding="utf-8")  # cut inside the last line (line 5)
    code, err = run_bad(tmp_path, capsys)
    assert code == 3
    assert "line 5" in err and "missing columns" in err and "truncated" in err
    assert rejected_rows(tmp_path)[0]["row"] == "5"


def test_truncated_parquet(tmp_path, capsys):
    data = tmp_path / "data"
    write_dream(data, SMALL, FIRST, LAST)
    raw = (data / "dream.parquet").read_bytes()
    (data / "dream.parquet").write_bytes(raw[: len(raw) // 2])
    code, err = run_bad(tmp_path, capsys)
    assert code == 3 and "dream.parquet" in err and "not a readable Parquet file" in err


def test_semicolon_file_is_read_right(tmp_path):
    csv_extract(tmp_path, delimiter=";")
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out", "--select", "*tabel_3_1") == 0
    text = (tmp_path / "out" / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8")
    assert "i_alt,I alt,4,4," in text  # P01, P04, P07, P15 all counted and long-term one year


def test_ambiguous_delimiter(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dream.csv").write_text("pnr\nP01\n", encoding="utf-8")
    code, err = run_bad(tmp_path, capsys)
    assert code == 3 and "cannot tell the delimiter" in err


def test_failed_run_publishes_nothing(tmp_path, capsys):
    """A good run, then a bad one into the same folder: the good outputs stay as they were."""
    path = csv_extract(tmp_path)
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out", "--select", "*tabel_3_1") == 0
    before = (tmp_path / "out" / "tables" / "tabel_3_1.csv").read_bytes()
    edit_line(path, 3, lambda s: s.replace("P04", "P01", 1))
    code, _ = run_bad(tmp_path, capsys)
    assert code == 3
    assert (tmp_path / "out" / "tables" / "tabel_3_1.csv").read_bytes() == before
    assert not list((tmp_path / "out").glob(".staging-*"))
    assert (tmp_path / "out" / "rejected" / "dream.csv").exists()


def test_rejected_rows_can_be_tolerated(tmp_path, capsys):
    path = csv_extract(tmp_path)
    edit_line(path, 3, lambda s: s.replace("P04", "P01", 1))
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out", "--max-rejected", "2",
                   "--select", "*tabel_3_1") == 0
    text = (tmp_path / "out" / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8")
    assert "i_alt,I alt,2,2," in text  # both P01 rows rejected; P07 and P15 remain
    html = (tmp_path / "out" / "report" / "datakvalitet.html").read_text(encoding="utf-8")
    assert "pnr P01 appears 2 times" in html
    # rows in = accepted + rejected
    import json
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    f = [i for i in run["inputs"] if i["extract"] == "dream"][0]
    assert (f["rows_in"], f["accepted"], f["rejected"]) == (4, 2, 2)


def test_bad_visitation_rows(tmp_path, capsys):
    write_dream(tmp_path / "data", SMALL, FIRST, LAST)
    (tmp_path / "data" / "visitation.csv").write_text(
        "pnr;fra_dato;til_dato;ydelse;kategori\n"
        "P07;2014-01-06;;kth;jobparat\n"
        "P07;31-02-2014;;kth;jobparat\n"
        "P07;2014-03-03;2014-01-01;kth;jobparat\n"
        "P07;2014-03-03;;kth;uddannelsesparat\n"
        "P07;2014-03-03;;dagpenge;jobparat\n", encoding="utf-8")
    code, err = run_bad(tmp_path, capsys)
    assert code == 3
    assert "visitation.csv, line 3: fra_dato: '31-02-2014' is not a date" in err
    with open(tmp_path / "out" / "rejected" / "visitation.csv", encoding="utf-8") as f:
        reasons = {r["row"]: r["reason"] for r in csv.DictReader(f)}
    assert reasons == {
        "3": "fra_dato: '31-02-2014' is not a date",
        "4": "til_dato 2014-01-01 is before fra_dato 2014-03-03",
        "5": "kategori: 'uddannelsesparat' is not a visitation category of kth",
        "6": "ydelse: 'dagpenge' is not kth or udh",
    }


def test_bad_arguments_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        run_cli("run", "--data", tmp_path, "--out", tmp_path / "o", "--reference-week", "2014-W54")
    assert e.value.code == 2
    assert run_cli("run", "--data", tmp_path / "nope", "--out", tmp_path / "o") == 2
    assert "no such folder" in capsys.readouterr().err
    assert run_cli("report", "--out", tmp_path / "empty") == 2
    (tmp_path / "d").mkdir()
    assert run_cli("run", "--data", tmp_path / "d", "--out", tmp_path / "o", "--set", "bogus=1") == 2
    assert run_cli("run", "--data", tmp_path / "d", "--out", tmp_path / "o", "--set", "company_quarter=2014Q5") == 2


def test_no_dream_extract(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    code, err = run_bad(tmp_path, capsys)
    assert code == 3 and "no DREAM extract" in err
    assert R > 0


def test_a_parquet_extract_streams_through_its_checks(tmp_path):
    """Paid hours in Parquet: the accepted rows land, each rejected row is named by its row number and
    reason, the counts add up, and no staging copy of the extract is left in the database."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.ingest.loentimer import load_loentimer
    from pipeline.ingest.rejects import Rejects

    rows = [("A", "2014-01", 10.5, "ordinaer"), ("A", "2014-13", 3.0, "ordinaer"),  # row 2: no 13th month
            ("B", "2014-02", 800.0, "stoettet"),  # row 3: more hours than a month has
            ("B", "2014-03", 0.0, "stoettet"), ("C", "2014-04", None, "ordinaer"),  # row 5: no hours
            ("A", "2014-1\t", 1.0, "ordinaer"), ("A", "\t014-01", 1.0, "ordinaer")]  # rows 6, 7: a date parser
    # takes both (January 2014, January of year 14); they are not YYYY-MM
    pq.write_table(pa.table({k: [r[i] for r in rows] for i, k in enumerate(("pnr", "maaned", "timer", "type"))}),
                   tmp_path / "loentimer.parquet")
    rejects = Rejects()
    with duckdb.connect() as con:
        # DREAM knows A (person 7), not B: B's hours are kept with no person id
        con.execute("CREATE TABLE persons AS SELECT 7::BIGINT AS person_id, 'A' AS pnr")
        stats = load_loentimer(con, tmp_path, rejects)
        # the type lands as stoettet (true for supported hours, false for ordinary ones)
        assert con.execute("SELECT person_id, CAST(maaned AS VARCHAR), timer, stoettet FROM loentimer "
                           "ORDER BY maaned").fetchall() == [(7, "2014-01-01", 10.5, False),
                                                             (None, "2014-03-01", 0.0, True)]
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'stg_%'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'stg_%'").fetchone() == (0,)
    assert [(r.row, r.reason) for r in rejects.rows] == [
        (2, "maaned: '2014-13' is not YYYY-MM"), (3, "timer 800.0 is outside 0-744 hours a month"),
        (5, "timer: '' is not a number"),  # the hours came as numbers, not text: the message is the same
        (6, "maaned: '2014-1\t' is not YYYY-MM"), (7, "maaned: '\t014-01' is not YYYY-MM")]
    assert (stats[0]["rows_in"], stats[0]["accepted"], stats[0]["rejected"]) == (7, 2, 5)
