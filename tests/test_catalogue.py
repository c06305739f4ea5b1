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
    source = "Kilde: Nye veje mod job (2015), bilag 3.15, tabel 8"
    assert drawn["syntetisk"][-2:] == [source, "SYNTETISKE DATA"]  # after the figure's own title
    assert drawn["rigtig"][-1] == source and "SYNTETISKE DATA" not in drawn["rigtig"]
    assert drawn["uden"] == ["titel"] and (tmp_path / "syntetisk.png").stat().st_size > 1000


def test_the_summary_compares_like_with_like(monkeypatch, tmp_path):
    """Shares in percentage points, counts relatively above a floor, other measures in their own unit."""
    from dataclasses import replace

    from pipeline.report import render
    from pipeline.report.catalogue import Column, Params

    spec = replace({t.id: t for t in report_tables()}["tabel_3_1"],
                   columns=(Column("andel", "Andel, pct.", True, 1, "", "share"),
                            Column("antal", "Antal", False, 0, "", "persons"),
                            Column("timer", "Timer pr. person", True, 1, "", "mean")))

    def cell(column, value, published):  # as comparison() gives it, with the column's label
        label = {c.name: c.label for c in spec.columns}[column]
        return {"column": column, "label": label, "row": "Kontanthjælp", "value": value, "published": published,
                "diff": value - published, "share": column != "antal", "suppressed": False}

    rows = [{"label": "Kontanthjælp", "cells": [cell("andel", 40.0, 37.5), cell("antal", 150.0, 100.0),
                                                cell("timer", 212.2, 100.0)]},
            {"label": "Fleksjob", "cells": [cell("andel", 10.0, 10.5), cell("antal", 11000.0, 10000.0),
                                            cell("timer", 5.0, 5.0)]}]
    monkeypatch.setattr(render, "comparison", lambda con, s, scale: rows)
    monkeypatch.setattr(render, "suppressed_places", lambda con, tid: set())
    s = render._section(None, spec, 1.0, tmp_path, Params({"summary_min_count": 1000}), False, None)
    # shares: 40 - 37.5 = 2.5 and 10 - 10.5 = -0.5 points: largest 2.5, mean (2.5 + 0.5) / 2 = 1.5; hours per person
    # (112.2) is no share and does not top it
    assert s["max_share_diff"] == 2.5 and s["mean_share_diff"] == 1.5
    # counts: 150 against 100 is +50 %, but 100 is under the floor of 1,000: only 11,000 against 10,000 (+10 %)
    assert s["max_stock_diff"][1] == 10.0 and s["max_stock_diff"][0] == "Kontanthjælp, Antal"
    assert s["max_other_diff"]["label"] == "Timer pr. person" and round(s["max_other_diff"]["diff"], 1) == 112.2


def test_figures_drawn_in_worker_processes_are_the_figures_drawn_in_turn(tmp_path, monkeypatch):
    """draw_all spreads the figures over processes: the files must be byte for byte the same."""
    import hashlib
    from dataclasses import replace

    from pipeline.cache import Cache
    from pipeline.report import render

    base = {t.id: t for t in report_tables()}["bilag_3_15_tabel_8"]
    column = base.figure[0][0]

    def jobs(folder):
        out = []
        for i in range(6):
            spec = replace(base, id=f"figur_{i}")
            rows = [{"label": f"Kommune {k}", "short_label": f"Kommune {k}", column: float(k * (i + 1) % 17),
                     f"pub_{column}": None, f"hidden_{column}": False} for k in range(12)]
            out.append(render.FigureJob(spec, rows, folder, f"Titel {i}", {}, True, f"k{i}",
                                        (folder / f"figur_{i}.png", folder / f"figur_{i}.svg")))
        return out

    def digest(folder):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    monkeypatch.setenv("ALMP_FIGURE_WORKERS", "1")
    render.draw_all(jobs(tmp_path / "in_turn"), Cache(None))
    monkeypatch.setenv("ALMP_FIGURE_WORKERS", "2")
    render.draw_all(jobs(tmp_path / "workers"), Cache(None))
    assert len(digest(tmp_path / "workers")) == 12 and digest(tmp_path / "workers") == digest(tmp_path / "in_turn")
