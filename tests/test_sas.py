"""SAS datasets (.xpt, the transport format pyreadstat can write; .sas7bdat goes through the same
chunked reader) load as their Parquet twins do: the same tables, the same validation."""

import datetime as dt

import polars as pl
import pyarrow.parquet as pq
import pytest

from pipeline.ingest import sas
from tests.conftest import query, run_cli
from tests.dreamfix import write_dream, write_visitation
from tests.population import FIRST, LAST, PERSONS
from tests.sqlrun import run_models

pyreadstat = pytest.importorskip("pyreadstat")


def as_xpt(parquet, xpt) -> None:
    pyreadstat.write_xport(pl.read_parquet(parquet), str(xpt))
    parquet.unlink()


def test_a_sas_dream_gives_the_tables_its_parquet_twin_gives(tmp_path):
    write_dream(tmp_path / "pq", PERSONS, FIRST, LAST)
    write_dream(tmp_path / "sas", PERSONS, FIRST, LAST)
    as_xpt(tmp_path / "sas" / "dream.parquet", tmp_path / "sas" / "dream.xpt")
    a = run_models(tmp_path / "pq", tmp_path / "out_pq", ["tabel_3_1"])
    b = run_models(tmp_path / "sas", tmp_path / "out_sas", ["tabel_3_1"])
    assert (a / "tables" / "tabel_3_1.csv").read_bytes() == (b / "tables" / "tabel_3_1.csv").read_bytes()
    assert query(a, "SELECT * FROM category_runs ORDER BY ALL") == query(b, "SELECT * FROM category_runs ORDER BY ALL")
    assert query(b, "SELECT format, rows_in, accepted FROM ingest_files") == [("sas", len(PERSONS), len(PERSONS))]


def test_a_sas_file_is_read_in_chunks_with_its_row_numbers(tmp_path):
    # SAS numbers are doubles: 130.5 is no DREAM code; its row is rejected by number, in the third chunk of two rows
    frame = pl.DataFrame({"pnr": ["A", "B", "C", "D", "E"], "koen": [1, 2, 1, 2, 1], "foedselsaar": [1960] * 5,
                          "herkomst": [1] * 5, "y_1401": [130.0, 0.0, 111.0, 0.0, 130.5]})
    pyreadstat.write_xport(frame, str(tmp_path / "dream.xpt"))
    copy = sas.to_parquet(tmp_path / "dream.xpt", tmp_path, chunk_rows=2)
    assert pq.ParquetFile(copy).metadata.num_row_groups == 3 and pq.read_table(copy).num_rows == 5
    (tmp_path / "data").mkdir()
    (tmp_path / "dream.xpt").rename(tmp_path / "data" / "dream.xpt")
    out = run_models(tmp_path / "data", tmp_path / "out", ["category_runs"], max_rejected=1)
    assert query(out, "SELECT \"row\", pnr, reason FROM ingest_rejects") == \
        [(5, "E", "y_1401: 130.5 is not an integer DREAM code")]


def test_a_sas_visitation_with_dates(tmp_path):
    records = [{"pnr": "P01", "fra_dato": dt.date(2014, 1, 6), "til_dato": dt.date(2014, 6, 30), "ydelse": "kth",
                "kategori": "aktivitetsparat"}]
    write_dream(tmp_path / "pq", PERSONS, FIRST, LAST)
    write_dream(tmp_path / "sas", PERSONS, FIRST, LAST)
    write_visitation(tmp_path / "pq", records)
    write_visitation(tmp_path / "sas", records)
    as_xpt(tmp_path / "sas" / "visitation.parquet", tmp_path / "sas" / "visitation.xpt")
    a = run_models(tmp_path / "pq", tmp_path / "out_pq", ["category_runs"])
    b = run_models(tmp_path / "sas", tmp_path / "out_sas", ["category_runs"])
    assert query(b, "SELECT pnr, fra_dato, til_dato, ydelse, kategori FROM visitation") == \
        [("P01", dt.date(2014, 1, 6), dt.date(2014, 6, 30), "kth", "aktivitetsparat")]
    assert query(a, "SELECT * FROM category_runs ORDER BY ALL") == query(b, "SELECT * FROM category_runs ORDER BY ALL")


@pytest.mark.e2e
def test_a_damaged_sas_file_is_bad_input(tmp_path, capsys):
    write_dream(tmp_path / "data", PERSONS, FIRST, LAST)
    as_xpt(tmp_path / "data" / "dream.parquet", tmp_path / "data" / "dream.xpt")
    raw = (tmp_path / "data" / "dream.xpt").read_bytes()
    (tmp_path / "data" / "dream.xpt").write_bytes(raw[: len(raw) // 3])  # truncated
    assert run_cli("run", "--data", tmp_path / "data", "--out", tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert "dream.xpt" in err and "not a readable SAS file" in err


def test_a_sas_file_that_fails_to_load_leaves_no_copy(tmp_path, monkeypatch):
    """The Parquet copy is removed when the load stops on the file, DREAM and the other extracts alike."""
    import tempfile

    from pipeline.errors import InputError
    from pipeline.ingest.dream import load_dream
    from pipeline.ingest.rejects import Rejects
    from pipeline.ingest.visitation import load_visitation

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "data").mkdir()
    # no pnr column: the copy is made, then the columns are refused
    pyreadstat.write_xport(pl.DataFrame({"koen": [1], "y_1401": [130.0]}), str(tmp_path / "data" / "dream.xpt"))
    pyreadstat.write_xport(pl.DataFrame({"koen": [1]}), str(tmp_path / "data" / "visitation.xpt"))
    import duckdb

    con = duckdb.connect()
    # while the error (and its traceback, which keeps the loader's frames alive) is still held: removed at
    # once, not when the garbage collector gets to it
    with pytest.raises(InputError) as dream_error:
        load_dream(con, tmp_path / "data", tmp_path / "staging", Rejects())
    assert dream_error.value and list((tmp_path / "tmp").iterdir()) == []
    with pytest.raises(InputError) as visitation_error:
        load_visitation(con, tmp_path / "data", Rejects())
    assert visitation_error.value and list((tmp_path / "tmp").iterdir()) == []
