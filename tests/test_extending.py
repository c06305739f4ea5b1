"""docs/EXTENDING.md followed literally: its worked example, copied out of the document into a
folder of one's own, becomes an asset with the right upstream edges, runs, is exported, gets a
report section, and passes the publication's checks."""

from __future__ import annotations

import csv
import re

import pytest

from pipeline import ROOT
from tests.conftest import query, run_cli

pytestmark = pytest.mark.e2e


def example_files(folder):
    """The files the document shows: a line `name/file.ext`: and the fenced block after it."""
    text = (ROOT / "docs" / "EXTENDING.md").read_text(encoding="utf-8")
    files = re.findall(r"^`mine/([\w.]+)`:\n\n```\w+\n(.*?)```", text, flags=re.S | re.M)
    assert [f for f, _ in files] == ["aktive_efter_koen.sql", "aktive_efter_koen.yml"]
    folder.mkdir()
    for name, body in files:
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_worked_example_is_an_asset_with_its_upstream_edges(tmp_path):
    from pipeline.defs import all_assets

    mine = example_files(tmp_path / "mine")
    assets, checks = all_assets((str(mine),))
    spec = next(s for a in assets for s in a.specs if s.key.to_user_string() == "aktive_efter_koen")
    assert {d.asset_key.to_user_string() for d in spec.deps} == {"category_runs", "activation_runs", "dream"}
    assert spec.group_name == "egne" and spec.description.startswith("Share of each kontanthjælp group")
    assert any(k.asset_key.to_user_string() == "aktive_efter_koen" for c in checks for k in c.check_keys)
    publish = next(s for a in assets for s in a.specs if s.key.to_user_string() == "disclosure")
    assert "aktive_efter_koen" in {d.asset_key.to_user_string() for d in publish.deps}


def test_the_worked_example_runs_exports_reports_and_is_protected(tmp_path):
    mine = example_files(tmp_path / "mine")
    data, out = tmp_path / "data", tmp_path / "out"
    assert run_cli("generate", "--out", data, "--persons", 3000, "--seed", 5, "--start", "2010-W01",
                   "--end", "2015-W52") == 0
    assert run_cli("run", "--data", data, "--out", out, "--models", mine) == 0
    with open(out / "tables" / "aktive_efter_koen.csv", encoding="utf-8") as f:
        exact = list(csv.DictReader(f))
    assert {r["koen"] for r in exact} >= {"maend", "kvinder", "i_alt"}
    for g in {r["gruppe"] for r in exact}:  # i_alt is the sum of the sexes, as declared (and checked)
        rows = [r for r in exact if r["gruppe"] == g]
        total = next(int(r["antal"]) for r in rows if r["koen"] == "i_alt")
        assert total == sum(int(r["antal"]) for r in rows if r["koen"] != "i_alt")
    html = (out / "report" / "aktive_efter_koen.html").read_text(encoding="utf-8")
    assert 'id="aktive_efter_koen"' in html and "Egne tabeller" in html and "Andel med et aktivt tilbud" in html
    assert 'href="aktive_efter_koen.html"' in (out / "report" / "index.html").read_text(encoding="utf-8")
    assert str(mine / "aktive_efter_koen.sql") in html  # the SQL behind it, one step from the table
    raw = (out / "publication" / "aktive_efter_koen.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgruppe;koen;")  # for Danish Excel: a BOM and ';'
    with open(out / "publication" / "aktive_efter_koen.csv", encoding="utf-8-sig") as f:
        pub = list(csv.DictReader(f, delimiter=";"))
    for r in pub:  # no shown count under 5 persons
        for c in ("antal", "antal_aktive"):
            assert r[c] == "." or not 0 < int(r[c]) < 5
    assert query(out, "SELECT count(*) FROM disclosure_audit WHERE table_id = 'aktive_efter_koen' "
                      "AND NOT protected") == [(0,)]
