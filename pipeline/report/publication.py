"""The publication outputs: publication/<table_id>.csv, report.xlsx and disclosure.json, every
report table after disclosure control (pipeline/disclosure, docs/METODE.md "Diskretionering").

Disclosure control runs once over all report tables (`run_disclosure`, the `disclosure`
asset): its suppressed cells and its audit are stored in the warehouse
(disclosure_suppressed, disclosure_audit), so that the HTML report, the figures and the
publication show the same cells; the publication asset runs only when the audit passed.

The workbook follows the UK's accessible-spreadsheet guidance as gptables implements it (cover,
contents, notes; per sheet title, source, notes above a single header row; Excel tables;
number formats by kind), but is written with openpyxl: gptables takes pandas frames and writes
through XlsxWriter, two more dependencies for what is here a cell-by-cell job (a suppressed "."
among numbers, a format per column kind), and openpyxl is what the tests read it back with.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.cache import Cache
from pipeline.disclosure import SUPPRESSED, Outcome, Rules, Table, protect, published_rows
from pipeline.disclosure.spec import Space, SpecError, parse_space, parse_table
from pipeline.errors import AlmpError
from pipeline.models import discover
from pipeline.report.catalogue import Params, ReportTable, report_tables
from pipeline.report.figures import danish
from pipeline.warehouse import table_exists


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[dict]]:
    """A table's column names and its rows as dicts (in its stored order)."""
    cur = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    return names, [dict(zip(names, r)) for r in cur.fetchall()]


def spaces(extra: tuple[str, ...] = ()) -> dict[str, Space]:
    """The shared spaces of cells, from every model's `defines_space`."""
    out = {}
    for m in discover(extra):
        d = m.meta.get("defines_space")
        if d:
            s = parse_space(d, str(m.path.with_suffix(".yml")))
            if s.name in out:
                raise AlmpError(f"{m.path.with_suffix('.yml')}: space {s.name} is defined twice")
            out[s.name] = s
    return out


def disclosure_tables(con: duckdb.DuckDBPyConnection, specs: tuple[ReportTable, ...],
                      extra: tuple[str, ...] = ()) -> tuple[list[Table], dict[str, Space]]:
    sp = spaces(extra)
    tables = []
    for spec in specs:
        if not table_exists(con, spec.id):
            continue
        names, rows = table_rows(con, spec.id)
        where = spec.sql.replace(".sql", ".yml")
        try:
            tspec = parse_table(spec.id, spec.meta, where, sp)
        except SpecError as e:
            raise AlmpError(str(e)) from None
        undeclared = [c for c in names if not c.startswith("_") and c not in tspec.columns]
        if undeclared:
            raise AlmpError(f"{where}: column(s) {', '.join(undeclared)} of {spec.id} have no kind (columns: ...)")
        tables.append(Table(spec.id, names, rows, tspec))
    return tables, sp


def rules_of(settings) -> Rules:
    return Rules(min_cell=settings.min_cell, dominance_pct=settings.dominance_pct,
                 magnitude_protection_pct=settings.magnitude_protection_pct,
                 secondary=settings.secondary_suppression)


def run_disclosure(con: duckdb.DuckDBPyConnection, rules: Rules, extra: tuple[str, ...] = (),
                   store: Cache | None = None) -> Outcome:
    """Protect every report table at once; store what is suppressed and the audit."""
    tables, sp = disclosure_tables(con, report_tables(extra), extra)
    try:
        out = protect(tables, sp, rules, store)
    except SpecError as e:
        raise AlmpError(f"disclosure control: {e}") from None
    cells = out.system.cells
    kinds = {}
    for c in out.suppressed:
        for p in cells[c].places:
            kinds[p] = "primær" if cells[c].primary else "sekundær"
    rows = []
    for p in sorted(out.places):
        rows.append((p[0], p[1], p[2], kinds.get(p, "afledt")))
    _store(con, "disclosure_suppressed", ["table_id", "row_no", "column_name", "kind"], rows)
    level = {i: rules.level(cells[i].kind, cells[i].value or 0.0) for i in out.suppressed}
    audit_rows = []
    for c in sorted(out.suppressed):
        lo, hi = out.intervals[c]
        table = cells[c].places[0][0] if cells[c].places else c[0]
        audit_rows.append((table, c[0], "|".join(c[1]), c[2], cells[c].kind, cells[c].primary or "sekundær",
                           lo, None if hi == float("inf") else hi, level[c], hi - lo >= level[c] - 1e-9))
    _store(con, "disclosure_audit", ["table_id", "namespace", "row_key", "cell", "kind", "reason", "low", "high",
                                     "level", "protected"], audit_rows)
    return out


def _store(con: duckdb.DuckDBPyConnection, name: str, columns: list[str], rows: list[tuple]) -> None:
    """A table of Python rows (through Arrow: executemany is slow)."""
    import pyarrow as pa

    data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)}) if rows else None
    if data is None:
        con.execute(f"CREATE OR REPLACE TABLE {name} ({', '.join(c + ' VARCHAR' for c in columns)})")
        return
    con.register("_rows", data)
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _rows")
    con.unregister("_rows")


def suppressed_places(con: duckdb.DuckDBPyConnection, table_id: str) -> set[tuple[int, str]]:
    """(row number, column) of the table's suppressed cells; empty before disclosure ran."""
    if not table_exists(con, "disclosure_suppressed"):
        return set()
    return {(r, c) for r, c in con.execute("SELECT row_no, column_name FROM disclosure_suppressed WHERE table_id = ?",
                                           [table_id]).fetchall()}


def _decimals(columns: dict) -> dict:
    """Published shares rounded to one decimal (a 0-1 fraction to three), means to one decimal. The
    columns are the table's parsed declaration (`parse_table`), so a column of a shared space has
    its kind there."""
    out = {}
    for name, c in columns.items():
        if c.kind == "share":
            out[name] = 3 if float(c.scale) == 1 else 1
        elif c.kind == "mean":
            out[name] = 1
    return out


def protected_rows(con: duckdb.DuckDBPyConnection, spec: ReportTable, columns: dict) -> tuple[list[str], list[dict]]:
    names, rows = table_rows(con, spec.id)
    places = {(spec.id, r, c) for r, c in suppressed_places(con, spec.id)}
    return [c for c in names if not c.startswith("_")], published_rows(Table(spec.id, names, rows, None), places,
                                                                       _decimals(columns))


def _danish(v) -> str:
    """A value as Danish Excel reads it: a decimal comma, no thousands separator; text as is."""
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v).replace(".", ",") if v == v and abs(v) != float("inf") else ""
    return str(v)


def write_danish_csv(path: Path, names: list[str], rows: list[dict]) -> None:
    """publication/'s CSV for Danish Excel: ';'-separated, decimal comma, UTF-8 with a BOM (so æøå
    open right), CRLF. tables/ keeps the machine-readable CSV and Parquet."""
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(names)
        w.writerows([[_danish(r[c]) for c in names] for r in rows])


def read_danish_csv(path: Path) -> list[dict]:
    """The rows of a publication CSV, numbers back with a decimal point (for checks and tests)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    for r in rows:
        for c, v in r.items():
            if v and "," in v:
                try:
                    float(v.replace(",", "."))
                except ValueError:
                    continue
                r[c] = v.replace(",", ".")
    return rows


def write_publication(con: duckdb.DuckDBPyConnection, out: Path, meta: dict, rules: Rules,
                      extra: tuple[str, ...] = ()) -> dict:
    """publication/<id>.csv for every report table, publication/report.xlsx and disclosure.json."""
    folder = Path(out) / "publication"
    folder.mkdir(parents=True, exist_ok=True)
    tables, stats = [], {}
    per_table = meta.get("disclosure", {}).get("tables", {})
    sp = spaces(extra)  # with a researcher's own spaces: every table's declaration parses as in disclosure control
    for spec in report_tables(extra):
        if not table_exists(con, spec.id):
            continue
        columns = parse_table(spec.id, spec.meta, spec.sql, sp).columns
        names, pub = protected_rows(con, spec, columns)
        write_danish_csv(folder / f"{spec.id}.csv", names, pub)
        tables.append((spec, names, pub, columns))
        stats[spec.id] = {"rows": len(pub), "suppressed_cells": sum(1 for r in pub for v in r.values() if v == SUPPRESSED)}
    write_disclosure_json(folder / "disclosure.json", meta, rules, per_table)
    write_workbook(folder / "report.xlsx", tables, meta, rules, per_table)
    return stats


def write_disclosure_json(path: Path, meta: dict, rules: Rules, per_table: dict) -> Path:
    """For the output checker: per table the rules, the primary and secondary cells, the audit's
    narrowest interval; the parameters."""
    doc = {
        "rules": {"min_cell": rules.min_cell, "dominance_pct": rules.dominance_pct,
                  "magnitude_protection_pct": rules.magnitude_protection_pct,
                  "secondary_suppression": rules.secondary},
        "method": "Primære celler: personantal under min_cell; størrelser (timer, kroner, uger, sanktioner) der hviler "
                  "på færre end min_cell personer eller hvor én person har over dominance_pct pct.; andele og "
                  "gennemsnit følger de celler, de hviler på. Sekundære celler vælges af et heltalsprogram over "
                  "tabellernes erklærede relationer (HiGHS). Revision: hver skjult celle afgrænses ved lineær "
                  "programmering ud fra alle viste celler og relationer; intervallet skal være mindst min_cell "
                  "bredt (størrelser: magnitude_protection_pct pct. af værdien).",
        "code_version": meta.get("code_version"),
        "synthetic": bool(meta.get("synthetic")),
        "tables": per_table,
        "audit": meta.get("disclosure", {}).get("audit", {}),
    }
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def check_publication(folder: Path, min_cell: int, extra: tuple[str, ...] = ()) -> list[str]:
    """Every published person count is 0, suppressed or at least min_cell: the list of offenders."""
    sp = spaces(extra)
    bad = []
    for spec in report_tables(extra):
        path = Path(folder) / f"{spec.id}.csv"
        if not path.exists():
            continue
        columns = parse_table(spec.id, spec.meta, spec.sql, sp).columns
        for i, r in enumerate(read_danish_csv(path), start=2):
            for c, v in r.items():
                if c in columns and columns[c].for_row(r).kind == "persons" and v not in ("", SUPPRESSED) \
                        and 0 < float(v) < min_cell:
                    bad.append(f"{path.name} row {i} {c} = {v}")
    return bad


# the sheets' names for the key columns (the other columns have their labels in the table's metadata)
KEY_NAMES = {"periode": "Periode", "aar": "År", "kommune": "Kommune", "kategori": "Ydelse", "gruppe": "Gruppe",
             "maal": "Mål", "vaerdi": "Værdi", "dimension": "Opdeling", "ydelse": "Ydelse", "koen": "Køn",
             "familie": "Ydelsesfamilie", "kilde": "Forsørgelseskilde", "herkomst": "Herkomst", "navn": "Navn",
             "label": "Betegnelse", "uge": "Uge", "nr": "Nr.", "tilbud": "Tilbud", "sektor": "Sektor",
             "tabel_id": "Jobindsats-tabel", "maaling": "Måling (Jobindsats)", "figur": "I figuren"}
FORMATS = {"share": "0.0", "mean": "0.0", "persons": "#,##0", "magnitude": "#,##0", "constant": "#,##0"}


def sheet_name(table_id: str) -> str:
    """A table's sheet in report.xlsx (Excel allows 31 characters), as the report's pages name it."""
    return table_id[:31]


def _table_sheet(wb, spec: ReportTable, names: list[str], rows: list[dict], columns: dict, fmt: Params,
                 scale: float) -> str:
    """One table as a statistics office publishes it: title, source, notes and the '.' rule above;
    Danish column headers with units; codes as names, periods as Danish statistics write them;
    numbers formatted by their kind (years plain, ranks whole, shares one decimal, counts with
    thousands separators), counts scaled as in the report; a frozen header and an Excel table."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableStyleInfo

    from pipeline import weeks
    from pipeline.report.catalogue import value_labels

    ws = wb.create_sheet(sheet_name(spec.id))
    title = spec.title.format_map(fmt)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([f"Kilde: {spec.source}"])
    for n in spec.notes:
        ws.append([n.format_map(fmt)])
    ws.append([f"'{SUPPRESSED}' = skjult af hensyn til diskretionering (arket Diskretionering). "
               f"SQL: {spec.sql}; bygger på {spec.inputs}."])
    ws.append([])
    shown = {c.name: c for c in spec.columns}
    labels, kommuner = value_labels(), _kommune_names()
    meta_columns = spec.meta.get("columns", {})

    def is_scaled(name: str) -> bool:  # as the report scales them: counts and sums, or as the metadata says
        c = meta_columns.get(name)
        if isinstance(c, dict) and "scaled" in c:
            return bool(c["scaled"])
        return (columns[name].kind if name in columns else "key") in ("persons", "magnitude")

    scaled_columns = {n for n in names if is_scaled(n)}
    header, seen = [], set()
    for c in names:
        col = shown.get(c)
        h = (col.label + (f" ({col.unit})" if col.unit else "")) if col else KEY_NAMES.get(c, _readable(c))
        while h in seen:  # an Excel table wants unique headers
            h += " "
        seen.add(h)
        header.append(h)
    ws.append(header)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    decimals = _decimals(columns)
    for row_no, r in enumerate(rows, start=header_row + 1):
        values = []
        for c in names:
            v = r[c]
            spec_c = columns.get(c)
            kind = spec_c.for_row(r).kind if spec_c is not None else "key"
            scaled = c in scaled_columns
            if isinstance(v, bool):
                v = "ja" if v else "nej"
            elif isinstance(v, str) and v != SUPPRESSED:
                if c == "kommune" or (c == "vaerdi" and r.get("dimension") == "kommune"):
                    v = kommuner.get(v, v)
                v = weeks.danish(labels.get(v, v))
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and scale != 1.0 and scaled:
                v = round(v * scale)
            values.append((v, kind))
        ws.append([v for v, _ in values])
        for j, (c, (v, kind)) in enumerate(zip(names, values), start=1):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if kind in ("share", "mean") and c in decimals:
                    f = "0." + "0" * decimals[c]
                elif kind in FORMATS:
                    f = FORMATS[kind]
                else:  # keys (years, weeks), ranks and other derived values: whole or with their decimals
                    d = shown[c].decimals if c in shown else 0
                    f = "0" if d == 0 or float(v).is_integer() and c not in shown else "0." + "0" * d
                ws.cell(row=row_no, column=j).number_format = f
            elif v == SUPPRESSED:
                ws.cell(row=row_no, column=j).alignment = Alignment(horizontal="right")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for j, h in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(row=header_row, column=j).column_letter].width = max(10, min(32, len(h) + 2))
    if rows:
        last = ws.cell(row=header_row + len(rows), column=len(names)).coordinate
        t = XlTable(displayName="T_" + "".join(ch if ch.isalnum() else "_" for ch in spec.id),
                    ref=f"A{header_row}:{last}")
        t.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        ws.add_table(t)
    return title


def _readable(name: str) -> str:
    """A column without a label, named as a reader writes it: antal_med_ordinaere_timer -> Antal med ordinære
    timer (the warehouse's names spell æ, ø, å as ae, oe, aa)."""
    text = name.replace("_", " ").replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return text[:1].upper() + text[1:]


def _kommune_names() -> dict[str, str]:
    from pipeline import REFERENCE

    with open(REFERENCE / "kommuner.csv", encoding="utf-8") as f:
        return {r["kommune"]: r["navn"] for r in csv.DictReader(f)}


def write_workbook(path: Path, tables: list[tuple[ReportTable, list[str], list[dict], dict]], meta: dict, rules: Rules,
                   per_table: dict) -> Path:
    """The workbook in publication style: Forside, Indhold, Noter, Diskretionering, one sheet per
    table (title, source and notes above the data; numbers as numbers; '.' = suppressed)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    params = {**meta.get("sql_variables", {}), **meta.get("parameters", {})}
    fmt = Params(params)
    wb = Workbook()
    cover = wb.active
    cover.title = "Forside"
    synthetic = meta.get("synthetic")
    cover_rows = [
        ("Borgere i udkanten af arbejdsmarkedet – reproducerede registertabeller", True),
        ("almp: aktiv beskæftigelsespolitik, registerstatistik", False),
        ("", False),
        (f"Data: {'SYNTETISKE DATA (almp generate), ikke registerdata' if synthetic else meta.get('data_dir', '')}", False),
        (f"Referenceuge: {params.get('reference_week', '')}; diskretionering: celler under {rules.min_cell} personer "
         f"og celler, de kunne udledes af, vises som '{SUPPRESSED}'", False),
        (f"Dannet: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; kodeversion: "
         f"{meta.get('code_version', '')}", False),
        (f"Kontakt: {params['kontakt']}" if params.get("kontakt") else "Kontakt: ikke oplyst (parameteren kontakt)",
         False),
    ]
    if synthetic:
        cover_rows.append((f"Antal og størrelser er opskaleret til befolkningen 16–64 år (× "
                           f"{danish(float(synthetic['persons_per_synthetic_person']), 1)}) som i rapporten; "
                           "publication/*.csv har de uskalerede tal.", False))
    for i, (text, bold) in enumerate(cover_rows, start=1):
        cover.cell(row=i, column=1, value=text).font = Font(bold=bold, size=14 if i == 1 else 11)
    cover.column_dimensions["A"].width = 110
    contents = wb.create_sheet("Indhold")
    contents.append(["Ark", "Tabel", "Kilde"])
    for c in contents[1]:
        c.font = Font(bold=True)
    notes = wb.create_sheet("Noter")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 120
    notes.append(["Emne", "Note"])
    for c in notes[1]:
        c.font = Font(bold=True)
    notes.append(["Diskretionering", f"Ingen celle beskriver færre end {rules.min_cell} personer, og ingen skjult celle "
                  "kan udledes af de viste: små antal og størrelser, der hviler på få personer eller domineres af én "
                  f"person, vises som '{SUPPRESSED}'; flere celler skjules, hvor totaler, summer mellem kolonner, "
                  "rekursioner eller den samme celle i en anden tabel ellers ville afsløre dem, og en lineær "
                  "programmering har kontrolleret, at hver skjult celle ikke kan indsnævres til under "
                  f"{rules.min_cell} personer. Andele er afrundet til én decimal. Se arket Diskretionering. "
                  "De eksakte tabeller ligger i tables/ i det sikre miljø."])
    notes.append(["Uger", "ISO-uger; en uge hører til den måned, det kvartal og år, dens torsdag ligger i."])
    if synthetic:
        notes.append(["Syntetiske data", "Tallene er beregnet på syntetiske data og er ikke offentlig statistik."])
    disc = wb.create_sheet("Diskretionering")
    disc.append(["Tabel", "Rækker", "Skjulte celler", "Primære", "Sekundære", "Primære grunde",
                 "Snævreste interval (celle)", "Nedre", "Øvre", "Bredde ÷ krav"])
    for c in disc[1]:
        c.font = Font(bold=True)
    for tid, st in sorted(per_table.items()):
        n = st.get("narrowest") or {}
        disc.append([tid, st.get("rows"), st.get("cells_suppressed"), st.get("primary"), st.get("secondary"),
                     "; ".join(f"{k}: {v}" for k, v in (st.get("primary_reasons") or {}).items()),
                     n.get("cell"), n.get("low"), None if n.get("high") in (None, float("inf")) else n.get("high"),
                     None if n.get("width_over_level") in (None, float("inf")) else round(n["width_over_level"], 2)])
    disc.append([])
    disc.append([f"Regler: min_cell = {rules.min_cell}; dominans = {rules.dominance_pct:g} pct.; beskyttelse af "
                 f"størrelser = {rules.magnitude_protection_pct:g} pct. af værdien; sekundær undertrykkelse = "
                 f"{'ja' if rules.secondary else 'nej'}."])
    for col, width in zip("ABCDEFGHIJ", (26, 8, 14, 10, 11, 60, 40, 10, 10, 14)):
        disc.column_dimensions[col].width = width
    scale = float(synthetic["persons_per_synthetic_person"]) if synthetic else 1.0
    for spec, names, rows, columns in tables:
        title = _table_sheet(wb, spec, names, rows, columns, fmt, scale)
        contents.append([sheet_name(spec.id), title, spec.source])
        contents.cell(row=contents.max_row, column=1).hyperlink = f"#'{sheet_name(spec.id)}'!A1"
    contents.column_dimensions["A"].width = 22
    contents.column_dimensions["B"].width = 100
    contents.column_dimensions["C"].width = 60
    wb.save(path)
    return path
