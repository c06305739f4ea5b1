"""The report's catalogue (pipeline/report/catalogue.py): what each table shows and how."""

from __future__ import annotations

import pytest

from pipeline.report.catalogue import report_tables


@pytest.fixture(scope="module")
def tables():
    return {t.id: t for t in report_tables()}


def test_a_column_without_a_kind_takes_its_spaces_kind(tables):
    # Bilag 3.15 tabel 8 names its columns' labels only; the sanction space says andel_sanktionerede is a share:
    # a share is never scaled up as a count for synthetic data, and shows one decimal
    cols = {c.name: c for c in tables["bilag_3_15_tabel_8"].columns}
    assert cols["andel_sanktionerede"].share and cols["andel_sanktionerede"].decimals == 1
    assert not cols["antal_modtagere"].share  # a count: scaled
    cols = {c.name: c for c in tables["afstemning_jobindsats_sanktioner"].columns}
    assert cols["andel_sanktionerede"].share and not cols["antal_modtagere"].share


def test_the_reconciliation_tables_compare_the_register_with_jobindsats(tables):
    t = tables["afstemning_jobindsats"]
    assert t.chapter == "afstemning" and dict(t.compare_with) == {"register": "jobindsats"}
    assert t.sort_by_size == "forskel_tolerancer" and t.html_rows == 300 and t.kind == "scatter"
    s = tables["afstemning_jobindsats_sanktioner"]
    assert dict(s.compare_with) == {"andel_sanktionerede": "jobindsats"} and s.figure == ()


def test_sorting_by_size_is_by_what_is_shown(monkeypatch):
    """A hidden cell goes last whatever its value: its place in the list must not hint at it."""
    from pipeline.report import render

    spec = {t.id: t for t in report_tables()}["afstemning_jobindsats"]
    rows = [{"maal": "personer", "ydelse": "dagpenge", "periode": "2021M01", "kommune": k, "jobindsats": j,
             "register": r, "forskel_pct": None, "tolerance": 10.0, "forskel_tolerancer": d}
            for k, j, r, d in (("101", 20.0, 2.0, -1.8), ("147", 10.0, 40.0, 3.0), ("151", 10.0, 11.0, 0.1),
                               ("153", 10.0, 30.0, 2.0))]
    monkeypatch.setattr(render, "table_rows", lambda con, tid: (list(rows[0]), [dict(r) for r in rows]))
    monkeypatch.setattr(render, "suppressed_places", lambda con, tid: {(1, "register"), (1, "forskel_tolerancer")})
    monkeypatch.setattr(render, "published", lambda tid: {})
    monkeypatch.setattr(render, "table_exists", lambda con, name: False)
    got = render.comparison(None, spec, 2.0)
    # 153 (2.0 tolerances), 101 (1.8), 151 (0.1), then 147, hidden, though its 3.0 is the largest
    assert [r["kommune"] for r in got] == ["153", "101", "151", "147"]
    # the register beside Jobindsats's own value, both scaled alike (x 2): 101 shows 4 against 40
    cell = next(c for c in got[1]["cells"] if c["column"] == "register")
    assert (cell["value"], cell["published"], cell["diff"]) == (4.0, 40.0, -36.0)


def test_a_figure_carries_its_source_and_the_synthetic_stamp(tmp_path):
    """A figure taken out of the report still says where it comes from, and that the data are synthetic."""
    from pipeline.report import figures

    rows = [{"label": "Kontanthjælp", "short_label": "Kontanthjælp", "andel": 12.5}]
    drawn = {}
    real_save = figures.save

    def keep(fig, folder, figure_id):
        paths = real_save(fig, folder, figure_id)
        drawn[figure_id] = [t.get_text() for t in fig.texts]
        return paths

    figures.save = keep
    try:
        with figures.caption("Nye veje mod job (2015), bilag 3.15, tabel 8", True):
            figures.ranking(rows, "andel", tmp_path, "syntetisk", "titel", "pct.")
        with figures.caption("Nye veje mod job (2015), bilag 3.15, tabel 8", False):
            figures.ranking(rows, "andel", tmp_path, "rigtig", "titel", "pct.")
        figures.ranking(rows, "andel", tmp_path, "uden", "titel", "pct.")  # outside a caption: nothing added
    finally:
        figures.save = real_save
    assert drawn["syntetisk"] == ["Kilde: Nye veje mod job (2015), bilag 3.15, tabel 8", "SYNTETISKE DATA"]
    assert drawn["rigtig"] == ["Kilde: Nye veje mod job (2015), bilag 3.15, tabel 8"]
    assert drawn["uden"] == [] and (tmp_path / "syntetisk.png").stat().st_size > 1000
