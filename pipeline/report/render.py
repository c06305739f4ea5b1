"""Render report/index.html and run.json from a materialised warehouse.

Used by the `report` asset and by `almp report --out DIR`: it reads only the
warehouse (tables, ingest stats, run_meta) and assets/, so a report can be
re-rendered without recomputing anything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pipeline import ASSETS, REFERENCE, ROOT, __version__, cache, tune_gc, weeks
from pipeline.cache import Cache
from pipeline.report import calibration, figures
from pipeline.report.catalogue import (Params, ReportTable, chapter_title, named, published_numbers, report_tables,
                                       value_labels)
from pipeline.report.figures import danish
from pipeline.report.publication import sheet_name, spaces, suppressed_places, table_rows
from pipeline.warehouse import table_exists


def code_version() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--tags"],
                             capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return f"{__version__} ({out.stdout.strip()})"
    except (OSError, subprocess.TimeoutExpired):
        pass
    return __version__


def read_meta(con: duckdb.DuckDBPyConnection) -> dict:
    if not table_exists(con, "run_meta"):
        return {}
    return {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM run_meta").fetchall()}


def write_meta(con: duckdb.DuckDBPyConnection, **items) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS run_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for k, v in items.items():
        con.execute("INSERT OR REPLACE INTO run_meta VALUES (?, ?)", [k, json.dumps(v, default=str)])


def published(table_id: str) -> dict:
    """{(row, column): (value, note)} from assets/reference/published_numbers.csv (a reader gets
    the table's citation: the publication and the table)."""
    return published_numbers().get(table_id, {})


def _label(row: dict, kommuner: dict, columns: tuple = ()) -> str:
    """A row's label: its `label` column, the spec's label columns, or for the long-format
    tables period · group · value."""
    labels = value_labels()
    if "label" in row:  # made in SQL: any code in it read by its name
        return named(str(row["label"]))
    if columns:  # a municipality's code is shown as its name (a kommune column, or vaerdi of dimension kommune)
        def name(c):
            v = str(row[c])
            if c == "kommune" or (c == "vaerdi" and row.get("dimension") == "kommune"):
                v = kommuner.get(v, v)
            return weeks.danish(labels.get(v, v))
        return " · ".join(name(c) for c in columns)
    value = kommuner.get(row["vaerdi"], row["vaerdi"]) if row.get("dimension") == "kommune" else row["vaerdi"]
    parts = [weeks.danish(str(row["periode"])), labels.get(row["kategori"], row["kategori"])]
    if value != "i_alt" or row.get("dimension") != "i_alt":
        parts.append(labels.get(value, value))
    return " · ".join(str(p) for p in parts)


def comparison(con, spec: ReportTable, scale: float) -> list[dict]:
    """Rows of a report table with, per column, reproduced (counts scaled for synthetic
    data), published and the difference. A row is found in the published numbers by
    its key columns (spec.key, joined by "|"), or, for a column the table compares with another
    of its own columns (`compare_with`: the register beside Jobindsats), in that column. Cells that
    disclosure control suppressed (as in publication/) are shown as "." and drawn as gaps."""
    pub = published(spec.id)
    kommuner = {str(k): n for k, n in con.execute("SELECT kommune, navn FROM kommuner").fetchall()} \
        if table_exists(con, "kommuner") else {}
    names, raw = table_rows(con, spec.id)
    hidden = suppressed_places(con, spec.id)
    out = []
    against = dict(spec.compare_with)
    for i, row in enumerate(raw):
        given = dict(row)  # as the table holds it, before the loop below overwrites shown columns
        row["label"] = _label(row, kommuner, spec.label_columns)
        row["short_label"] = row["label"].split(" · ")[-1]  # the ranking's bars name only the value
        row["is_total"] = (str(row.get("kategori", "")).startswith("i_alt") or row.get("vaerdi") in ("i_alt", "hele_landet")
                           or row.get("kommune") in ("hele_landet", "laveste_femtedel", "uoplyst"))
        key = "|".join(str(row[k]) for k in spec.key)
        row["cells"] = []
        for col in spec.columns:
            value = row[col.name]
            suppressed = (i, col.name) in hidden
            shown = None if suppressed or value is None else (value if col.share else value * scale)
            row[col.name] = shown  # the figures draw what the table shows (counts scaled; None = a gap)
            row[f"hidden_{col.name}"] = suppressed
            p = pub.get((key, col.name))
            if col.name in against:  # the table's own published column (public: never suppressed)
                v = given[against[col.name]]
                p = None if v is None else (v if col.share else v * scale, "")
            row[f"pub_{col.name}"] = p[0] if p else None
            row["cells"].append({
                "row": row["label"], "key": key, "column": col.name, "label": col.label, "share": col.share, "value": shown,
                "raw": value, "raw_row": given,
                "decimals": col.decimals, "suppressed": suppressed,
                "published": p[0] if p else None,
                "diff": None if p is None or shown is None else shown - p[0], "note": p[1] if p else "",
            })
        out.append(row)
    if spec.sort_by_size:  # by what the table shows: a hidden cell gives nothing away by its place
        col = spec.sort_by_size
        out.sort(key=lambda r: (r[col] is None, -abs(r[col] or 0)))
    return out


def _share_noise(spec: ReportTable, rows: list[dict], sp: dict) -> None:
    """Each published share cell of a synthetic run gets `noise` (two standard errors of a share of
    the synthetic persons in its denominator, calibration.share_noise; None where the denominator
    counts no persons) and `excess`, how far it lies beyond that."""
    from pipeline.disclosure.spec import SpecError, parse_table

    try:
        columns = parse_table(spec.id, spec.meta, spec.sql, sp).columns
    except SpecError:
        return
    raw = [r["cells"][0]["raw_row"] if r["cells"] else {} for r in rows]
    for k, col in enumerate(spec.columns):
        if col.kind != "share" or col.name not in columns:
            continue
        persons = calibration.share_persons(raw, columns[col.name], columns)
        for r, n in zip(rows, persons):
            c = r["cells"][k]
            if c["published"] is None or c["diff"] is None:
                continue
            c["noise"] = calibration.share_noise(c["published"], n)
            c["excess"] = max(abs(c["diff"]) - (c["noise"] or 0.0), 0.0)


@lru_cache(maxsize=1)
def _figure_code() -> str:
    """What a figure's pixels depend on besides its rows: the drawing code (figures.py, and this
    module that calls it) and matplotlib's version. Read when the first figure is drawn, not when
    the module is imported (loading the definitions needs neither)."""
    import matplotlib

    return cache.key(cache.source_of(figures, sys.modules[__name__]), matplotlib.__version__)


@dataclass(frozen=True)
class FigureJob:
    """A figure to draw: everything its pixels depend on, picklable for a worker process."""

    spec: ReportTable
    shown: list
    folder: Path
    title: str
    labels: dict
    synthetic: bool
    key: str
    targets: tuple


def _figure(spec: ReportTable, rows: list[dict], out: Path, fmt: dict, store: Cache,
            synthetic: bool = False) -> bool | FigureJob:
    """The table's figure: False if none of its rows is in the data (e.g. a year outside the
    extract); True if the same figure (same rows, labels and drawing code) is in the cache and was
    copied from it; else the job that draws it."""
    if not spec.figure:  # a table without a figure
        return False
    shown = rows
    if spec.only is not None:
        column, wanted = spec.only
        stored = fmt.machine() if hasattr(fmt, "machine") else fmt  # a filter compares with the stored values
        wanted = tuple(str(w).format_map(stored) for w in (wanted if isinstance(wanted, tuple) else (wanted,)))
        shown = [r for r in rows if str(r.get(column)) in wanted]
    if spec.kind in ("ranking", "scatter"):
        shown = [r for r in shown if not r["is_total"] and r.get("vaerdi") != "uoplyst"]
    if not shown:
        return False
    shown = [{k: v for k, v in r.items() if k != "cells"} for r in shown]  # the table's cells: not drawn
    title = spec.figure_title.format_map(fmt)
    labels = value_labels()
    targets = (out / "figures" / f"{spec.id}.png", out / "figures" / f"{spec.id}.svg")
    k = cache.key(_figure_code(), spec.id, spec.kind, spec.figure, spec.x, spec.series, spec.stack, spec.xlabel,
                  spec.percent, title, labels, shown, spec.source, synthetic)
    if store.get_files("figur", k, list(targets)):
        return True
    return FigureJob(spec, shown, out / "figures", title, labels, synthetic, k, targets)


def draw(job: FigureJob) -> None:
    """Draw one figure (in this process or a worker: the same code, the same bytes)."""
    spec, shown, folder, title, labels = job.spec, job.shown, job.folder, job.title, job.labels
    column, axis_label = spec.figure[0]
    with figures.caption(spec.source, job.synthetic):
        if spec.kind == "lines":
            figures.lines(shown, column, spec.x, spec.series, folder, spec.id, title, axis_label, spec.xlabel, labels,
                          percent=spec.percent)
        elif spec.kind == "stacked":
            figures.stacked(shown, spec.stack, spec.x, spec.series, folder, spec.id, title, spec.xlabel, labels)
        elif spec.kind == "matrix":
            figures.matrix(shown, column, folder, spec.id, title, labels)
        elif spec.kind == "scatter":
            figures.scatter(shown, f"pub_{column}", column, folder, spec.id, title, spec.xlabel, axis_label)
        elif spec.kind == "ranking":
            figures.ranking(shown, column, folder, spec.id, title, axis_label, percent=spec.percent)
        else:
            figures.published_vs_reproduced(shown, spec.figure, folder, spec.id, title)


def figure_workers() -> int:
    """Processes drawing figures: ALMP_FIGURE_WORKERS, default one per core up to 2 (matplotlib is
    single-threaded; drawing is the report's largest cost)."""
    return max(1, int(os.environ.get("ALMP_FIGURE_WORKERS", min(2, os.cpu_count() or 1))))


def draw_all(jobs: list[FigureJob], store: Cache) -> None:
    """Draw the figures the cache did not have, in worker processes when there are enough to pay
    for starting them (a process imports matplotlib in about a second), then keep them in the cache."""
    workers = figure_workers()
    if workers > 1 and len(jobs) >= 6:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from concurrent.futures.process import BrokenProcessPool

        try:  # spawn, not fork: the parent holds DuckDB and Dagster's threads
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=tune_gc) as pool:
                list(pool.map(draw, jobs, chunksize=1))
        except (BrokenProcessPool, OSError):  # no worker processes here (a restricted host): draw them in turn
            for job in jobs:
                draw(job)
    else:
        for job in jobs:
            draw(job)
    for job in jobs:
        store.put_files("figur", job.key, list(job.targets))


def _section(con, spec: ReportTable, scale: float, out: Path, fmt: dict, draw: bool, store: Cache,
             synthetic: bool = False, sp: dict | None = None) -> dict:
    rows = comparison(con, spec, scale)
    if synthetic:
        _share_noise(spec, rows, sp or {})
    figure = _figure(spec, rows, out, fmt, store, synthetic) if draw else (out / "figures" / f"{spec.id}.png").exists()
    has_figure = bool(figure)
    # the summary compares like with like: shares in percentage points; counts relatively, where the
    # published count is large enough for a per cent to mean something; other measures (means, ranks,
    # hours per person) in their own unit
    kinds = {c.name: c.kind for c in spec.columns}
    floor = float(fmt.get("summary_min_count", 1000))
    published = [c for r in rows for c in r["cells"] if c["published"] is not None]
    compared = [c for c in published if c["diff"] is not None]
    shares = [c for c in compared if kinds[c["column"]] == "share"]
    stocks = [(f"{c['row']}, {c['label']}", c["diff"] / c["published"] * 100) for c in compared
              if kinds[c["column"]] in ("persons", "magnitude") and abs(c["published"]) >= floor]
    others = [c for c in compared if kinds[c["column"]] not in ("share", "persons", "magnitude")]
    return {
        "id": spec.id, "title": spec.title.format_map(fmt), "source": spec.source,
        "rows": [r for r in rows if spec.html_every == 1 or int(r[spec.x]) % spec.html_every == 0][:spec.html_rows],
        "figure_declared": bool(spec.figure),
        "n_rows": len(rows),
        "columns": spec.columns, "notes": [n.format_map(fmt) for n in spec.notes], "long": spec.collapse_table,
        "row_header": spec.row_header, "has_figure": has_figure, "sheet": sheet_name(spec.id),
        "figure_job": figure if isinstance(figure, FigureJob) else None,
        "n_published": len(published), "published_cells": published,
        "compared": {c["column"] for c in published},
        "n_suppressed": len(suppressed_places(con, spec.id)),
        "sql_path": spec.sql, "sql": (ROOT / spec.sql).read_text(encoding="utf-8"), "inputs": spec.inputs,
        "shares": shares, **_share_stats(shares),
        "max_stock_diff": max(stocks, key=lambda t: abs(t[1]), default=None),
        "max_other_diff": max(others, key=lambda c: abs(c["diff"]), default=None),
    }


def _share_stats(shares: list[dict]) -> dict:
    """The summary's columns over a table's compared shares: the largest and the mean absolute
    difference, the five largest, and (synthetic data) the largest beyond the share's sampling noise,
    as a share of few synthetic persons can be far off by chance."""
    return {
        "max_share_diff": max((abs(c["diff"]) for c in shares), default=None),
        "mean_share_diff": sum(abs(c["diff"]) for c in shares) / len(shares) if shares else None,
        "worst": sorted(shares, key=lambda c: (-c.get("excess", abs(c["diff"])), -abs(c["diff"])))[:5],
        "max_share_excess": max((c.get("excess", abs(c["diff"])) for c in shares), default=None),
    }


def _mark_targets(sections: list[dict], fit: list[dict]) -> None:
    """On synthetic data, mark each compared share that is one of the model's declared targets
    (calibration.evaluate's rows): fitted to (kalibreringsmål) or held out (kontrolmål), and whether
    the model misses its band there. The summary's table of differences then leaves out the cells
    where the model misses its band (`model_misses` keeps them; the summary shows them apart, as the
    model's misfit, not a difference of the statistic to explain) and ranks the tables by the rest."""
    by_place = {(r["table_id"], r["noegle"], r["kolonne"]): r for r in fit}
    for s in sections:
        kept, missed = [], []
        for c in s["shares"]:
            r = by_place.get((s["id"], c["key"], c["column"]))
            if r is not None:
                kind = "kalibreringsmål" if r["saet"] == "kalibrering" else "kontrolmål"
                c["maal"] = kind + (", uden for båndet" if r["inden_for"] is False else "")
            (missed if r is not None and r["inden_for"] is False else kept).append(c)
        s["model_misses"] = missed
        s.update(_share_stats(kept))


def _reference_value(raw: str) -> str:
    """A carried value as the source prints it: a number in Danish form with the source's
    decimals (164.2 -> 164,2; 116430 -> 116.430), a text (a literature table's +, 0, -) as is."""
    try:
        value = float(raw)
    except ValueError:
        return raw
    return danish(value, len(raw.split(".")[1]) if "." in raw else 0)


def reference_tables() -> list[dict]:
    """Tables carried from the sources as they are (not register statistics: surveys,
    accounts, rules, Jobindsats measures that need data DREAM lacks), from
    assets/reference/reference_tables.csv: one dict per table with its rows and columns (each
    cell: the value as printed, its source (the publication) and a note, e.g. the source's own arithmetic slip)."""
    import csv

    with open(REFERENCE / "reference_tables.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    tables: dict[str, dict] = {}
    for r in rows:
        t = tables.setdefault(r["table_id"], {"id": r["table_id"], "title": r["title"], "kind": r["kind"],
                                             "source": r["source"], "columns": [], "rows": {}, "notes": []})
        if r["column"] not in t["columns"]:
            t["columns"].append(r["column"])
        note = r.get("note") or ""
        t["rows"].setdefault(r["row"], {})[r["column"]] = (_reference_value(r["value"]), t["source"], note)
        if note:
            t["notes"].append(f"{r['row']} · {r['column']}: {note}")
    return list(tables.values())


def _fmt_cell(value, share: bool, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return danish(value, decimals) if share else danish(value)


def _fetch(con, table: str, sql: str, empty: list) -> list:
    """The rows of sql, or `empty` when the run did not build `table` (a partial run, a
    missing optional extract)."""
    return con.execute(sql).fetchall() if table_exists(con, table) else empty


def _quality(con) -> dict:
    return {
        "files": _fetch(con, "ingest_files", "SELECT * FROM ingest_files ORDER BY extract, file", []),
        "rejects": _fetch(con, "ingest_rejects", "SELECT extract, file, row_word, \"row\", pnr, reason FROM ingest_rejects "
                          "ORDER BY extract, file, \"row\" LIMIT 50", []),
        "n_rejects": _fetch(con, "ingest_rejects", "SELECT count(*) FROM ingest_rejects", [(0,)])[0][0],
        "unknown": [(c, w, p, weeks.label(f), weeks.label(t))
                    for c, w, p, f, t in _fetch(con, "dq_unknown_codes", "SELECT * FROM dq_unknown_codes", [])],
        "visitation": _fetch(con, "dq_visitation", "SELECT * FROM dq_visitation", []),
        "sanctions": _fetch(con, "dq_sanctions", "SELECT measure, value FROM dq_sanctions ORDER BY ord", []),
        "loentimer": _fetch(con, "dq_loentimer", "SELECT measure, value FROM dq_loentimer", []),
        "extract": _fetch(con, "dream_extract", "SELECT * FROM dream_extract", [None])[0],
        "persons": _fetch(con, "persons", "SELECT count(*) FROM persons", [(0,)])[0][0],
        "activation_source": _fetch(con, "activation_runs", "SELECT coalesce(any_value(source), 'ingen') "
                                    "FROM activation_runs", [(None,)])[0][0],
    }


# the site's pages besides one per table: file -> (heading, the part of templates/parts.html.j2)
PAGES = {"kalibrering.html": ("Den syntetiske models kalibrering", "calibration"),
         "kilder.html": ("Gengivet fra kilderne (ikke beregnet)", "reference"),
         "revisioner.html": ("Revisioner", "revisions"), "datakvalitet.html": ("Datakvalitet", "quality"),
         "noter.html": ("Noter og valg", "notes"), "proveniens.html": ("Proveniens", "provenance")}
PRINT_PAGE = "udskrift.html"  # the whole report on one page: for printing, and report.pdf
EXTRACT_NAMES = {"dream": "DREAM", "visitation": "Visitation", "sanctions": "Sanktioner", "loentimer": "Løntimer",
                 "activation": "Aktivering", "jobindsats": "Jobindsats"}


def _png_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height from its header, so the page keeps the image's place before it loads."""
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _note(text: str) -> Markup:
    """A note as HTML: escaped, with `backticked` names (a table, a file) set as code."""
    parts = str(text).split("`")
    return Markup("".join(str(escape(p)) if i % 2 == 0 else f"<code>{escape(p)}</code>" for i, p in enumerate(parts)))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(ASSETS / "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.filters["dk"] = _fmt_cell
    env.filters["dk1"] = lambda v: "–" if v is None else danish(v, 1)
    env.filters["dk0"] = lambda v: "–" if v is None else danish(float(v), 0)
    env.filters["week"] = lambda w: weeks.danish(str(w))
    env.filters["note"] = _note
    env.filters["named"] = named
    return env


def render_report(con: duckdb.DuckDBPyConnection, out: Path, draw_figures: bool | None = None,
                  extra: tuple[str, ...] = (), store: Cache | None = None, pages: bool = True) -> Path:
    """Write the site in report/ (index.html with the summary, contents and search; a page per
    table; the pages of PAGES; udskrift.html, all of it on one page) and run.json, and the figures
    unless draw_figures is False (they are drawn already) or, by default, ALMP_FIGURES=0 is set
    (quick runs: the test suite sets it except where it tests the figures). Figures come from
    `store` when drawn before from the same rows (no store: all are drawn). pages=False draws the
    figures only (almp run writes the pages once, after the run). Returns index.html."""
    from pipeline.report.pdf import will_print

    if draw_figures is None:
        draw_figures = os.environ.get("ALMP_FIGURES", "1") != "0"
    out = Path(out)
    if not pages and not draw_figures:  # nothing to do here: the pages come later
        return out / "report" / "index.html"
    meta = read_meta(con)
    synthetic = meta.get("synthetic")
    scale = float(synthetic["persons_per_synthetic_person"]) if synthetic else 1.0
    parameters = meta.get("parameters", {})
    fmt = Params({**meta.get("sql_variables", {}), **parameters})
    extra = extra or tuple(d for d in str(parameters.get("models_dir", "")).split(",") if d)
    specs = [spec for spec in report_tables(extra) if table_exists(con, spec.id)]
    clash = sorted({spec.id + ".html" for spec in specs} & (set(PAGES) | {"index.html", PRINT_PAGE}))
    if clash:
        raise ValueError(f"a table's page would replace a page of the report: {', '.join(clash)}; rename the model")
    store = store or Cache(None)
    shared = spaces(extra) if synthetic else {}
    sections = [_section(con, spec, scale, out, fmt, draw_figures, store, bool(synthetic), shared) for spec in specs]
    draw_all([job for s in sections if (job := s.pop("figure_job"))], store)
    folder = out / "report"
    if not pages:
        return folder / "index.html"
    for s, spec in zip(sections, specs):
        s["chapter"], s["chapter_id"] = chapter_title(spec.chapter), f"kapitel-{spec.chapter}"
        s["figure_size"] = _png_size(out / "figures" / f"{spec.id}.png") if s["has_figure"] else None
    # on synthetic data: the model's fit to its declared targets, apart from the tables' differences
    fit = calibration.evaluate({s["id"]: s["published_cells"] for s in sections}) if synthetic else None
    if fit:
        _mark_targets(sections, fit)
    # the summary lists the tables that land farthest from the published numbers first; on synthetic
    # data farthest beyond the shares' sampling noise
    by = "max_share_excess" if synthetic else "max_share_diff"
    summary = sorted(sections, key=lambda s: (-(s[by] if s[by] is not None else -1), s["id"]))
    ctx = {
        "title": "Borgere i udkanten af arbejdsmarkedet – reproducerede registertabeller",
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "code_version": meta.get("code_version") or code_version(),
        "synthetic": synthetic, "scale": scale, "parameters": parameters,
        "summary_min_count": parameters.get("summary_min_count", 1000),
        "sql_variables": meta.get("sql_variables", {}), "timings": meta.get("timings", {}),
        "sections": sections, "summary": summary, "quality": _quality(con), "reference_tables": reference_tables(),
        "revisions": meta.get("revisions"), "previous_run": meta.get("previous_run"),
        "recomputed": meta.get("recomputed"), "periods_recomputed": meta.get("periods_recomputed"),
        "shards": meta.get("shards", 1), "titles": {s["id"]: s["title"] for s in sections},
        "extract_names": EXTRACT_NAMES, "pdf": will_print(),
        # the pages besides the tables' (file, heading, part), in the site's order; revisions only after a previous run
        "pages": [(name, heading, part) for name, (heading, part) in PAGES.items()
                  if (part != "revisions" or meta.get("revisions") is not None) and (part != "calibration" or fit)],
        "calibration": fit, "units": calibration.UNITS,
        "calibration_status": calibration.status(fit) if fit is not None else None,
        "model_misses": calibration.misses(fit) if fit else [],
        "excluded_types": fmt["sanction_excluded_types"] or "ingen",  # by their names, as Params reads a list
        "single": False,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):  # a re-render: no page of a table the warehouse no longer has
        old.unlink()
    env = _environment()
    pages = {"index.html": env.get_template("index.html.j2").render(**ctx),
             PRINT_PAGE: env.get_template("print.html.j2").render({**ctx, "single": True})}
    table = env.get_template("table.html.j2")
    for i, s in enumerate(sections):
        pages[f"{s['id']}.html"] = table.render(**ctx, s=s, prev=sections[i - 1] if i else None,
                                                next=sections[i + 1] if i + 1 < len(sections) else None)
    page = env.get_template("page.html.j2")
    for name, heading, part in ctx["pages"]:
        pages[name] = page.render(**ctx, heading=heading, part=part)
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
    if fit:
        calibration.write_csv(fit, folder / "kalibrering.csv")
    else:  # a report on register data after one on synthetic data keeps no calibration
        (folder / "kalibrering.csv").unlink(missing_ok=True)
    for name in ("style.css", "site.js"):
        shutil.copyfile(ASSETS / "templates" / name, folder / name)
    write_run_json(out, meta, ctx)
    return folder / "index.html"


def write_run_json(out: Path, meta: dict, ctx: dict) -> Path:
    q = ctx["quality"]
    files_cols = ["extract", "file", "format", "rows_in", "accepted", "rejected", "ignored_columns", "bytes", "sha256"]
    run = {
        "code_version": ctx["code_version"],
        "parameters": ctx["parameters"],
        "sql_variables": ctx["sql_variables"],
        "synthetic": ctx["synthetic"],
        "data_dir": meta.get("data_dir"),
        "inputs": [dict(zip(files_cols, f)) for f in q["files"]],
        "rows_rejected": q["n_rejects"],
        "unknown_codes": [{"code": c, "weeks": w, "persons": p} for c, w, p, _, _ in q["unknown"]],
        "timings_seconds": ctx["timings"],
        "started": meta.get("started"), "finished": meta.get("finished"),
        "fingerprint": meta.get("fingerprint"), "previous_run": meta.get("previous_run"),
        "recomputed": meta.get("recomputed"),
        # a new delivery: the first week each changed extract differs from, and the tables by period's first
        # quarter recomputed (pipeline/delivery.py)
        "periods_recomputed": meta.get("periods_recomputed"),
        "shards": meta.get("shards", 1),  # the person-level models computed in this many person shards
        "calibration": {k: {n: v for n, v in st.items() if n != "vaerste"}
                        for k, st in (ctx.get("calibration_status") or {}).items()} or None,
        "revisions": {k: v for k, v in (meta.get("revisions") or {}).items() if k != "first"} or None,
        "outputs": sorted(str(p.relative_to(out)) for p in out.rglob("*")
                          if p.is_file() and p.parts[len(out.parts)] in ("tables", "figures", "report")),
    }
    path = out / "run.json"
    path.write_text(json.dumps(run, indent=2, default=str), encoding="utf-8")
    return path
