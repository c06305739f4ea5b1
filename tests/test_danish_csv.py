"""publication/'s CSV opens right in Danish Excel: ';', decimal comma, UTF-8 with a BOM."""

from __future__ import annotations

from pipeline.report.publication import read_danish_csv, write_danish_csv


def test_a_table_is_written_for_danish_excel_and_read_back(tmp_path):
    path = tmp_path / "t.csv"
    rows = [{"kommune": "Høje-Taastrup", "antal": 1250, "andel": 12.5, "timer": -0.25, "skjult": "."},
            {"kommune": "Aabenraa", "antal": None, "andel": 7.0, "timer": 1e-07, "skjult": "."}]
    write_danish_csv(path, list(rows[0]), rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 (æøå) only with it
    assert raw.decode("utf-8-sig").split("\r\n") == [
        "kommune;antal;andel;timer;skjult",
        "Høje-Taastrup;1250;12,5;-0,25;.",  # a decimal comma, no thousands separator; '.' is a hidden cell
        "Aabenraa;;7,0;1e-07;.",  # an empty cell is no value (never 0)
        ""]
    back = read_danish_csv(path)
    assert back[0] == {"kommune": "Høje-Taastrup", "antal": "1250", "andel": "12.5", "timer": "-0.25", "skjult": "."}
    assert back[1]["antal"] == "" and back[1]["andel"] == "7.0"
